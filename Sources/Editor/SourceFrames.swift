import TimelineModel

/// The source monitor counts in its media's own frames for everything a user sees or types:
/// a step is one *source* frame (1/25 s for a 25 fps clip in a 30 fps sequence), timecodes are
/// the media's, and a typed time on the source monitor is read at the media's rate.
///
/// Positions and marks are still stored in sequence frames (what playback and the three-point
/// edit use); they go through `RateConform`, the one mapping, and are kept on the first sequence
/// frame of a media frame (an out mark on its last), so a mark names exactly one source frame.
extension Editor {
    /// The mapping for the media loaded in the source monitor (identity when none is loaded).
    public var sourceConform: RateConform {
        guard let s = context.source, let media = project.mediaReference(s.media) else {
            return RateConform(sequenceRate: timeline.rate, mediaRate: timeline.rate)
        }
        return media.conform(sequenceRate: timeline.rate)
    }

    /// Source timecode text at the media's own rate of a source monitor position (sequence frames).
    public func sourceTimecode(_ position: Int64) -> String {
        guard let s = context.source, let media = project.mediaReference(s.media) else {
            return Timecode.format(frame: position, rate: timeline.rate, dropFrame: timeline.dropFrame)
        }
        return media.sourceTimecode(atTimelineFrame: position, timeline: timeline)
    }

    /// A time argument on the source monitor, read at the media's own rate (timecodes are the
    /// media's, from its start timecode; `+1` is one media frame): the media frame it names.
    func sourceMediaFrame(_ args: Arguments, _ name: String) throws(CommandError) -> Int64? {
        guard let s = context.source, let media = project.mediaReference(s.media) else {
            return try args.time(name, in: timeline, relativeTo: context.source?.position ?? 0, startTimecode: 0)
        }
        let conform = media.conform(sequenceRate: timeline.rate)
        var local = timeline
        local.rate = conform.mediaRate
        local.dropFrame = media.countsDropFrame(in: timeline)
        let start = media.startTimecode(atOwnRate: conform.mediaRate)
        return try args.time(name, in: local, relativeTo: conform.mediaFrame(atSequenceFrame: s.position), startTimecode: start)
    }
}
