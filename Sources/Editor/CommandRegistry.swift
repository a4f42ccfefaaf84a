/// Every command by name, in one table: the palette, the help screen, `termcut commands` and the
/// keymap validator all read it, so they cannot disagree.
public struct CommandRegistry: Sendable {
    private var byName: [String: CommandSpec] = [:]
    private var aliases: [String: String] = [:]
    public private(set) var ordered: [CommandSpec] = []

    public init(_ specs: [CommandSpec] = []) {
        for spec in specs { register(spec) }
    }

    public mutating func register(_ spec: CommandSpec) {
        precondition(byName[spec.name] == nil, "command \(spec.name) registered twice")
        byName[spec.name] = spec
        ordered.append(spec)
    }

    /// Another name for a command (`w` for `save` in vim habits).
    public mutating func alias(_ name: String, to target: String) {
        precondition(byName[target] != nil, "alias \(name) names unknown command \(target)")
        aliases[name] = target
    }

    public func command(named name: String) -> CommandSpec? {
        byName[name] ?? aliases[name].flatMap { byName[$0] }
    }

    public var names: Set<String> { Set(byName.keys).union(aliases.keys) }

    /// Commands whose names start with `prefix`, for palette completion.
    public func completions(for prefix: String) -> [String] {
        names.filter { $0.hasPrefix(prefix) }.sorted()
    }

    /// The closest known name for a mistyped one, when it is close enough to help.
    public func suggestion(for name: String) -> String? {
        let best = names.map { ($0, Self.distance($0, name)) }.min { $0.1 < $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }
        guard let best, best.1 <= max(1, name.count / 3) else { return nil }
        return best.0
    }

    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var row = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var prev = row[0]
            row[0] = i
            for j in stride(from: 1, through: b.count, by: 1) {
                let cur = row[j]
                row[j] = min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] == b[j - 1] ? 0 : 1))
                prev = cur
            }
        }
        return row[b.count]
    }
}
