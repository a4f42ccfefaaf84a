import Editor
import Playback
import TimelineModel

/// Keeps the playback engine in step with the editor, once per turn of the TUI's loop: the
/// cut after each edit, the transport after each play command, and the playhead back from
/// the frame on screen. The engine never edits the project; the editor never touches SDL.
@MainActor
public final class PreviewLink {
    public let editor: Editor
    public let engine: PlaybackEngine
    private var loadedRevision = -1
    private var loadedKey = ""
    private var transportGeneration = -1
    private var seekedTo: Int64 = -1
    private var wasPlaying = false
    private var appliedPreview: PreviewSettings?
    private var shownPair: (Int64, Int64)?
    private var pairRevision = -1
    /// Receives keys typed into the preview window, by keymap name ("j", "space", "left").
    public var onKey: ((String) -> Void)?
    /// A message for the message line (the position playback stopped at, once known).
    public var onMessage: ((String) -> Void)?

    /// SDL names keys by their caps ("J", "Space", "Left", "Return"); keymaps by what they type.
    public static func keymapName(forSDLKey name: String) -> String? {
        if name.count == 1 { return name.lowercased() }
        switch name {
        case "Space": return "space"
        case "Return": return "enter"
        case "Escape": return "esc"
        case "Left", "Right", "Up", "Down", "Home", "End", "Tab", "Backspace", "Delete":
            return name.lowercased()
        default: return nil
        }
    }

    public init(editor: Editor, engine: PlaybackEngine) {
        self.editor = editor
        self.engine = engine
    }

    /// Returns true when the screen should redraw (the playhead moved).
    public func poll() -> Bool {
        if editor.revision != loadedRevision || editor.viewerKey != loadedKey {
            // A switch between record and source monitors stops whatever was playing.
            if editor.viewerKey != loadedKey && (engine.isPlaying || editor.transport.isPlaying) {
                _ = engine.stop()
                wasPlaying = false
                editor.setTransport { $0.speed = 0; $0.range = nil; $0.returnTo = nil }
                transportGeneration = editor.transport.generation
            }
            engine.load(editor.viewerProject)
            loadedRevision = editor.revision
            loadedKey = editor.viewerKey
            seekedTo = -1
        }
        let transport = editor.transport
        if transport.generation != transportGeneration {
            transportGeneration = transport.generation
            apply(transport)
        }
        if editor.preview != appliedPreview {
            applyPreview(editor.preview)
        }
        for event in engine.pump() {
            switch event {
            case .closed:
                // Closing the window hides the preview; the editor carries on.
                // Through the command, as a key would: the editor's settings change only by commands.
                editor.execute("preview off")
                appliedPreview = editor.preview
            case .key(let name):
                // Keys typed with the preview focused work as in the terminal (J/K/L, space, arrows).
                if let keymapName = Self.keymapName(forSDLKey: name) { onKey?(keymapName) }
            }
        }
        var moved = false
        if engine.isPlaying {
            editor.playbackMoved(to: engine.position)
            wasPlaying = true
            moved = true
        } else if wasPlaying {
            // Playback ended by itself (the end of a range or of the sequence).
            wasPlaying = false
            let shown = transport.returnTo ?? engine.displayedFrame
            editor.playbackMoved(to: shown)
            editor.setTransport { $0.speed = 0; $0.range = nil; $0.returnTo = nil }
            transportGeneration = editor.transport.generation
            seekedTo = shown
            moved = true
        } else if editor.context.trimMode, editor.viewerKey.hasPrefix("record"), let point = editor.context.editPoints.first {
            // Trim mode: the frames either side of the selected edit, side by side.
            let pair = (point.frame - 1, point.frame)
            if shownPair.map({ $0 != pair }) ?? true || editor.revision != pairRevision {
                engine.showTrimPair(outgoing: pair.0, incoming: pair.1)
                shownPair = pair
                pairRevision = editor.revision
                seekedTo = -1
            }
        } else if editor.viewerPosition != seekedTo {
            // Stepping, jumping or editing while stopped: show that frame.
            engine.seek(editor.viewerPosition)
            seekedTo = editor.viewerPosition
            shownPair = nil
        }
        return moved
    }

    private func applyPreview(_ wanted: PreviewSettings) {
        let previous = appliedPreview
        if previous?.visible != wanted.visible { wanted.visible ? engine.showPreview() : engine.hidePreview() }
        if previous?.timecode != wanted.timecode { engine.setOverlay(timecode: wanted.timecode) }
        if previous?.safeGuides != wanted.safeGuides { engine.setSafeAreaGuides(wanted.safeGuides) }
        if previous?.fullscreen != wanted.fullscreen { engine.setFullscreen(wanted.fullscreen) }
        appliedPreview = wanted
    }

    private func apply(_ transport: TransportState) {
        guard transport.isPlaying, let speed = PlaySpeed(ratio: transport.speed) else {
            if engine.isPlaying {
                // K: the playhead stays on the frame that was on screen.
                let shown = engine.stop()
                editor.playbackMoved(to: shown)
                seekedTo = shown
                onMessage?(editor.stoppedAtMessage)
            }
            wasPlaying = false
            return
        }
        engine.seek(editor.viewerPosition)
        let range = transport.range.map { $0.start..<$0.end }
        engine.play(speed: speed, range: range, loop: transport.loop, returnTo: transport.returnTo)
    }
}
