/// A half-open range `[start, start + duration)` of whole frames.
///
/// Its arithmetic saturates at Int64's ends rather than trapping (`CheckedTime`): numbers are
/// range-checked where they enter, and a range that slipped past still cannot crash the editor.
///
/// Inside a timeline every position is a frame count at the timeline's rate, so ranges carry
/// no rate of their own; `TimeRange` pairs a range with a rate where one must travel alone
/// (interchange, media time bases).
public struct FrameRange: Hashable, Codable, Sendable, CustomStringConvertible {
    public var start: Int64
    public var duration: Int64

    public init(start: Int64, duration: Int64) {
        self.start = start
        self.duration = duration
    }

    public init(start: Int64, end: Int64) {
        self.init(start: start, duration: end.saturatingSubtracting(start))
    }

    /// One past the last frame.
    public var end: Int64 { start.saturatingAdding(duration) }
    public var isEmpty: Bool { duration <= 0 }

    public func contains(_ frame: Int64) -> Bool { frame >= start && frame < end }
    public func contains(_ other: FrameRange) -> Bool { other.start >= start && other.end <= end }
    public func overlaps(_ other: FrameRange) -> Bool { start < other.end && other.start < end }

    public func clamped(to bounds: FrameRange) -> FrameRange {
        let s = min(max(start, bounds.start), bounds.end)
        let e = max(min(end, bounds.end), s)
        return FrameRange(start: s, end: e)
    }

    public func shifted(by frames: Int64) -> FrameRange { FrameRange(start: start.saturatingAdding(frames), duration: duration) }

    /// `shifted`, or a `TimeOverflow` when the range would leave Int64.
    public func checkedShifted(by frames: Int64) throws(TimeOverflow) -> FrameRange {
        let s = try start.checkedAdding(frames, "\(self) shifted by \(frames)")
        _ = try s.checkedAdding(duration, "\(self) shifted by \(frames)")
        return FrameRange(start: s, duration: duration)
    }

    public var description: String { "[\(start),\(end))" }
}

/// A range of time at an explicit rate, for values that leave the timeline (interchange, media).
public struct TimeRange: Hashable, Codable, Sendable {
    public var start: RationalTime
    public var duration: RationalTime

    public init(start: RationalTime, duration: RationalTime) {
        self.start = start
        self.duration = duration
    }

    public init(_ frames: FrameRange, rate: Rate) {
        self.init(start: RationalTime(frames.start, rate), duration: RationalTime(frames.duration, rate))
    }

    public var end: RationalTime { RationalTime(start.rescaled(to: duration.rate).value.saturatingAdding(duration.value), duration.rate) }

    /// The frames at `rate` this range covers: the start rounds down to the frame containing it,
    /// the duration rounds to the nearest whole frame.
    public func frames(at rate: Rate) -> FrameRange {
        FrameRange(start: start.rescaled(to: rate, rounding: .down).value,
                   duration: duration.rescaled(to: rate, rounding: .nearest).value)
    }
}
