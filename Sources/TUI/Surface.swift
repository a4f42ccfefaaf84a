import PathBytes

/// One terminal cell: a grapheme cluster and its style. A wide character fills its
/// own cell and leaves the next one as a continuation (`symbol == ""`), which
/// backends skip.
public struct Cell: Equatable, Hashable, Sendable {
    public var symbol: String
    public var style: Style

    public init(_ symbol: String = " ", style: Style = .plain) {
        self.symbol = symbol
        self.style = style
    }

    public static let blank = Cell()
    public var isContinuation: Bool { symbol.isEmpty }
}

/// A grid of cells that components draw into (helix's `Buffer`). Nothing here
/// talks to the terminal: backends receive the cells that changed between frames.
public struct Surface: Equatable, Sendable {
    public private(set) var width: Int
    public private(set) var height: Int
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int, fill: Cell = .blank) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.cells = Array(repeating: fill, count: self.width * self.height)
    }

    public var area: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * width + x] }
        set { cells[y * width + x] = newValue }
    }

    public func inBounds(x: Int, y: Int) -> Bool { x >= 0 && y >= 0 && x < width && y < height }

    public mutating func reset(fill: Cell = .blank) {
        for i in cells.indices { cells[i] = fill }
    }

    /// Fills `rect` with `symbol` in `style` (clipped to the surface).
    public mutating func fill(_ rect: Rect, symbol: String = " ", style: Style) {
        let r = rect.intersection(area)
        guard !r.isEmpty else { return }
        for y in r.y ..< r.maxY {
            for x in r.x ..< r.maxX { self[x, y] = Cell(symbol, style: style) }
        }
    }

    /// Lays `style` over every cell of `rect`, keeping the symbols.
    public mutating func applyStyle(_ rect: Rect, style: Style) {
        let r = rect.intersection(area)
        guard !r.isEmpty else { return }
        for y in r.y ..< r.maxY {
            for x in r.x ..< r.maxX { self[x, y].style = self[x, y].style.patched(with: style) }
        }
    }

    /// Writes `text` starting at (x, y), at most `maxWidth` columns, clipped to the
    /// surface. Returns the column after the last one written. A wide character that
    /// would straddle the limit is replaced by a space, never half-drawn.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, style: Style, maxWidth: Int = .max) -> Int {
        guard y >= 0, y < height else { return x }
        // Bytes of a file name that is not UTF-8 show as `\xE9`, never as private-use glyphs.
        let text = PathBytes.shown(text)
        let limit = min(width, maxWidth == .max ? width : x + maxWidth)
        var column = x
        for ch in text {
            let w = DisplayWidth.of(ch)
            if w == 0 {
                // Combining mark: attach to the previous cell's cluster.
                if column > 0, column - 1 < width, column - 1 >= 0, !self[column - 1, y].isContinuation {
                    self[column - 1, y].symbol.append(ch)
                }
                continue
            }
            if column + w > limit {
                if column < limit, column >= 0 { self[column, y] = Cell(" ", style: style) }
                return limit
            }
            if column >= 0 {
                clearWideNeighbours(x: column, y: y)
                self[column, y] = Cell(String(ch), style: style)
                if w == 2 {
                    clearWideNeighbours(x: column + 1, y: y)
                    self[column + 1, y] = Cell("", style: style)
                }
            }
            column += w
        }
        return column
    }

    /// Overwriting half of a wide character leaves the other half meaningless: blank it.
    private mutating func clearWideNeighbours(x: Int, y: Int) {
        if self[x, y].isContinuation, x > 0 { self[x - 1, y].symbol = " " }
        if x + 1 < width, self[x + 1, y].isContinuation, !self[x, y].isContinuation {
            self[x + 1, y].symbol = " "
        }
    }

    /// A box border around `rect` with an optional title in the top edge.
    public mutating func drawBox(_ rect: Rect, style: Style, title: String? = nil, titleStyle: Style? = nil) {
        guard rect.width >= 2, rect.height >= 2 else { return }
        let right = rect.maxX - 1, bottom = rect.maxY - 1
        for x in rect.x + 1 ..< right {
            put(BoxGlyph.horizontal, x: x, y: rect.y, style: style)
            put(BoxGlyph.horizontal, x: x, y: bottom, style: style)
        }
        for y in rect.y + 1 ..< bottom {
            put(BoxGlyph.vertical, x: rect.x, y: y, style: style)
            put(BoxGlyph.vertical, x: right, y: y, style: style)
        }
        put(BoxGlyph.topLeft, x: rect.x, y: rect.y, style: style)
        put(BoxGlyph.topRight, x: right, y: rect.y, style: style)
        put(BoxGlyph.bottomLeft, x: rect.x, y: bottom, style: style)
        put(BoxGlyph.bottomRight, x: right, y: bottom, style: style)
        if let title, rect.width > 4 {
            put(" \(title) ", x: rect.x + 1, y: rect.y, style: titleStyle ?? style, maxWidth: rect.width - 2)
        }
    }

    /// The surface as text, one string per row (continuation cells dropped).
    /// With `trimTrailing`, trailing spaces are removed, which keeps expected texts in tests readable.
    public func lines(trimTrailing: Bool = true) -> [String] {
        (0 ..< height).map { y in
            var line = ""
            for x in 0 ..< width where !self[x, y].isContinuation { line += self[x, y].symbol }
            if trimTrailing {
                while line.hasSuffix(" ") { line.removeLast() }
            }
            return line
        }
    }

    /// Cells that differ from `previous`, in row-major order (all of them when sizes differ).
    public func changes(since previous: Surface?) -> [(x: Int, y: Int, cell: Cell)] {
        var out: [(x: Int, y: Int, cell: Cell)] = []
        let full = previous == nil || previous!.width != width || previous!.height != height
        for y in 0 ..< height {
            for x in 0 ..< width {
                let cell = self[x, y]
                if full || previous![x, y] != cell { out.append((x, y, cell)) }
            }
        }
        return out
    }
}

/// Box-drawing characters. Surfaces always hold the Unicode ones; the ncurses
/// backend swaps in the terminal's alternate character set when the locale is not UTF-8.
public enum BoxGlyph {
    public static let horizontal = "─"
    public static let vertical = "│"
    public static let topLeft = "┌"
    public static let topRight = "┐"
    public static let bottomLeft = "└"
    public static let bottomRight = "┘"
    public static let teeRight = "├"
    public static let teeLeft = "┤"
    public static let teeDown = "┬"
    public static let teeUp = "┴"
    public static let cross = "┼"

    /// The ASCII stand-in for a symbol not in `asciiFallback`: braille waveform cells by
    /// how many dots they hold, half blocks as `#`, anything else `?`.
    public static func asciiStandIn(_ symbol: String) -> String {
        guard let scalar = symbol.unicodeScalars.first else { return " " }
        switch scalar.value {
        case 0x2800: return " "
        case 0x2801 ... 0x28FF: return (scalar.value - 0x2800).nonzeroBitCount > 4 ? ":" : "."
        case 0x2580 ... 0x259F: return "#"
        default: return "?"
        }
    }

    /// Stand-ins for the non-box symbols termcut draws, for terminals without UTF-8.
    public static let asciiFallback: [String: String] = [
        "▼": "v", "▾": "v", "▸": ">", "◆": "*", "…": "~", "·": ".", "╳": "X", "▏": "|", "▕": "|",
        "█": "#", "░": ":", "▶": ">", "◀": "<", "●": "o", "‹": "<", "›": ">",
    ]
}
