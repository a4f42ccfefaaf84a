import TimelineModel

/// Where a command shows up in the palette and the help screen.
public enum CommandCategory: String, CaseIterable, Sendable {
    case project, bins, source, transport, marks, editing, trimming, tracks, markers, interchange, view, playback, analysis
}

/// Who runs a command. Editor commands change the edit and run anywhere (keys, palette,
/// `termcut run`); the others change only what the editor's screen shows, so they need it:
/// `view` from any mode, `palette` and `help` inside those layers.
public enum CommandScope: String, CaseIterable, Sendable {
    case editor, view, palette, help

    /// Said by `termcut run` and `termcut commands` for a command that needs the screen.
    public var needsScreen: Bool { self != .editor }
}

/// The kind of value an argument takes; the palette uses it for hints and completion.
public enum ArgumentKind: Sendable, Equatable {
    /// A timeline position: timecode, `+5`/`-10` frames relative to the playhead, `f120`, `2.5s`.
    case time
    /// A signed frame count: `5`, `-3`, `+10`, or a duration such as `2s` or `00:00:01:00`.
    case frames
    case int
    case number
    case word
    /// A track name such as V1 or A2.
    case track
    /// One or more track names separated by commas, or `all`.
    case tracks
    case clip
    case media
    case path
    case choice([String])
    /// A bin's name (or path, `Bin/Sub`).
    case bin
    /// A colour theme's name.
    case theme
    /// Everything to the end of the line.
    case text
}

public struct ArgumentSpec: Sendable {
    public var name: String
    public var kind: ArgumentKind
    public var optional: Bool
    public var help: String

    public init(_ name: String, _ kind: ArgumentKind, optional: Bool = false, _ help: String) {
        self.name = name; self.kind = kind; self.optional = optional; self.help = help
    }

    /// How the palette shows the argument: `<at>` or `[at]`.
    public var hint: String { optional ? "[\(name)]" : "<\(name)>" }
}

/// What a command reports back: shown in the message line, printed by scripts.
public struct CommandResult: Sendable {
    public var message: String
    /// The exact line to write to the journal instead of the typed one, when replaying the typed
    /// one would not give the same project (an import replays the probed facts, not the probe).
    public var journalLine: String?
    /// What undo and redo call this change ("ripple trim V1 +5f"), when it differs from the message.
    public var undoLabel: String?
    /// Lines too many for the one-line message (every problem an import met): the command line
    /// (`termcut import`, `run -v`) prints them under it; the editor's message line names how many.
    public var details: [String]

    public init(_ message: String = "", journalLine: String? = nil, undoLabel: String? = nil, details: [String] = []) {
        self.message = message
        self.journalLine = journalLine
        self.undoLabel = undoLabel
        self.details = details
    }
}

/// A refused or malformed command; the message is what the user reads.
public struct CommandError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// A named user action with typed arguments. Keys, the palette, scripts and tests all run
/// commands through the registry by name, so there is exactly one way to do each thing.
public struct CommandSpec: Sendable {
    public typealias Handler = @Sendable (Editor, Arguments) throws -> CommandResult

    public var name: String
    public var category: CommandCategory
    public var help: String
    public var arguments: [ArgumentSpec]
    /// Commands that may change the project: wrapped in undo, written to the journal.
    public var changesProject: Bool
    /// Editor commands run anywhere; view commands only where the editor's screen is (see `CommandScope`).
    public var scope: CommandScope
    public var handler: Handler

    public init(_ name: String, _ category: CommandCategory, _ help: String, arguments: [ArgumentSpec] = [],
                changesProject: Bool = false, scope: CommandScope = .editor, handler: @escaping Handler) {
        self.name = name; self.category = category; self.help = help; self.arguments = arguments
        self.changesProject = changesProject; self.scope = scope; self.handler = handler
    }

    /// A command that only the editor's screen can run: `termcut run` gets a handler that
    /// says so instead of "unknown command"; the TUI runs its own implementation by name.
    public static func screenOnly(_ name: String, _ category: CommandCategory, _ help: String,
                                  arguments: [ArgumentSpec] = [], scope: CommandScope = .view) -> CommandSpec {
        CommandSpec(name, category, help, arguments: arguments, scope: scope) { _, _ in
            throw CommandError("\(name) changes only the editor's screen: run it in `termcut open` (keys or the : palette), not in a script")
        }
    }

    /// `razor [at] [tracks]`: the usage line the palette and `termcut commands` show.
    public var usage: String { ([name] + arguments.map(\.hint)).joined(separator: " ") }
}
