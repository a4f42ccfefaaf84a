/// A key press as keymaps name it: a base key plus modifiers.
/// Names: single characters (`j`, `J` for shift-j, `?`), `space`, `enter`, `esc`, `tab`,
/// `backspace`, `delete`, `insert`, arrows, `home`/`end`, `pageup`/`pagedown`, `f1`…`f12`,
/// with `ctrl-`, `alt-` and `shift-` prefixes (`ctrl-z`, `shift-left`, `alt-x`, `ctrl-shift-z`).
public struct Key: Hashable, Sendable, CustomStringConvertible {
    public enum Base: Hashable, Sendable {
        case character(Character)
        case named(String)
    }

    public struct Modifiers: OptionSet, Hashable, Sendable {
        public let rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }
        public static let ctrl = Modifiers(rawValue: 1)
        public static let alt = Modifiers(rawValue: 2)
        public static let shift = Modifiers(rawValue: 4)
    }

    public var base: Base
    public var modifiers: Modifiers

    public init(_ base: Base, modifiers: Modifiers = []) {
        self.base = base
        self.modifiers = modifiers
    }

    public static func char(_ c: Character, _ modifiers: Modifiers = []) -> Key { Key(.character(c), modifiers: modifiers) }
    public static func named(_ n: String, _ modifiers: Modifiers = []) -> Key { Key(.named(n), modifiers: modifiers) }

    public static let namedKeys: Set<String> = [
        "space", "enter", "esc", "tab", "backtab", "backspace", "delete", "insert",
        "left", "right", "up", "down", "home", "end", "pageup", "pagedown",
        "f1", "f2", "f3", "f4", "f5", "f6", "f7", "f8", "f9", "f10", "f11", "f12",
    ]

    /// Parses a key name; nil when it names no key.
    public init?(name: String) {
        if name.isEmpty { return nil }
        var modifiers: Modifiers = []
        var rest = Substring(name)
        // A lone "-" is the minus key; "ctrl--" is ctrl and minus.
        while true {
            let lowered = rest.lowercased()
            if lowered.hasPrefix("ctrl-") && rest.count > 5 { modifiers.insert(.ctrl); rest = rest.dropFirst(5) }
            else if lowered.hasPrefix("c-") && rest.count > 2 { modifiers.insert(.ctrl); rest = rest.dropFirst(2) }
            else if lowered.hasPrefix("alt-") && rest.count > 4 { modifiers.insert(.alt); rest = rest.dropFirst(4) }
            else if lowered.hasPrefix("a-") && rest.count > 2 { modifiers.insert(.alt); rest = rest.dropFirst(2) }
            else if lowered.hasPrefix("meta-") && rest.count > 5 { modifiers.insert(.alt); rest = rest.dropFirst(5) }
            else if lowered.hasPrefix("shift-") && rest.count > 6 { modifiers.insert(.shift); rest = rest.dropFirst(6) }
            else if lowered.hasPrefix("s-") && rest.count > 2 { modifiers.insert(.shift); rest = rest.dropFirst(2) }
            else { break }
        }
        if rest.count == 1, let c = rest.first {
            if modifiers.contains(.ctrl), c.isLetter {
                // ctrl-Z and ctrl-shift-z are one key: spelt lower case with shift.
                let shifted = c.isUppercase ? modifiers.union(.shift) : modifiers
                self.init(.character(Character(c.lowercased())), modifiers: shifted)
            } else if modifiers.contains(.shift), c.isLetter {
                // shift-j is J: one spelling per key.
                modifiers.remove(.shift)
                self.init(.character(Character(c.uppercased())), modifiers: modifiers)
            } else {
                self.init(.character(c), modifiers: modifiers)
            }
            return
        }
        let lowered = rest.lowercased()
        let aliases = ["ret": "enter", "return": "enter", "escape": "esc", "del": "delete", "bs": "backspace",
                       "pgup": "pageup", "pgdn": "pagedown", "ins": "insert", "minus": "-", "lt": "<", "gt": ">"]
        let canonical = aliases[lowered] ?? lowered
        if canonical.count == 1, let c = canonical.first {
            self.init(.character(c), modifiers: modifiers)
            return
        }
        guard Key.namedKeys.contains(canonical) else { return nil }
        if canonical == "space" {
            self.init(.character(" "), modifiers: modifiers)
            return
        }
        self.init(.named(canonical), modifiers: modifiers)
    }

    /// The canonical name, which `init(name:)` parses back to this key.
    public var description: String {
        var prefix = ""
        if modifiers.contains(.ctrl) { prefix += "ctrl-" }
        if modifiers.contains(.alt) { prefix += "alt-" }
        if modifiers.contains(.shift) { prefix += "shift-" }
        switch base {
        case .character(" "): return prefix + "space"
        case .character(let c): return prefix + String(c)
        case .named(let n): return prefix + n
        }
    }

    /// The character this key types, for prompts (nil for named keys and chords).
    public var typedCharacter: Character? {
        guard modifiers.subtracting(.shift).isEmpty, case .character(let c) = base else { return nil }
        return c
    }
}

extension Key {
    /// Parses a key string as tests and scripts type it (helix's `"ihello<esc>"`):
    /// plain characters are keys, `<name>` is a named or modified key (`<esc>`,
    /// `<ctrl-z>`, `<shift-left>`, `<lt>` for `<`). Returns nil on an unknown name.
    public static func sequence(_ text: String) -> [Key]? {
        var keys: [Key] = []
        var index = text.startIndex
        while index < text.endIndex {
            let c = text[index]
            if c == "<", let close = text[index...].firstIndex(of: ">"), close > text.index(after: index) {
                let name = String(text[text.index(after: index) ..< close])
                guard let key = Key(name: name) else { return nil }
                keys.append(key)
                index = text.index(after: close)
            } else {
                keys.append(.char(c))
                index = text.index(after: index)
            }
        }
        return keys
    }
}
