import Analysis
import Editor
import Foundation
import Media
import TimelineModel

/// `detect-silences` in the editor: finds the silent stretches of the sound in a clip, a track,
/// the marked range or the whole timeline and proposes them for review (`proposal-*`
/// commands); nothing changes until `proposal-accept`, which is one undo step.
///
/// A stretch is proposed only where every audio track in scope is silent (or empty), so a
/// ripple delete never cuts into sound on another track; cuts act on every track, so linked
/// picture stays in sync. Silences are found in the media (cached per file), then mapped to
/// record frames rounding inwards: a cut never takes a frame that holds speech.
public enum SilenceProposals {
    public static let spec = CommandSpec(
        "detect-silences", .editing,
        "Propose the silent parts of a clip, track, the marked range or the timeline for review (proposal-next/drop/accept)",
        arguments: [
            ArgumentSpec("scope", .choice(["clip", "track", "marked", "timeline"]), optional: true,
                         "clip (under the playhead), track (the audio target), marked, timeline (default: marked when both marks are set, else timeline)"),
            ArgumentSpec("action", .word, optional: true, "ripple-delete (default), markers, razor or shorten=DURATION"),
            ArgumentSpec("threshold", .word, optional: true, "-40dB (default; dBFS) or -20LU (below the clip's loudness)"),
            ArgumentSpec("min", .word, optional: true, "shortest silence (default 0.5s)"),
            ArgumentSpec("pad", .word, optional: true, "silence kept next to speech on each side (default 0.1s)"),
            ArgumentSpec("keep", .word, optional: true, "keep pauses longer than this as deliberate (e.g. 3s)"),
            ArgumentSpec("shorten", .word, optional: true, "shorten each pause to this (same as action=shorten=DURATION)"),
            ArgumentSpec("moving", .choice(["cut", "keep"]), optional: true,
                         "keep: silent parts where the picture moves stay (screen recordings, demos); cut (default)"),
        ]
    ) { editor, args in
        let settings: SilenceSettings
        do {
            settings = try SilenceDetection.settings(threshold: args["threshold"], minimum: args["min"], padding: args["pad"],
                                                     keepLongerThan: args["keep"])
        } catch {
            throw CommandError("detect-silences: \(error)")
        }
        let timeline = editor.timeline
        let action: EditProposals.Action
        do {
            action = try EditProposals.Action.parse(args["shorten"].map { "shorten=" + $0 } ?? args["action"] ?? "ripple-delete") { (text: String) throws(CommandError) -> Int64 in
                do { return try TimeArgument.parse(text, rate: timeline.rate, dropFrame: nil).resolve(playhead: 0, startTimecode: 0) } catch {
                    throw CommandError("\"\(text)\" is not a duration (e.g. 0.3s)")
                }
            }
        } catch {
            throw CommandError("detect-silences: \(error)")
        }
        let project = editor.project, playhead = editor.context.playhead, target = editor.context.audioTarget
        let scope = args["scope"]
        let keepMoving = args["moving"] == "keep"
        guard DetectionJobs.shared.runsInBackground else {
            let ranges = try find(project: project, playhead: playhead, audioTarget: target, scope: scope, settings: settings,
                                  keepMoving: keepMoving)
            return CommandResult(install(editor, ranges: ranges, action: action, settings: settings))
        }
        // Validate the scope now, so a wrong one is an error at once, not a message later.
        _ = try extent(project: project, playhead: playhead, audioTarget: target, scope: scope)
        return try DetectionJobs.shared.start("detect-silences") { progress in
            let ranges = try find(project: project, playhead: playhead, audioTarget: target, scope: scope, settings: settings,
                                  keepMoving: keepMoving, progress: progress)
            return { editor in
                guard editor.timeline == project.timeline else {
                    return "detect-silences: the timeline changed while detecting; run it again"
                }
                return install(editor, ranges: ranges, action: action, settings: settings)
            }
        }
    }

    /// Puts the proposals up for review (or says there are none).
    static func install(_ editor: Editor, ranges: [FrameRange], action: EditProposals.Action, settings: SilenceSettings) -> String {
        guard !ranges.isEmpty else {
            editor.proposals = nil
            return "detect-silences: no silence of \(String(format: "%g", settings.minimum)) s or more below \(settings.threshold)"
        }
        let timeline = editor.timeline
        editor.proposals = EditProposals(kind: "silence", ranges: ranges, action: action, tracks: Array(timeline.tracks.indices),
                                         basis: timeline)
        editor.context.playhead = ranges[0].start
        return proposalLine(editor, editor.proposals!)
    }

    /// The message after a detection: the status bar's summary and the keys' commands.
    public static func proposalLine(_ editor: Editor, _ proposals: EditProposals) -> String {
        proposals.summary(rate: editor.timeline.rate) + " (proposal-next, proposal-drop, proposal-accept)"
    }

    /// The proposed record ranges.
    /// What the scope covers: record frames, audio tracks, and the one clip for `clip`.
    static func extent(project: Project, playhead: Int64, audioTarget: Int?,
                       scope requested: String?) throws(CommandError) -> (extent: Range<Int64>, tracks: [Int], clip: ClipID?) {
        let timeline = project.timeline
        let audio = timeline.tracks.indices.filter { timeline.tracks[$0].kind == .audio }
        guard !audio.isEmpty else { throw CommandError("detect-silences: the timeline has no audio track") }
        let marked: Range<Int64>? = {
            guard let i = timeline.markIn, let o = timeline.markOut, o >= i else { return nil }
            return max(0, i)..<(o + 1)
        }()
        let scope = requested ?? (marked != nil ? "marked" : "timeline")
        var extent: Range<Int64> = 0..<timeline.duration
        var tracks = audio
        var onlyClip: ClipID?
        switch scope {
        case "clip":
            let order = (audioTarget.map { [$0] } ?? []) + audio
            guard let (t, hit) = order.lazy.compactMap({ t in timeline.clip(at: playhead, track: t).map { (t, $0) } }).first,
                  timeline.tracks[t].kind == .audio else {
                throw CommandError("detect-silences: no audio clip under the playhead")
            }
            extent = hit.record.start..<(hit.record.start + hit.record.duration)
            tracks = [t]
            onlyClip = hit.clip.id
        case "track":
            guard let t = audioTarget, audio.contains(t) else {
                throw CommandError("detect-silences: patch an audio track first (the audio target)")
            }
            tracks = [t]
        case "marked":
            guard let marked else { throw CommandError("detect-silences: set both marks first (or give clip, track or timeline)") }
            extent = marked
        default: break
        }
        guard !extent.isEmpty else { throw CommandError("detect-silences: the timeline is empty") }
        return (extent, tracks, onlyClip)
    }

    /// The proposed record ranges. `progress` (0…1) may return false to cancel.
    static func find(project: Project, playhead: Int64, audioTarget: Int?, scope: String?, settings: SilenceSettings,
                     keepMoving: Bool = false,
                     progress: (@Sendable (Double) -> Bool)? = nil) throws(CommandError) -> [FrameRange] {
        let (extent, tracks, onlyClip) = try extent(project: project, playhead: playhead, audioTarget: audioTarget, scope: scope)
        let timeline = project.timeline
        let rate = timeline.rate
        let fps = Double(rate.numerator) / Double(rate.denominator)
        var covered: [Range<Int64>] = []
        var loud: [Range<Int64>] = []
        var reports: [String: SilenceReport] = [:]
        var soundOffsets: [String: Double] = [:]
        let mediaCount = Set(tracks.flatMap { timeline.tracks[$0].clips.map(\.clip.media) }).count
        for t in tracks {
            for (clip, record) in timeline.tracks[t].clips where onlyClip == nil || clip.id == onlyClip {
                let lowest = max(record.start, extent.lowerBound), highest = min(record.start + record.duration, extent.upperBound)
                guard lowest < highest else { continue }
                let span = lowest..<highest
                guard let media = project.mediaReference(clip.media), !media.isOffline else {
                    throw CommandError("detect-silences: \(clip.name) is offline; relink it first")
                }
                if let speed = clip.speed, !speed.isNormal {
                    throw CommandError("detect-silences: \(clip.name) plays at \(speed); silence detection needs clips at 100 %")
                }
                let report: SilenceReport
                if let known = reports[media.path] {
                    report = known
                } else {
                    let done = Double(reports.count)
                    let fraction: ((Double) -> Bool)? = progress.map { report in { report((done + $0) / Double(max(1, mediaCount))) } }
                    do { report = try SilenceDetection.detect(URL(fileURLWithPath: media.path), settings: settings, progress: fraction) } catch {
                        throw CommandError("detect-silences: \(error.description)")
                    }
                    reports[media.path] = report
                }
                covered.append(span)
                // Source frame f of the clip is at record frame f - source.start + record.start; the
                // report counts from the sound's first sample, which lies `sound` seconds after frame 0.
                let offset = record.start - clip.source.start
                let sound = soundOffsets[media.path] ?? FirstSoundTime.offsetFromFrameZero(path: media.path)
                soundOffsets[media.path] = sound
                var silent: [Range<Int64>] = []
                for range in report.ranges {
                    let (heard, ended) = range.seconds(rate: report.sampleRate)
                    let (start, end) = (heard + sound, ended + sound)
                    let first = Int64((start * fps - 1e-6).rounded(.up)) + offset
                    let last = Int64((end * fps + 1e-6).rounded(.down)) + offset
                    // A silence shorter than a frame rounds to nothing (and must not make a reversed range).
                    let lower = max(first, span.lowerBound), upper = min(last, span.upperBound)
                    if lower < upper { silent.append(lower..<upper) }
                }
                if keepMoving, !silent.isEmpty, let moving = try movingRanges(media.path, clip: clip, record: record, fps: fps) {
                    silent = subtract(moving, from: silent)
                }
                loud += subtract(silent, from: [span])
            }
        }
        let proposals = subtract(union(loud), from: union(covered))
        // Pieces left between sound on different tracks can be slivers: no shorter than a padded minimum silence.
        let shortest = max(1, Int64(((settings.minimum - 2 * settings.padding) * fps).rounded(.down)))
        return proposals.filter { $0.count >= shortest }
            .map { FrameRange(start: $0.lowerBound, end: $0.upperBound) }
    }

    /// Mean frame-to-frame change (SceneDetector's measure, 0…255) above which a picture moves:
    /// a still slide or paused screen with compression noise stays well under it.
    static let movingChange = 1.0

    /// Record frames of the clip where its picture moves (nil: the media has no picture), from
    /// the cached scene analysis, one record frame at a time.
    static func movingRanges(_ path: String, clip: Clip, record: FrameRange, fps: Double) throws(CommandError) -> [Range<Int64>]? {
        let url = URL(fileURLWithPath: path)
        guard (try? MediaProbe.probe(url))?.primaryVideo != nil else { return nil }
        let changes: SceneChanges, rate: Double
        do { (changes, rate) = try SceneAnalysis.changes(url, useCache: true, progress: nil) } catch {
            throw CommandError("detect-silences: \(error)")
        }
        var moving: [Range<Int64>] = []
        for frame in record.start..<record.end {
            let seconds = Double(frame - record.start + clip.source.start) / fps
            let first = Int(seconds * rate), last = Int((seconds + 1 / fps) * rate - 1e-9)
            let frames = max(1, first)...max(1, min(changes.frameCount - 1, max(first, last)))
            guard frames.lowerBound < changes.frameCount else { break }
            let change = frames.reduce(0.0) { $0 + changes.difference(at: $1, back: 1) } / Double(frames.count)
            if change > movingChange { moving.append(frame..<(frame + 1)) }
        }
        return union(moving)
    }

    static func union(_ ranges: [Range<Int64>]) -> [Range<Int64>] {
        var result: [Range<Int64>] = []
        for range in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) where !range.isEmpty {
            if let last = result.last, range.lowerBound <= last.upperBound {
                result[result.count - 1] = last.lowerBound..<max(last.upperBound, range.upperBound)
            } else {
                result.append(range)
            }
        }
        return result
    }

    /// `base` minus `cuts` (both any order).
    static func subtract(_ cuts: [Range<Int64>], from base: [Range<Int64>]) -> [Range<Int64>] {
        let cuts = union(cuts)
        var result: [Range<Int64>] = []
        for range in union(base) {
            var start = range.lowerBound
            for cut in cuts where cut.upperBound > start && cut.lowerBound < range.upperBound {
                if cut.lowerBound > start { result.append(start..<cut.lowerBound) }
                start = max(start, cut.upperBound)
            }
            if start < range.upperBound { result.append(start..<range.upperBound) }
        }
        return result
    }
}
