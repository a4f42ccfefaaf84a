import Interchange

/// What the TUI drives: the editor, behind a small protocol so the TUI's tests can
/// use a stand-in. `EditorBridge` adapts the real `Editor`.
public protocol CommandTarget: AnyObject {
    /// Runs one command line (`"razor"`, `"trim-ripple tail +5"`) and says what happened.
    func execute(_ line: String) -> CommandReply
    /// The current state in display terms.
    func screenModel() -> ScreenModel
    /// The same, with the timeline's items listed only for `window` (see `TimelineView.window`).
    func screenModel(window: TimelineWindow) -> ScreenModel
    /// The editor's commands for completion, help and keymap validation.
    var catalog: CommandCatalog { get }
    /// Asked before quitting: nil lets termcut quit; an outcome refuses and is shown
    /// (for example "unsaved changes: save first, or quit!").
    func quitRefusal(force: Bool) -> CommandReply?
    /// Changes not saved to the project file (the journal has them): quitting asks first.
    var hasUnsavedChanges: Bool { get }
    /// The screen as the project file saved it, to start from (nil: a fresh screen).
    var savedView: ProjectViewState? { get }
    /// Told the screen's state before each command, so a save writes it with the project.
    func viewChanged(_ view: ProjectViewState)
}

public extension CommandTarget {
    func quitRefusal(force: Bool) -> CommandReply? { nil }
    var hasUnsavedChanges: Bool { false }
    var savedView: ProjectViewState? { nil }
    func viewChanged(_ view: ProjectViewState) {}
    func screenModel(window: TimelineWindow) -> ScreenModel { screenModel() }
}

/// The result of a command as the message line shows it.
public struct CommandReply: Equatable, Sendable {
    public var message: String
    public var isError: Bool
    /// Things the editor asks the front end to do (`quit`, `help`): run as TUI commands.
    public var requests: [String]

    public init(message: String, isError: Bool = false, requests: [String] = []) {
        self.message = message
        self.isError = isError
        self.requests = requests
    }

    public static func ok(_ message: String) -> CommandReply { CommandReply(message: message) }
    public static func error(_ message: String) -> CommandReply { CommandReply(message: message, isError: true) }
}

/// A target with a fixed model that accepts no commands: for demos and tests of drawing.
public final class StaticTarget: CommandTarget {
    public var model: ScreenModel
    public var catalog: CommandCatalog
    public private(set) var executed: [String] = []

    public init(model: ScreenModel, catalog: CommandCatalog = CommandCatalog()) {
        self.model = model
        self.catalog = catalog
    }

    public func execute(_ line: String) -> CommandReply {
        executed.append(line)
        return .ok(line)
    }

    public func screenModel() -> ScreenModel { model }
}
