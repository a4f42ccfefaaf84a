/// A column the bins can be sorted by.
public enum BinsSortKey: String, CaseIterable, Sendable {
    case name, duration, size, rate, codec

    /// The key after this one, for a key that cycles through them.
    public var next: BinsSortKey {
        let all = BinsSortKey.allCases
        return all[(all.firstIndex(of: self)! + 1) % all.count]
    }
}

public struct BinsSort: Equatable, Sendable {
    public var key: BinsSortKey
    public var descending: Bool

    public init(key: BinsSortKey, descending: Bool = false) {
        self.key = key
        self.descending = descending
    }
}

/// The bins as the pane lists them: the model's rows (bins depth-first, each bin's media
/// then its sub-bins) with collapsed bins closed, each bin's media sorted by a column,
/// and, while a search text is set, only the media whose name contains it (and the bins
/// that lead to them, open whatever their collapsed state). Sub-bins stay after the media
/// of their bin, in the order of the project.
public enum BinsListing {
    public static func rows(_ rows: [BinRow], view: ViewState) -> [BinRow] {
        self.rows(rows, collapsed: view.collapsedBins, sort: view.binsSort, filter: view.binsFilter)
    }

    public static func rows(_ rows: [BinRow], collapsed: Set<String>, sort: BinsSort?, filter: String) -> [BinRow] {
        if collapsed.isEmpty, sort == nil, filter.isEmpty { return rows }
        final class Node {
            let bin: BinRow?
            var media: [BinRow] = []
            var children: [Node] = []
            init(_ bin: BinRow?) { self.bin = bin }
        }
        let root = Node(nil)
        var stack: [(depth: Int, node: Node)] = [(-1, root)]
        for row in rows {
            while stack.count > 1, stack[stack.count - 1].depth >= row.depth { stack.removeLast() }
            switch row.kind {
            case .bin:
                let node = Node(row)
                stack[stack.count - 1].node.children.append(node)
                stack.append((row.depth, node))
            case .media, .sequence:
                stack[stack.count - 1].node.media.append(row)
            }
        }
        let needle = filter.lowercased()
        func matches(_ row: BinRow) -> Bool { needle.isEmpty || row.name.lowercased().contains(needle) }
        func hasMatch(_ node: Node) -> Bool { node.media.contains(where: matches) || node.children.contains(where: hasMatch) }
        func ordered(_ media: [BinRow]) -> [BinRow] {
            let shown = media.filter(matches)
            guard let sort else { return shown }
            return shown.sorted { a, b in
                let order = compare(a, b, by: sort.key)
                if order == 0 { return compare(a, b, by: .name) < 0 }
                return sort.descending ? order > 0 : order < 0
            }
        }
        var out: [BinRow] = []
        func emit(_ node: Node) {
            if let bin = node.bin {
                guard needle.isEmpty || hasMatch(node) else { return }
                out.append(bin)
                if needle.isEmpty, collapsed.contains(bin.reference) { return }
                out += ordered(node.media)
                node.children.forEach(emit)
            } else {
                node.children.forEach(emit)
                out += ordered(node.media)
            }
        }
        emit(root)
        return out
    }

    /// -1, 0 or 1. Empty values sort last in ascending order (audio-only media have no size or rate).
    static func compare(_ a: BinRow, _ b: BinRow, by key: BinsSortKey) -> Int {
        func numbers(_ x: Double?, _ y: Double?) -> Int {
            switch (x, y) {
            case (nil, nil): return 0
            case (nil, _): return 1
            case (_, nil): return -1
            case let (x?, y?): return x < y ? -1 : x > y ? 1 : 0
            }
        }
        func texts(_ x: String, _ y: String) -> Int {
            if x.isEmpty != y.isEmpty { return x.isEmpty ? 1 : -1 }
            let lx = x.lowercased(), ly = y.lowercased()
            return lx < ly ? -1 : lx > ly ? 1 : (x < y ? -1 : x > y ? 1 : 0)
        }
        switch key {
        case .name: return texts(a.name, b.name)
        // HH:MM:SS:FF sorts as text; the frame field differs in meaning across rates only within a second.
        case .duration: return texts(a.duration, b.duration)
        case .size: return numbers(pixels(a.size), pixels(b.size))
        case .rate: return numbers(Double(a.rate.filter { $0 != "~" }), Double(b.rate.filter { $0 != "~" }))
        case .codec: return texts(a.codec, b.codec)
        }
    }

    /// "1920x1080" → 2073600.
    static func pixels(_ size: String) -> Double? {
        let parts = size.split(separator: "x")
        guard parts.count == 2, let w = Double(parts[0]), let h = Double(parts[1]) else { return nil }
        return w * h
    }
}
