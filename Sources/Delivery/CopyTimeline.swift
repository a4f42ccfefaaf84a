import Foundation
import Render
import TimelineModel

extension CopyPlan {
    /// One clip's part of the range to copy.
    struct Piece {
        var clip: Clip
        var reference: MediaReference
        /// Timeline frame where the part starts.
        var record: Int64
        /// Source frames (timeline rate, from the media's start) the part shows.
        var source: Range<Int64>
        var track: Int
    }

    /// The clips of the one picture track in `range`, end to end. A copy can only repeat
    /// packets, so anything that needs new pictures is refused with what to do instead:
    /// a second picture track, a gap or disabled clip (black), a transition, a speed change,
    /// a title, offline media.
    static func pictureClips(_ project: Project, range: Range<Int64>) throws(DeliveryError) -> [Piece] {
        let timeline = project.timeline
        func at(_ frame: Int64) -> String {
            Timecode.format(frame: timeline.startTimecode + frame, rate: timeline.rate, dropFrame: timeline.dropFrame)
        }
        let used = timeline.videoTracks.filter { t in
            !timeline.tracks[t].hidden && timeline.tracks[t].clips.contains { clip, record in
                clip.enabled && record.start < range.upperBound && record.end > range.lowerBound
            }
        }
        guard let track = used.first else {
            throw DeliveryError("nothing to copy: no picture in \(at(range.lowerBound))–\(at(range.upperBound)); a copy needs a video clip")
        }
        guard used.count == 1 else {
            let names = used.map { timeline.tracks[$0].name }.joined(separator: ", ")
            throw DeliveryError("a stream copy takes one picture track, and \(names) have clips in the range: "
                                + "hide the other tracks or render without --copy")
        }
        var pieces: [Piece] = []
        var expected = range.lowerBound
        for (clip, record) in timeline.tracks[track].clips {
            guard record.start < range.upperBound, record.end > range.lowerBound else { continue }
            let name = timeline.tracks[track].name
            if record.start > expected || !clip.enabled {
                let from = max(expected, range.lowerBound)
                throw DeliveryError("\(name) has \(clip.enabled ? "a gap" : "a disabled clip") at \(at(clip.enabled ? from : record.start)): "
                                    + "a copy cannot make black — close it or render without --copy")
            }
            if clip.media == Clip.generatedMedia {
                throw DeliveryError("'\(clip.name)' on \(name) at \(at(record.start)) is a title: a copy cannot draw it — render without --copy")
            }
            if clip.speed != nil {
                throw DeliveryError("'\(clip.name)' on \(name) at \(at(record.start)) has a speed change: a copy cannot retime — render without --copy")
            }
            let transitionEnd = record.end + (clip.transitionOut?.outOffset ?? 0)
            if let transition = clip.transitionOut, record.end - transition.inOffset < range.upperBound, transitionEnd > range.lowerBound {
                throw DeliveryError("'\(clip.name)' on \(name) has a \(transition.kind.rawValue) at \(at(record.end)): "
                                    + "a copy cannot mix pictures — remove it or render without --copy")
            }
            guard let reference = project.mediaReference(clip.media), !reference.isOffline,
                  FileManager.default.isReadableFile(atPath: reference.path) else {
                throw DeliveryError("'\(clip.name)' on \(name) at \(at(record.start)): its media is offline (relink it)")
            }
            let first = max(record.start, range.lowerBound), end = min(record.end, range.upperBound)
            let offset = clip.source.start + (first - record.start)
            pieces.append(Piece(clip: clip, reference: reference, record: first, source: offset..<(offset + end - first), track: track))
            expected = end
        }
        if expected < range.upperBound {
            throw DeliveryError("\(timeline.tracks[track].name) ends at \(at(expected)), before the range does: a copy cannot make black")
        }
        return pieces
    }

    /// What the timeline plays under a piece that a copy does not: the copy always carries
    /// the clip's own sound, cut where its picture is, at unity gain.
    static func timelineSoundWarnings(_ project: Project, piece: Piece) -> [String] {
        let timeline = project.timeline
        let span = FrameRange(start: piece.record, duration: Int64(piece.source.count))
        let audible = AudioMix.audibleTracks(timeline)
        var own = false, others: [String] = []
        var gain = piece.clip.gainDB != 0
        for t in timeline.audioTracks {
            for (clip, record) in timeline.tracks[t].clips where clip.enabled && record.overlaps(span) {
                let sameCut = clip.media == piece.clip.media && record.start <= span.start && record.end >= span.end
                    && clip.source.start - record.start == piece.source.lowerBound - piece.record && clip.speed == nil
                if sameCut && audible.contains(t) {
                    own = true
                    if clip.gainDB != 0 || timeline.tracks[t].volumeDB != 0 { gain = true }
                } else if !sameCut || !audible.contains(t) {
                    if !sameCut { others.append("'\(clip.name)' on \(timeline.tracks[t].name)") }
                }
            }
        }
        var warnings: [String] = []
        if !own {
            warnings.append("the timeline does not play this clip's own sound in sync here (muted, moved or a split edit): "
                            + "the copy carries it cut with the picture")
        }
        if !others.isEmpty {
            warnings.append("sound from " + Array(Set(others)).sorted().joined(separator: ", ") + " is not in a copy")
        }
        if gain { warnings.append("clip and track gain are not applied in a copy") }
        return warnings
    }
}
