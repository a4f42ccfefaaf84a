/// `?`: the keys of the mode that was active when it opened, generated from the
/// keymap in force (so remapped keys show as remapped), with each command's help.
/// Scrolls; closed by the `help` table's `help-close` keys (`?`, `esc`, `q`).
public final class HelpOverlay: Component {
    public let mode: String
    public private(set) var scroll = 0
    private var lastPageHeight = 10

    public init(mode: String) {
        self.mode = mode
    }

    /// One line per command line: keys (merged: `J, j`), command, help.
    public static func lines(mode: String, keymap: Keymap, catalog: CommandCatalog) -> [(keys: String, command: String, help: String, heading: Bool)] {
        var out: [(keys: String, command: String, help: String, heading: Bool)] = []
        var order: [String] = []
        var keysByCommand: [String: [String]] = [:]
        var inheritedHeadingAdded = false
        for binding in keymap.bindings(mode: mode, includeInherited: true) {
            if binding.inherited && !inheritedHeadingAdded {
                flush()
                out.append(("", "from normal mode", "", true))
                inheritedHeadingAdded = true
            }
            if keysByCommand[binding.command] == nil { order.append(binding.command) }
            keysByCommand[binding.command, default: []].append(binding.keys)
        }
        flush()
        func flush() {
            for command in order {
                out.append((keysByCommand[command]!.joined(separator: " · "), command, catalog.help(forLine: command), false))
            }
            order = []
            keysByCommand = [:]
        }
        return out
    }

    public func render(area: Rect, surface: inout Surface, context: RenderContext) {
        let box = area.centred(width: min(area.width - 4, 100), height: area.height - 4)
        guard box.width > 10, box.height > 4 else { return }
        let style = context.style(ThemeRole.help)
        surface.fill(box, style: style)
        surface.drawBox(box, style: style.patched(with: context.style(ThemeRole.borderFocused)),
                        title: "Keys · \(mode) mode · keymap \(context.keymap.name)",
                        titleStyle: style.patched(with: context.style(ThemeRole.helpTitle)))
        let inner = box.inner
        let lines = HelpOverlay.lines(mode: mode, keymap: context.keymap, catalog: context.commands)
        lastPageHeight = max(1, inner.height)
        scroll = min(scroll, max(0, lines.count - inner.height))
        let keyWidth = min(18, max(8, lines.map { DisplayWidth.of($0.keys) }.max() ?? 8))
        let commandWidth = min(24, max(10, lines.map { DisplayWidth.of($0.command) }.max() ?? 10))
        for (row, line) in lines.dropFirst(scroll).prefix(inner.height).enumerated() {
            let y = inner.y + row
            if line.heading {
                surface.put("── \(line.command) ──", x: inner.x + 1, y: y, style: style.patched(with: context.style(ThemeRole.helpTitle)),
                            maxWidth: inner.width - 1)
                continue
            }
            var x = surface.put(DisplayWidth.padded(line.keys, to: keyWidth), x: inner.x + 1, y: y,
                                style: style.patched(with: context.style(ThemeRole.helpKey)), maxWidth: inner.width - 1)
            x = surface.put(" " + DisplayWidth.padded(line.command, to: commandWidth) + " ", x: x, y: y, style: style,
                            maxWidth: inner.maxX - x)
            surface.put(line.help, x: x, y: y, style: style.patched(with: context.style(ThemeRole.textDim)),
                        maxWidth: inner.maxX - x)
        }
        let footer = lines.count > inner.height
            ? " \(scroll + 1)–\(min(lines.count, scroll + inner.height)) of \(lines.count) · ↑↓ scroll · ? esc q close "
            : " ? esc q close "
        surface.put(footer, x: box.x + 2, y: box.maxY - 1, style: style.patched(with: context.style(ThemeRole.helpTitle)),
                    maxWidth: box.width - 4)
    }

    public func handle(_ key: Key, context: EventContext) -> EventResult {
        guard case .command(let line) = context.keymap.lookup([key], mode: "help") else { return .consumed }
        // The [help] table binds help's own commands (`HelpAction`); `help` again closes it;
        // anything else runs as from normal mode.
        guard let action = HelpAction(rawValue: line) else {
            if line == "help" { context.closeTopLayer = true } else { context.emit(line) }
            return .consumed
        }
        switch action {
        case .close: context.closeTopLayer = true
        case .scrollUp: scroll = max(0, scroll - 1)
        case .scrollDown: scroll += 1
        case .pageUp: scroll = max(0, scroll - lastPageHeight)
        case .pageDown: scroll += lastPageHeight
        }
        return .consumed
    }
}
