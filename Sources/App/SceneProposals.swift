import Analysis
import Editor
import Foundation
import TimelineModel

/// `detect-scenes` in the editor: finds the hard cuts in the media of the clip under the
/// playhead (or of every video clip on the timeline) and marks each scene with a range marker
/// named "scene N", razors the timeline at each cut (every track, so linked sound follows), or
/// makes one subclip per scene of the clip's media in a bin "<clip> scenes" (`SceneSubclips`).
/// One undo step; journaled as the `apply-ranges` or `subclips-add` it amounts to, so a replay
/// needs no detection.
public enum SceneProposals {
    public static let spec = CommandSpec(
        "detect-scenes", .editing,
        "Find the scene changes in the clip under the playhead (or the whole timeline): markers, razor cuts or subclips",
        arguments: [
            ArgumentSpec("scope", .choice(["clip", "timeline"]), optional: true, "clip under the playhead (default) or every video clip"),
            ArgumentSpec("action", .choice(["markers", "razor", "subclips"]), optional: true,
                        "markers (default, one range marker per scene), razor, or subclips (in a bin named after the clip)"),
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
        let project = editor.project, playhead = editor.context.playhead, target = editor.context.videoTarget
        let chosen = settings
        let timelineScope = args["scope"] == "timeline"
        let action = args["action"] ?? "markers"
        if action == "subclips" {
            guard DetectionJobs.shared.runsInBackground else {
                return try SubclipCommands.add(editor, SceneSubclips.find(project: project, playhead: playhead, videoTarget: target,
                                                                          wholeTimeline: timelineScope, settings: chosen))
            }
            return try DetectionJobs.shared.start("detect-scenes") { progress in
                let groups = try SceneSubclips.find(project: project, playhead: playhead, videoTarget: target,
                                                    wholeTimeline: timelineScope, settings: chosen, progress: progress)
                return { editor in
                    let outcome = editor.execute(SubclipCommands.line(groups))
                    return outcome.isError ? outcome.message : "detect-scenes: \(outcome.message)"
                }
            }
        }
        guard DetectionJobs.shared.runsInBackground else {
            let (scenes, cuts) = try find(project: project, playhead: playhead, videoTarget: target, wholeTimeline: timelineScope,
                                          settings: chosen)
            return try apply(editor, scenes: scenes, cuts: cuts, action: action)
        }
        return try DetectionJobs.shared.start("detect-scenes") { progress in
            let (scenes, cuts) = try find(project: project, playhead: playhead, videoTarget: target, wholeTimeline: timelineScope,
                                          settings: chosen, progress: progress)
            return { editor in
                guard editor.timeline == project.timeline else { return "detect-scenes: the timeline changed while detecting; run it again" }
                guard cuts > 0 else { return "detect-scenes: no scene changes found" }
                // Through the command, so it is journaled and undone like any edit.
                let outcome = editor.execute(line(scenes, action: action))
                return outcome.isError ? outcome.message : "\(cuts) scene change\(cuts == 1 ? "" : "s") → \(action)"
            }
        }
    }

    static func line(_ scenes: [FrameRange], action: String) -> String {
        "apply-ranges \(action) \(EditProposals.rangesText(scenes)) tracks=all kind=scene"
    }

    /// Each scene as a record range, and the number of cuts among them.
    static func find(project: Project, playhead: Int64, videoTarget: Int?, wholeTimeline: Bool, settings: SceneDetector.Settings,
                     progress: (@Sendable (Double) -> Bool)? = nil) throws(CommandError) -> (scenes: [FrameRange], cuts: Int) {
        let timeline = project.timeline
        let clips = try clips(project: project, playhead: playhead, videoTarget: videoTarget, wholeTimeline: wholeTimeline)
        let fps = Double(timeline.rate.numerator) / Double(timeline.rate.denominator)
        var results: [String: SceneAnalysis.Result] = [:]
        var scenes: [FrameRange] = []
        for (clip, record) in clips {
            if let speed = clip.speed, !speed.isNormal {
                throw CommandError("detect-scenes: \(clip.name) plays at \(speed); scene detection needs clips at 100 %")
            }
            let media = try onlineMedia(project, clip)
            let result: SceneAnalysis.Result
            if let known = results[media.path] { result = known } else {
                result = try analyse(media, settings: settings, progress: progress)
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
        return (scenes, scenes.count - clips.count)
    }

    /// The clip under the playhead (on the video target first), or every video clip.
    static func clips(project: Project, playhead: Int64, videoTarget: Int?, wholeTimeline: Bool) throws(CommandError) -> [(clip: Clip, record: FrameRange)] {
        let timeline = project.timeline
        let video = timeline.tracks.indices.filter { timeline.tracks[$0].kind == .video }
        guard !wholeTimeline else {
            let clips = video.flatMap { timeline.tracks[$0].clips }
            guard !clips.isEmpty else { throw CommandError("detect-scenes: the timeline has no video clips") }
            return clips
        }
        guard let hit = ((videoTarget.map { [$0] } ?? []) + video).lazy
            .compactMap({ timeline.clip(at: playhead, track: $0) }).first else {
            throw CommandError("detect-scenes: no video clip under the playhead")
        }
        return [hit]
    }

    static func onlineMedia(_ project: Project, _ clip: Clip) throws(CommandError) -> MediaReference {
        guard let media = project.mediaReference(clip.media), !media.isOffline else {
            throw CommandError("detect-scenes: \(clip.name) is offline; relink it first")
        }
        return media
    }

    static func analyse(_ media: MediaReference, settings: SceneDetector.Settings,
                        progress: (@Sendable (Double) -> Bool)?) throws(CommandError) -> SceneAnalysis.Result {
        do { return try SceneAnalysis.detect(URL(fileURLWithPath: media.path), settings: settings, progress: progress.map { p in { p($0) } }) } catch {
            throw CommandError("detect-scenes: \(error)")
        }
    }

    static func apply(_ editor: Editor, scenes: [FrameRange], cuts: Int, action: String) throws(CommandError) -> CommandResult {
        guard cuts > 0 else { return CommandResult("detect-scenes: no scene changes found") }
        let timeline = editor.timeline
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
        return CommandResult("\(cuts) scene change\(cuts == 1 ? "" : "s") → \(action)", journalLine: line(scenes, action: action),
                             undoLabel: "detect-scenes \(action)")
    }
}
