/// Turns changed cells into the bytes an xterm-compatible terminal needs, as few as it can: this is
/// what a slow SSH link carries. ncurses sends both colours of a pair at every colour change
/// (`ESC[38;5;65m ESC[48;5;235m` where only the foreground changed) and resets all attributes
/// to turn one off; on a scope trace that is two thirds of the bytes. Here each SGR sequence holds
/// only what differs from the terminal's current state (ECMA-48 8.3.117: 22–27 turn single
/// attributes off, 39/49 restore the default colours), runs of one character are REP and runs
/// of blanks ECH where terminfo has them, and the cursor goes to the next changed
/// cell by the cheapest of: writing the few unchanged cells in between when they share the
/// current style, CUF (`ESC[nC`) along the row, CR LF (and CUF) to the next row, or CUP.
///
/// Pure: it keeps what the terminal shows (cursor, style) and returns bytes; `DirectBackend` writes them.
public struct TerminalEncoder: Sendable {
    /// Colours as the terminal numbers them after `depth` mapped them; 8-colour terminals take index mod 8.
    public var depth: ColorDepth
    public var terminalColors: Int
    /// Where the terminal's cursor is; nil when unknown (start, or after the last column, where
    /// xterm's pending wrap leaves it undefined for relative moves).
    private var cursor: (x: Int, y: Int)?
    /// The style the terminal draws with now; nil when unknown (forces a full SGR).
    private var current: Style?
    private var cursorVisible = false
    public var capabilities: Capabilities

    /// What the terminal's terminfo entry says it can do beyond cursor addressing and SGR.
    public struct Capabilities: Equatable, Sendable {
        /// ECH erases in the current background (`ech` and `bce`).
        public var erase: Bool
        /// REP repeats the last character (`rep`).
        public var `repeat`: Bool

        public init(erase: Bool, repeat: Bool) {
            self.erase = erase
            self.repeat = `repeat`
        }

        public static let all = Capabilities(erase: true, repeat: true)
        public static let none = Capabilities(erase: false, repeat: false)
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
        var out: [UInt8] = []
        out.reserveCapacity(changes.count * 6)
        var index = 0
        while index < changes.count {
            let change = changes[index]
            index += 1
            guard !change.cell.isContinuation else { continue }
            moveTo(x: change.x, y: change.y, surface: surface, into: &out)
            // A run of blanks in one background (a scope trace moving away) is one ECH, which fills
            // with the current background (xterm's bce) and leaves the cursor where it was.
            var run = 1
            while index - 1 + run < changes.count, changes[index - 1 + run].y == change.y,
                  changes[index - 1 + run].x == change.x + run, changes[index - 1 + run].cell == change.cell {
                run += 1
            }
            if capabilities.erase, run >= Self.shortestErasedRun, isBlank(change.cell) {
                setStyle(shown(change.cell), into: &out)
                out += Self.escape("[\(run)X")
                index += run - 1
                continue
            }
            write(change.cell, x: change.x, width: surface.width, into: &out)
            // The same character again and again (a solid waveform, a meter bar): REP repeats the
            // last one written, so a run of braille costs one character and a few bytes.
            let symbolBytes = change.cell.symbol.utf8.count
            let repeatSequence = Self.escape("[\(run - 1)b")
            if capabilities.repeat, run > 1, change.cell.symbol.unicodeScalars.count == 1,
               DisplayWidth.of(change.cell.symbol) == 1, symbolBytes * (run - 1) > repeatSequence.count {
                out += repeatSequence
                cursor = change.x + run >= surface.width ? nil : (change.x + run, change.y)
                index += run - 1
            }
        }
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

    /// Blanks this long or longer are erased (ECH, 4–6 bytes) rather than written.
    static let shortestErasedRun = 6

    /// A space that neither underline nor reverse makes visible: only its background shows.
    func isBlank(_ cell: Cell) -> Bool {
        cell.symbol == " " && cell.style.attributes.intersection([.underline, .reverse]).isEmpty
    }

    /// The style to draw `cell` in: its own, except that a blank keeps the terminal's current
    /// foreground and bold/dim/italic, which it cannot show (no colour change for a gap in a trace).
    func shown(_ cell: Cell) -> Style {
        guard let current, isBlank(cell) else { return cell.style }
        return Style(fg: current.fg, bg: cell.style.bg,
                     attributes: current.attributes.subtracting([.underline, .reverse]))
    }

    private mutating func setStyle(_ style: Style, into out: inout [UInt8]) {
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

    /// Moves the cursor to (x, y) by the cheapest way that keeps the screen as it is.
    private mutating func moveTo(x: Int, y: Int, surface: Surface?, into out: inout [UInt8]) {
        if let at = cursor, at.x == x, at.y == y { return }
        let absolute = Self.escape(x == 0 && y == 0 ? "[H" : "[\(y + 1)" + (x > 0 ? ";\(x + 1)" : "") + "H")
        var best = absolute
        if let at = cursor, at.y == y, x > at.x {
            let gap = x - at.x
            let forward = Self.escape(gap == 1 ? "[C" : "[\(gap)C")
            if forward.count < best.count { best = forward }
            // Rewriting unchanged cells in the current style is cheaper than a move for short gaps.
            if let surface, gap <= best.count {
                var bytes: [UInt8] = []
                var fits = true
                for column in at.x ..< x {
                    let cell = surface[column, y]
                    guard shown(cell) == current, !cell.isContinuation, DisplayWidth.of(cell.symbol) == 1 else {
                        fits = false
                        break
                    }
                    bytes += Array(cell.symbol.utf8)
                }
                if fits, bytes.count < best.count { best = bytes }
            }
        } else if let at = cursor, y == at.y + 1 {
            // CR LF is the next row's start whether or not the tty adds a CR to LF (ONLCR); then
            // along the row: shorter than CUP for the scope rows a frame step redraws.
            let down = [13, 10] + (x == 0 ? [] : Self.escape(x == 1 ? "[C" : "[\(x)C"))
            if down.count < best.count { best = down }
        }
        out += best
        cursor = (x, y)
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
