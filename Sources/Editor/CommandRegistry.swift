/// Every command by name, in one table: the palette, the help screen, `termcut commands` and the
/// keymap validator all read it, so they cannot disagree.
public struct CommandRegistry: Sendable {
    private var byName: [String: CommandSpec] = [:]
    private var aliases: [String: String] = [:]
    public private(set) var ordered: [CommandSpec] = []

    public init(_ specs: [CommandSpec] = []) {
        for spec in specs { register(spec) }
    }

    /// This registry with `specs` added: how the executable adds commands that need modules the
    /// editor may not import (`measure-loudness` needs Analysis and Render).
    public func adding(_ specs: [CommandSpec]) -> CommandRegistry {
        var registry = self
        for spec in specs { registry.register(spec) }
        return registry
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

    /// Edit distance counting a swap of neighbours as one edit, the commonest typo ("udno").
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
                }
            }
        }
        return d[a.count][b.count]
    }
}
