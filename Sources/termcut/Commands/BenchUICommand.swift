import App
import ArgumentParser
import Editor
import Foundation
import TimelineModel
import TUI

/// `termcut bench ui`: what the screen costs on a large project, in memory (no terminal):
/// a full redraw of the timeline pane (screen model from the editor state, then drawing),
/// and a key press through the session to the cells handed to the backend.
struct BenchUI: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ui",
        abstract: "Time the timeline redraw and key-to-screen on a large project and print JSON (build with -c release).",
        discussion: """
            The project is the one `bench model` edits (10,000 clips on 8 tracks by default). \
            Drawing goes to the in-memory backend, so terminal output is not counted. Each figure \
            is measured at the default zoom with the playhead mid-sequence, and with the whole \
            sequence fitted in the pane (the worst case for cost per screen). Then the bytes the \
            editor writes to a 160x45 pseudo-terminal with the scopes pane showing (the demo \
            project, or --terminal-project, and a hard-cut project of 4-frame shots from the demo \
            clips): per frame step and per second of playback, with and without --low-bandwidth \
            (--no-terminal skips this).
            """)

    @Option(help: "Clips in the timeline, spread over the tracks.") var clips = 10_000
    @Option(help: "Tracks (half video, half audio).") var tracks = 8
    @Option(help: "Timed runs of each measurement.") var runs = 300
    @Option(help: "Screen width in cells.") var width = 200
    @Option(help: "Screen height in cells.") var height = 60
    @Option(help: "Seed for the random clip lengths.") var seed: UInt64 = 42
    @Flag(inversion: .prefixedNo, help: "Count the bytes written to a pseudo-terminal.") var terminal = true
    @Option(help: "Project opened in the pseudo-terminal (a copy is edited; default: the demo project).")
    var terminalProject: String?
    @Option(help: "Frame steps counted in the pseudo-terminal (per project).") var steps = 20
    @Option(help: "Seconds of playback counted in the pseudo-terminal.") var playSeconds = 10.0

    func run() throws {
        var rng = SplitMix64(seed: seed)
        let editor = Editor(project: BenchModel.makeProject(clips: clips, tracks: tracks, rng: &rng))
        let bridge = EditorBridge(editor: editor)
        let (keymap, _) = Keymap.load(name: "default", userFile: nil)
        let (theme, _) = Theme.load(name: "dark")
        let duration = Int(editor.timeline.duration)
        editor.playbackMoved(to: Int64(duration / 2))
        let session = TUISession(target: bridge, keymap: keymap, theme: theme, colorDepth: .trueColor,
                                 width: width, height: height)
        let renderer = FrameRenderer(backend: MemoryBackend(width: width, height: height))
        session.present(on: renderer)

        func time(_ body: () -> Void) -> [String: Double] {
            var samples: [Double] = []
            for _ in 0..<runs {
                let start = DispatchTime.now().uptimeNanoseconds
                body()
                samples.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
            }
            return BenchReport.summary(samples, percentile: 95)
        }
        let layout = ScreenLayout(width: width, height: height)
        let pane = TimelinePane()
        let shownTheme = theme.adapted(to: .trueColor)
        /// Screen model from the editor state, then the timeline pane drawn into a fresh surface.
        func redrawTimeline() {
            session.refreshModel()
            let context = RenderContext(model: session.model, view: session.view, theme: shownTheme,
                                        keymap: keymap, commands: CommandCatalog())
            var surface = Surface(width: width, height: height)
            pane.render(area: layout.timeline, surface: &surface, context: context)
        }
        var forward = true
        var cellsWritten = 0
        /// `right` (or `left`, to stay mid-sequence) through the keymap, the editor and back to the backend.
        func keyToScreen() {
            session.handle(.named(forward ? "right" : "left"))
            cellsWritten = session.present(on: renderer)
            forward.toggle()
        }

        var results: [String: Any] = [:]
        for zoom in ["default", "fit"] {
            if zoom == "fit" { session.dispatch("zoom-fit") }
            session.present(on: renderer)
            let redraw = time(redrawTimeline)
            let key = time(keyToScreen)
            let fullScreen = time { _ = session.render() }
            results[zoom] = [
                "frames_per_column": TimelineZoom.framesPerColumn(session.view.zoomLevel),
                "timeline_redraw_ms": redraw,
                "key_to_screen_ms": key,
                "full_screen_render_ms": fullScreen,
                "cells_written_per_key": cellsWritten,
                "last_message": session.view.message.text,
            ]
        }
        let totalItems = editor.timeline.tracks.reduce(0) { $0 + $1.items.count }
        var report: [String: Any] = [
            "clips": clips, "tracks": tracks, "timeline_items": totalItems, "runs": runs,
            "screen": "\(width)x\(height)",
            "zoom": results,
            "target_ms": ["timeline_redraw": 10, "key_to_screen": 16],
        ]
        if terminal { report["terminal"] = try terminalFigures() }
        try BenchReport.print(report)
    }

    /// Bytes through a pseudo-terminal, normal and --low-bandwidth, on scratch copies of two projects:
    /// the demo (or --terminal-project), and a cut every four frames through the demo clips, where a
    /// frame step changes the scopes and the source/record info most.
    func terminalFigures() throws -> [String: Any] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("termcut-bench-ui-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = try terminalProject.map { URL(fileURLWithPath: $0) } ?? DemoProject.ensure()
        let hardCutsFolder = folder.appendingPathComponent("hard-cuts-source")
        try FileManager.default.createDirectory(at: hardCutsFolder, withIntermediateDirectories: true)
        let hardCuts = hardCutsFolder.appendingPathComponent("hard-cuts.termcut")
        try DemoProject.writeHardCuts(to: hardCuts)
        var figures: [String: Any] = [:]
        figures["project"] = try measure(source, in: folder.appendingPathComponent("project"))
        figures["hard_cuts"] = try measure(hardCuts, in: folder.appendingPathComponent("hard-cuts"))
        var load = [Double](repeating: 0, count: 3)
        _ = getloadavg(&load, 3)
        figures["screen"] = "160x45"
        figures["project_name"] = source.lastPathComponent
        figures["hard_cuts_project"] = "60 shots of 4 frames, bars/countdown/talk in turn"
        figures["load_average"] = load
        figures["target"] = ["bytes_per_step": 1024, "bytes_per_second_playing": 20480]
        // Issue 18 measured these on the same screen before the editor drew less.
        figures["reference_before"] = ["bytes_per_step": 4900, "bytes_per_second_playing": 71000]
        return figures
    }

    /// One project's figures, normal and --low-bandwidth, each on its own copy in `folder`.
    func measure(_ source: URL, in folder: URL) throws -> [String: Any] {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        // Media paths may be relative to the project: the copy sees the same files through links.
        for name in try FileManager.default.contentsOfDirectory(atPath: source.deletingLastPathComponent().path)
        where !name.hasPrefix(source.lastPathComponent) {
            try FileManager.default.createSymbolicLink(at: folder.appendingPathComponent(name),
                                                       withDestinationURL: source.deletingLastPathComponent().appendingPathComponent(name))
        }
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
        var figures: [String: Any] = [:]
        for lowBandwidth in [false, true] {
            let copy = folder.appendingPathComponent(lowBandwidth ? "low.termcut" : "normal.termcut")
            try? FileManager.default.removeItem(at: copy)
            try FileManager.default.copyItem(at: source, to: copy)
            var run = TerminalBandwidth(executable: executable, project: copy)
            run.lowBandwidth = lowBandwidth
            run.steps = steps
            run.playSeconds = playSeconds
            let measured = try run.measure()
            figures[lowBandwidth ? "low_bandwidth" : "normal"] = [
                "opening_bytes": measured.opening,
                "bytes_per_step": BenchReport.summary(measured.steps.map(Double.init), percentile: 95),
                "bytes_per_step_mean": measured.meanStep.rounded(),
                "bytes_per_second_playing": measured.bytesPerSecondPlaying.rounded(),
                "playing_seconds": (measured.playingSeconds * 100).rounded() / 100,
            ]
        }
        return figures
    }
}
