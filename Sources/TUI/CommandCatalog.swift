import Editor

/// The command table as the palette completes it and the help overlay explains it: the
/// editor's specs (from its registry) plus the TUI's view commands, and the aliases.
public struct CommandCatalog: Sendable {
    public struct Entry: Sendable {
        public var name: String
        /// The arguments as the palette hints them: `<at> [tracks]`.
        public var arguments: String
        public var help: String
        /// The typed arguments, for completion (empty for entries made from hints alone).
        public var argumentSpecs: [ArgumentSpec]
        public var scope: CommandScope

        public init(name: String, arguments: String = "", help: String = "", argumentSpecs: [ArgumentSpec] = [],
                    scope: CommandScope = .editor) {
            self.name = name
            self.arguments = arguments
            self.help = help
            self.argumentSpecs = argumentSpecs
            self.scope = scope
        }

        public init(_ spec: CommandSpec) {
            self.init(name: spec.name, arguments: spec.arguments.map(\.hint).joined(separator: " "), help: spec.help,
                      argumentSpecs: spec.arguments, scope: spec.scope)
        }
    }

    public private(set) var entries: [String: Entry]
    /// Alias word → the line it stands for (`w` → `save`, `wq` → `save; quit`).
    public private(set) var aliases: [String: String]

    /// `help` maps command names to one-line help; `arguments` to argument hints (a stand-in
    /// table for tests). The view commands are always there.
    public init(help: [String: String] = [:], arguments: [String: String] = [:]) {
        var entries: [String: Entry] = [:]
        for spec in ViewCommands.specs { entries[spec.name] = Entry(spec) }
        for (name, text) in help {
            entries[name] = Entry(name: name, arguments: arguments[name] ?? "", help: text)
        }
        for (name, hint) in arguments where entries[name] == nil {
            entries[name] = Entry(name: name, arguments: hint)
        }
        self.entries = entries
        self.aliases = Dictionary(uniqueKeysWithValues: ViewCommands.aliases.map { ($0.0, $0.1) })
    }

    public init(entries: [Entry]) {
        self.init()
        for entry in entries { self.entries[entry.name] = entry }
    }

    /// The whole table from a registry (the view commands are added if it lacks them).
    public init(registry: CommandRegistry) {
        self.init(entries: registry.ordered.map(Entry.init))
        for (word, line) in registry.aliasLines { aliases[word] = line }
    }

    public var names: [String] { entries.keys.sorted() }

    public func contains(_ name: String) -> Bool { entries[name] != nil }

    /// The help for a command line's first word (an alias: its line), or "".
    public func help(forLine line: String) -> String {
        guard let name = ((try? CommandText.names(in: line)) ?? []).first else { return "" }
        if let entry = entries[name] { return entry.help }
        return aliases[name].map { "= \($0)" } ?? ""
    }
}
