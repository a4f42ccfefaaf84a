import Editor

/// The palette's text read as the one parser reads it (quotes, `;`), up to where completion
/// works: the words of the last command and the partial word being typed.
struct PaletteLine: Equatable {
    /// The finished words of the last command (unquoted); the first is its name.
    var words: [String] = []
    /// The word being typed, unquoted ("" right after a space).
    var current = ""
    /// Where the word being typed starts in the text (in characters, its opening quote included).
    var currentStart = 0

    init(_ text: String) {
        var inQuotes = false, escaping = false, inWord = false
        for (i, ch) in text.enumerated() {
            if inQuotes {
                if escaping { current.append(ch); escaping = false }
                else if ch == "\\" { escaping = true }
                else if ch == "\"" { inQuotes = false }
                else { current.append(ch) }
                continue
            }
            if ch == ";" {
                words = []; current = ""; inWord = false
                continue
            }
            if ch == " " || ch == "\t" {
                if inWord { words.append(current); current = ""; inWord = false }
                continue
            }
            if !inWord { inWord = true; currentStart = i }
            if ch == "\"" { inQuotes = true } else { current.append(ch) }
        }
        if !inWord { currentStart = text.count }
    }

    /// The argument the word being typed fills, and the text it starts with: a `name=` word
    /// names it; otherwise the next positional one not already named.
    func argument(of specs: [ArgumentSpec]) -> (spec: ArgumentSpec, namePrefix: String, value: String)? {
        guard !words.isEmpty else { return nil }
        if let eq = current.firstIndex(of: "="), let spec = specs.first(where: { $0.name == current[..<eq] }) {
            return (spec, String(current[...eq]), String(current[current.index(after: eq)...]))
        }
        let namedNames = Set(words.dropFirst().compactMap { word in word.firstIndex(of: "=").map { String(word[..<$0]) } })
        let positionalCount = words.dropFirst().filter { !$0.contains("=") }.count
        let open = specs.filter { !namedNames.contains($0.name) }
        if let last = open.last, last.kind == .text, positionalCount >= open.count - 1 { return (last, "", current) }
        guard positionalCount < open.count else { return nil }
        return (open[positionalCount], "", current)
    }
}
