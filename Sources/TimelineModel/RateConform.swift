/// The one mapping between sequence (timeline) frames and a media's own frames, for media whose
/// rate differs from the sequence's (a 25 fps clip in a 30 fps sequence).
///
/// Mixed-rate media plays in real time, as in Premiere and Resolve: sequence frame `f` lasts
/// [f/R, (f+1)/R) seconds and shows the media frame whose interval holds the instant f/R, i.e.
/// **floor(f × r / R)** (R the sequence rate, r the media's). That frame is the source timecode
/// every view and every export names (Premiere shows the same: the media frame on screen). So at
/// 25 in 30, sequence frames 0…5 show media frames 0, 0, 1, 2, 3, 4 and frame 6 shows 5.
///
/// A clip's `source` stays in sequence frames (see `Clip`); a speed maps units to those first
/// (`ClipSpeed.mediaFrame(atUnit:)`), then this maps them to the media's frames. Nothing else
/// converts between the two rates.
public struct RateConform: Hashable, Sendable {
    public let sequenceRate: Rate
    public let mediaRate: Rate

    public init(sequenceRate: Rate, mediaRate: Rate) {
        self.sequenceRate = sequenceRate; self.mediaRate = mediaRate
    }

    public var isIdentity: Bool { sequenceRate == mediaRate }

    /// The media frame on screen at sequence frame `frame` (both counted from the media's first
    /// frame): floor(frame × r / R).
    public func mediaFrame(atSequenceFrame frame: Int64) -> Int64 {
        isIdentity ? frame : RationalTime(frame, sequenceRate).rescaled(to: mediaRate, rounding: .down).value
    }

    /// The first sequence frame that shows media frame `mediaFrame`: ceil(m × R / r). Stepping a
    /// source monitor by one media frame lands here, so a mark names exactly that frame.
    public func firstSequenceFrame(showing mediaFrame: Int64) -> Int64 {
        isIdentity ? mediaFrame : RationalTime(mediaFrame, mediaRate).rescaled(to: sequenceRate, rounding: .up).value
    }

    /// The last sequence frame that shows media frame `mediaFrame` (an inclusive out mark on it).
    /// When the media is faster than the sequence some media frames are never shown; then this
    /// is the frame before the first one showing a later frame, which may precede
    /// `firstSequenceFrame(showing:)` — callers clamp (see `SourceMonitor` marks).
    public func lastSequenceFrame(showing mediaFrame: Int64) -> Int64 {
        firstSequenceFrame(showing: mediaFrame + 1) - 1
    }
}

extension MediaReference {
    /// The mapping between a sequence at `sequenceRate` and this media's own frames.
    public func conform(sequenceRate: Rate) -> RateConform {
        RateConform(sequenceRate: sequenceRate, mediaRate: ownRate(timelineRate: sequenceRate))
    }

    /// The media's start timecode counted at its own rate (it is stored at `duration.rate`).
    public func startTimecode(atOwnRate own: Rate) -> Int64 {
        own == duration.rate ? startTimecode : RationalTime(startTimecode, duration.rate).rescaled(to: own, rounding: .nearest).value
    }
}
