import App
import ArgumentParser
import Foundation

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
    @Flag(name: .long, help: "For slow links (SSH over mobile): fewer screen updates and colours, scopes at 2 Hz.")
    var lowBandwidth = false

    func run() throws {
        // ncurses, the preview window and the editor all live on the main thread.
        try MainActor.assumeIsolated { try runOnMain() }
    }

    @MainActor
    func runOnMain() throws {
        try EditorLaunch(project: project, readOnly: readOnly, keymap: keymap, theme: theme, preview: !noPreview,
                         autosaveSeconds: autosave, mouse: mouse, lowBandwidth: lowBandwidth).run()
    }
}
