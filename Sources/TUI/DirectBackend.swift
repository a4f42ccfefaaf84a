#if canImport(Glibc)
import Glibc
#endif

/// Writes frames to the terminal itself, through `TerminalEncoder`, instead of through ncurses'
/// refresh: the same changed cells in fewer bytes (ncurses repeats both colours at every colour
/// change). ncurses still owns the terminal's modes and the keyboard; it never redraws on its own
/// as long as nothing touches its windows, which only `NcursesScreen.clearAll` does, and that
/// refreshes at once and then `reset` tells the encoder the screen was cleared.
///
/// For UTF-8 terminals whose colours are numbered (indexed, or direct colour): box drawing in other
/// locales and palette redefinition stay with `NcursesBackend`.
public final class DirectBackend: TerminalBackend {
    private var encoder: TerminalEncoder
    private var pending: [UInt8] = []
    private var cursor: (x: Int, y: Int)?
    public var size: (width: Int, height: Int)
    /// Where the bytes go (standard output, or a pipe in tests).
    let descriptor: Int32

    public init(depth: ColorDepth, terminalColors: Int, capabilities: TerminalEncoder.Capabilities,
                width: Int, height: Int, descriptor: Int32 = 1) {
        encoder = TerminalEncoder(depth: depth, terminalColors: terminalColors, capabilities: capabilities)
        size = (width, height)
        self.descriptor = descriptor
        encoder.capabilities.lineFeed = lineFeedGoesStraightDown()
    }

    /// The terminal was cleared or written by someone else: the next bytes assume nothing (and the
    /// tty's modes may have been set again, after a suspend).
    public func reset() {
        encoder.reset()
        encoder.capabilities.lineFeed = lineFeedGoesStraightDown()
    }

    /// Whether the tty passes LF through as is (ncurses' `nonl` turns ONLCR off); when it adds a
    /// CR, LF is not a way down the same column.
    private func lineFeedGoesStraightDown() -> Bool {
        var modes = termios()
        guard tcgetattr(descriptor, &modes) == 0 else { return false }
        return modes.c_oflag & tcflag_t(OPOST) == 0 || modes.c_oflag & tcflag_t(ONLCR) == 0
    }

    public func draw(_ changes: [(x: Int, y: Int, cell: Cell)]) {
        draw(changes, of: Surface(width: size.width, height: size.height))
    }

    public func draw(_ changes: [(x: Int, y: Int, cell: Cell)], of surface: Surface) {
        pending += encoder.encode(changes, surface: surface, cursor: nil)
    }

    public func setCursor(_ position: (x: Int, y: Int)?) { cursor = position }

    /// Writes the frame; blocks while the terminal (the link) cannot take more, which is what the
    /// present pacer measures.
    public func flush() {
        pending += encoder.encode([], surface: Surface(width: 0, height: 0), cursor: cursor)
        var offset = 0
        while offset < pending.count {
            let written = pending[offset...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                break
            }
            offset += written
        }
        pending.removeAll(keepingCapacity: true)
    }
}
