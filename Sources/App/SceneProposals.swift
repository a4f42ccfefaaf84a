import Analysis
import Editor
import Foundation
import TimelineModel

/// `detect-scenes` in the editor: finds the hard cuts in the media of the clip under the
/// playhead (or of every video clip on the timeline) and marks each scene with a range marker
/// named "scene N", or razors the timeline at each cut (every track, so linked sound follows).
/// One undo step; journaled as the `apply-ranges` it amounts to, so a replay needs no detection.
public enum SceneProposals {
    public static let spec = CommandSpec(
        "detect-scenes", .editing,
        "Find the scene changes in the clip under the playhead (or the whole timeline): markers or razor cuts",
        arguments: [
            ArgumentSpec("scope", .choice(["clip", "timeline"]), optional: true, "clip under the playhead (default) or every video clip"),
            ArgumentSpec("action", .choice(["markers", "razor"]), optional: true, "markers (default, one range marker per scene) or razor"),
            ArgumentSpec("threshold", .number, optional: true, "content change that makes a cut (default 27)"),
            ArgumentSpec("min", .int, optional: true, "shortest scene in frames of the media (default 15)"),
        ],
        changesProject: true
    ) { editor, args in
        var settings = SceneDetector.Settings()
        if let threshold = try args.number("threshold") {
            guard threshold > 0, threshold < 255 else { throw CommandError("detect-scenes: threshold \(threshold): give 1 to 254 (e.g. 27)") }
            settings.threshold = threshold
        }
        if let minimum = try args.int("min") {
            guard minimum >= 1 else { throw CommandError("detect-scenes: min \(minimum): give at least 1 frame") }
            settings.minimumLength = minimum
        }
        let timeline = editor.timeline
        let video = timeline.tracks.indices.filter { timeline.tracks[$0].kind == .video }
        var clips: [(clip: Clip, record: FrameRange)] = []
        if args["scope"] == "timeline" {
            clips = video.flatMap { timeline.tracks[$0].clips }
        } else {
            let playhead = editor.context.playhead
            guard let hit = ((editor.context.videoTarget.map { [$0] } ?? []) + video).lazy
                .compactMap({ timeline.clip(at: playhead, track: $0) }).first else {
                throw CommandError("detect-scenes: no video clip under the playhead")
            }
            clips = [hit]
        }
        guard !clips.isEmpty else { throw CommandError("detect-scenes: the timeline has no video clips") }
        let fps = Double(timeline.rate.numerator) / Double(timeline.rate.denominator)
        var results: [String: SceneAnalysis.Result] = [:]
        var scenes: [FrameRange] = []
        for (clip, record) in clips {
            guard let media = editor.project.mediaReference(clip.media), !media.isOffline else {
                throw CommandError("detect-scenes: \(clip.name) is offline; relink it first")
            }
            if let speed = clip.speed, !speed.isNormal {
                throw CommandError("detect-scenes: \(clip.name) plays at \(speed); scene detection needs clips at 100 %")
            }
            let result: SceneAnalysis.Result
            if let known = results[media.path] { result = known } else {
                do { result = try SceneAnalysis.detect(URL(fileURLWithPath: media.path), settings: settings) } catch {
                    throw CommandError("detect-scenes: \(error)")
                }
                results[media.path] = result
            }
            // Media frame n starts at n / rate s; the record frame showing it is the first whose time is at or after that.
            let offset = record.start - clip.source.start
            var starts = [record.start]
            for cut in result.cuts {
                let frame = Int64((Double(cut) / result.rate * fps - 1e-6).rounded(.up)) + offset
                if frame > record.start, frame < record.start + record.duration, frame > starts.last! { starts.append(frame) }
            }
            for (index, start) in starts.enumerated() {
                let end = index + 1 < starts.count ? starts[index + 1] : record.start + record.duration
                scenes.append(FrameRange(start: start, end: end))
            }
        }
        let action = args["action"] ?? "markers"
        let cuts = scenes.count - clips.count
        guard cuts > 0 else { return CommandResult("detect-scenes: no scene changes found") }
        // Markers are per scene; razor needs only the cuts (a razor at a clip's own edge does nothing).
        var changed = timeline
        do {
            _ = try EditProposals.apply(ranges: scenes, action: action == "razor" ? .razor : .markers,
                                        tracks: Array(timeline.tracks.indices), kind: "scene", to: &changed)
        } catch {
            throw CommandError("detect-scenes: \(error)")
        }
        var project = editor.project
        project.timeline = changed
        editor.setProject(project)
        let line = "apply-ranges \(action) \(EditProposals.rangesText(scenes)) tracks=all kind=scene"
        return CommandResult("\(cuts) scene change\(cuts == 1 ? "" : "s") → \(action)", journalLine: line,
                             undoLabel: "detect-scenes \(action)")
    }
}
