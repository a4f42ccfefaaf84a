import Foundation
import TOMLKit

/// Named styles for every UI role, read from `themes/*.toml` (helix's theme format).
/// Roles are dotted scopes resolved from general to specific: `ui.statusline.mode`
/// is `ui` patched with `ui.statusline` patched with `ui.statusline.mode`, so a role
/// only states what differs from its parent.
public struct Theme: Sendable {
    public var name: String
    /// Role → style as written (after palette lookup and inheritance), before depth mapping.
    public private(set) var roles: [String: Style] {
        didSet { resolved = Theme.resolve(roles) }
    }
    /// Every known role (`ThemeRole.all` and the file's own) already resolved through its
    /// parents: panes ask for styles per clip, and splitting the dotted name each time was
    /// most of the cost of drawing a busy timeline.
    private var resolved: [String: Style]

    public init(name: String, roles: [String: Style]) {
        self.name = name
        self.roles = roles
        self.resolved = Theme.resolve(roles)
    }

    private static func resolve(_ roles: [String: Style]) -> [String: Style] {
        var out: [String: Style] = [:]
        for role in Set(ThemeRole.all).union(roles.keys) { out[role] = resolveScopes(role, roles) }
        return out
    }

    /// The style of a role, falling back through its parent scopes.
    public func style(_ role: String) -> Style {
        resolved[role] ?? Theme.resolveScopes(role, roles)
    }

    private static func resolveScopes(_ role: String, _ roles: [String: Style]) -> Style {
        var style = Style.plain
        var scope = ""
        for part in role.split(separator: ".") {
            scope = scope.isEmpty ? String(part) : scope + "." + part
            if let s = roles[scope] { style = style.patched(with: s) }
        }
        return style
    }

    /// This theme as a terminal of `depth` can show it. At `.none` (NO_COLOR) the
    /// colours go and each role keeps its attributes plus the ones that make it
    /// readable without colour (`ThemeRole.monochrome`: selection reversed, …).
    public func adapted(to depth: ColorDepth) -> Theme {
        var mappedRoles: [String: Style] = [:]
        for (role, style) in roles {
            var mapped = style
            mapped.fg = style.fg.map(depth.map)
            mapped.bg = style.bg.map(depth.map)
            if depth == .none { mapped.fg = nil; mapped.bg = nil }
            mappedRoles[role] = mapped
        }
        if depth == .none {
            for (role, attributes) in ThemeRole.monochrome {
                var style = mappedRoles[role] ?? Style()
                style.attributes.formUnion(attributes)
                mappedRoles[role] = style
            }
        }
        var out = self
        out.roles = mappedRoles  // resolved once, not per role
        return out
    }

    /// The scope traces in one colour (`--low-bandwidth`): their three intensities each start a
    /// colour change on the terminal, which costs more bytes than the trace cells themselves.
    public func withPlainScopeTraces() -> Theme {
        var out = self
        var roles = self.roles
        let trace = style(ScopeThemeRole.trace)
        roles[ScopeThemeRole.traceDim] = trace
        roles[ScopeThemeRole.traceBright] = trace
        out.roles = roles
        return out
    }

    // MARK: - Loading

    /// Loads theme `name` with its `inherits` chain. Never fails: problems come back
    /// for the message line and the built-in dark theme fills in what could not be read.
    public static func load(name: String = "dark",
                            searchDirectories: [URL] = DataFiles.searchDirectories("themes")) -> (Theme, [ConfigProblem]) {
        var problems: [ConfigProblem] = []
        let raw = loadRaw(name: name, searchDirectories: searchDirectories, chain: [], problems: &problems)
        guard var raw else {
            var fallbackProblems: [ConfigProblem] = []
            let dark = loadRaw(name: "dark", searchDirectories: [], chain: [], problems: &fallbackProblems)
            return (dark?.resolved(name: "dark", problems: &problems) ?? Theme(name: "dark", roles: [:]), problems)
        }
        if name != "dark", raw.roles["ui"] == nil {
            // A theme that says nothing about the base still gets readable defaults.
            var ignore: [ConfigProblem] = []
            if let dark = loadRaw(name: "dark", searchDirectories: searchDirectories, chain: [], problems: &ignore) {
                raw = dark.overlaid(with: raw)
            }
        }
        return (raw.resolved(name: name, problems: &problems), problems)
    }

    /// Parses one theme file on its own (no `inherits`), for tests and tools.
    public static func parse(text: String, file: String) -> (Theme, [ConfigProblem]) {
        var problems: [ConfigProblem] = []
        guard let raw = RawTheme.parse(text: text, file: file, problems: &problems) else {
            return (Theme(name: file, roles: [:]), problems)
        }
        return (raw.resolved(name: file, problems: &problems), problems)
    }

    private static func loadRaw(name: String, searchDirectories: [URL], chain: [String],
                                problems: inout [ConfigProblem]) -> RawTheme? {
        guard let found = DataFiles.find("themes", name: name, in: searchDirectories) else {
            let available = DataFiles.available("themes", in: searchDirectories).joined(separator: ", ")
            problems.append(ConfigProblem(file: chain.last ?? "--theme",
                                          message: "no theme named \"\(name)\" (available: \(available))"))
            return nil
        }
        guard var raw = RawTheme.parse(text: found.text, file: found.path, problems: &problems) else { return nil }
        if let parent = raw.inherits {
            if chain.contains(parent) || parent == name {
                problems.append(ConfigProblem(file: found.path,
                                              line: TOMLLineFinder.line(ofKey: "inherits", inTable: nil, text: found.text),
                                              message: "inherits cycle: \((chain + [name, parent]).joined(separator: " → "))"))
            } else if let base = loadRaw(name: parent, searchDirectories: searchDirectories, chain: chain + [name],
                                         problems: &problems) {
                raw = base.overlaid(with: raw)
            }
        }
        return raw
    }
}

/// A theme file as written: colour names not yet looked up, so an inheriting
/// theme's palette recolours the roles it inherits.
struct RawTheme {
    struct RawStyle {
        var fg: String?
        var bg: String?
        var modifiers: Attributes
        var line: Int?
        var file: String
    }

    var inherits: String?
    var palette: [String: String] = [:]
    var roles: [String: RawStyle] = [:]

    static func parse(text: String, file: String, problems: inout [ConfigProblem]) -> RawTheme? {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            problems.append(ConfigProblem(file: file, line: error.source.begin.line, column: error.source.begin.column,
                                          message: error.description))
            return nil
        } catch {
            problems.append(ConfigProblem(file: file, message: "\(error)"))
            return nil
        }
        var raw = RawTheme()
        for key in table.keys.sorted() {
            guard let value = table[key] else { continue }
            switch key {
            case "inherits":
                raw.inherits = value.string
            case "palette":
                for name in value.table?.keys ?? [] {
                    if let colour = value.table?[name]?.string { raw.palette[name] = colour }
                }
            default:
                collectRoles(value, scope: key, file: file, text: text, into: &raw.roles, problems: &problems)
            }
        }
        return raw
    }

    /// Reads a role; a table whose keys are not style keys is a group of sub-scopes
    /// (so unquoted `ui.statusline = …` works as well as `"ui.statusline" = …`).
    private static func collectRoles(_ value: TOMLValueConvertible, scope: String, file: String, text: String,
                                     into roles: inout [String: RawStyle], problems: inout [ConfigProblem]) {
        let line = TOMLLineFinder.line(ofKey: scope, inTable: nil, text: text)
            ?? TOMLLineFinder.line(ofKey: String(scope.split(separator: ".").last ?? ""), inTable: nil, text: text)
        if let colour = value.string {
            roles[scope] = RawStyle(fg: colour, bg: nil, modifiers: [], line: line, file: file)
            return
        }
        guard let table = value.table else {
            problems.append(ConfigProblem(file: file, line: line, message: "role \"\(scope)\" must be a colour or a table"))
            return
        }
        let styleKeys: Set<String> = ["fg", "bg", "modifiers", "underline"]
        var style = RawStyle(fg: nil, bg: nil, modifiers: [], line: line, file: file)
        var isStyle = false
        for key in table.keys.sorted() {
            guard let sub = table[key] else { continue }
            if styleKeys.contains(key) {
                isStyle = true
                switch key {
                case "fg": style.fg = sub.string
                case "bg": style.bg = sub.string
                default:
                    for item in sub.array.map(Array.init) ?? [] {
                        if let name = item.string, let attribute = Attributes.byName[name] {
                            style.modifiers.insert(attribute)
                        } else {
                            problems.append(ConfigProblem(file: file, line: line,
                                                          message: "unknown modifier \(item) in \"\(scope)\" (bold, dim, italic, underline, reverse)"))
                        }
                    }
                }
            } else {
                collectRoles(sub, scope: scope + "." + key, file: file, text: text, into: &roles, problems: &problems)
            }
        }
        if isStyle { roles[scope] = style }
    }

    /// `child` laid over this theme: its palette entries and roles win.
    func overlaid(with child: RawTheme) -> RawTheme {
        var out = self
        out.inherits = child.inherits
        out.palette.merge(child.palette) { _, new in new }
        out.roles.merge(child.roles) { _, new in new }
        return out
    }

    func resolved(name: String, problems: inout [ConfigProblem]) -> Theme {
        var resolvedRoles: [String: Style] = [:]
        for (role, raw) in roles.sorted(by: { $0.key < $1.key }) {
            func colour(_ text: String?) -> Color? {
                guard let text else { return nil }
                if let named = palette[text], let c = Color(parsing: named) { return c }
                if let c = Color(parsing: text) { return c }
                problems.append(ConfigProblem(file: raw.file, line: raw.line,
                                              message: "unknown colour \"\(text)\" in \"\(role)\" (use #rrggbb, an ANSI name or a [palette] name)"))
                return nil
            }
            resolvedRoles[role] = Style(fg: colour(raw.fg), bg: colour(raw.bg), attributes: raw.modifiers)
        }
        return Theme(name: name, roles: resolvedRoles)
    }
}
