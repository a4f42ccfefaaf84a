import Editor
import Foundation

/// What `termcut commands` prints: every command of the table by category, with its usage
/// and help, view commands marked as needing the editor's screen, then the aliases.
public enum CommandListing {
    /// The mark after a command that only the editor's screen runs.
    public static let screenMark = "[screen]"

    public static func text(_ registry: CommandRegistry, json: Bool) -> String {
        let specs = registry.ordered
        if json {
            var rows: [[String: String]] = specs.map {
                ["name": $0.name, "category": $0.category.rawValue, "usage": $0.usage, "help": $0.help,
                 "scope": $0.scope.rawValue]
            }
            rows += registry.aliasLines.keys.sorted().map { ["name": $0, "alias": registry.aliasLines[$0]!] }
            let data = (try? JSONSerialization.data(withJSONObject: rows, options: [.prettyPrinted, .sortedKeys])) ?? Data()
            return String(decoding: data, as: UTF8.self) + "\n"
        }
        var out = ""
        for category in CommandCategory.allCases {
            let inCategory = specs.filter { $0.category == category }
            if inCategory.isEmpty { continue }
            out += "\(category.rawValue):\n"
            let width = inCategory.map(\.usage.count).max() ?? 0
            for s in inCategory {
                let mark = s.scope.needsScreen ? "\(screenMark) " : ""
                out += "  " + s.usage.padding(toLength: width + 2, withPad: " ", startingAt: 0) + mark + s.help + "\n"
            }
        }
        if !registry.aliasLines.isEmpty {
            out += "aliases:\n"
            for word in registry.aliasLines.keys.sorted() { out += "  \(word) = \(registry.aliasLines[word]!)\n" }
        }
        out += "\n\(screenMark): changes only the editor's screen; runs in `termcut open` (keys, : palette), not in `termcut run`.\n"
        return out
    }
}
