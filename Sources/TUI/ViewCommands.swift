import Analysis
import Editor

/// A command that changes only the editor's screen (zoom, focus, overlays), with what the
/// TUI does for it. Its spec joins the editor's in one table (`CommandRegistry.addingViewCommands`),
/// so `termcut commands`, help, the palette and the keymap check see every command; a
/// script that names one is told it needs the editor's screen.
struct ViewCommand: Sendable {
    let spec: CommandSpec
    /// Nil for the palette's and help's own commands: those layers handle them (`PaletteAction`, `HelpAction`).
    let run: (@Sendable (TUISession, Arguments) throws(CommandError) -> Void)?
}

public enum ViewCommands {
    private static func view(_ name: String, _ help: String, _ arguments: [ArgumentSpec] = [],
                             _ run: @escaping @Sendable (TUISession, Arguments) throws(CommandError) -> Void) -> ViewCommand {
        ViewCommand(spec: .screenOnly(name, .view, help, arguments: arguments), run: run)
    }

    static let all: [ViewCommand] = [
        view("help", "Show the keys of the current mode") { s, _ in s.toggleHelp() },
        view("palette", "Open the command line") { s, _ in s.openPalette() },
        view("quit", "Leave termcut (asks first when there are unsaved changes)") { s, _ in s.quit(force: false) },
        view("quit!", "Leave termcut without asking (unsaved changes stay in the journal)") { s, _ in s.quit(force: true) },
        view("zoom-in", "Show less time across the timeline") { s, _ in s.zoom(by: -1) },
        view("zoom-out", "Show more time across the timeline") { s, _ in s.zoom(by: +1) },
        view("zoom-fit", "Fit the whole sequence in the timeline pane") { s, _ in s.zoomToFit() },
        view("focus-next", "Move the focus to the next pane") { s, _ in s.cycleFocus() },
        view("focus-prev", "Move the focus to the previous pane") { s, _ in s.cycleFocus() },
        view("focus", "Focus a pane: bins or timeline",
             [ArgumentSpec("pane", .choice(Pane.allCases.map(\.rawValue)), "the pane to focus")]) { s, a throws(CommandError) in
            s.focus(Pane(rawValue: try a.string("pane")) ?? .timeline)
        },
        view("bins-up", "Select the previous row in the bins") { s, _ in s.moveBinsSelection(by: -1) },
        view("bins-down", "Select the next row in the bins") { s, _ in s.moveBinsSelection(by: +1) },
        view("bins-top", "Select the first row in the bins") { s, _ in s.moveBinsSelection(to: 0) },
        view("bins-bottom", "Select the last row in the bins") { s, _ in s.moveBinsSelection(to: s.binsRows.count - 1) },
        view("bins-collapse", "Close the selected bin (on media: the bin it is in)") { s, _ in s.openSelectedBin(false) },
        view("bins-expand", "Open the selected bin") { s, _ in s.openSelectedBin(true) },
        view("bins-toggle", "Open or close the selected bin") { s, _ in s.openSelectedBin(nil) },
        view("bins-sort", "Sort each bin's media by a column; the same column again reverses",
             [ArgumentSpec("column", .choice(BinsSortKey.allCases.map(\.rawValue) + ["next", "none"]), optional: true,
                           "the column, next for the next one, none for project order")]) { s, a in
            s.sortBins(a["column"] ?? "none")
        },
        view("bins-search", "Search the bins: type to filter, enter keeps the filter, esc clears it") { s, _ in s.openBinsSearch() },
        view("bins-filter", "List only media whose name contains TEXT (no text: all)",
             [ArgumentSpec("text", .text, optional: true, "part of a media name")]) { s, a in
            s.filterBins(a["text"] ?? "")
        },
        view("time-entry", "Type a time to go to on the active monitor (digits or +/- then enter, as Avid's keypad)",
             [ArgumentSpec("start", .word, optional: true, "what is typed already")]) { s, a in s.openTimeEntry(a["start"] ?? "") },
        view("marker-list", "List the markers: enter goes to one, r renames it, d removes it") { s, _ in s.openMarkerList() },
        view("redraw", "Redraw the whole screen") { s, _ in s.forceFullRedraw = true },
        view("theme", "Switch to another theme", [ArgumentSpec("name", .theme, "a theme: dark, light, or one of yours")]) {
            s, a throws(CommandError) in s.switchTheme(try a.string("name"))
        },
        view("scope", "Show a scope",
             [ArgumentSpec("kind", .choice(ScopeKind.allCases.map(\.rawValue)), "the scope to show")]) { s, a throws(CommandError) in
            s.applyScope("scope", try a.string("kind"))
        },
        view("scope-next", "Show the next scope") { s, _ in s.applyScope("scope-next", "") },
        view("scope-prev", "Show the previous scope") { s, _ in s.applyScope("scope-prev", "") },
        view("mixer-pane", "Show the mixer in the scopes' place (again: the scopes)") { s, _ in s.toggleMixerPane() },
    ] + PaletteAction.allCases.map {
        ViewCommand(spec: .screenOnly($0.rawValue, .view, $0.help, scope: .palette), run: nil)
    } + HelpAction.allCases.map {
        ViewCommand(spec: .screenOnly($0.rawValue, .view, $0.help, scope: .help), run: nil)
    }

    static let byName: [String: ViewCommand] = Dictionary(uniqueKeysWithValues: all.map { ($0.spec.name, $0) })

    /// The specs, for the command table.
    public static var specs: [CommandSpec] { all.map(\.spec) }

    public static var names: Set<String> { Set(byName.keys) }

    /// vim's words for leaving (`w` is the editor's own alias for save).
    static let aliases: [(String, String)] = [("q", "quit"), ("q!", "quit!"), ("wq", "save; quit"), ("x", "save; quit")]
}

extension CommandRegistry {
    /// This registry with the TUI's view commands and vim's words for quitting added: the one
    /// table the editor's screen, `termcut commands` and `termcut run` share.
    public func addingViewCommands() -> CommandRegistry {
        var registry = adding(ViewCommands.specs.filter { command(named: $0.name) == nil })
        for (word, line) in ViewCommands.aliases where registry.aliasLine(word) == nil && registry.command(named: word) == nil {
            registry.alias(word, to: line)
        }
        return registry
    }
}

/// The palette's own commands, bound in the keymap's `[palette]` table.
public enum PaletteAction: String, CaseIterable, Sendable {
    case complete = "palette-complete"
    case historyPrevious = "palette-history-prev"
    case historyNext = "palette-history-next"
    case accept = "palette-accept"
    case cancel = "palette-cancel"

    var help: String {
        switch self {
        case .complete: "Complete the command name or argument"
        case .historyPrevious: "Previous line from the palette history"
        case .historyNext: "Next line from the palette history"
        case .accept: "Run the line"
        case .cancel: "Close the palette without running anything"
        }
    }
}

/// The help overlay's own commands, bound in the keymap's `[help]` table.
public enum HelpAction: String, CaseIterable, Sendable {
    case close = "help-close"
    case scrollUp = "scroll-up"
    case scrollDown = "scroll-down"
    case pageUp = "page-up"
    case pageDown = "page-down"

    var help: String {
        switch self {
        case .close: "Close the help"
        case .scrollUp: "Scroll up one line"
        case .scrollDown: "Scroll down one line"
        case .pageUp: "Scroll up one page"
        case .pageDown: "Scroll down one page"
        }
    }
}
