import Delivery
import Analysis
import Editor
import Foundation
import Interchange
import Media
import Render
import TimelineModel

/// `measure-loudness [clip|timeline]` for the palette: the editor cannot import Analysis, so
/// the executable registers it (`CommandRegistry.standard.adding`).
public enum MeasureLoudness {
    /// The registry every termcut front end uses: the editor's commands plus the app's.
    public static let registry = CommandRegistry.standard.adding([spec] + EditorRender.specs + EditorRender.copySpecs
        + [NormalizeLoudness.spec, SilenceProposals.spec, SceneProposals.spec, DetectionJobs.cancelSpec]
        + TitleCommands.specs + ImageCommands.specs + [GradeMatch.spec] + VoiceoverRecording.specs + [ScratchVoiceover.spec])

    public static let spec = CommandSpec(
        "measure-loudness", .analysis,
        "Measure EBU R128 loudness (I, LRA, true peak) of the clip under the playhead or of the whole timeline",
        arguments: [ArgumentSpec("what", .choice(["clip", "timeline"]), optional: true, "clip or timeline (default)")]
    ) { editor, arguments in
        let job = try job(what: arguments["what"] ?? "timeline", project: editor.project, playhead: editor.context.playhead,
                          audioTarget: editor.context.audioTarget)
        guard LoudnessJobs.shared.runsInBackground else { return CommandResult(job.run()) }
        let thread = Thread { LoudnessJobs.shared.post(job.run()) }
        thread.name = "termcut loudness"
        thread.start()
        return CommandResult("measuring the loudness of \(job.name)…")
    }

    public struct Job: Sendable {
        var name: String
        var measure: @Sendable () throws(LoudnessError) -> LoudnessReading

        /// The message line's report: "timeline: I −23.0 LUFS, LRA 4.5 LU, TP −1.2 dBTP".
        func run() -> String {
            let start = Date()
            do {
                let r = try measure()
                let seconds = Date().timeIntervalSince(start)
                return "\(name): I \(text(r.integrated)) LUFS, LRA \(text(r.loudnessRange)) LU, TP \(text(r.truePeak)) dBTP"
                    + (seconds >= 1 ? String(format: " (measured in %.1f s)", seconds) : "")
            } catch {
                return "measure-loudness: \(name): \(error.message)"
            }
        }

        private func text(_ v: Double) -> String {
            guard v.isFinite else { return "−∞" }
            let s = String(format: "%.1f", v)
            return s.hasPrefix("-") ? "−" + s.dropFirst() : s
        }
    }

    public static func job(what: String, project: Project, playhead: Int64, audioTarget: Int?) throws(CommandError) -> Job {
        if what == "timeline" {
            guard project.timeline.duration > 0 else { throw CommandError("measure-loudness: the timeline is empty") }
            return Job(name: "timeline") { () throws(LoudnessError) in try ProgrammeLoudness.measure(project) }
        }
        guard let (clip, _) = clipUnderPlayhead(project, playhead: playhead, audioTarget: audioTarget),
              let reference = project.mediaReference(clip.media) else {
            throw CommandError("measure-loudness: no clip under the playhead")
        }
        // The clip's media range: its source frames as seconds of the file's sound (whose sample 0
        // is the stream's first sample, `audioDelay` after the file's frame 0).
        let rate = project.timeline.rate
        let delay = Double(MediaPool.probeAudioDelay(reference)) / Double(TimelineRenderer.sampleRate)
        // With a speed, the media the clip runs through (its units are record frames).
        let firstFrame = clip.mediaFrame(atUnit: clip.source.start), endFrame = clip.mediaFrame(atUnit: clip.source.end - 1) + 1
        let start = Double(AudioMix.sample(ofFrame: firstFrame, rate: rate)) / Double(TimelineRenderer.sampleRate) - delay
        let end = Double(AudioMix.sample(ofFrame: endFrame, rate: rate)) / Double(TimelineRenderer.sampleRate) - delay
        let url = URL(fileURLWithPath: reference.path)
        return Job(name: "clip \(clip.name)") { () throws(LoudnessError) in try LoudnessMeter.measure(file: url, seconds: start..<end) }
    }

    /// The clip the user hears at the playhead: on the audio target first, then the other audio
    /// tracks, then the video tracks from the top.
    public static func clipUnderPlayhead(_ project: Project, playhead: Int64, audioTarget: Int?) -> (Clip, Int)? {
        let timeline = project.timeline
        var order = timeline.audioTracks
        if let target = audioTarget, let i = order.firstIndex(of: target) {
            order.insert(order.remove(at: i), at: 0)
        }
        order += timeline.videoTracks.reversed()
        for t in order {
            for (clip, record) in timeline.tracks[t].clips where clip.enabled && record.contains(playhead) {
                return (clip, t)
            }
        }
        return nil
    }
}
