import Editor
import Foundation
import Interchange

/// A mouse event in screen cells.
public struct MouseEvent: Equatable, Sendable {
    public enum Kind: Equatable, Sendable { case press, scrollUp, scrollDown }
    public var x: Int
    public var y: Int
    public var kind: Kind

    public init(x: Int, y: Int, kind: Kind) {
        self.x = x
        self.y = y
        self.kind = kind
    }
}

/// The TUI without the terminal: layers of components, the view state, keymap and
/// theme, and the dispatcher that sends command lines to the TUI's own commands or
/// to the editor. `TUIApp` feeds it keys from ncurses; tests feed it key strings and
/// read the screen from a `MemoryBackend`.
public final class TUISession {
    public let target: CommandTarget
    public private(set) var keymap: Keymap
    public internal(set) var theme: Theme
    public let colorDepth: ColorDepth
    public internal(set) var view = ViewState()
    public private(set) var model: ScreenModel
    public internal(set) var quitRequested = false
    public private(set) var width: Int
    public private(set) var height: Int
    public let history = PaletteHistory()
    var layers: [Component] = [EditorScreen()]
    /// Set whenever something on screen may have changed.
    public private(set) var needsRender = true
    /// The editor command the mouse uses to move the playhead; it gets a frame as `f<N>`.
    public var seekCommand = "goto"
    /// Where `theme NAME` looks for themes.
    public var themeDirectories = DataFiles.searchDirectories("themes")

    public init(target: CommandTarget, keymap: Keymap, theme: Theme, colorDepth: ColorDepth,
                width: Int = 80, height: Int = 24, problems: [ConfigProblem] = []) {
        self.target = target
        self.keymap = keymap
        self.colorDepth = colorDepth
        self.theme = theme.adapted(to: colorDepth)
        self.width = width
        self.height = height
        self.model = target.screenModel()
        if let first = problems.first {
            let more = problems.count > 1 ? " (and \(problems.count - 1) more)" : ""
            view.message = .init(first.description + more, isError: true)
        } else {
            view.message = .init("termcut: ? for keys, : for commands")
        }
        if let saved = target.savedView { restore(saved) }
        refreshModel()
    }

    /// Comes back to the screen as the project saved it: zoom, open bins, focus (the playhead
    /// is the editor's, restored with it).
    private func restore(_ saved: ProjectViewState) {
        if let level = saved.zoomLevel { view.zoomLevel = min(max(0, level), TimelineZoom.levels.count - 1) }
        if let start = saved.timelineStart { view.timelineStart = max(0, start) }
        if let closed = saved.closedBins { view.collapsedBins = Set(closed) }
        if let focus = saved.focus.flatMap(Pane.init(rawValue:)) { view.focus = focus }
    }

    /// The screen's state as the project file keeps it.
    public var savedViewState: ProjectViewState {
        ProjectViewState(zoomLevel: view.zoomLevel, timelineStart: view.timelineStart,
                         closedBins: view.collapsedBins.sorted(), focus: view.focus.rawValue)
    }

    /// The bins as the pane lists them (collapsed, sorted, filtered); `view.binsSelection` indexes these.
    public var binsRows: [BinRow] { BinsListing.rows(model.bins, view: view) }

    public var layerCount: Int { layers.count }
    public var topLayer: Component { layers[layers.count - 1] }
    public var catalog: CommandCatalog { target.catalog }
    public var keymapMode: String { EditorScreen.keymapMode(model: model, view: view) }

    private func renderContext() -> RenderContext {
        RenderContext(model: model, view: view, theme: theme, keymap: keymap, commands: target.catalog, feed: mediaFeed)
    }

    // MARK: - Input

    public func resize(width: Int, height: Int) {
        self.width = width
        self.height = height
        followPlayhead()
        needsRender = true
    }

    public func handle(_ key: Key) {
        needsRender = true
        if key.modifiers.contains(.alt), !keymap.modes.values.contains(where: { $0[key] != nil }) {
            // Terminals send alt-x as ESC x, and so is esc typed quickly before x. When no
            // mode binds alt-x, the user meant esc then x.
            var plain = key
            plain.modifiers.remove(.alt)
            handle(.named("esc"))
            if !quitRequested { handle(plain) }
            return
        }
        let context = EventContext(model: model, view: view, keymap: keymap, commandCatalog: target.catalog)
        if ScreenLayout(width: width, height: height).isTooSmall, layers.count == 1 {
            // Only quitting and help make sense on a screen too small to draw.
            if case .command(let line) = keymap.lookup([key], mode: keymapMode), line == "quit" { dispatch(line) }
            return
        }
        for index in stride(from: layers.count - 1, through: 0, by: -1) {
            if layers[index].handle(key, context: context) == .consumed { break }
        }
        view = context.view
        if context.closeTopLayer, layers.count > 1 { layers.removeLast() }
        for line in context.commands {
            dispatch(line)
            if quitRequested { return }
        }
    }

    /// Presses keys given as a key string (`"?<esc>:razor<enter>"`).
    public func press(_ keys: String) {
        guard let sequence = Key.sequence(keys) else {
            view.message = .init("unknown key in \"\(keys)\"", isError: true)
            return
        }
        for key in sequence where !quitRequested { handle(key) }
    }

    public func handle(mouse: MouseEvent) {
        guard layers.count == 1 else { return }
        needsRender = true
        let layout = ScreenLayout(width: width, height: height)
        guard !layout.isTooSmall else { return }
        switch mouse.kind {
        case .scrollUp: dispatch("zoom-in")
        case .scrollDown: dispatch("zoom-out")
        case .press:
            if layout.timeline.contains(x: mouse.x, y: mouse.y) {
                view.focus = .timeline
                let g = timelineGeometry(layout)
                let column = mouse.x - g.columnsX
                if column >= 0, column < g.columns { dispatch("\(seekCommand) f\(g.frame(atColumn: column))") }
            } else if layout.bins.contains(x: mouse.x, y: mouse.y) {
                view.focus = .bins
                let visible = BinsPane.visibleRows(paneHeight: layout.bins.height)
                let scroll = BinsPane.scroll(selection: view.binsSelection, scroll: view.binsScroll, visible: visible)
                let row = mouse.y - layout.bins.inner.y - 1 + scroll
                if mouse.y > layout.bins.inner.y, row < binsRows.count { view.binsSelection = row }
            }
        }
    }

    // MARK: - Commands

    /// Runs a command line through the one parser (`CommandExpansion`): `a; b` runs both
    /// (`;` inside quotes is text), keymap and editor aliases expand, `{media}` becomes the
    /// selected bins row. View commands run here, the rest in the editor.
    public func dispatch(_ line: String) {
        needsRender = true
        let rows = binsRows
        let selected = rows.indices.contains(view.binsSelection) ? rows[view.binsSelection] : nil
        if line.contains("{media}"), let selected, selected.kind == .bin {
            // Enter on a bin opens or closes it.
            toggleBin(selected.reference, open: nil)
            return
        }
        if line.contains("{media}"), let selected, selected.kind == .sequence {
            // Enter on a sequence opens it in the timeline.
            _ = run("open-sequence " + CommandText.quote(selected.reference))
            return
        }
        var placeholders: [String: String] = [:]
        if let selected, selected.kind == .media { placeholders["media"] = selected.reference }
        let commands: [String]
        do {
            commands = try CommandExpansion.expand(line, aliases: { [keymap, catalog] in keymap.aliases[$0] ?? catalog.aliases[$0] },
                                                   placeholders: placeholders)
        } catch {
            view.message = .init(error.message, isError: true)
            return
        }
        for command in commands {
            guard run(command), !quitRequested else { return }
        }
    }

    /// Runs one command (already expanded); false when it failed, so the rest of the line stops.
    private func run(_ command: String) -> Bool {
        let parsed: CommandText
        do {
            guard let p = try CommandText.parse(command) else { return true }
            parsed = p
        } catch {
            view.message = .init("\(error) in: \(command)", isError: true)
            return false
        }
        if let local = ViewCommands.byName[parsed.name] {
            return runView(local, parsed)
        }
        if parsed.name == "import" { announceImport(parsed.positional.first ?? "") }
        target.viewChanged(savedViewState)
        let reply = target.execute(command)
        view.message = .init(reply.message, isError: reply.isError)
        refreshModel()
        for request in reply.requests {
            guard let requested = try? CommandText.parse(request), let local = ViewCommands.byName[requested.name] else { continue }
            _ = runView(local, requested)
            if quitRequested { return false }
        }
        return !reply.isError
    }

    private func runView(_ command: ViewCommand, _ parsed: CommandText) -> Bool {
        guard let run = command.run else {
            view.message = .init("\(parsed.name) works inside the \(command.spec.scope.rawValue) (see its keys with ?)", isError: true)
            return false
        }
        do {
            let arguments = try Arguments(command: command.spec.name, specs: command.spec.arguments, text: parsed)
            try run(self, arguments)
            return true
        } catch {
            view.message = .init(error.message, isError: true)
            return false
        }
    }

    /// Set by `redraw`; `TUIApp` clears the terminal and redraws every cell.
    public var forceFullRedraw = false

    /// Opens (true), closes (false) or flips (nil) a bin, keeping the selection on it when
    /// a row inside it was selected.
    func toggleBin(_ reference: String, open: Bool?) {
        let isOpen = !view.collapsedBins.contains(reference)
        let shouldOpen = open ?? !isOpen
        guard shouldOpen != isOpen else { return }
        let selected = binsRows.indices.contains(view.binsSelection) ? binsRows[view.binsSelection] : nil
        if shouldOpen { view.collapsedBins.remove(reference) } else { view.collapsedBins.insert(reference) }
        let rows = binsRows
        if let selected, let index = rows.firstIndex(of: selected) {
            moveBinsSelection(to: index)
        } else if let index = rows.firstIndex(where: { $0.kind == .bin && $0.reference == reference }) {
            moveBinsSelection(to: index)
        }
    }

    /// Runs `change` (a new sort or filter) and selects the same row again if it is still listed.
    func keepingBinsSelection(_ change: () -> Void) {
        let selected = binsRows.indices.contains(view.binsSelection) ? binsRows[view.binsSelection] : nil
        change()
        let rows = binsRows
        moveBinsSelection(to: selected.flatMap { rows.firstIndex(of: $0) } ?? 0)
    }

    /// Import probes file by file and holds the screen until it is done: say so first, and
    /// draw that before it starts.
    private func announceImport(_ argument: String) {
        let path = argument.split(separator: " ").first.map(String.init) ?? ""
        var isFolder: ObjCBool = false
        guard !path.isEmpty, FileManager.default.fileExists(atPath: (path as NSString).expandingTildeInPath, isDirectory: &isFolder),
              isFolder.boolValue else { return }
        var files = 0
        let walker = FileManager.default.enumerator(atPath: (path as NSString).expandingTildeInPath)
        while let name = walker?.nextObject() as? String {
            if walker?.fileAttributes?[.type] as? FileAttributeType == .typeRegular, !name.hasPrefix(".") { files += 1 }
        }
        view.message = .init("importing \(path): probing up to \(files) file\(files == 1 ? "" : "s")…")
        needsRender = true
        presentNow?()
    }

    /// Waveforms and thumbnails for the panes; nil draws clips plain.
    public var mediaFeed: MediaFeed?

    /// Asks for a redraw (something drawn from outside the model changed, such as a waveform arriving).
    public func setNeedsRender() { needsRender = true }

    /// Draws the screen at once (set by `TUIApp`), for messages that must show before a long command.
    public var presentNow: (() -> Void)?

    func moveBinsSelection(to index: Int) {
        let count = binsRows.count
        guard count > 0 else { return }
        view.binsSelection = min(max(0, index), count - 1)
        let layout = ScreenLayout(width: width, height: height)
        view.binsScroll = BinsPane.scroll(selection: view.binsSelection, scroll: view.binsScroll,
                                          visible: BinsPane.visibleRows(paneHeight: layout.bins.height))
    }

    /// Re-reads the model from the editor (after a command, or when a poller says it changed).
    public func refreshModel() {
        fetchModel()
        followPlayhead()
        needsRender = true
    }

    /// How many screens of timeline the model lists on each side of the visible one, so
    /// scrolling a little does not need a new model.
    static let timelineMarginScreens = 1

    /// The visible record range with a margin on each side, at the current zoom.
    public func timelineWindow() -> TimelineWindow {
        let g = timelineGeometry(ScreenLayout(width: width, height: height))
        let visible = max(1, g.visibleFrames)
        let margin = visible * TUISession.timelineMarginScreens
        return TimelineWindow(range: max(0, g.start - margin) ..< g.start + visible + margin,
                              framesPerColumn: g.framesPerColumn, columnOrigin: g.start)
    }

    /// The window the model was last asked for.
    private var listedWindow: TimelineWindow?

    private func fetchModel() {
        let window = timelineWindow()
        listedWindow = window
        model = target.screenModel(window: window)
        let listed = binsRows.count
        if view.binsSelection >= listed { view.binsSelection = max(0, listed - 1) }
    }

    /// Shows a message (for example from a background job).
    public func show(_ message: String, isError: Bool = false) {
        view.message = .init(message, isError: isError)
        needsRender = true
    }

    func timelineGeometry(_ layout: ScreenLayout) -> TimelineGeometry {
        TimelineGeometry(pane: layout.timeline, framesPerColumn: TimelineZoom.framesPerColumn(view.zoomLevel),
                         start: view.timelineStart)
    }

    /// After a zoom, keep the playhead at the same screen column where possible.
    /// `timelineStart` still holds the old start; `zoomLevel` is already the new level.
    func zoomedStart(_ layout: ScreenLayout, oldFramesPerColumn: Int) -> Int {
        let newFramesPerColumn = TimelineZoom.framesPerColumn(view.zoomLevel)
        let old = TimelineGeometry(pane: layout.timeline, framesPerColumn: oldFramesPerColumn, start: view.timelineStart)
        let column = min(max(0, old.column(of: model.timeline.playhead)), max(0, old.columns - 1))
        var start = max(0, model.timeline.playhead - column * newFramesPerColumn)
        start -= start % newFramesPerColumn
        return start
    }

    /// Keeps the playhead in view, and the model's items covering the view: a new start,
    /// zoom or size that leaves the listed window (or changes the scale it was listed at)
    /// fetches the model again.
    func followPlayhead() {
        let layout = ScreenLayout(width: width, height: height)
        view.timelineStart = timelineGeometry(layout).start(following: model.timeline.playhead)
        let g = timelineGeometry(layout)
        guard model.timeline.window != nil, let listed = listedWindow else { return }
        if !model.timeline.covers(g.start ..< g.start + g.visibleFrames) || listed.framesPerColumn != g.framesPerColumn
            || (listed.columnOrigin - g.start) % g.framesPerColumn != 0 {
            fetchModel()
        }
    }

    // MARK: - Drawing

    /// Draws every layer into a fresh surface of the session's size; returns it and
    /// where the cursor goes.
    public func render() -> (surface: Surface, cursor: (x: Int, y: Int)?) {
        needsRender = false
        let context = renderContext()
        var surface = Surface(width: width, height: height, fill: Cell(" ", style: theme.style(ThemeRole.ui)))
        if ScreenLayout(width: width, height: height).isTooSmall {
            TooSmallNotice.render(surface: &surface, context: context)
            return (surface, nil)
        }
        for layer in layers { layer.render(area: surface.area, surface: &surface, context: context) }
        return (surface, topLayer.cursor(area: surface.area, context: context))
    }

    /// Renders and presents through `renderer` (the ncurses or memory backend).
    @discardableResult
    public func present(on renderer: FrameRenderer) -> Int {
        let (surface, cursor) = render()
        return renderer.present(surface, cursor: cursor)
    }
}
