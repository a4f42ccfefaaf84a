import Foundation

/// The one parser of command text, used by keys, the palette and `termcut run` alike.
/// A line holds commands separated by `;` outside quotes (`add-marker "a; b"` is one command)
/// and outside drop-frame timecodes (`mark-in 01:00:00;12` is one command).
/// Each command splits into words: spaces separate, double quotes group, `\` escapes inside
/// quotes, `#` starts a comment outside quotes. `name=value` words are named arguments.
/// Aliases and `{media}` placeholders are expanded by `CommandExpansion` before parsing.
public struct CommandText: Equatable, Sendable {
    public var name: String
    public var positional: [String]
    public var named: [String: String]

    public enum Problem: Error, Equatable, CustomStringConvertible {
        case unterminatedQuote
        public var description: String { "unterminated quote" }
    }

    /// The commands of a line, split at each `;` outside quotes and outside a `#` comment,
    /// trimmed, blanks dropped; each keeps its own quoting, to be parsed by `parse`.
    public static func commands(in line: String) throws(Problem) -> [String] {
        var out: [String] = []
        var current = ""
        var inQuotes = false, escaping = false, inWord = false
        func flush() {
            let trimmed = current.trimmingCharacters(in: .whitespaces)
            if !trimmed.isEmpty { out.append(trimmed) }
            current = ""
        }
        let characters = Array(line)
        for (i, ch) in characters.enumerated() {
            if inQuotes {
                current.append(ch)
                if escaping { escaping = false } else if ch == "\\" { escaping = true } else if ch == "\"" { inQuotes = false }
                continue
            }
            if ch == "#" && !inWord { break }
            // A `;` between two digits is a drop-frame timecode's (`01:00:00;00`), not a separator.
            let digit = { (j: Int) in j >= 0 && j < characters.count && ("0"..."9").contains(characters[j]) }
            if ch == ";" && !(digit(i - 1) && digit(i + 1)) {
                flush(); inWord = false; continue
            }
            if ch == "\"" { inQuotes = true }
            inWord = !(ch == " " || ch == "\t")
            current.append(ch)
        }
        if inQuotes { throw .unterminatedQuote }
        flush()
        return out
    }

    /// The command names of a line (`"save; quit"` → save, quit), for keymap checks and help.
    public static func names(in line: String) throws(Problem) -> [String] {
        var names: [String] = []
        for command in try commands(in: line) {
            if let parsed = try parse(command) { names.append(parsed.name) }
        }
        return names
    }

    /// The first word of one command and the text after it, untouched (for alias expansion).
    static func splitName(_ command: String) -> (name: String, rest: String) {
        let trimmed = command.drop { $0 == " " || $0 == "\t" }
        let name = trimmed.prefix { $0 != " " && $0 != "\t" }
        return (String(name), String(trimmed.dropFirst(name.count)))
    }

    /// Returns nil for a blank or comment-only line.
    public static func parse(_ line: String) throws(Problem) -> CommandText? {
        let words = try split(line)
        guard let first = words.first else { return nil }
        var positional: [String] = []
        var named: [String: String] = [:]
        for word in words.dropFirst() {
            if let split = word.nameLength {
                let eq = word.text.index(word.text.startIndex, offsetBy: split)
                named[String(word.text[..<eq])] = String(word.text[word.text.index(after: eq)...])
            } else {
                positional.append(word.text)
            }
        }
        return CommandText(name: first.text, positional: positional, named: named)
    }

    /// A word, and where its name ends when it is `name=value`: the first `=` outside quotes
    /// with a bare name before it, so `note="two words"` is named and `"a=b"` is not.
    struct Word { var text: String; var nameLength: Int? }

    static func split(_ line: String) throws(Problem) -> [Word] {
        var words: [Word] = []
        var current = ""
        var inWord = false, inQuotes = false, quoted = false, escaping = false
        var nameLength: Int?
        let characters = Array(line)
        for (i, ch) in characters.enumerated() {
            if inQuotes {
                if escaping { current.append(ch); escaping = false }
                else if ch == "\\" { escaping = true }
                else if ch == "\"" { inQuotes = false }
                else { current.append(ch) }
                continue
            }
            if ch == "#" && !inWord { break }
            if ch == " " || ch == "\t" {
                if inWord { words.append(Word(text: current, nameLength: nameLength)); current = ""; inWord = false; quoted = false; nameLength = nil }
                continue
            }
            if ch == "\"" { inQuotes = true; quoted = true; inWord = true; continue }
            if ch == "=" && !quoted && nameLength == nil && !current.isEmpty { nameLength = current.count }
            current.append(ch)
            inWord = true
        }
        if inQuotes { throw .unterminatedQuote }
        if inWord { words.append(Word(text: current, nameLength: nameLength)) }
        return words
    }

    /// Quotes a value for a command line if it needs it, so generated lines parse back the same.
    public static func quote(_ value: String) -> String {
        if !value.isEmpty && !value.contains(where: { " \t\"#\\=;{".contains($0) }) { return value }
        return "\"" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
