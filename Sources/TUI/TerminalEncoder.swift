/// Turns changed cells into the bytes an xterm-compatible terminal needs, as few as it can: this is
/// what a slow SSH link carries. ncurses sends both colours of a pair at every colour change
/// (`ESC[38;5;65m ESC[48;5;235m` where only the foreground changed) and resets all attributes
/// to turn one off; on a scope trace that is two thirds of the bytes. Here each SGR sequence holds
/// only what differs from the terminal's current state (ECMA-48 8.3.117: 22–27 turn single
/// attributes off, 39/49 restore the default colours), runs of one character are REP and runs
/// of blanks ECH where terminfo has them, and the changed cells are not written in screen order
/// when another order costs less: a scope trace in three colours is written colour by colour
/// (`TerminalEncoder+Order.swift`), the cursor going to the next cell by the cheapest move
/// (`TerminalEncoder+Moves.swift`).
///
/// Pure: it keeps what the terminal shows (cursor, style) and returns bytes; `DirectBackend` writes them.
public struct TerminalEncoder: Sendable {
    /// Colours as the terminal numbers them after `depth` mapped them; 8-colour terminals take index mod 8.
    public var depth: ColorDepth
    public var terminalColors: Int
    /// Where the terminal's cursor is; nil when unknown (start, or after the last column, where
    /// xterm's pending wrap leaves it undefined for relative moves).
    var cursor: (x: Int, y: Int)?
    /// The style the terminal draws with now; nil when unknown (forces a full SGR).
    var current: Style?
    private var cursorVisible = false
    public var capabilities: Capabilities

    /// What the terminal can do beyond cursor addressing and SGR: from its terminfo entry, and
    /// (`lineFeed`) from the tty's output modes.
    public struct Capabilities: Equatable, Sendable {
        /// ECH erases in the current background (`ech` and `bce`).
        public var erase: Bool
        /// REP repeats the last character (`rep`).
        public var `repeat`: Bool
        /// LF goes straight down, column kept: the tty does not turn it into CR LF (ONLCR is off,
        /// as ncurses' `nonl` leaves it). One byte where CUD takes three.
        public var lineFeed: Bool

        public init(erase: Bool, repeat: Bool, lineFeed: Bool = false) {
            self.erase = erase
            self.repeat = `repeat`
            self.lineFeed = lineFeed
        }

        public static let all = Capabilities(erase: true, repeat: true, lineFeed: true)
        public static let none = Capabilities(erase: false, repeat: false, lineFeed: false)
    }

    public init(depth: ColorDepth, terminalColors: Int = 256, capabilities: Capabilities = .all) {
        self.depth = depth
        self.terminalColors = terminalColors
        self.capabilities = capabilities
    }

    /// Forgets what the terminal shows (after something else wrote to it, such as ncurses clearing it).
    public mutating func reset() {
        cursor = nil
        current = nil
    }

    /// The bytes that turn the terminal's screen into `surface`, given that only `changes` differ,
    /// then place (or hide) the cursor.
    public mutating func encode(_ changes: [(x: Int, y: Int, cell: Cell)], surface: Surface,
                                cursor target: (x: Int, y: Int)?) -> [UInt8] {
        var out = writeCheapest(Self.stretches(of: changes), surface: surface)
        if let target {
            moveTo(x: target.x, y: target.y, surface: nil, into: &out)
            if !cursorVisible { out += Self.escape("[?25h") }
            cursorVisible = true
        } else if cursorVisible {
            out += Self.escape("[?25l")
            cursorVisible = false
        }
        return out
    }

    /// Writes one stretch from its first cell: runs of blanks erased, runs of one character repeated.
    mutating func write(_ stretch: Stretch, surface: Surface, into out: inout [UInt8]) {
        // Moved first: the move may rewrite cells in between in the style the terminal still has.
        moveTo(x: stretch.x, y: stretch.y, surface: surface, into: &out)
        if let style = stretch.style { setStyle(style, into: &out) }
        let cells = stretch.cells
        var index = 0
        while index < cells.count {
            let (x, cell) = cells[index]
            moveTo(x: x, y: stretch.y, surface: surface, into: &out)
            var run = 1
            while index + run < cells.count, cells[index + run].cell == cell { run += 1 }
            // A run of blanks in one background (a scope trace moving away) is one ECH, which fills
            // with the current background (xterm's bce) and leaves the cursor where it was.
            if capabilities.erase, run >= Self.shortestErasedRun, isBlank(cell) {
                setStyle(shown(cell), into: &out)
                out += Self.escape("[\(run)X")
                index += run
                continue
            }
            write(cell, x: x, width: surface.width, into: &out)
            // The same character again and again (a solid waveform, a meter bar): REP repeats the
            // last one written, so a run of braille costs one character and a few bytes.
            let symbolBytes = cell.symbol.utf8.count
            let repeatSequence = Self.escape("[\(run - 1)b")
            if capabilities.repeat, run > 1, cell.symbol.unicodeScalars.count == 1,
               DisplayWidth.of(cell.symbol) == 1, symbolBytes * (run - 1) > repeatSequence.count {
                out += repeatSequence
                cursor = x + run >= surface.width ? nil : (x + run, stretch.y)
                index += run
            } else {
                index += 1
            }
        }
    }

    /// Blanks this long or longer are erased (ECH, 4–6 bytes) rather than written.
    static let shortestErasedRun = 6

    /// A space that neither underline nor reverse makes visible: only its background shows.
    func isBlank(_ cell: Cell) -> Bool { Self.isBlank(cell) }

    static func isBlank(_ cell: Cell) -> Bool {
        cell.symbol == " " && cell.style.attributes.intersection([.underline, .reverse]).isEmpty
    }

    /// The style to draw `cell` in: its own, except that a blank keeps the terminal's current
    /// foreground and bold/dim/italic, which it cannot show (no colour change for a gap in a trace).
    func shown(_ cell: Cell) -> Style {
        guard let current, isBlank(cell) else { return cell.style }
        return Style(fg: current.fg, bg: cell.style.bg,
                     attributes: current.attributes.subtracting([.underline, .reverse]))
    }

    mutating func setStyle(_ style: Style, into out: inout [UInt8]) {
        guard current != style else { return }
        out += sgr(from: current, to: style)
        current = style
    }

    private mutating func write(_ cell: Cell, x: Int, width: Int, into out: inout [UInt8]) {
        setStyle(shown(cell), into: &out)
        let symbol = cell.symbol.isEmpty ? " " : cell.symbol
        out += Array(symbol.utf8)
        let advance = max(1, DisplayWidth.of(symbol))
        // Past the last column the terminal waits to wrap: its cursor is no longer at x + advance.
        cursor = x + advance >= width ? nil : (x + advance, cursor?.y ?? 0)
    }

    /// One SGR sequence from `old` to `new`: only the parts that differ (all of them when `old` is unknown).
    func sgr(from old: Style?, to new: Style) -> [UInt8] {
        var parameters: [String] = []
        let oldAttributes = old?.attributes ?? []
        if old == nil { parameters.append("0") }
        let removed = oldAttributes.subtracting(new.attributes)
        var added = old == nil ? new.attributes : new.attributes.subtracting(oldAttributes)
        // 22 ends bold and dim together: the one that stays comes back after it.
        if !removed.intersection([.bold, .dim]).isEmpty {
            parameters.append("22")
            added.formUnion(new.attributes.intersection([.bold, .dim]))
        }
        if removed.contains(.italic) { parameters.append("23") }
        if removed.contains(.underline) { parameters.append("24") }
        if removed.contains(.reverse) { parameters.append("27") }
        for (attribute, code) in [(Attributes.bold, "1"), (.dim, "2"), (.italic, "3"), (.underline, "4"), (.reverse, "7")]
        where added.contains(attribute) {
            parameters.append(code)
        }
        let oldFg = old.map { depth.map($0.fg ?? .default) }, newFg = depth.map(new.fg ?? .default)
        if oldFg != newFg, let code = colorCode(newFg, background: false) { parameters.append(code) }
        let oldBg = old.map { depth.map($0.bg ?? .default) }, newBg = depth.map(new.bg ?? .default)
        if oldBg != newBg, let code = colorCode(newBg, background: true) { parameters.append(code) }
        guard !parameters.isEmpty else { return [] }
        // After a full reset the default colours need no 39/49.
        if old == nil { parameters.removeAll { $0 == "39" || $0 == "49" } }
        return Self.escape("[" + parameters.joined(separator: ";") + "m")
    }

    /// The SGR parameter of a colour already mapped to the depth; nil for none at all.
    func colorCode(_ color: Color, background: Bool) -> String? {
        switch color {
        case .default: return background ? "49" : "39"
        case .indexed(let index):
            let shown = terminalColors >= 16 ? Int(index) : Int(index) % 8
            if shown < 8 { return "\((background ? 40 : 30) + shown)" }
            if shown < 16 { return "\((background ? 100 : 90) + shown - 8)" }
            return (background ? "48;5;" : "38;5;") + "\(shown)"
        case .rgb(let r, let g, let b):
            return (background ? "48;2;" : "38;2;") + "\(r);\(g);\(b)"
        }
    }

    static func escape(_ tail: String) -> [UInt8] { [27] + Array(tail.utf8) }
}
