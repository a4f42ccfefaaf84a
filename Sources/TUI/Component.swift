/// Something drawn on screen that may take keys (helix's `Component`). Components
/// never change the project: they emit command lines, which the session dispatches
/// to the TUI's own commands or to the editor.
public protocol Component: AnyObject {
    func render(area: Rect, surface: inout Surface, context: RenderContext)
    func handle(_ key: Key, context: EventContext) -> EventResult
    /// Where the text cursor goes while this component is on top (nil hides it).
    func cursor(area: Rect, context: RenderContext) -> (x: Int, y: Int)?
}

public extension Component {
    func cursor(area: Rect, context: RenderContext) -> (x: Int, y: Int)? { nil }
}

public enum EventResult: Equatable, Sendable {
    case consumed
    case ignored
}

/// Everything a component may read while drawing.
public struct RenderContext {
    public var model: ScreenModel
    public var view: ViewState
    public var theme: Theme
    public var keymap: Keymap
    public var commands: CommandCatalog
    /// Waveforms and thumbnails, when the app has a media engine (nil in most tests).
    public var feed: MediaFeed?

    public init(model: ScreenModel, view: ViewState, theme: Theme, keymap: Keymap, commands: CommandCatalog,
                feed: MediaFeed? = nil) {
        self.model = model
        self.view = view
        self.theme = theme
        self.keymap = keymap
        self.commands = commands
        self.feed = feed
    }

    public func style(_ role: String) -> Style { theme.style(role) }
}

/// What a component may do in answer to a key: emit command lines, close itself.
public final class EventContext {
    public private(set) var commands: [String] = []
    public var closeTopLayer = false
    public let model: ScreenModel
    public var view: ViewState
    public let keymap: Keymap
    public let commandCatalog: CommandCatalog

    public init(model: ScreenModel, view: ViewState, keymap: Keymap, commandCatalog: CommandCatalog) {
        self.model = model
        self.view = view
        self.keymap = keymap
        self.commandCatalog = commandCatalog
    }

    public func emit(_ line: String) { commands.append(line) }
}

/// Which pane has the keyboard.
public enum Pane: String, Sendable, CaseIterable {
    case bins, timeline
}

/// The TUI's own state: what is on screen, not what is in the project.
public struct ViewState: Equatable, Sendable {
    public var focus: Pane = .timeline
    /// Index into `TimelineZoom.levels`.
    public var zoomLevel: Int = TimelineZoom.defaultLevel
    /// The first frame shown at the left edge of the timeline.
    public var timelineStart: Int = 0
    /// Index into the bins as listed (`BinsListing.rows`), not into `ScreenModel.bins`.
    public var binsSelection: Int = 0
    public var binsScroll: Int = 0
    /// Bins closed in the pane, by their path (`BinRow.reference`).
    public var collapsedBins: Set<String> = []
    /// How each bin's media are ordered; nil keeps the project's order.
    public var binsSort: BinsSort?
    /// Only media whose name contains this (case-insensitive) are listed; "" lists all.
    public var binsFilter: String = ""
    /// Keys typed so far of an unfinished sequence (`d` of `dd`).
    public var pendingKeys: [Key] = []
    /// The scope the scopes pane shows.
    public var scopes = ScopeSelection()
    /// The mixer shows in the scopes' place (`mixer-pane` toggles it).
    public var showMixer = false
    public var message: Message = Message("")

    public init() {}

    public struct Message: Equatable, Sendable {
        public var text: String
        public var isError: Bool

        public init(_ text: String, isError: Bool = false) {
            self.text = text
            self.isError = isError
        }
    }

    public var pendingText: String { pendingKeys.map(\.description).joined(separator: " ") }
}
