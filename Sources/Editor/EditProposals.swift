import TimelineModel

/// Edits an automatic detector proposes (silences to cut, …) waiting for the editor's review:
/// shown on the timeline, stepped through, dropped one by one, then applied as one undo step
/// or cancelled. Not part of the project: nothing changes until `proposal-accept`.
public struct EditProposals: Sendable, Equatable {
    /// What accepting does with each range.
    public enum Action: Sendable, Equatable, CustomStringConvertible {
        /// A marker over each range (named after the detector, its duration the range's).
        case markers
        /// Cuts at both ends of each range; nothing is removed.
        case razor
        /// Each range shortened to this many frames (half kept at each side), closing up.
        case shorten(Int64)
        /// Each range removed from every acting track, closing up: linked picture stays in sync.
        case rippleDelete

        public var description: String {
            switch self {
            case .markers: return "markers"
            case .razor: return "razor"
            case .shorten(let frames): return "shorten=\(frames)"
            case .rippleDelete: return "ripple-delete"
            }
        }

        /// `markers`, `razor`, `ripple-delete` or `shorten=FRAMES` (the palette's words, frames resolved).
        public static func parse(_ word: String, frames: (String) throws(CommandError) -> Int64) throws(CommandError) -> Action {
            switch word {
            case "markers": return .markers
            case "razor": return .razor
            case "ripple-delete", "delete": return .rippleDelete
            default:
                guard word.hasPrefix("shorten=") else {
                    throw CommandError("action \"\(word)\": give markers, razor, shorten=DURATION (e.g. shorten=0.3s) or ripple-delete")
                }
                let value = try frames(String(word.dropFirst("shorten=".count)))
                guard value >= 0 else { throw CommandError("action \(word): a pause cannot be shortened to less than nothing") }
                return .shorten(value)
            }
        }
    }

    /// The detector's name, for messages and marker names ("silence").
    public var kind: String
    /// Record frames, sorted and not overlapping.
    public var ranges: [FrameRange]
    public var action: Action
    /// The tracks cuts act on.
    public var tracks: [Int]
    /// The range under review (an index into `ranges`).
    public var current: Int = 0
    /// The timeline the ranges were found on: after any other edit they no longer apply.
    public var basis: Timeline?

    public init(kind: String, ranges: [FrameRange], action: Action, tracks: [Int], basis: Timeline? = nil) {
        self.basis = basis
        self.kind = kind
        self.ranges = ranges.sorted { $0.start < $1.start }
        self.action = action
        self.tracks = tracks
    }

    /// Whether the ranges still describe `timeline` (no edit since the detection).
    public func applies(to timeline: Timeline) -> Bool { basis == nil || basis == timeline }

    /// "5 silences → ripple-delete, 00:00:03:12 saved · 2/5": what the status bar shows.
    public func summary(rate: Rate) -> String {
        let count = ranges.count
        var text = "\(count) \(kind)\(count == 1 ? "" : "s") → \(action)"
        if savedFrames > 0 { text += ", " + Timecode.format(frame: savedFrames, rate: rate, dropFrame: false) + " saved" }
        return text + " · \(current + 1)/\(count)"
    }

    /// Frames the timeline gets shorter by when accepted.
    public var savedFrames: Int64 {
        switch action {
        case .markers, .razor: return 0
        case .rippleDelete: return ranges.reduce(0) { $0 + $1.duration }
        case .shorten(let keep): return ranges.reduce(0) { $0 + max(0, $1.duration - keep) }
        }
    }

    /// Applies the ranges to `timeline`, last first so earlier ranges keep their frames.
    /// Returns notes on what could not be done (a razor where no clip is).
    public func apply(to timeline: inout Timeline) throws(EditError) -> [String] {
        try Self.apply(ranges: ranges, action: action, tracks: tracks, kind: kind, to: &timeline)
    }

    public static func apply(ranges: [FrameRange], action: Action, tracks: [Int], kind: String,
                             to timeline: inout Timeline) throws(EditError) -> [String] {
        let notes: [String] = []
        for (index, range) in ranges.sorted(by: { $0.start > $1.start }).enumerated() {
            switch action {
            case .markers:
                _ = timeline.addMarker(Marker(frame: range.start, name: "\(kind) \(ranges.count - index)", color: .red,
                                              duration: range.duration))
            case .razor:
                for frame in [range.end, range.start] {
                    // Only where a clip runs through the frame: a range at a clip's edge needs no cut there.
                    let cut = tracks.filter { t in
                        timeline.tracks[t].clips.contains { $0.record.start < frame && $0.record.start + $0.record.duration > frame }
                    }
                    if !cut.isEmpty { _ = try timeline.razor(at: frame, tracks: cut) }
                }
            case .shorten(let keep):
                guard range.duration > keep else { continue }
                let head = keep / 2
                _ = try timeline.extract(FrameRange(start: range.start + head, end: range.end - (keep - head)), tracks: tracks)
            case .rippleDelete:
                _ = try timeline.extract(range, tracks: tracks)
            }
        }
        return notes
    }

    /// `120+30,300+42`: the ranges as start+duration frames, for the journal line that replays an accept.
    public static func rangesText(_ ranges: [FrameRange]) -> String {
        ranges.map { "\($0.start)+\($0.duration)" }.joined(separator: ",")
    }

    public static func parseRanges(_ text: String) throws(CommandError) -> [FrameRange] {
        var ranges: [FrameRange] = []
        for part in text.split(separator: ",") {
            let pieces = part.split(separator: "+")
            guard pieces.count == 2, let start = Int64(pieces[0]), let duration = Int64(pieces[1]), start >= 0, duration > 0,
                  start <= TimeLimits.maxDerivedFrames, duration <= TimeLimits.maxDerivedFrames else {
                throw CommandError("ranges: \"\(part)\" is not START+DURATION in frames (e.g. 120+30)")
            }
            ranges.append(FrameRange(start: start, duration: duration))
        }
        let sorted = ranges.sorted { $0.start < $1.start }
        for (a, b) in zip(sorted, sorted.dropFirst()) where a.start + a.duration > b.start {
            throw CommandError("ranges: \(a.start)+\(a.duration) overlaps \(b.start)+\(b.duration)")
        }
        return sorted
    }
}
