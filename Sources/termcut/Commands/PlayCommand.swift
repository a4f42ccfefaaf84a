import ArgumentParser
import Foundation
import Interchange
import Media
import Render
import Playback
import TimelineModel

/// `termcut play PROJECT`: plays the project's timeline in the preview window, or headless
/// through SDL's offscreen video and dummy audio drivers, and reports how it went.
struct Play: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Play a project's timeline (in the preview window, or headless) and report sync figures.",
        discussion: """
            The audio device is the master clock; frames that come too late are dropped and counted. \
            --headless uses SDL's offscreen video and dummy audio drivers (set SDL_AUDIODRIVER=disk \
            with SDL_DISKAUDIOFILE to capture the sound) and plays in real time. TIME is a frame \
            number (120), seconds (4s) or a record timecode (01:00:04:00).
            """)

    @Argument(help: "The project file (.termcut).") var project: String
    @Flag(help: "Play without a display: SDL offscreen video and dummy audio drivers.") var headless = false
    @Flag(name: .customLong("no-preview"), help: "Play without a window; the clock still runs.") var noPreview = false
    @Option(help: "Start here (default: the first frame).") var from: String?
    @Option(help: "Stop before this frame (default: the end of the timeline).") var to: String?
    // Unconditional: "--speed -1" takes -1 as the value, not as an unknown flag.
    @Option(parsing: .unconditional, help: "Speed: 1, 2, 4, 8, -1 … or 1/4.") var speed: String = "1"
    @Flag(help: "Print the figures as JSON when done.") var report = false
    @Option(help: "Preview size WxH (default 960x540).") var size: String = "960x540"

    func run() throws {
        let loaded: ProjectFile.Loaded
        do { loaded = try ProjectFile.read(URL(fileURLWithPath: project)) } catch { throw CLIError(error.description) }
        let project = loaded.project
        let timeline = project.timeline
        let start = try from.map { try frame($0, timeline) } ?? 0
        let end = try to.map { try frame($0, timeline) } ?? timeline.duration
        guard start < end, end <= max(timeline.duration, 1) || to == nil else {
            throw CLIError("nothing to play between \(start) and \(end) (the timeline has \(timeline.duration) frames)")
        }
        guard let playSpeed = PlaybackCLI.speed(speed) else { throw CLIError("speed '\(speed)': use 1, 2, 4, 8, -1, -2 … or 1/4") }
        guard let (width, height) = PlaybackCLI.size(size) else { throw CLIError("size '\(size)': use WxH, e.g. 960x540") }
        if headless { PlaybackCLI.useHeadlessDrivers() }

        var options = PlaybackOptions()
        options.preview = !noPreview
        options.previewWidth = width
        options.previewHeight = height
        options.audioOpener = PlaybackCLI.audioOpener
        let figures = PlaybackCLI.playThrough(project, range: start..<end, speed: playSpeed, options: options) { message in
            FileHandle.standardError.write(Data("termcut: \(message)\n".utf8))
        }
        if report { print(figures.json) }
    }

    private func frame(_ text: String, _ timeline: Timeline) throws -> Int64 {
        do {
            return try TimeArgument.parse(text, rate: timeline.rate, dropFrame: timeline.dropFrame)
                .resolve(playhead: 0, startTimecode: timeline.startTimecode)
        } catch {
            throw CLIError("time '\(text)': \(error)")
        }
    }
}

/// What `play` and `bench playback` share: driver set-up, the run loop, the report.
enum PlaybackCLI {
    /// The sound decoder for playback: Media's `AudioSource` at the mix format.
    static let audioOpener: (@Sendable (MediaReference) throws(MediaError) -> any AudioSourcing)? = PlaybackOptions.mediaAudio

    /// SDL's offscreen video and dummy audio drivers, unless the caller chose others.
    static func useHeadlessDrivers() {
        for (name, driver) in [("SDL_VIDEODRIVER", "offscreen"), ("SDL_AUDIODRIVER", "dummy")] {
            if (ProcessInfo.processInfo.environment[name] ?? "").isEmpty { setenv(name, driver, 1) }
        }
    }

    static func speed(_ text: String) -> PlaySpeed? {
        let parts = text.replacingOccurrences(of: "x", with: "").split(separator: "/")
        guard let n = Int64(parts.first ?? ""), n != 0 else { return nil }
        let d = parts.count == 2 ? Int64(parts[1]) : 1
        guard let d, d > 0, parts.count <= 2 else { return nil }
        return PlaySpeed(n, d)
    }

    static func size(_ text: String) -> (Int, Int)? {
        let parts = text.lowercased().split(separator: "x").compactMap { Int($0) }
        guard parts.count == 2, parts[0] >= 16, parts[1] >= 16, parts[0] <= 8192, parts[1] <= 8192 else { return nil }
        return (parts[0], parts[1])
    }

    struct Figures {
        var statistics: PlaybackStatistics
        var durationSeconds: Double
        var startLatencyMs: Double?
        /// Seconds of timeline played per second of wall time: the audio device's pace (SDL's
        /// dummy driver sleeps a little longer than each buffer lasts, so it runs a few % slow).
        var deviceRate: Double?
        var preview: String?
        var audio: String?

        var json: String {
            var fields: [(String, String)] = [
                ("frames_presented", "\(statistics.framesPresented)"),
                ("frames_dropped", "\(statistics.framesDropped)"),
                ("frames_dropped_late", "\(statistics.framesDroppedLate)"),
                ("frames_skipped_early", "\(statistics.framesSkipped)"),
                ("max_av_offset_ms", String(format: "%.2f", statistics.maxAVOffsetMs)),
                ("mean_av_offset_ms", String(format: "%.2f", statistics.meanAVOffsetMs)),
                ("audio_underruns", "\(statistics.audioUnderruns)"),
                ("duration_s", String(format: "%.3f", durationSeconds)),
            ]
            if let startLatencyMs { fields.append(("start_latency_ms", String(format: "%.1f", startLatencyMs))) }
            if let deviceRate { fields.append(("device_rate", String(format: "%.4f", deviceRate))) }
            if let preview { fields.append(("preview", quoted(preview))) }
            if let audio { fields.append(("audio", quoted(audio))) }
            return "{" + fields.map { "\"\($0.0)\": \($0.1)" }.joined(separator: ", ") + "}"
        }

        private func quoted(_ text: String) -> String {
            let data = try? JSONSerialization.data(withJSONObject: [text], options: [])
            return data.map { String(decoding: $0.dropFirst().dropLast(), as: UTF8.self) } ?? "\"\""
        }
    }

    /// Plays `range` once in real time, pumping the engine like the editor's run loop does.
    static func playThrough(_ project: Project, range: Range<Int64>, speed: PlaySpeed, options: PlaybackOptions,
                            warn: (String) -> Void) -> Figures {
        let engine = PlaybackEngine(options: options)
        defer { engine.close() }
        if let message = engine.previewMessage { warn(message) }
        if let message = engine.audioMessage { warn(message) }
        engine.load(project)
        let first = speed.isForward ? range.lowerBound : range.upperBound - 1
        engine.seek(first)
        // Let the first frame arrive, as it has when a user presses play on a paused viewer.
        let settle = Date()
        while engine.displayedFrame != first || Date().timeIntervalSince(settle) < 0.2 {
            engine.pump()
            if Date().timeIntervalSince(settle) > 5 { break }
            usleep(2_000)
        }
        engine.resetStatistics()
        let began = Date()
        engine.play(speed: speed, range: range)
        var startLatency: Double?
        while engine.isPlaying {
            engine.pump()
            if startLatency == nil && engine.hasStarted {
                startLatency = Date().timeIntervalSince(began) * 1000
            }
            let wait = engine.suggestedWait
            let micros = wait.components.seconds * 1_000_000 + wait.components.attoseconds / 1_000_000_000_000
            usleep(UInt32(max(500, min(10_000, micros))))
        }
        let seconds = Date().timeIntervalSince(began)
        let played = Double(range.count) / Double(speed.frameStride) / project.timeline.rate.framesPerSecond
        return Figures(statistics: engine.statistics, durationSeconds: seconds, startLatencyMs: startLatency,
                       deviceRate: speed.denominator == 1 ? played / seconds : nil,
                       preview: engine.previewMessage, audio: engine.audioMessage)
    }
}
