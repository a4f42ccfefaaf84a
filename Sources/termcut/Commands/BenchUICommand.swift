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
            sequence fitted in the pane (the worst case for cost per screen).
            """)

    @Option(help: "Clips in the timeline, spread over the tracks.") var clips = 10_000
    @Option(help: "Tracks (half video, half audio).") var tracks = 8
    @Option(help: "Timed runs of each measurement.") var runs = 300
    @Option(help: "Screen width in cells.") var width = 200
    @Option(help: "Screen height in cells.") var height = 60
    @Option(help: "Seed for the random clip lengths.") var seed: UInt64 = 42

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
        let report: [String: Any] = [
            "clips": clips, "tracks": tracks, "timeline_items": totalItems, "runs": runs,
            "screen": "\(width)x\(height)",
            "zoom": results,
            "target_ms": ["timeline_redraw": 10, "key_to_screen": 16],
        ]
        try BenchReport.print(report)
    }

}
