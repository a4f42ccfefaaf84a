/// The bottom layer: every pane in its place from `ScreenLayout`, and the keymap
/// lookup for the current mode. Keys that complete a binding emit its command line;
/// the first keys of a sequence wait in `ViewState.pendingKeys`.
public final class EditorScreen: Component {
    let bins = BinsPane()
    let scopes = ScopesPane()
    let mixer = MixerPane()
    let timeline = TimelinePane()
    let statusBar = StatusBar()
    let messageLine = MessageLine()

    public init() {}

    /// The keymap table in force: `trim` while trimming, `bins` while the bins have the focus.
    public static func keymapMode(model: ScreenModel, view: ViewState) -> String {
        if model.status.mode != "normal" && Keymap.modeNames.contains(model.status.mode) { return model.status.mode }
        return view.focus == .bins ? "bins" : "normal"
    }

    public func render(area: Rect, surface: inout Surface, context: RenderContext) {
        let layout = ScreenLayout(width: area.width, height: area.height)
        bins.render(area: layout.bins, surface: &surface, context: context)
        // Grading mode puts the scopes to work: they show even where the mixer was.
        if context.view.showMixer && context.model.status.mode != "grade" {
            mixer.render(area: layout.scopes, surface: &surface, context: context)
        } else {
            scopes.render(area: layout.scopes, surface: &surface, context: context)
        }
        timeline.render(area: layout.timeline, surface: &surface, context: context)
        statusBar.render(area: layout.statusBar, surface: &surface, context: context)
        messageLine.render(area: layout.messageLine, surface: &surface, context: context)
    }

    public func handle(_ key: Key, context: EventContext) -> EventResult {
        let mode = EditorScreen.keymapMode(model: context.model, view: context.view)
        let keys = context.view.pendingKeys + [key]
        switch context.keymap.lookup(keys, mode: mode) {
        case .command(let line):
            context.view.pendingKeys = []
            context.emit(line)
        case .pending:
            context.view.pendingKeys = keys
        case .unbound:
            context.view.pendingKeys = []
            // A digit or sign no key binds starts typing a time (Avid's keypad), or in trim mode a
            // trim by frames: see `TimeEntry`.
            if keys.count == 1, mode == "normal" || mode == "trim", key.modifiers.isEmpty, let c = key.typedCharacter, "0123456789+-".contains(c) {
                context.emit("time-entry \(c)")
                return .consumed
            }
            let name = keys.map(\.description).joined(separator: " ")
            context.view.message = .init("\(name) is not bound in \(mode) mode (? lists the keys)")
        }
        return .consumed
    }
}
