import Editor
import Foundation
import TOMLKit

/// Keys → command lines, per mode, read from TOML (helix's keymap, mpv's input.conf):
///
/// ```toml
/// [normal]
/// J = "play-reverse"
/// "[" = "trim -1"
/// [normal.g]          # a two-key sequence: g then g
/// g = "go-to-start"
/// ```
///
/// `trim` and `bins` fall back to `normal` for keys they do not bind, so J/K/L and
/// the frame steps keep working while trimming; `palette` and `help` do not.
/// `[alias]` maps palette words to command lines (`w = "save"` for `:w`).
public struct Keymap: Sendable {
    public enum Binding: Equatable, Sendable {
        case command(String)
        /// The first key of a sequence: the next key is looked up here.
        case prefix([Key: Binding])
    }

    public enum Lookup: Equatable, Sendable {
        case command(String)
        /// More keys are needed (the keys so far are a prefix).
        case pending
        case unbound
    }

    public static let modeNames = ["normal", "trim", "grade", "bins", "palette", "help"]
    static let fallsBackToNormal: Set<String> = ["trim", "grade", "bins"]

    public var name: String
    public private(set) var modes: [String: [Key: Binding]]
    public private(set) var aliases: [String: String]

    public init(name: String, modes: [String: [Key: Binding]] = [:], aliases: [String: String] = [:]) {
        self.name = name
        self.modes = modes
        self.aliases = aliases
    }

    public func lookup(_ keys: [Key], mode: String) -> Lookup {
        let result = Keymap.walk(modes[mode] ?? [:], keys)
        if result == .unbound, mode != "normal", Keymap.fallsBackToNormal.contains(mode) {
            return Keymap.walk(modes["normal"] ?? [:], keys)
        }
        return result
    }

    private static func walk(_ table: [Key: Binding], _ keys: [Key]) -> Lookup {
        guard let first = keys.first, let binding = table[first] else { return .unbound }
        switch binding {
        case .command(let line): return keys.count == 1 ? .command(line) : .unbound
        case .prefix(let next): return keys.count == 1 ? .pending : walk(next, Array(keys.dropFirst()))
        }
    }

    /// Every binding of a mode as (key sequence, command line), sorted by command then keys.
    /// For `trim` and `bins` this includes the `normal` keys they fall back to, marked `inherited`.
    public func bindings(mode: String, includeInherited: Bool = false) -> [(keys: String, command: String, inherited: Bool)] {
        var out: [(keys: String, command: String, inherited: Bool)] = []
        func collect(_ table: [Key: Binding], prefix: String, inherited: Bool, skip: Set<Key>) {
            for (key, binding) in table where !skip.contains(key) || !prefix.isEmpty {
                let name = prefix.isEmpty ? key.description : prefix + " " + key.description
                switch binding {
                case .command(let line): out.append((name, line, inherited))
                case .prefix(let next): collect(next, prefix: name, inherited: inherited, skip: [])
                }
            }
        }
        let own = modes[mode] ?? [:]
        collect(own, prefix: "", inherited: false, skip: [])
        if includeInherited, Keymap.fallsBackToNormal.contains(mode) {
            collect(modes["normal"] ?? [:], prefix: "", inherited: true, skip: Set(own.keys))
        }
        return out.sorted { ($0.inherited ? 1 : 0, $0.command, $0.keys) < ($1.inherited ? 1 : 0, $1.command, $1.keys) }
    }

    /// The keys bound to a command line in a mode (for hints: "razor (ctrl-k)").
    public func keys(for command: String, mode: String) -> [String] {
        bindings(mode: mode, includeInherited: true).filter { $0.command == command }.map(\.keys)
    }

    // MARK: - Loading

    /// `$XDG_CONFIG_HOME/termcut/keymap.toml` (or `~/.config/termcut/keymap.toml`).
    public static func defaultUserFile(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        DataFiles.userConfigDirectory(environment: environment).appendingPathComponent("keymap.toml")
    }

    /// Loads the keymap `name` (`default`, `vim`, or any `keymaps/NAME.toml` found by
    /// `DataFiles`) and merges `userFile` over it key by key. Never fails: problems
    /// (syntax errors with their line and column, unknown key names, modes or
    /// commands with their line) are returned for the message line, and whatever
    /// could not be read is left at the base binding. An unreadable base keymap
    /// falls back to the built-in default.
    ///
    /// - Parameter isKnownCommand: says whether a command name exists (the editor's
    ///   registry); the TUI's own commands (`help`, `palette`, `zoom-in`…) are always
    ///   known. Pass nil to skip the check. The shipped keymaps are not checked at run
    ///   time (a test checks them against the registry), a user's own keymaps are.
    public static func load(name: String = "default",
                            userFile: URL? = Keymap.defaultUserFile(),
                            isKnownCommand: ((String) -> Bool)? = nil,
                            searchDirectories: [URL] = DataFiles.searchDirectories("keymaps")) -> (Keymap, [ConfigProblem]) {
        var problems: [ConfigProblem] = []
        let validator: ((String) -> Bool)? = isKnownCommand.map { known in
            { ViewCommands.names.contains($0) || known($0) }
        }
        var keymap = Keymap(name: name)
        var baseLoaded = false
        if let found = DataFiles.find("keymaps", name: name, in: searchDirectories) {
            // The shipped keymaps are checked against the registry by the TUI's tests, and may
            // name commands a newer editor adds; a user's own base keymap is checked here.
            let shipped = BuiltinFiles.files["keymaps/\(name).toml"] == found.text
            let parsed = parse(text: found.text, file: found.path, isKnownCommand: shipped ? nil : validator)
            problems += parsed.problems
            if !parsed.syntaxError {
                keymap.merge(parsed.keymap)
                baseLoaded = true
            }
        } else {
            let known = DataFiles.available("keymaps", in: searchDirectories).joined(separator: ", ")
            problems.append(ConfigProblem(file: "--keymap", message: "no keymap named \"\(name)\" (available: \(known)); using default"))
        }
        if !baseLoaded {
            keymap = Keymap(name: "default")
            let builtin = parse(text: BuiltinFiles.files["keymaps/default.toml"] ?? "", file: "keymaps/default.toml (built in)",
                                isKnownCommand: nil)
            keymap.merge(builtin.keymap)
        }
        if let userFile, let text = try? String(contentsOf: userFile, encoding: .utf8) {
            let parsed = parse(text: text, file: userFile.path, isKnownCommand: validator)
            problems += parsed.problems
            keymap.merge(parsed.keymap)
        }
        return (keymap, problems)
    }

    /// Convenience for a fixed set of command names.
    public static func load(name: String = "default", userFile: URL? = Keymap.defaultUserFile(),
                            knownCommands: Set<String>,
                            searchDirectories: [URL] = DataFiles.searchDirectories("keymaps")) -> (Keymap, [ConfigProblem]) {
        load(name: name, userFile: userFile, isKnownCommand: { knownCommands.contains($0) },
             searchDirectories: searchDirectories)
    }

    /// Parses one keymap file. Entries with problems are left out; a syntax error
    /// leaves the whole file out (`syntaxError`).
    public static func parse(text: String, file: String,
                             isKnownCommand: ((String) -> Bool)?) -> (keymap: Keymap, problems: [ConfigProblem], syntaxError: Bool) {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            return (Keymap(name: file), [ConfigProblem(file: file, line: error.source.begin.line,
                                                       column: error.source.begin.column, message: error.description)], true)
        } catch {
            return (Keymap(name: file), [ConfigProblem(file: file, message: "\(error)")], true)
        }
        var problems: [ConfigProblem] = []
        var keymap = Keymap(name: file)
        for topKey in table.keys.sorted() {
            guard let value = table[topKey] else { continue }
            if topKey == "alias" || topKey == "aliases" {
                guard let aliasTable = value.table else {
                    problems.append(ConfigProblem(file: file, line: TOMLLineFinder.line(ofTable: topKey, text: text),
                                                  message: "[\(topKey)] must be a table of word = \"command\""))
                    continue
                }
                for word in aliasTable.keys.sorted() {
                    if let line = aliasTable[word]?.string {
                        keymap.aliases[word] = line
                    } else {
                        problems.append(ConfigProblem(file: file, line: TOMLLineFinder.line(ofKey: word, inTable: topKey, text: text),
                                                      message: "alias \"\(word)\" must be a command string"))
                    }
                }
                continue
            }
            guard modeNames.contains(topKey), let modeTable = value.table else {
                problems.append(ConfigProblem(file: file, line: TOMLLineFinder.line(ofTable: topKey, text: text),
                                              message: "unknown mode \"\(topKey)\" (modes: \(modeNames.joined(separator: ", ")), alias)"))
                continue
            }
            keymap.modes[topKey] = parseBindings(modeTable, path: topKey, file: file, text: text,
                                                 isKnownCommand: isKnownCommand, problems: &problems)
        }
        return (keymap, problems, false)
    }

    private static func parseBindings(_ table: TOMLTable, path: String, file: String, text: String,
                                      isKnownCommand: ((String) -> Bool)?, problems: inout [ConfigProblem]) -> [Key: Binding] {
        var out: [Key: Binding] = [:]
        for keyName in table.keys.sorted() {
            guard let value = table[keyName] else { continue }
            let line = TOMLLineFinder.line(ofKey: keyName, inTable: path, text: text)
                ?? TOMLLineFinder.line(ofTable: "\(path).\(keyName)", text: text)
            guard let key = Key(name: keyName) else {
                problems.append(ConfigProblem(file: file, line: line, message: "unknown key name \"\(keyName)\" in [\(path)]"))
                continue
            }
            if let commandLine = value.string {
                let trimmed = commandLine.trimmingCharacters(in: .whitespaces)
                if trimmed.isEmpty || trimmed == "none" {
                    out[key] = .command("")  // unbinds the key when merged
                    continue
                }
                let names: [String]
                do { names = try CommandText.names(in: trimmed) } catch {
                    problems.append(ConfigProblem(file: file, line: line, message: "\(error) in the command for key \(keyName) in [\(path)]"))
                    continue
                }
                if let isKnownCommand {
                    let unknown = names.filter { !isKnownCommand($0) }
                    if !unknown.isEmpty {
                        problems.append(ConfigProblem(file: file, line: line,
                                                      message: "unknown command \"\(unknown[0])\" for key \(keyName) in [\(path)]"))
                        continue
                    }
                }
                out[key] = .command(trimmed)
            } else if let sub = value.table {
                out[key] = .prefix(parseBindings(sub, path: "\(path).\(keyName)", file: file, text: text,
                                                 isKnownCommand: isKnownCommand, problems: &problems))
            } else {
                problems.append(ConfigProblem(file: file, line: line,
                                              message: "key \(keyName) in [\(path)] must be a command string or a table of keys"))
            }
        }
        return out
    }

    /// The command names in a line such as `"save; quit"`.
    /// Read with the one parser (`CommandText`), so `add-marker "a; b"` names one command.
    static func commandNames(in line: String) -> [String] {
        (try? CommandText.names(in: line)) ?? []
    }

    /// Lays `other` over this keymap key by key (an empty command unbinds).
    public mutating func merge(_ other: Keymap) {
        for (mode, table) in other.modes {
            modes[mode] = Keymap.merge(modes[mode] ?? [:], table)
        }
        for (word, line) in other.aliases { aliases[word] = line }
    }

    private static func merge(_ base: [Key: Binding], _ over: [Key: Binding]) -> [Key: Binding] {
        var out = base
        for (key, binding) in over {
            switch (out[key], binding) {
            case (_, .command("")): out[key] = nil
            case (.prefix(let a)?, .prefix(let b)): out[key] = .prefix(merge(a, b))
            default: out[key] = binding
            }
        }
        return out
    }
}
