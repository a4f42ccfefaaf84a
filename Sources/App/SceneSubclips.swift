import Analysis
import Editor
import Foundation
import TimelineModel

/// `detect-scenes action=subclips`: one subclip per scene of a clip's whole media file, in a
/// bin named "<clip> scenes", each named "<clip> scene NN" (numbered from 01, wider past 99).
/// Ranges are media frames at the media's own rate: scene starts are the detector's decoded
/// frame numbers, so a subclip starts on the exact first frame of its shot.
enum SceneSubclips {
    static func find(project: Project, playhead: Int64, videoTarget: Int?, wholeTimeline: Bool, settings: SceneDetector.Settings,
                     progress: (@Sendable (Double) -> Bool)? = nil) throws(CommandError) -> [SubclipCommands.SubclipGroup] {
        let clips = try SceneProposals.clips(project: project, playhead: playhead, videoTarget: videoTarget, wholeTimeline: wholeTimeline)
        var groups: [SubclipCommands.SubclipGroup] = []
        var done = Set<MediaID>()
        let taken = Set(project.subclips.map(\.name))
        for (clip, _) in clips where done.insert(clip.media).inserted {
            let media = try SceneProposals.onlineMedia(project, clip)
            let result = try SceneProposals.analyse(media, settings: settings, progress: progress)
            let rate = media.conform(sequenceRate: project.timeline.rate).mediaRate
            // Decoded frames past the declared length (a rounding of the container's duration) are left out.
            let end = min(Int64(result.frameCount), media.availableFrames(at: rate))
            let starts = [Int64(0)] + result.cuts.map(Int64.init).filter { $0 > 0 && $0 < end }
            let digits = max(2, String(starts.count).count)
            let subclips = starts.enumerated().map { index, start in
                let stop = index + 1 < starts.count ? starts[index + 1] : end
                let number = String(repeating: "0", count: max(0, digits - String(index + 1).count)) + String(index + 1)
                return Subclip(name: "\(clip.name) scene \(number)", media: media.id,
                               source: TimeRange(FrameRange(start: start, end: stop), rate: rate))
            }
            if let clash = subclips.first(where: { taken.contains($0.name) }) {
                throw CommandError("detect-scenes: a subclip named \(clash.name) exists; the scenes of \(clip.name) were made before")
            }
            groups.append(.init(bin: "\(clip.name) scenes", subclips: subclips))
        }
        return groups
    }
}
