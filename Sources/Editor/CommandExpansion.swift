import Foundation

/// Turns a typed or bound line into the commands to run: splits it at `;` (quote-aware,
/// `CommandText.commands`), replaces a leading alias word by its line (`w` → `save`,
/// `wq` → `save; quit`; the rest of the command follows the expansion), and fills
/// `{name}` placeholders (`{media}`: the media selected in the bins) with a quoted value.
/// Keys, the palette and `termcut run` all go through here, so a line that works in one
/// works in all.
public enum CommandExpansion {
    /// Aliases may name aliases; deeper than this is a loop.
    static let maxDepth = 4

    public static func expand(_ line: String, aliases: (String) -> String?,
                              placeholders: [String: String]? = nil) throws(CommandError) -> [String] {
        try expand(line, aliases: aliases, placeholders: placeholders, depth: 0)
    }

    /// `placeholders` nil leaves `{…}` as typed (a line already filled, or a script's).
    private static func expand(_ line: String, aliases: (String) -> String?, placeholders: [String: String]?,
                               depth: Int) throws(CommandError) -> [String] {
        let commands: [String]
        do { commands = try CommandText.commands(in: line) } catch { throw CommandError("\(error) in: \(line)") }
        var out: [String] = []
        for command in commands {
            let (name, rest) = CommandText.splitName(command)
            if let target = aliases(name) {
                guard depth < maxDepth else { throw CommandError("alias \(name) expands too deeply (an alias loop?)") }
                out += try expand(target + rest, aliases: aliases, placeholders: placeholders, depth: depth + 1)
            } else {
                if let placeholders { out.append(try fill(command, placeholders: placeholders)) } else { out.append(command) }
            }
        }
        return out
    }

    /// `{name}` outside quotes becomes the quoted value; inside quotes, the escaped value.
    static func fill(_ command: String, placeholders: [String: String]) throws(CommandError) -> String {
        guard command.contains("{") else { return command }
        var out = ""
        var inQuotes = false, escaping = false
        var index = command.startIndex
        while index < command.endIndex {
            let ch = command[index]
            if inQuotes {
                if escaping { escaping = false } else if ch == "\\" { escaping = true } else if ch == "\"" { inQuotes = false }
            } else if ch == "\"" {
                inQuotes = true
            }
            if ch == "{", !escaping, let close = command[index...].firstIndex(of: "}") {
                let key = String(command[command.index(after: index) ..< close])
                if !key.isEmpty, key.allSatisfy({ $0.isLetter || $0 == "-" }) {
                    guard let value = placeholders[key] else {
                        let name = CommandText.splitName(command).name
                        throw CommandError(key == "media" ? "\(name): select media in the bins first"
                                                          : "\(name): nothing to put in {\(key)}")
                    }
                    if inQuotes {
                        out += value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
                    } else {
                        out += CommandText.quote(value)
                    }
                    index = command.index(after: close)
                    continue
                }
            }
            out.append(ch)
            index = command.index(after: index)
        }
        return out
    }
}
