/// Splits a command line into words: spaces separate, double quotes group, `\` escapes inside
/// quotes, `#` starts a comment outside quotes. `name=value` words are named arguments.
public struct CommandText: Equatable, Sendable {
    public var name: String
    public var positional: [String]
    public var named: [String: String]

    public enum Problem: Error, Equatable, CustomStringConvertible {
        case unterminatedQuote
        public var description: String { "unterminated quote" }
    }

    /// Returns nil for a blank or comment-only line.
    public static func parse(_ line: String) throws(Problem) -> CommandText? {
        let words = try split(line)
        guard let first = words.first else { return nil }
        var positional: [String] = []
        var named: [String: String] = [:]
        for word in words.dropFirst() {
            if !word.quoted, let eq = word.text.firstIndex(of: "="), eq != word.text.startIndex {
                named[String(word.text[..<eq])] = String(word.text[word.text.index(after: eq)...])
            } else {
                positional.append(word.text)
            }
        }
        return CommandText(name: first.text, positional: positional, named: named)
    }

    struct Word { var text: String; var quoted: Bool }

    static func split(_ line: String) throws(Problem) -> [Word] {
        var words: [Word] = []
        var current = ""
        var inWord = false, inQuotes = false, quoted = false, escaping = false
        for ch in line {
            if inQuotes {
                if escaping { current.append(ch); escaping = false }
                else if ch == "\\" { escaping = true }
                else if ch == "\"" { inQuotes = false }
                else { current.append(ch) }
                continue
            }
            if ch == "#" && !inWord { break }
            if ch == " " || ch == "\t" {
                if inWord { words.append(Word(text: current, quoted: quoted)); current = ""; inWord = false; quoted = false }
                continue
            }
            if ch == "\"" { inQuotes = true; quoted = true; inWord = true; continue }
            current.append(ch)
            inWord = true
        }
        if inQuotes { throw .unterminatedQuote }
        if inWord { words.append(Word(text: current, quoted: quoted)) }
        return words
    }

    /// Quotes a value for a command line if it needs it, so generated lines parse back the same.
    public static func quote(_ value: String) -> String {
        if !value.isEmpty && !value.contains(where: { " \t\"#\\=".contains($0) }) { return value }
        return "\"" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
