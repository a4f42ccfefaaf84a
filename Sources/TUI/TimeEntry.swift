/// Avid's numeric keypad habit: typing digits (or `+`/`-`) in normal mode starts a time, enter
/// goes there on the active monitor. `1000` is 00:00:10:00 (pairs from the right, as Avid reads
/// them; on a sequence starting at 01:00:00:00 that is 01:00:10:00), `+12` and `-12` move by
/// frames, `01:00:05:00`, `f120` and `2.5s` work as in `goto`. Backspace edits, esc cancels.
/// In trim mode the number is a trim by frames instead (`+5` enter trims five frames later,
/// `-5` earlier), as Avid's keypad does there.
public final class TimeEntry: Component {
    public private(set) var text: String
    /// The characters a time is typed with; any other key cancels.
    static let accepted = Set("0123456789+-:;.fs")

    public init(start: String = "") { text = start }

    public func render(area: Rect, surface: inout Surface, context: RenderContext) {
        let line = ScreenLayout(width: area.width, height: area.height).messageLine
        guard line.height > 0 else { return }
        let style = context.style(ThemeRole.palette)
        surface.fill(line, style: style)
        let x = surface.put(Self.prompt(context.model.status) + text, x: line.x, y: line.y, style: style, maxWidth: line.width)
        let hint = context.model.status.mode == "trim" ? "  enter trim · esc cancel" : "  enter go · esc cancel · +N/-N frames"
        surface.put(hint, x: x, y: line.y,
                    style: style.patched(with: context.style(ThemeRole.paletteHint)), maxWidth: line.maxX - x)
    }

    public func cursor(area: Rect, context: RenderContext) -> (x: Int, y: Int)? {
        let line = ScreenLayout(width: area.width, height: area.height).messageLine
        return (min(line.maxX - 1, line.x + DisplayWidth.of(Self.prompt(context.model.status) + text)), line.y)
    }

    static func prompt(_ status: StatusView) -> String {
        if status.mode == "trim" { return "trim by (frames): " }
        return "go to (\(status.source == nil ? "RECORD" : "SOURCE")): "
    }

    /// Bare digits are a timecode read in pairs from the right (`1000` → `00:00:10:00`), as on
    /// Avid's keypad; `goto` itself would read them as a frame number. Everything else as typed.
    static func gotoArgument(_ typed: String) -> String {
        guard typed.allSatisfy(\.isNumber), (1...8).contains(typed.count) else { return typed }
        var digits = String(repeating: "0", count: 8 - typed.count) + typed
        var pairs: [String] = []
        while !digits.isEmpty { pairs.append(String(digits.prefix(2))); digits.removeFirst(2) }
        return pairs.joined(separator: ":")
    }

    public func handle(_ key: Key, context: EventContext) -> EventResult {
        switch (key.base, key.modifiers) {
        case (.named("enter"), []):
            context.closeTopLayer = true
            if text.isEmpty { break }
            if context.model.status.mode == "trim" {
                context.emit("trim " + (text.first == "+" || text.first == "-" ? text : "+" + text))
            } else {
                context.emit("goto " + Self.gotoArgument(text))
            }
        case (.named("backspace"), []):
            text.removeLast()
            if text.isEmpty { context.closeTopLayer = true }
        default:
            if let c = key.typedCharacter, key.modifiers.isEmpty, Self.accepted.contains(c) {
                text.append(c)
            } else {
                context.closeTopLayer = true
                context.view.message = .init("go to: cancelled")
            }
        }
        return .consumed
    }
}
