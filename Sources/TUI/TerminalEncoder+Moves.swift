/// Cursor moves, each costed in bytes before it is written, so that the choice of which changed
/// cells to write next (`TerminalEncoder+Order.swift`) can weigh a move against a colour change.
/// A move is absolute (CUP) or a vertical step then a horizontal one, relative to where the cursor
/// is: CR LF, LF (when the tty leaves it alone), CUD/CUU, then CUF/CUB, backspaces or CR; or, along
/// the row, the unchanged cells in between written again when they share the current style.
extension TerminalEncoder {
    enum Vertical: Equatable {
        case none
        /// CR LF: the next row's first column.
        case nextLine
        case lineFeeds(Int)
        case down(Int)
        case up(Int)
    }

    enum Horizontal: Equatable {
        case none
        case right(Int)
        case left(Int)
        case backspaces(Int)
        /// CR, then CUF to the column.
        case fromStart(Int)
        /// The cells between the cursor and the column, written again.
        case rewrite
    }

    enum Move: Equatable {
        case stay
        case absolute
        case relative(Vertical, Horizontal)
    }

    /// `ESC [ n <final>`, the count left out when it is 1.
    static func sequenceCost(_ count: Int) -> Int { count == 1 ? 3 : 3 + digits(count) }

    static func digits(_ number: Int) -> Int { number < 10 ? 1 : number < 100 ? 2 : number < 1000 ? 3 : 4 }

    /// CUP: `ESC [ row H` or `ESC [ row ; column H`, 1-based (`ESC [ H` for the corner).
    static func absoluteCost(x: Int, y: Int) -> Int {
        if x == 0, y == 0 { return 3 }
        return x > 0 ? 4 + digits(y + 1) + digits(x + 1) : 3 + digits(y + 1)
    }

    /// The cheapest move from the cursor to (x, y) and its bytes. `surface` (the frame being
    /// written) allows rewriting cells in between; nil forbids it.
    func cheapestMove(x: Int, y: Int, surface: Surface?) -> (move: Move, cost: Int) {
        guard let at = cursor else { return (.absolute, Self.absoluteCost(x: x, y: y)) }
        if at.x == x, at.y == y { return (.stay, 0) }
        var best = (move: Move.absolute, cost: Self.absoluteCost(x: x, y: y))
        func consider(_ vertical: Vertical, _ verticalCost: Int, from column: Int) {
            let (horizontal, cost) = cheapestHorizontal(from: column, to: x)
            if verticalCost + cost < best.cost { best = (.relative(vertical, horizontal), verticalCost + cost) }
        }
        if at.y == y {
            consider(.none, 0, from: at.x)
            if let surface, x > at.x, x - at.x < best.cost, let cost = rewriteCost(from: at.x, to: x, y: y, surface: surface),
               cost < best.cost {
                best = (.relative(.none, .rewrite), cost)
            }
        } else if y > at.y {
            let rows = y - at.y
            if rows == 1 { consider(.nextLine, 2, from: 0) }
            if capabilities.lineFeed, rows < 3 { consider(.lineFeeds(rows), rows, from: at.x) }
            consider(.down(rows), Self.sequenceCost(rows), from: at.x)
        } else {
            consider(.up(at.y - y), Self.sequenceCost(at.y - y), from: at.x)
        }
        return best
    }

    private func cheapestHorizontal(from column: Int, to x: Int) -> (Horizontal, Int) {
        if column == x { return (.none, 0) }
        if x > column { return (.right(x - column), Self.sequenceCost(x - column)) }
        var best = (Horizontal.left(column - x), Self.sequenceCost(column - x))
        if column - x < best.1 { best = (.backspaces(column - x), column - x) }
        let fromStart = x == 0 ? 1 : 1 + Self.sequenceCost(x)
        if fromStart < best.1 { best = (.fromStart(x), fromStart) }
        return best
    }

    /// What rewriting the cells from `start` up to `end` on row `y` costs, nil when one of them
    /// would show differently in the current style (or is wide).
    private func rewriteCost(from start: Int, to end: Int, y: Int, surface: Surface) -> Int? {
        var bytes = 0
        for column in start ..< end {
            let cell = surface[column, y]
            guard shown(cell) == current, !cell.isContinuation, DisplayWidth.of(cell.symbol) == 1 else { return nil }
            bytes += cell.symbol.utf8.count
        }
        return bytes
    }

    /// Moves the cursor to (x, y) by the cheapest way that keeps the screen as it is.
    mutating func moveTo(x: Int, y: Int, surface: Surface?, into out: inout [UInt8]) {
        let (move, _) = cheapestMove(x: x, y: y, surface: surface)
        switch move {
        case .stay: return
        case .absolute:
            out += Self.escape(x == 0 && y == 0 ? "[H" : "[\(y + 1)" + (x > 0 ? ";\(x + 1)" : "") + "H")
        case .relative(let vertical, let horizontal):
            let at = cursor ?? (0, 0)
            switch vertical {
            case .none: break
            case .nextLine: out += [13, 10]
            case .lineFeeds(let rows): out += Array(repeating: 10, count: rows)
            case .down(let rows): out += Self.escape(rows == 1 ? "[B" : "[\(rows)B")
            case .up(let rows): out += Self.escape(rows == 1 ? "[A" : "[\(rows)A")
            }
            switch horizontal {
            case .none: break
            case .right(let columns): out += Self.escape(columns == 1 ? "[C" : "[\(columns)C")
            case .left(let columns): out += Self.escape(columns == 1 ? "[D" : "[\(columns)D")
            case .backspaces(let columns): out += Array(repeating: 8, count: columns)
            case .fromStart(let column): out += [13] + (column == 0 ? [] : Self.escape(column == 1 ? "[C" : "[\(column)C"))
            case .rewrite:
                if let surface {
                    for column in at.x ..< x { out += Array(surface[column, y].symbol.utf8) }
                }
            }
        }
        cursor = (x, y)
    }
}
