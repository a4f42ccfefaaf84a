import CNcurses
#if canImport(Glibc)
import Glibc
#endif

/// Draws changed cells with the wide-character API (`add_wch` through the shim), so
/// text is handed over as characters, never as a byte count. In a non-UTF-8 locale
/// box drawing goes through the terminal's alternate character set and other
/// non-ASCII symbols through ASCII stand-ins.
@MainActor
public final class NcursesBackend: TerminalBackend {
    let screen: NcursesScreen
    let colors: ColorAllocator

    public init(screen: NcursesScreen, depth: ColorDepth) {
        self.screen = screen
        self.colors = ColorAllocator(depth: depth, terminalColors: screen.colors, pairLimit: screen.colorPairs,
                                     directColor: screen.colors >= 0x1000000)
    }

    public nonisolated var size: (width: Int, height: Int) {
        MainActor.assumeIsolated { (screen.width, screen.height) }
    }

    public nonisolated func draw(_ changes: [(x: Int, y: Int, cell: Cell)]) {
        MainActor.assumeIsolated {
            for change in changes where !change.cell.isContinuation {
                put(change.cell, x: Int32(change.x), y: Int32(change.y))
            }
        }
    }

    private func put(_ cell: Cell, x: Int32, y: Int32) {
        let attributes = NcursesBackend.attributes(cell.style.attributes)
        let pair = colors.pair(fg: cell.style.fg ?? .default, bg: cell.style.bg ?? .default)
        if !screen.isUTF8, cell.symbol.unicodeScalars.contains(where: { !$0.isASCII }) {
            if let acs = NcursesBackend.acs(cell.symbol) {
                _ = tc_put_acs(y, x, acs, attributes, pair)
                return
            }
            let ascii = BoxGlyph.asciiFallback[cell.symbol] ?? BoxGlyph.asciiStandIn(cell.symbol)
            var wide = ascii.unicodeScalars.map { wchar_t(bitPattern: $0.value) } + [0]
            _ = tc_put_cell(y, x, &wide, attributes, pair)
            return
        }
        // One spacing character and at most four combining marks (CCHARW_MAX is 5).
        var wide = cell.symbol.unicodeScalars.prefix(5).map { wchar_t(bitPattern: $0.value) } + [0]
        if wide.count == 1 { wide = [32, 0] }
        _ = tc_put_cell(y, x, &wide, attributes, pair)
    }

    static func attributes(_ attributes: Attributes) -> attr_t {
        var out = tc_a_normal()
        if attributes.contains(.bold) { out |= tc_a_bold() }
        if attributes.contains(.dim) { out |= tc_a_dim() }
        if attributes.contains(.italic) { out |= tc_a_italic() }
        if attributes.contains(.underline) { out |= tc_a_underline() }
        if attributes.contains(.reverse) { out |= tc_a_reverse() }
        return out
    }

    static func acs(_ symbol: String) -> chtype? {
        switch symbol {
        case BoxGlyph.horizontal: return tc_acs_hline()
        case BoxGlyph.vertical: return tc_acs_vline()
        case BoxGlyph.topLeft: return tc_acs_ulcorner()
        case BoxGlyph.topRight: return tc_acs_urcorner()
        case BoxGlyph.bottomLeft: return tc_acs_llcorner()
        case BoxGlyph.bottomRight: return tc_acs_lrcorner()
        case BoxGlyph.teeRight: return tc_acs_ltee()
        case BoxGlyph.teeLeft: return tc_acs_rtee()
        case BoxGlyph.teeDown: return tc_acs_ttee()
        case BoxGlyph.teeUp: return tc_acs_btee()
        case BoxGlyph.cross: return tc_acs_plus()
        default: return nil
        }
    }

    public nonisolated func setCursor(_ position: (x: Int, y: Int)?) {
        MainActor.assumeIsolated {
            if let position {
                curs_set(1)
                move(Int32(position.y), Int32(position.x))
            } else {
                curs_set(0)
            }
        }
    }

    public nonisolated func flush() {
        MainActor.assumeIsolated { _ = refresh() }
    }
}

/// Colour pairs on demand: each (fg, bg) seen gets the next free pair, and colours
/// become terminal colour numbers for the depth in force.
final class ColorAllocator {
    let depth: ColorDepth
    let terminalColors: Int
    let pairLimit: Int
    let directColor: Bool
    private var pairs: [Pair: Int32] = [:]
    private var nextPair: Int32 = 1
    private var paletteSlots: [Color: Int32] = [:]
    private var nextSlot: Int32 = 16

    struct Pair: Hashable { var fg: Color; var bg: Color }

    init(depth: ColorDepth, terminalColors: Int, pairLimit: Int, directColor: Bool) {
        self.depth = depth
        self.terminalColors = terminalColors
        self.pairLimit = pairLimit
        self.directColor = directColor
    }

    func pair(fg: Color, bg: Color) -> Int32 {
        guard depth != .none else { return 0 }
        let key = Pair(fg: fg, bg: bg)
        if let existing = pairs[key] { return existing }
        guard Int(nextPair) < pairLimit else { return 0 }
        let number = nextPair
        guard init_extended_pair(number, colorNumber(fg), colorNumber(bg)) == tc_ok() else { return 0 }
        nextPair += 1
        pairs[key] = number
        return number
    }

    /// The terminal's number for a colour: -1 for the default, the index for indexed
    /// colours (mod 8 on 8-colour terminals), packed RGB on direct-colour terminals,
    /// otherwise a redefined palette slot (or the nearest of 256 when slots run out).
    func colorNumber(_ color: Color) -> Int32 {
        let mapped = depth.map(color)
        switch mapped {
        case .default: return -1
        case .indexed(let index):
            return terminalColors >= 16 ? Int32(index) : Int32(index % 8)
        case .rgb(let r, let g, let b):
            if directColor { return Int32(r) << 16 | Int32(g) << 8 | Int32(b) }
            if let slot = paletteSlots[mapped] { return slot }
            if Int(nextSlot) < terminalColors,
               init_extended_color(nextSlot, Int32(r) * 1000 / 255, Int32(g) * 1000 / 255, Int32(b) * 1000 / 255) == tc_ok() {
                paletteSlots[mapped] = nextSlot
                nextSlot += 1
                return nextSlot - 1
            }
            return Int32(Palette256.nearest(to: (Int(r), Int(g), Int(b)), among: min(256, max(8, terminalColors))))
        }
    }
}
