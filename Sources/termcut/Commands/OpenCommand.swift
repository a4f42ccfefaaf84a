import App
import ArgumentParser
import Editor
import Foundation
import Media
import TimelineModel
import Playback
import TUI

/// `termcut` / `termcut open PROJECT`: the interactive editor.
struct Open: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Open the editor on a project (default: the built-in demo project).",
        discussion: """
            A project that does not exist yet is created. Keys come from keymaps/NAME.toml and \
            ~/.config/termcut/keymap.toml; press ? in the editor for the keys, : for the command palette.
            """)

    @Argument(help: "The project file (.termcut); omit it for the demo project.") var project: String?
    @Flag(name: .long, help: "Open without taking the project's lock; changes cannot be saved.") var readOnly = false
    @Option(name: .long, help: "Keymap: default or vim (or any keymaps/NAME.toml).") var keymap = "default"
    @Option(name: .long, help: "Theme: dark, light, high-contrast or 16color (default: by terminal).") var theme: String?
    @Flag(name: .long, help: "Do not open the preview window.") var noPreview = false
    @Option(name: .long, help: "Save after this many seconds without changes (0: never).") var autosave = 60
    @Flag(name: .long, inversion: .prefixedNo, help: "Mouse clicks and the wheel.") var mouse = true

    func run() throws {
        // ncurses, the preview window and the editor all live on the main thread.
        try MainActor.assumeIsolated { try runOnMain() }
    }

    @MainActor
    func runOnMain() throws {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            throw CLIError("the editor needs a terminal; for scripts use `termcut run PROJECT SCRIPT`")
        }
        let url: URL
        if let project {
            url = URL(fileURLWithPath: project)
        } else {
            FileHandle.standardError.write(Data("termcut: preparing the demo project…\n".utf8))
            url = try DemoProject.ensure()
        }
        let editor: Editor
        if readOnly {
            editor = try Editor(opening: url, readOnly: true, registry: CommandTable.registry, catalog: LibavMediaCatalog())
        } else {
            editor = try Editor(openingOrCreating: url, forScript: false, registry: CommandTable.registry,
                                catalog: LibavMediaCatalog())
            if editor.session?.isNew ?? false { _ = try editor.save() }
        }
        // A clean quit leaves no lock file (closures below keep the editor alive past run()).
        defer { editor.session?.release() }
        var playbackOptions = PlaybackOptions()
        playbackOptions.preview = !noPreview
        playbackOptions.windowTitle = "termcut · \(url.lastPathComponent)"
        // Sound libraries (ALSA) print their own complaints to stderr, which would land on the
        // screen ncurses is about to own; the engine's audioMessage says the same thing politely.
        let engine = withStandardErrorSilenced { PlaybackEngine(options: playbackOptions) }
        defer { engine.close() }
        let link = PreviewLink(editor: editor, engine: engine)

        // Pumping the preview often keeps the picture on time; keys are still read every turn.
        let options = TUIOptions(keymapName: keymap, themeName: theme, mouse: mouse, tickMilliseconds: 10)
        let bridge = EditorBridge(editor: editor)
        let scopes = ScopesFeed()
        defer { scopes.close() }
        bridge.scopesView = { scopes.view }
        LoudnessJobs.shared.runsInBackground = true
        EditorRender.shared.runsInBackground = true
        bridge.backgroundStatus = { EditorRender.shared.statusText }
        var shownStatus: String?
        let app = TUIApp(target: bridge, options: options)
        app.mediaFeed = LibavMediaFeed { id in
            // Waveforms and thumbnails: a feed job that finds no sound (or no picture) just stays plain.
            guard let media = editor.project.mediaReference(MediaID(id)), !media.isOffline else { return nil }
            return URL(fileURLWithPath: media.path)
        }
        var notices = [editor.lastMessage, engine.previewMessage ?? "", engine.audioMessage ?? ""].filter { !$0.isEmpty }
        let autosaveSeconds = TimeInterval(autosave)
        app.pollers.append { link.poll() }
        app.pollers.append {
            // Redraw when the render's progress line changes.
            let now = EditorRender.shared.statusText
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
