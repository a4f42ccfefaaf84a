/// In which order the changed cells are written. In screen order, a scope trace whose cells go
/// bright, dim, bright along a row pays a colour change (11 bytes for a 256-colour foreground) at
/// every turn; a frame step onto a new shot turned a third of its bytes into SGR. Written colour
/// by colour, each colour is set once or twice and the cursor jumps over the other colours' cells
/// (3–5 bytes). The order is chosen greedily: from where the cursor is and the style the terminal
/// has, the next stretch of cells is the one that costs least to reach (move plus SGR), among the
/// next `orderingWindow` stretches in screen order (nearby rows, and a bound on the work). Both
/// orders are encoded and the shorter is sent, so regrouping never costs bytes.
extension TerminalEncoder {
    /// Changed cells next to each other on one row that one style draws: cells of that style, and
    /// blanks of its background (a blank shows only its background).
    struct Stretch {
        var y: Int
        var cells: [(x: Int, cell: Cell)]
        /// The style of its non-blank cells; nil when it is all blanks (which take any foreground).
        var style: Style?
        var background: Color?
        /// Index of its style (or, all blanks, its background) among the frame's: what its SGR cost depends on.
        var key: Int
        var x: Int { cells[0].x }
        var end: Int { cells[cells.count - 1].x + max(1, DisplayWidth.of(cells[cells.count - 1].cell.symbol)) }
    }

    enum StretchKey: Hashable {
        case style(Style)
        case blank(Color?)
    }

    /// Stretches this far ahead (in screen order) of the first unwritten one are candidates.
    static let orderingWindow = 64
    /// Frames with more stretches than this (a full redraw) are written in screen order.
    static let mostStretchesOrdered = 2000

    /// The changes as stretches, in screen order, and the distinct keys they use.
    static func stretches(of changes: [(x: Int, y: Int, cell: Cell)]) -> (stretches: [Stretch], keys: [StretchKey]) {
        var stretches: [Stretch] = []
        var keys: [StretchKey] = []
        var keyIndex: [StretchKey: Int] = [:]
        func index(_ key: StretchKey) -> Int {
            if let known = keyIndex[key] { return known }
            keys.append(key)
            keyIndex[key] = keys.count - 1
            return keys.count - 1
        }
        let visible: Attributes = [.underline, .reverse]
        for change in changes where !change.cell.isContinuation {
            let cell = change.cell, blank = isBlank(cell)
            if let last = stretches.last, last.y == change.y, last.end == change.x, last.background == cell.style.bg {
                if blank, last.style.map({ $0.attributes.isDisjoint(with: visible) }) ?? true {
                    stretches[stretches.count - 1].cells.append((change.x, cell))
                    continue
                }
                if !blank, last.style == cell.style || (last.style == nil && cell.style.attributes.isDisjoint(with: visible)) {
                    stretches[stretches.count - 1].cells.append((change.x, cell))
                    if last.style == nil {
                        stretches[stretches.count - 1].style = cell.style
                        stretches[stretches.count - 1].key = index(.style(cell.style))
                    }
                    continue
                }
            }
            stretches.append(Stretch(y: change.y, cells: [(change.x, cell)], style: blank ? nil : cell.style,
                                     background: cell.style.bg,
                                     key: index(blank ? .blank(cell.style.bg) : .style(cell.style))))
        }
        return (stretches, keys)
    }

    /// Writes the stretches in screen order and regrouped, keeping (as this encoder's state) the shorter.
    mutating func writeCheapest(_ frame: (stretches: [Stretch], keys: [StretchKey]), surface: Surface) -> [UInt8] {
        var inOrder = self
        var out: [UInt8] = []
        out.reserveCapacity(frame.stretches.count * 16)
        for stretch in frame.stretches { inOrder.write(stretch, surface: surface, into: &out) }
        guard frame.stretches.count > 2, frame.stretches.count <= Self.mostStretchesOrdered else {
            self = inOrder
            return out
        }
        var regrouped = self
        let grouped = regrouped.writeRegrouped(frame, surface: surface)
        if grouped.count < out.count {
            self = regrouped
            return grouped
        }
        self = inOrder
        return out
    }

    /// The greedy order: each time, the candidate stretch cheapest to reach and style.
    private mutating func writeRegrouped(_ frame: (stretches: [Stretch], keys: [StretchKey]), surface: Surface) -> [UInt8] {
        var out: [UInt8] = []
        var pending = Array(frame.stretches.indices)
        // SGR cost of each key from a given current style, filled as needed.
        var styleCosts: [Style?: [Int]] = [:]
        while !pending.isEmpty {
            var costs = styleCosts[current] ?? Array(repeating: -1, count: frame.keys.count)
            var best = 0, bestCost = Int.max
            for candidate in 0 ..< min(pending.count, Self.orderingWindow) {
                let stretch = frame.stretches[pending[candidate]]
                if costs[stretch.key] < 0 { costs[stretch.key] = sgr(from: current, to: style(for: frame.keys[stretch.key])).count }
                guard costs[stretch.key] < bestCost else { continue }
                let cost = costs[stretch.key] + cheapestMove(x: stretch.x, y: stretch.y, surface: surface).cost
                if cost < bestCost {
                    best = candidate
                    bestCost = cost
                    if cost == 0 { break }
                }
            }
            styleCosts[current] = costs
            write(frame.stretches[pending.remove(at: best)], surface: surface, into: &out)
        }
        return out
    }

    /// The style a stretch is drawn in from the current one: its own, or for blanks the current
    /// foreground and attributes (blanks cannot show them) on their background.
    func style(for key: StretchKey) -> Style {
        switch key {
        case .style(let style): return style
        case .blank(let background):
            return shown(Cell(" ", style: Style(bg: background)))
        }
    }
}
