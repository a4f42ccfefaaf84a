import App
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
            return try timeline.frame(typed: text)
        } catch {
            throw CLIError("time '\(text)': \(error)")
        }
    }
}
