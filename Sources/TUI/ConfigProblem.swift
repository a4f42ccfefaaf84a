import Foundation

/// Something wrong in a keymap or theme file, said so the user can find and fix it:
/// `keymap.toml:12: unknown key name "ctrl-foo"`. Problems are shown in the message
/// line; termcut carries on with the defaults for whatever could not be read.
public struct ConfigProblem: Error, Equatable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var column: Int?
    public var message: String

    public init(file: String, line: Int? = nil, column: Int? = nil, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String {
        var place = file
        if let line { place += ":\(line)" }
        if let column { place += ":\(column)" }
        return "\(place): \(message)"
    }
}

/// Finds where in a TOML file's text a key or table is, for problems that TOMLKit
/// cannot place (it gives positions for syntax errors only).
enum TOMLLineFinder {
    /// The 1-based line of `key = …` inside table `table` (a header `[table]` or
    /// `[table.sub]`), or of the first `key = …` anywhere if the table is not found.
    static func line(ofKey key: String, inTable table: String?, text: String) -> Int? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var currentTable: String? = nil
        var fallback: Int? = nil
        for (index, raw) in lines.enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("[") {
                let name = line.trimmingCharacters(in: CharacterSet(charactersIn: "[] "))
                currentTable = name.replacingOccurrences(of: "\"", with: "")
                continue
            }
            if startsWithKey(line, key) {
                if let table, let currentTable, currentTable == table || currentTable.hasPrefix(table + ".") {
                    return index + 1
                }
                if table == nil && currentTable == nil { return index + 1 }
                if fallback == nil { fallback = index + 1 }
            }
        }
        return fallback
    }

    /// The 1-based line of the header `[table]` (or `[table.…]`, or a dotted `table.x = …`).
    static func line(ofTable table: String, text: String) -> Int? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for (index, raw) in lines.enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "\"", with: "")
            if line.hasPrefix("[\(table)]") || line.hasPrefix("[\(table).") || line.hasPrefix("\(table).")
                || startsWithKey(line, table) {
                return index + 1
            }
        }
        return nil
    }

    private static func startsWithKey(_ line: String, _ key: String) -> Bool {
        for spelling in ["\"\(key)\"", "'\(key)'", key] where line.hasPrefix(spelling) {
            let rest = line.dropFirst(spelling.count).trimmingCharacters(in: .whitespaces)
            if rest.hasPrefix("=") { return true }
        }
        return false
    }
}

/// Where termcut finds its data files (`keymaps/`, `themes/`), first match wins:
/// the user's config directory, `$TERMCUT_DATA_DIR`, the folders beside or above the
/// executable (a source checkout running `.build/debug/termcut`), then the copies
/// compiled into the binary (`BuiltinFiles`), so an installed binary always has them.
public enum DataFiles {
    /// `$XDG_CONFIG_HOME/termcut`, else `~/.config/termcut`.
    public static func userConfigDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        if let xdg = environment["XDG_CONFIG_HOME"], !xdg.isEmpty {
            return URL(fileURLWithPath: xdg).appendingPathComponent("termcut")
        }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return URL(fileURLWithPath: home).appendingPathComponent(".config/termcut")
    }

    public static func searchDirectories(_ kind: String,
                                         environment: [String: String] = ProcessInfo.processInfo.environment) -> [URL] {
        var dirs = [userConfigDirectory(environment: environment).appendingPathComponent(kind)]
        if let dataDir = environment["TERMCUT_DATA_DIR"], !dataDir.isEmpty {
            dirs.append(URL(fileURLWithPath: dataDir).appendingPathComponent(kind))
        }
        var dir = URL(fileURLWithPath: CommandLine.arguments.first ?? ".").resolvingSymlinksInPath()
            .deletingLastPathComponent()
        for _ in 0 ..< 4 {
            dirs.append(dir.appendingPathComponent(kind))
            dirs.append(dir.appendingPathComponent("share/termcut").appendingPathComponent(kind))
            dir = dir.deletingLastPathComponent()
        }
        return dirs
    }

    /// The text of `kind/name.toml` and the path to name in messages, or nil.
    static func find(_ kind: String, name: String, in directories: [URL]) -> (text: String, path: String)? {
        for dir in directories {
            let url = dir.appendingPathComponent("\(name).toml")
            if let text = try? String(contentsOf: url, encoding: .utf8) { return (text, url.path) }
        }
        if let text = BuiltinFiles.files["\(kind)/\(name).toml"] { return (text, "\(kind)/\(name).toml (built in)") }
        return nil
    }

    /// Names available in the directories and built in, sorted.
    public static func available(_ kind: String, in directories: [URL]) -> [String] {
        var names = Set(BuiltinFiles.files.keys.filter { $0.hasPrefix(kind + "/") }
            .map { String($0.dropFirst(kind.count + 1).dropLast(5)) })
        for dir in directories {
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
            for entry in entries where entry.hasSuffix(".toml") { names.insert(String(entry.dropLast(5))) }
        }
        return names.sorted()
    }
}
