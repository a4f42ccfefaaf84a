/// Asked when quitting with unsaved changes, as editors do: y saves and quits, n quits
/// without saving (the journal still holds the changes; the next open offers them back), esc
/// or any other key stays. The answer runs as commands (`save; quit!`, `quit!`).
public final class QuitQuestion: Component {
    public static let text = "Unsaved changes. Save before quitting?  y save and quit · n quit without saving · esc stay"

    public init() {}

    public func render(area: Rect, surface: inout Surface, context: RenderContext) {
        let line = ScreenLayout(width: area.width, height: area.height).messageLine
        guard line.height > 0 else { return }
        let style = context.style(ThemeRole.palette)
        surface.fill(line, style: style)
        surface.put(Self.text, x: line.x, y: line.y, style: style, maxWidth: line.width)
    }

    public func handle(_ key: Key, context: EventContext) -> EventResult {
        context.closeTopLayer = true
        switch key.typedCharacter {
        case "y", "Y": context.emit("save; quit!")
        case "n", "N": context.emit("quit!")
        default: context.view.message = .init("still editing")
        }
        return .consumed
    }
}
