import Editor
import Foundation
import Media
import Playback
import TimelineModel
import TUI

/// The interactive editor put together: the project opened with the one command table, the
/// playback engine and its preview window, the scopes and waveform feeds, background jobs and
/// autosave around the TUI. `termcut open` only parses its options into one of these.
public struct EditorLaunch {
    public var project: String?
    public var readOnly: Bool
    public var keymap: String
    public var theme: String?
    public var preview: Bool
    public var autosaveSeconds: Int
    public var mouse: Bool
    /// `--low-bandwidth`: fewer screen updates and colours, scopes at 2 Hz (see `TUIOptions`).
    public var lowBandwidth: Bool

    public init(project: String?, readOnly: Bool = false, keymap: String = "default", theme: String? = nil,
                preview: Bool = true, autosaveSeconds: Int = 60, mouse: Bool = true, lowBandwidth: Bool = false) {
        self.project = project; self.readOnly = readOnly; self.keymap = keymap; self.theme = theme
        self.preview = preview; self.autosaveSeconds = autosaveSeconds; self.mouse = mouse
        self.lowBandwidth = lowBandwidth
    }

    /// The editor needs a terminal on both ends; a script is pointed at `termcut run`.
    public static func requireTerminal(stdin: Bool, stdout: Bool) throws {
        guard stdin, stdout else {
            throw CLIError("the editor needs a terminal; for scripts use `termcut run PROJECT SCRIPT`")
        }
    }

    /// Opens (read-only: without its lock) or creates the project with the whole command table;
    /// a new project is written at once, so the file exists while it is being edited.
    public static func openEditor(_ url: URL, readOnly: Bool) throws -> Editor {
        if readOnly {
            return try Editor(opening: url, readOnly: true, registry: CommandTable.registry, catalog: LibavMediaCatalog())
        }
        let editor = try Editor(openingOrCreating: url, forScript: false, registry: CommandTable.registry,
                                catalog: LibavMediaCatalog())
        if editor.session?.isNew ?? false { _ = try editor.save() }
        return editor
    }

    /// Runs the editor until it quits. ncurses, the preview window and the editor all live on
    /// the main thread.
    @MainActor
    public func run() throws {
        try Self.requireTerminal(stdin: isatty(STDIN_FILENO) == 1, stdout: isatty(STDOUT_FILENO) == 1)
        let url: URL
        if let project {
            url = URL(fileURLWithPath: project)
        } else {
            FileHandle.standardError.write(Data("termcut: preparing the demo project…\n".utf8))
            url = try DemoProject.ensure()
        }
        StartGate.pass()
        let editor = try Self.openEditor(url, readOnly: readOnly)
        // A clean quit leaves no lock file (closures below keep the editor alive past run()).
        defer { editor.session?.release() }
        var playbackOptions = PlaybackOptions()
        playbackOptions.preview = preview
        playbackOptions.windowTitle = "termcut · \(url.lastPathComponent)"
        // Sound libraries (ALSA) print their own complaints to stderr, which would land on the
        // screen ncurses is about to own; the engine's audioMessage says the same thing politely.
        let engine = withStandardErrorSilenced { PlaybackEngine(options: playbackOptions) }
        defer { engine.close() }
        let link = PreviewLink(editor: editor, engine: engine)

        // Pumping the preview often keeps the picture on time; keys are still read every turn.
        var options = TUIOptions(keymapName: keymap, themeName: theme, mouse: mouse, tickMilliseconds: 10)
        options.lowBandwidth = lowBandwidth
        let bridge = EditorBridge(editor: editor)
        let scopes = ScopesFeed(playingRate: lowBandwidth ? 2 : 10)
        defer { scopes.close() }
        bridge.scopesView = { scopes.view }
        LoudnessJobs.shared.runsInBackground = true
        EditorRender.shared.runsInBackground = true
        DetectionJobs.shared.runsInBackground = true
        // Renders and detections run in the background; their progress shares the status bar.
        let backgroundStatus = {
            [EditorRender.shared.statusText, DetectionJobs.shared.statusText].compactMap { $0 }.joined(separator: " · ")
        }
        bridge.backgroundStatus = { backgroundStatus().isEmpty ? nil : backgroundStatus() }
        var shownStatus: String?
        let app = TUIApp(target: bridge, options: options)
        app.mediaFeed = LibavMediaFeed { id in
            // Waveforms and thumbnails: a feed job that finds no sound (or no picture) just stays plain.
            guard let media = editor.project.mediaReference(MediaID(id)), !media.isOffline else { return nil }
            return URL(fileURLWithPath: media.path)
        }
        var notices = [editor.lastMessage, engine.previewMessage ?? "", engine.audioMessage ?? ""].filter { !$0.isEmpty }
        let autosaveSeconds = TimeInterval(self.autosaveSeconds)
        app.pollers.append { link.poll() }
        app.pollers.append {
            // Redraw when the render's progress line changes.
            let now = backgroundStatus()
            defer { shownStatus = now }
            return now != shownStatus
        }
        app.pollers.append { scopes.poll(editor: editor, session: app.session) }
        link.onMessage = { message in app.session?.show(message) }
        link.onKey = { name in
            if let key = Key(name: name) { app.session?.handle(key) }
        }
        var lastMediaCheck = Date()
        app.onIdle = {
            notices += LoudnessJobs.shared.takeFinished()
            // Media replaced, cut short or deleted while open goes offline within two seconds.
            if Date().timeIntervalSince(lastMediaCheck) >= 2 {
                lastMediaCheck = Date()
                if let message = editor.checkMediaIdentity() { notices.append(message) }
            }
            notices += EditorRender.shared.takeFinished()
            notices += DetectionJobs.shared.deliver(to: editor)
            if autosaveSeconds > 0, let message = editor.autosaveIfDue(idleSeconds: autosaveSeconds) {
                notices.append(message)
            }
        }
        app.notices = {
            guard !notices.isEmpty else { return nil }
            defer { notices.removeAll() }
            return (notices.joined(separator: "; "), false)
        }
        try app.run()
    }
}
