import Foundation

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
        // A command takes its name back from an alias (`x` as a command beats vim's `x`).
        aliases[spec.name] = nil
        byName[spec.name] = spec
        ordered.append(spec)
    }

    /// Another name for a command or a line of commands (`w` for `save`, `wq` for `save; quit`,
    /// in vim habits). Every command the line names must be registered already.
    public mutating func alias(_ name: String, to target: String) {
        // A command of that name wins: an alias never hides one.
        guard byName[name] == nil else { return }
        let names = (try? CommandText.names(in: target)) ?? []
        precondition(!names.isEmpty && names.allSatisfy { byName[$0] != nil }, "alias \(name) names unknown command in \(target)")
        aliases[name] = target
    }

    /// This registry with `name` as another name for `line`.
    public func aliasing(_ name: String, to line: String) -> CommandRegistry {
        var registry = self
        registry.alias(name, to: line)
        return registry
    }

    /// The line an alias stands for, or nil when `name` is no alias.
    public func aliasLine(_ name: String) -> String? { aliases[name] }

    /// Every alias and its line, for `termcut commands` and the palette.
    public var aliasLines: [String: String] { aliases }

    /// The commands to run for `line` (split at `;`, aliases expanded, placeholders filled).
    public func expand(_ line: String, placeholders: [String: String]? = nil) throws(CommandError) -> [String] {
        try CommandExpansion.expand(line, aliases: { aliases[$0] }, placeholders: placeholders)
    }

    /// The spec for a name, or for an alias that stands for one bare command.
    public func command(named name: String) -> CommandSpec? {
        if let spec = byName[name] { return spec }
        guard let line = aliases[name], let target = (try? CommandText.names(in: line)), target.count == 1,
              line.trimmingCharacters(in: .whitespaces) == target[0] else { return nil }
        return byName[target[0]]
    }

    public var names: Set<String> { Set(byName.keys).union(aliases.keys) }

    /// Commands whose names start with `prefix`, for palette completion.
    public func completions(for prefix: String) -> [String] {
        names.filter { $0.hasPrefix(prefix) }.sorted()
    }

    /// The closest known name for a mistyped one, when it is close enough to help.
    public func suggestion(for name: String) -> String? {
        Self.nearest(name, among: Array(names))
    }

    /// The closest of `candidates` to a mistyped `name`, when it is close enough to help
    /// (also used for `termcut`'s subcommands).
    public static func nearest(_ name: String, among candidates: [String]) -> String? {
        let scored: [(name: String, distance: Int)] = candidates.map { ($0, distance($0, name)) }
        let best = scored.min { (a: (name: String, distance: Int), b: (name: String, distance: Int)) -> Bool in
            a.distance < b.distance || (a.distance == b.distance && a.name < b.name)
        }
        guard let best, best.distance <= max(1, name.count / 3) else { return nil }
        return best.name
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
