import Analysis
import ArgumentParser
import Delivery
import Editor
import Foundation
import Interchange
import Media
import Render
import TimelineModel

/// `termcut loudness (FILE|PROJECT)`: EBU R128 loudness of a media file's sound or of a
/// project's mixed programme.
struct LoudnessCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "loudness",
        abstract: "Measure EBU R128 loudness: integrated (LUFS), loudness range (LU), true peak (dBTP), sample peak.",
        discussion: """
            A media file is measured as its audio stream is: every channel at the stream's own \
            rate, weighted by its layout (ITU-R BS.1770-4: LFE left out, surrounds +1.5 dB), as \
            `ffmpeg -af ebur128=peak=true` measures it. A project (.termcut) is measured as its \
            programme: the timeline's 48 kHz stereo mix from the first frame to the end, with \
            mute, solo, gain, pan and fades applied.
            """)

    @Argument(help: "A media file, or a project (.termcut).") var input: String
    @Flag(name: .long, help: "Print JSON instead of text.") var json = false

    func run() throws {
        let url = URL(fileURLWithPath: input)
        guard FileManager.default.fileExists(atPath: url.path) else { throw CLIError("\(input): no such file") }
        let reading: LoudnessReading
        var details: [String: Any] = [:]
        do {
            if url.pathExtension == ProjectFile.fileExtension {
                let project = try ScopeSources.readProject(url, as: input)
                reading = try ProgrammeLoudness.measure(project)
                details = ["source": "programme", "sample_rate": TimelineRenderer.sampleRate, "channels": TimelineRenderer.channels]
            } else {
                reading = try LoudnessMeter.measure(file: url)
                if let source = try? AudioSource(url: url) {
                    details = ["source": "file", "sample_rate": source.sourceSampleRate, "channels": source.sourceChannels,
                               "layout": source.sourceLayout]
                }
            }
        } catch let error as LoudnessError {
            throw CLIError(error.message.hasPrefix(url.path) ? input + error.message.dropFirst(url.path.count) : "\(input): \(error.message)")
        }
        if json {
            func value(_ v: Double) -> Any { v.isFinite ? (v * 100).rounded() / 100 : NSNull() }
            var report: [String: Any] = [
                "integrated_lufs": value(reading.integrated), "loudness_range_lu": value(reading.loudnessRange),
                "true_peak_dbtp": value(reading.truePeak), "sample_peak_dbfs": value(reading.samplePeak),
                "duration_s": (reading.duration * 1000).rounded() / 1000,
            ]
            report.merge(details) { a, _ in a }
            let data = try JSONSerialization.data(withJSONObject: report, options: [.prettyPrinted, .sortedKeys])
            print(String(decoding: data, as: UTF8.self))
        } else {
            print("Integrated:     \(Self.format(reading.integrated)) LUFS")
            print("Loudness range: \(Self.format(reading.loudnessRange)) LU")
            print("True peak:      \(Self.format(reading.truePeak)) dBTP")
            print("Sample peak:    \(Self.format(reading.samplePeak)) dBFS")
        }
    }

    /// One decimal, as loudness is reported (EBU R128 s1: to 0.1 LU); "-inf" below any level.
    static func format(_ value: Double) -> String {
        value.isFinite ? String(format: "%6.1f", value) : "  -inf"
    }
}

/// `measure-loudness [clip|timeline]` for the palette: the editor cannot import Analysis, so
/// the executable registers it (`CommandRegistry.standard.adding`).
enum MeasureLoudness {
    /// The registry every termcut front end uses: the editor's commands plus the app's
    /// (measure-loudness, render, render-cancel).
    static let registry = CommandRegistry.standard.adding([spec] + EditorRender.specs)

    static let spec = CommandSpec(
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

    struct Job: Sendable {
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

    static func job(what: String, project: Project, playhead: Int64, audioTarget: Int?) throws(CommandError) -> Job {
        if what == "timeline" {
            guard project.timeline.duration > 0 else { throw CommandError("measure-loudness: the timeline is empty") }
            return Job(name: "timeline") { () throws(LoudnessError) in try ProgrammeLoudness.measure(project) }
        }
        guard let (clip, _) = clipUnderPlayhead(project, playhead: playhead, audioTarget: audioTarget),
              let reference = project.mediaReference(clip.media) else {
            throw CommandError("measure-loudness: no clip under the playhead")
        }
        // The clip's media range: its source frames as seconds of the file's sound (whose sample 0
        // is the stream's first sample, `audioDelay` after the file's start).
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
    static func clipUnderPlayhead(_ project: Project, playhead: Int64, audioTarget: Int?) -> (Clip, Int)? {
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

/// Loudness measurements finished off the main thread, waiting for the message line. In
/// scripts (`termcut run`) nothing runs in the background and the report is the command's message.
/// Reviewed as `@unchecked Sendable`: both fields are only touched under `lock`.
final class LoudnessJobs: @unchecked Sendable {
    static let shared = LoudnessJobs()
    private let lock = NSLock()
    private var background = false
    private var finished: [String] = []

    /// Set by the interactive editor: measure in a thread and report through `takeFinished`.
    var runsInBackground: Bool {
        get { lock.withLock { background } }
        set { lock.withLock { background = newValue } }
    }

    func post(_ message: String) { lock.withLock { finished.append(message) } }

    func takeFinished() -> [String] {
        lock.withLock {
            defer { finished.removeAll() }
            return finished
        }
    }
}
