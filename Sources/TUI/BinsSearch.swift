/// Incremental search in the bins (`/`): each typed character narrows the listing to media
/// whose name contains the text; enter keeps the filter, esc clears it; up and down move
/// the selection among what is left. Drawn as a `/text` prompt in the message line.
public final class BinsSearch: Component {
    public init() {}

    public func render(area: Rect, surface: inout Surface, context: RenderContext) {
        let line = ScreenLayout(width: area.width, height: area.height).messageLine
        guard line.height > 0 else { return }
        let style = context.style(ThemeRole.palette)
        surface.fill(line, style: style)
        let x = surface.put("/" + context.view.binsFilter, x: line.x, y: line.y, style: style, maxWidth: line.width)
        surface.put("  enter keeps the filter · esc clears it", x: x, y: line.y,
                    style: style.patched(with: context.style(ThemeRole.paletteHint)), maxWidth: line.maxX - x)
    }

    public func cursor(area: Rect, context: RenderContext) -> (x: Int, y: Int)? {
        let line = ScreenLayout(width: area.width, height: area.height).messageLine
        return (min(line.maxX - 1, line.x + 1 + DisplayWidth.of(context.view.binsFilter)), line.y)
    }

    public func handle(_ key: Key, context: EventContext) -> EventResult {
        switch (key.base, key.modifiers) {
        case (.named("enter"), []):
            context.closeTopLayer = true
        case (.named("esc"), []), (.character("c"), [.ctrl]):
            setFilter("", context)
            context.closeTopLayer = true
        case (.named("backspace"), []):
            if context.view.binsFilter.isEmpty {
                context.closeTopLayer = true
            } else {
                setFilter(String(context.view.binsFilter.dropLast()), context)
            }
        case (.named("up"), []): context.emit("bins-up")
        case (.named("down"), []): context.emit("bins-down")
        case (.character("u"), [.ctrl]): setFilter("", context)
        default:
            if let c = key.typedCharacter { setFilter(context.view.binsFilter + String(c), context) }
        }
        return .consumed
    }

    /// Sets the filter and selects the first media it lists.
    private func setFilter(_ text: String, _ context: EventContext) {
        context.view.binsFilter = text
        let rows = BinsListing.rows(context.model.bins, view: context.view)
        context.view.binsSelection = rows.firstIndex { $0.kind == .media } ?? 0
        context.view.binsScroll = 0
    }
}
