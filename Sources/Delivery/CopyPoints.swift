import Media

/// Where a packet cut of one source lands: the keyframe the in point snaps back to and the
/// first point after the out point where the packets taken are exactly the frames shown.
///
/// In point: LosslessCut's "keyframe cut" — the last keyframe at or before the requested
/// frame, so nothing the user asked for is lost (the frames before it are gained). A source
/// with no keyframe before the in point starts at the next one (frames lost; warned).
/// Out point: packets are taken in decode order, and with B-frames the anchor a B-frame
/// needs is decoded before it but shown after it. The cut ends at the first place at or
/// after the requested out where the packets taken hold every frame up to there and no
/// other, so the copy decodes cleanly and its frame count is exact (at most the reorder
/// depth is gained: 0 without B-frames, up to 3 with x264's defaults).
struct CopyPoints {
    /// Display-order index of the first frame taken (a keyframe).
    var first: Int
    /// Display-order index after the last frame taken.
    var end: Int
    /// Decode-order indices of the first and last packet taken.
    var firstPacket: Int
    var lastPacket: Int
    /// True where no keyframe lies at or before the requested in point.
    var snappedForward: Bool

    /// `table`'s presentation times in display order, and each one's decode-order index.
    struct Layout {
        var pts: [Int64]
        var decodeIndex: [Int]

        init(_ table: PacketTable) {
            let order = table.video.indices.sorted { table.video[$0].pts < table.video[$1].pts }
            pts = order.map { table.video[$0].pts }
            decodeIndex = order
        }

        /// The display index of the frame shown at `timestamp` (the last starting at or before it).
        func frame(containing timestamp: Int64) -> Int {
            var low = 0, high = pts.count
            while low < high {
                let middle = (low + high) / 2
                if pts[middle] <= timestamp { low = middle + 1 } else { high = middle }
            }
            return max(0, low - 1)
        }

        func rank(of timestamp: Int64) -> Int {
            var low = 0, high = pts.count
            while low < high {
                let middle = (low + high) / 2
                if pts[middle] < timestamp { low = middle + 1 } else { high = middle }
            }
            return low
        }
    }

    /// The keyframe cut for display frames `requested` (in, out exclusive); nil when the
    /// range holds no keyframe and none lies before it.
    static func keyframeCut(_ table: PacketTable, _ layout: Layout, requested: Range<Int>) -> CopyPoints? {
        var first: Int?
        var forward = false
        for i in stride(from: requested.lowerBound, through: 0, by: -1) where table.video[layout.decodeIndex[i]].isKeyframe {
            first = i
            break
        }
        if first == nil {
            first = (requested.lowerBound..<requested.upperBound).first { table.video[layout.decodeIndex[$0]].isKeyframe }
            forward = true
        }
        guard let first else { return nil }
        let start = layout.decodeIndex[first]
        let firstPTS = layout.pts[first]
        var count = 0, highest = first - 1, last = start
        for d in start..<table.video.count {
            let packet = table.video[d]
            // An open GOP's leading pictures (shown before the keyframe) need the GOP before it.
            if packet.pts < firstPTS { continue }
            count += 1
            highest = max(highest, layout.rank(of: packet.pts))
            last = d
            if count == highest - first + 1, highest + 1 >= requested.upperBound { break }
        }
        return CopyPoints(first: first, end: highest + 1, firstPacket: start, lastPacket: last, snappedForward: forward)
    }
}

/// `value` in time base `from` expressed in time base `to`, rounded to nearest (as av_rescale_q).
func rescale(_ value: Int64, _ from: MediaRational, _ to: MediaRational) -> Int64 {
    let numerator = Int128(value) * Int128(from.numerator) * Int128(to.denominator)
    let denominator = Int128(from.denominator) * Int128(to.numerator)
    let half = denominator / 2
    return Int64(numerator >= 0 ? (numerator + half) / denominator : -((-numerator + half) / denominator))
}

extension CopyPoints {
    /// The smart cut for display frames `requested`: the packets that can be copied (from the
    /// first keyframe at or after the in point to the last point at or before the out point
    /// where the packets taken are exactly the frames shown); nil when none can (no keyframe
    /// inside, or no such point after it): then the whole range is re-encoded.
    static func smartCut(_ table: PacketTable, _ layout: Layout, requested: Range<Int>) -> CopyPoints? {
        guard let first = requested.first(where: { table.video[layout.decodeIndex[$0]].isKeyframe }) else { return nil }
        let start = layout.decodeIndex[first]
        let firstPTS = layout.pts[first]
        var count = 0, highest = first - 1
        var best: (end: Int, last: Int)?
        for d in start..<table.video.count {
            let packet = table.video[d]
            if packet.pts < firstPTS { continue }
            let rank = layout.rank(of: packet.pts)
            if rank >= requested.upperBound { break }
            count += 1
            highest = max(highest, rank)
            if count == highest - first + 1 { best = (highest + 1, d) }
        }
        guard let best, best.end > first else { return nil }
        return CopyPoints(first: first, end: best.end, firstPacket: start, lastPacket: best.last, snappedForward: false)
    }
}
