import Dispatch

/// Where finished frames go. The ncurses backend writes to the terminal; the memory
/// backend keeps a copy for tests. Backends receive only the cells that changed.
public protocol TerminalBackend: AnyObject {
    var size: (width: Int, height: Int) { get }
    /// Writes these cells; everything else on screen is unchanged.
    func draw(_ changes: [(x: Int, y: Int, cell: Cell)])
    /// Places the text cursor (palette prompt) or hides it (nil).
    func setCursor(_ position: (x: Int, y: Int)?)
    /// Makes the drawn cells visible.
    func flush()
    /// Writes `changes`, the cells where `surface` (the whole new frame) differs from the last one.
    /// A backend that encodes its own output may rewrite unchanged cells of `surface` when that is
    /// cheaper than moving the cursor over them.
    func draw(_ changes: [(x: Int, y: Int, cell: Cell)], of surface: Surface)
}

extension TerminalBackend {
    public func draw(_ changes: [(x: Int, y: Int, cell: Cell)], of surface: Surface) { draw(changes) }
}

/// Keeps the last frame and hands the backend only what differs: no flicker and
/// little output over slow links (helix-tui's double buffer).
public final class FrameRenderer {
    public let backend: TerminalBackend
    private var previous: Surface?
    /// How long the last `flush` took: long when the terminal's writes blocked (`PresentPacer`).
    public private(set) var lastFlushSeconds = 0.0

    public init(backend: TerminalBackend) {
        self.backend = backend
    }

    /// Forgets the last frame so the next one is drawn in full (after a resize or
    /// when something else may have written to the terminal).
    public func invalidate() { previous = nil }

    /// Draws `surface`; returns how many cells were written.
    @discardableResult
    public func present(_ surface: Surface, cursor: (x: Int, y: Int)? = nil) -> Int {
        let changes = surface.changes(since: previous)
        if !changes.isEmpty { backend.draw(changes, of: surface) }
        backend.setCursor(cursor)
        let started = DispatchTime.now().uptimeNanoseconds
        backend.flush()
        lastFlushSeconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        previous = surface
        return changes.count
    }
}

/// A backend that draws into a `Surface` in memory, for tests.
public final class MemoryBackend: TerminalBackend {
    public private(set) var screen: Surface
    public private(set) var cellsDrawn = 0
    public private(set) var cursor: (x: Int, y: Int)?

    public init(width: Int, height: Int) {
        screen = Surface(width: width, height: height)
    }

    public var size: (width: Int, height: Int) { (screen.width, screen.height) }

    public func resize(width: Int, height: Int) {
        screen = Surface(width: width, height: height)
    }

    public func draw(_ changes: [(x: Int, y: Int, cell: Cell)]) {
        for change in changes where screen.inBounds(x: change.x, y: change.y) {
            screen[change.x, change.y] = change.cell
        }
        cellsDrawn += changes.count
    }

    public func setCursor(_ position: (x: Int, y: Int)?) { cursor = position }
    public func flush() {}

    public func lines(trimTrailing: Bool = true) -> [String] { screen.lines(trimTrailing: trimTrailing) }
    public var text: String { lines().joined(separator: "\n") }
}
