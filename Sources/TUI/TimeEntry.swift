/// Avid's numeric keypad habit: typing digits (or `+`/`-`) in normal mode starts a time, enter
/// goes there on the active monitor. `1000` is 00:00:10:00 (pairs from the right, as Avid reads
/// them; on a sequence starting at 01:00:00:00 that is 01:00:10:00), `+12` and `-12` move by
/// frames, `01:00:05:00`, `f120` and `2.5s` work as in `goto`. Backspace edits, esc cancels.
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
        let monitor = context.model.status.source == nil ? "RECORD" : "SOURCE"
        let x = surface.put("go to (\(monitor)): " + text, x: line.x, y: line.y, style: style, maxWidth: line.width)
        surface.put("  enter go · esc cancel · +N/-N frames", x: x, y: line.y,
                    style: style.patched(with: context.style(ThemeRole.paletteHint)), maxWidth: line.maxX - x)
    }

    public func cursor(area: Rect, context: RenderContext) -> (x: Int, y: Int)? {
        let line = ScreenLayout(width: area.width, height: area.height).messageLine
        let monitor = context.model.status.source == nil ? "RECORD" : "SOURCE"
        return (min(line.maxX - 1, line.x + DisplayWidth.of("go to (\(monitor)): " + text)), line.y)
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
            if !text.isEmpty { context.emit("goto " + Self.gotoArgument(text)) }
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
