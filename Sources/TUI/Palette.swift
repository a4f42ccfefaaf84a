import Editor
import Foundation

/// Lines typed at the palette, newest last; shared by every palette opened in a session.
public final class PaletteHistory {
    public private(set) var lines: [String] = []
    public let limit: Int

    public init(limit: Int = 200) { self.limit = limit }

    public func record(_ line: String) {
        lines.removeAll { $0 == line }
        lines.append(line)
        if lines.count > limit { lines.removeFirst(lines.count - limit) }
    }
}

/// `:` — a one-line prompt in the message line: tab completes command names (a list
/// of candidates with their help pops up above), the argument hint follows the
/// cursor, up/down walk the history, enter runs the line, esc cancels. The keys for
/// those actions come from the keymap's `[palette]` table.
public final class Palette: Component {
    public private(set) var text = ""
    /// Cursor position in characters.
    public private(set) var cursor = 0
    let history: PaletteHistory
    private var historyIndex: Int?
    private var draft = ""
    private var cycle: (candidates: [String], index: Int)?

    public init(history: PaletteHistory) {
        self.history = history
    }

    /// Names (commands and aliases) that start with the word being typed, when the
    /// cursor is still in the first word.
    func candidates(catalog: CommandCatalog, keymap: Keymap) -> [String] {
        let line = PaletteLine(text)
        guard line.words.isEmpty else { return [] }
        let names = Set(catalog.names).union(keymap.aliases.keys).union(catalog.aliases.keys)
        return names.filter { $0.hasPrefix(line.current) }.sorted()
    }

    /// The argument being typed and what fits it (from its type), once a command is named.
    func argumentCandidates(catalog: CommandCatalog, model: ScreenModel)
        -> (spec: ArgumentSpec, namePrefix: String, values: [String])? {
        let line = PaletteLine(text)
        guard let name = line.words.first, let entry = catalog.entries[name],
              let (spec, namePrefix, value) = line.argument(of: entry.argumentSpecs) else { return nil }
        return (spec, namePrefix, ArgumentCompletion.candidates(spec.kind, prefix: value, model: model))
    }

    public func render(area: Rect, surface: inout Surface, context: RenderContext) {
        let layout = ScreenLayout(width: area.width, height: area.height)
        let line = layout.messageLine
        guard line.height > 0 else { return }
        let style = context.style(ThemeRole.palette)
        surface.fill(line, style: style)
        var x = surface.put(":" + text, x: line.x, y: line.y, style: style, maxWidth: line.width)
        // The argument hint for the command typed so far: the argument being typed first,
        // with its help, then the ones still to come.
        let parsed = PaletteLine(text)
        if let first = parsed.words.first, let entry = context.commands.entries[first] {
            var hint: String
            if !entry.argumentSpecs.isEmpty {
                let current = parsed.argument(of: entry.argumentSpecs)
                let later = entry.argumentSpecs.drop { $0.name != current?.spec.name }.dropFirst().map(\.hint)
                hint = current.map { c in
                    c.spec.hint + " " + (ArgumentCompletion.hint(c.spec.kind).map { "(\($0)) " } ?? "") + c.spec.help
                } ?? ""
                if !later.isEmpty { hint += (hint.isEmpty ? "" : " · then ") + later.joined(separator: " ") }
                if current == nil && later.isEmpty { hint = "— " + entry.help }
            } else {
                let remaining = entry.arguments.split(separator: " ").dropFirst(max(0, parsed.words.count - 1))
                hint = remaining.joined(separator: " ")
                if !entry.help.isEmpty { hint += (hint.isEmpty ? "" : "  ") + "— " + entry.help }
            }
            if !hint.isEmpty {
                x = surface.put((text.hasSuffix(" ") ? "" : " ") + hint, x: x, y: line.y,
                                style: style.patched(with: context.style(ThemeRole.paletteHint)), maxWidth: line.maxX - x)
            }
        }
        // Completion candidates above the prompt: command names, then argument values.
        var rows: [(name: String, help: String)] = []
        if !text.isEmpty {
            rows = candidates(catalog: context.commands, keymap: context.keymap).map { name in
                (name, context.commands.entries[name]?.help ?? (context.keymap.aliases[name] ?? context.commands.aliases[name]).map { "= \($0)" } ?? "")
            }
            if rows.isEmpty, let argument = argumentCandidates(catalog: context.commands, model: context.model),
               argument.values.count > 1 || (argument.values.count == 1 && argument.values[0] != parsed.current) {
                rows = argument.values.map { ($0, "") }
            }
        }
        guard !rows.isEmpty else { return }
        let shown = Array(rows.prefix(min(8, max(0, line.y - 1))))
        let nameWidth = min(40, shown.map { DisplayWidth.of($0.name) }.max() ?? 0)
        let width = min(line.width, max(30, nameWidth + 50))
        for (i, row) in shown.enumerated() {
            let y = line.y - shown.count + i
            let current = cycle.map { $0.candidates[$0.index].hasSuffix(row.name) || $0.candidates[$0.index].hasSuffix(CommandText.quote(row.name)) } ?? false
            let rowStyle = current ? style.patched(with: context.style(ThemeRole.paletteCompletion)) : style
            let text = " " + DisplayWidth.padded(row.name, to: nameWidth) + "  " + row.help
            surface.put(DisplayWidth.padded(text, to: width), x: line.x, y: y, style: rowStyle, maxWidth: width)
        }
    }

    public func cursor(area: Rect, context: RenderContext) -> (x: Int, y: Int)? {
        let line = ScreenLayout(width: area.width, height: area.height).messageLine
        let before = String(text.prefix(cursor))
        return (min(line.maxX - 1, line.x + 1 + DisplayWidth.of(before)), line.y)
    }

    public func handle(_ key: Key, context: EventContext) -> EventResult {
        if case .command(let line) = context.keymap.lookup([key], mode: "palette") {
            // The [palette] table binds the palette's own commands (`PaletteAction`); another
            // command bound there runs as from normal mode.
            guard let action = PaletteAction(rawValue: line.trimmingCharacters(in: .whitespaces)) else {
                context.emit(line)
                return .consumed
            }
            switch action {
            case .complete: complete(context)
            case .historyPrevious: walkHistory(-1)
            case .historyNext: walkHistory(+1)
            case .accept: accept(context)
            case .cancel: context.closeTopLayer = true
            }
            return .consumed
        }
        if key.base != .character(" ") || !key.modifiers.isEmpty { cycle = nil }
        var chars = Array(text)
        switch (key.base, key.modifiers) {
        case (.named("backspace"), []):
            if chars.isEmpty { context.closeTopLayer = true; return .consumed }
            if cursor > 0 { chars.remove(at: cursor - 1); cursor -= 1 }
        case (.named("delete"), []):
            if cursor < chars.count { chars.remove(at: cursor) }
        case (.named("left"), []): cursor = max(0, cursor - 1)
        case (.named("right"), []): cursor = min(chars.count, cursor + 1)
        case (.named("home"), []), (.character("a"), [.ctrl]): cursor = 0
        case (.named("end"), []), (.character("e"), [.ctrl]): cursor = chars.count
        case (.character("u"), [.ctrl]):
            chars.removeFirst(cursor)
            cursor = 0
        case (.character("w"), [.ctrl]):
            var start = cursor
            while start > 0, chars[start - 1] == " " { start -= 1 }
            while start > 0, chars[start - 1] != " " { start -= 1 }
            chars.removeSubrange(start ..< cursor)
            cursor = start
        default:
            guard let c = key.typedCharacter else { return .consumed }
            chars.insert(c, at: cursor)
            cursor += 1
        }
        text = String(chars)
        return .consumed
    }

    /// Tab: completes the command name, or the argument being typed from its type (a value
    /// with spaces is quoted); several candidates complete their common start, then cycle.
    private func complete(_ context: EventContext) {
        if let current = cycle {
            let next = (current.index + 1) % current.candidates.count
            cycle = (current.candidates, next)
            setText(current.candidates[next])
            return
        }
        let parsed = PaletteLine(text)
        let head = String(text.prefix(parsed.currentStart))
        var lines: [String]
        var partial: String?
        if parsed.words.isEmpty {
            let names = candidates(catalog: context.commandCatalog, keymap: context.keymap)
            lines = names.map { head + $0 }
            if names.count == 1 { lines = [head + names[0] + " "] }
            partial = Self.commonPrefix(names).map { head + $0 }
        } else if let argument = argumentCandidates(catalog: context.commandCatalog, model: context.model) {
            let values = argument.values
            func typed(_ value: String, final: Bool) -> String {
                let quoted = value.contains(where: { " \t\"#\\;{".contains($0) }) || value.isEmpty ? CommandText.quote(value) : value
                // A folder stays open for the next name; anything else is done.
                return head + argument.namePrefix + quoted + (final && !value.hasSuffix("/") ? " " : "")
            }
            lines = values.count == 1 ? [typed(values[0], final: true)] : values.map { typed($0, final: false) }
            partial = Self.commonPrefix(values).map { typed($0, final: false) }
        } else {
            return
        }
        guard !lines.isEmpty else { return }
        if lines.count == 1 {
            setText(lines[0])
        } else if let partial, partial.count > text.count, !partial.hasSuffix("\"\"") {
            setText(partial)
        } else {
            cycle = (lines, 0)
            setText(lines[0])
        }
    }

    static func commonPrefix(_ values: [String]) -> String? {
        guard let first = values.first else { return nil }
        return values.dropFirst().reduce(first) { prefix, name in String(zip(prefix, name).prefix { $0 == $1 }.map(\.0)) }
    }

    private func setText(_ newText: String) {
        text = newText
        cursor = newText.count
    }

    private func walkHistory(_ step: Int) {
        let lines = history.lines
        guard !lines.isEmpty else { return }
        if historyIndex == nil {
            guard step < 0 else { return }
            draft = text
            historyIndex = lines.count
        }
        let index = historyIndex! + step
        if index >= lines.count {
            historyIndex = nil
            setText(draft)
        } else {
            historyIndex = max(0, index)
            setText(lines[historyIndex!])
        }
    }

    private func accept(_ context: EventContext) {
        let line = text.trimmingCharacters(in: .whitespaces)
        context.closeTopLayer = true
        guard !line.isEmpty else { return }
        history.record(line)
        context.emit(line)
    }
}
