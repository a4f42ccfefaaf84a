/// The items of a track, stored as a sequence of small immutable chunks.
///
/// An edit replaces only the chunks it touches and shares the rest with the previous value, so
/// an undo snapshot of a 10,000-clip track costs a few chunks, not a copy of the track.
/// Record positions are derived (the sum of earlier durations) and never stored twice; the
/// cumulative tables below make position and index look-ups a binary search.
public struct ItemList: RandomAccessCollection, Hashable, Codable, Sendable {
    /// Items per chunk: large enough that the chunk table stays short, small enough that an
    /// edit copies little.
    static let chunkCapacity = 64

    final class Chunk: @unchecked Sendable {
        // Never mutated after init: sharing between snapshots is safe without locks.
        let items: [Item]
        let duration: Int64
        /// The clips and links this chunk holds, so finding a clip by id skips whole chunks
        /// (a look-up costs one set probe per chunk instead of a visit to every item).
        let clipIDs: Set<ClipID>
        let linkIDs: Set<LinkID>
        init(_ items: [Item]) {
            self.items = items
            var duration: Int64 = 0
            var clipIDs = Set<ClipID>(minimumCapacity: items.count)
            var linkIDs = Set<LinkID>()
            for item in items {
                duration += item.duration
                if case .clip(let c) = item {
                    clipIDs.insert(c.id)
                    if let l = c.link { linkIDs.insert(l) }
                }
            }
            self.duration = duration
            self.clipIDs = clipIDs
            self.linkIDs = linkIDs
        }
    }

    private var chunks: [Chunk]
    /// `countEnds[k]` is the number of items in chunks 0...k.
    private var countEnds: [Int]
    /// `durationEnds[k]` is the total duration of chunks 0...k.
    private var durationEnds: [Int64]

    public init() {
        chunks = []
        countEnds = []
        durationEnds = []
    }

    public init<S: Sequence>(_ items: S) where S.Element == Item {
        self.init()
        replaceSubrange(0..<0, with: Array(items))
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { countEnds.last ?? 0 }
    public var totalDuration: Int64 { durationEnds.last ?? 0 }

    public subscript(position: Int) -> Item {
        get {
            let (k, offset) = chunkIndex(containing: position)
            return chunks[k].items[offset]
        }
        set { replaceSubrange(position..<(position + 1), with: [newValue]) }
    }

    /// The record frame where the item at `index` starts (`totalDuration` for `endIndex`).
    public func startFrame(ofItemAt index: Int) -> Int64 {
        precondition(index >= 0 && index <= count, "item index out of range")
        if index == count { return totalDuration }
        let (k, offset) = chunkIndex(containing: index)
        var frame: Int64 = k == 0 ? 0 : durationEnds[k - 1]
        for item in chunks[k].items[0..<offset] { frame += item.duration }
        return frame
    }

    /// The item whose record range contains `frame`, and where it starts; nil past the end.
    public func locate(frame: Int64) -> (index: Int, start: Int64)? {
        guard frame >= 0, frame < totalDuration else { return nil }
        // First chunk whose cumulative end is past the frame.
        var lo = 0, hi = durationEnds.count - 1
        while lo < hi {
            let mid = (lo + hi) / 2
            if durationEnds[mid] > frame { hi = mid } else { lo = mid + 1 }
        }
        var start: Int64 = lo == 0 ? 0 : durationEnds[lo - 1]
        var index = lo == 0 ? 0 : countEnds[lo - 1]
        for item in chunks[lo].items {
            if frame < start + item.duration { return (index, start) }
            start += item.duration
            index += 1
        }
        preconditionFailure("cumulative durations out of step with chunks")
    }

    /// Replaces items `range` with `newItems`, rebuilding only the chunks the range touches.
    public mutating func replaceSubrange(_ range: Range<Int>, with newItems: [Item]) {
        precondition(range.lowerBound >= 0 && range.upperBound <= count, "item range out of bounds")
        if chunks.isEmpty {
            chunks = ItemList.split(newItems)
            rebuildTables(from: 0)
            return
        }
        // Chunks [firstChunk, lastChunk] cover the range; an insertion at the very end uses the last chunk.
        let firstChunk = range.lowerBound == count ? chunks.count - 1 : chunkIndex(containing: range.lowerBound).chunk
        let lastChunk = range.upperBound == 0 ? 0
            : (range.upperBound >= count ? chunks.count - 1 : chunkIndex(containing: range.upperBound - 1).chunk)
        var first = firstChunk, last = Swift.max(firstChunk, lastChunk)
        var touched = 0
        for k in first...last { touched += chunks[k].items.count }
        touched += newItems.count - range.count
        // Fold a neighbour in when the result would be a small chunk, so repeated deletions
        // do not leave the track as thousands of one-item chunks.
        if touched < ItemList.chunkCapacity / 4 {
            if last + 1 < chunks.count { last += 1 } else if first > 0 { first -= 1 }
        }
        let base = first == 0 ? 0 : countEnds[first - 1]
        var merged: [Item] = []
        merged.reserveCapacity(touched + ItemList.chunkCapacity)
        for k in first...last { merged.append(contentsOf: chunks[k].items) }
        merged.replaceSubrange((range.lowerBound - base)..<(range.upperBound - base), with: newItems)
        chunks.replaceSubrange(first...last, with: ItemList.split(merged))
        rebuildTables(from: first)
    }

    public mutating func append(_ item: Item) { replaceSubrange(count..<count, with: [item]) }
    public mutating func insert(_ item: Item, at index: Int) { replaceSubrange(index..<index, with: [item]) }
    public mutating func remove(at index: Int) { replaceSubrange(index..<(index + 1), with: []) }

    /// Chunk objects shared with `other`: what an undo snapshot does not pay for twice.
    public func sharedChunkCount(with other: ItemList) -> Int {
        let mine = Set(chunks.map(ObjectIdentifier.init))
        return other.chunks.reduce(0) { $0 + (mine.contains(ObjectIdentifier($1)) ? 1 : 0) }
    }

    /// Items held in chunks not shared with `other`: the cost of keeping both values alive.
    public func unsharedItemCount(relativeTo other: ItemList) -> Int {
        let theirs = Set(other.chunks.map(ObjectIdentifier.init))
        return chunks.reduce(0) { $0 + (theirs.contains(ObjectIdentifier($1)) ? 0 : $1.items.count) }
    }

    public struct Iterator: IteratorProtocol {
        let chunks: [Chunk]
        var chunk = 0, offset = 0
        public mutating func next() -> Item? {
            while chunk < chunks.count {
                if offset < chunks[chunk].items.count {
                    defer { offset += 1 }
                    return chunks[chunk].items[offset]
                }
                chunk += 1
                offset = 0
            }
            return nil
        }
    }

    public func makeIterator() -> Iterator { Iterator(chunks: chunks) }

    public static func == (a: ItemList, b: ItemList) -> Bool {
        if a.count != b.count || a.totalDuration != b.totalDuration { return false }
        // Values that share every chunk (an undo snapshot of an untouched track) are equal without a visit.
        if a.chunks.count == b.chunks.count && zip(a.chunks, b.chunks).allSatisfy({ $0 === $1 }) { return true }
        return a.elementsEqual(b)
    }

    /// The index of the clip with `id`, or nil. Costs a set probe per chunk plus one chunk scan.
    public func index(ofClip id: ClipID) -> Int? {
        for k in chunks.indices where chunks[k].clipIDs.contains(id) {
            let base = k == 0 ? 0 : countEnds[k - 1]
            for (offset, item) in chunks[k].items.enumerated() {
                if case .clip(let c) = item, c.id == id { return base + offset }
            }
        }
        return nil
    }

    /// Indices of the clips carrying `link`, in order.
    public func indices(ofLink link: LinkID) -> [Int] {
        var out: [Int] = []
        for k in chunks.indices where chunks[k].linkIDs.contains(link) {
            let base = k == 0 ? 0 : countEnds[k - 1]
            for (offset, item) in chunks[k].items.enumerated() {
                if case .clip(let c) = item, c.link == link { out.append(base + offset) }
            }
        }
        return out
    }

    /// True when some clip in the list has `id` (one set probe per chunk).
    public func containsClip(_ id: ClipID) -> Bool { chunks.contains { $0.clipIDs.contains(id) } }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(count)
        for item in self { hasher.combine(item) }
    }

    public init(from decoder: Decoder) throws {
        let items = try [Item](from: decoder)
        // Chunks sum lengths as they are built: check them first (a file can hold any number).
        var total: Int64 = 0
        for (i, item) in items.enumerated() {
            let d = item.duration
            guard TimeLimits.contains(d) else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                    debugDescription: "item \(i + 1) has length \(d), out of range (at most \(TimeLimits.maxFrames) frames)"))
            }
            total += d
            guard abs(total) <= TimeLimits.maxDerivedFrames else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                    debugDescription: "the track is longer than \(TimeLimits.maxDerivedFrames) frames"))
            }
        }
        self.init(items)
    }

    public func encode(to encoder: Encoder) throws {
        try Array(self).encode(to: encoder)
    }

    // MARK: - Internals

    private func chunkIndex(containing index: Int) -> (chunk: Int, offset: Int) {
        precondition(index >= 0 && index < count, "item index out of range")
        var lo = 0, hi = countEnds.count - 1
        while lo < hi {
            let mid = (lo + hi) / 2
            if countEnds[mid] > index { hi = mid } else { lo = mid + 1 }
        }
        return (lo, index - (lo == 0 ? 0 : countEnds[lo - 1]))
    }

    private mutating func rebuildTables(from firstChunk: Int) {
        countEnds.removeSubrange(Swift.min(firstChunk, countEnds.count)...)
        durationEnds.removeSubrange(Swift.min(firstChunk, durationEnds.count)...)
        var count = countEnds.last ?? 0
        var duration = durationEnds.last ?? 0
        for k in firstChunk..<chunks.count {
            count += chunks[k].items.count
            duration += chunks[k].duration
            countEnds.append(count)
            durationEnds.append(duration)
        }
    }

    /// Cuts items into chunks of at most `chunkCapacity`, evenly, never leaving an empty chunk.
    private static func split(_ items: [Item]) -> [Chunk] {
        if items.isEmpty { return [] }
        let pieces = (items.count + chunkCapacity - 1) / chunkCapacity
        let size = (items.count + pieces - 1) / pieces
        return stride(from: 0, to: items.count, by: size).map {
            Chunk(Array(items[$0..<Swift.min($0 + size, items.count)]))
        }
    }
}
