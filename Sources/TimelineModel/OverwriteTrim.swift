extension Timeline {
    /// Overwrite (non-ripple) trim: the chosen side of each edit point moves by `delta` and nothing
    /// else on the sequence moves (Avid's overwrite trim, Premiere's selection trim without
    /// ripple). Where the trimmed clip grows it overwrites its neighbour; where it shrinks it
    /// leaves filler (gap). A positive delta moves the edit point later.
    ///
    /// ```
    /// A side +2 at c:  | A A A | B B B B |  →  | A A A A A | B B |      (B loses its first 2 frames)
    /// A side −2 at c:  | A A A | B B B B |  →  | A | · · | B B B B |    (· = gap)
    /// B side +2 at c:  | A A A | B B B B |  →  | A A A | · · | B B |
    /// B side −2 at c:  | A A A | B B B B |  →  | A | B B B B B B |      (B starts 2 frames earlier in its media)
    ///                          ^ c
    /// ```
    /// A point on `.both` rolls. The sequence keeps its length (but for the A side at the end of a
    /// track, which grows or shrinks that track), so sync-locked tracks are untouched. Clamps:
    /// media handles, the shortest clip (1 frame, longer under transitions) on either side, a gap
    /// that closes; the applied delta is the same on every point.
    public mutating func overwriteTrim(_ points: [EditPoint], by delta: Int64) throws(EditError) -> EditOutcome {
        let resolved = try resolveOnePerTrack(points)
        var bounds = DeltaBounds()
        for r in resolved {
            // The trimmed side's own limits, and, where it grows (delta's direction), those of the
            // neighbour it overwrites; a side that shrinks leaves gap and asks nothing of the other.
            let outgoingMoves = r.point.side != .head || delta < 0
            let incomingMoves = r.point.side != .tail || delta > 0
            if outgoingMoves {
                if let o = r.outgoing { outPointBounds(track: r.track, item: o, into: &bounds) } else { bounds.atLeast(0, "at the start of the sequence") }
            }
            if incomingMoves {
                if let i = r.incoming { inPointBounds(track: r.track, item: i, into: &bounds) }
                else if r.point.side == .both { bounds.atMost(0, "at the end of \(tracks[r.track].name)") }
            }
        }
        let (applied, reason) = bounds.clamp(delta)
        var outcome = EditOutcome(applied: applied)
        if let reason { outcome.notes.append("overwrite trim stopped \(reason) (moved \(applied) of \(delta) frames)") }
        guard applied != 0 else { return outcome }
        var edited = self
        for r in resolved {
            switch (r.point.side, applied > 0) {
            case (.both, _), (.tail, true), (.head, false):
                // The growing side overwrites its neighbour: the cut moves as in a roll.
                edited.moveCut(r, outDelta: r.outgoing == nil ? nil : applied, inDelta: r.incoming == nil ? nil : applied)
            case (.tail, false):
                edited.openGap(r, outgoingDelta: applied)
            case (.head, true):
                edited.openGap(r, incomingDelta: applied)
            }
        }
        self = edited
        return outcome
    }

    /// Shrinks one side of a cut and fills what it gave up with gap, so nothing after it moves:
    /// the outgoing item ends `-outgoingDelta` frames earlier, or the incoming one starts
    /// `incomingDelta` frames later (its source in-point with it).
    mutating func openGap(_ r: ResolvedEditPoint, outgoingDelta: Int64? = nil, incomingDelta: Int64? = nil) {
        let t = r.track
        let count = tracks[t].items.count
        guard let lo = r.outgoing ?? r.incoming else { return }
        let hi = (r.incoming ?? r.outgoing!) + 1
        var replacement: [Item] = []
        if let o = r.outgoing {
            var item = tracks[t].items[o]
            if let d = outgoingDelta {
                switch item {
                case .gap(let g): item = .gap(g + d)
                case .clip(var c):
                    c.source.duration += d
                    item = .clip(c)
                }
                replacement.append(item)
                replacement.append(.gap(-d))
            } else {
                replacement.append(item)
            }
        }
        if let i = r.incoming {
            var item = tracks[t].items[i]
            if let d = incomingDelta {
                replacement.append(.gap(d))
                switch item {
                case .gap(let g): item = .gap(g - d)
                case .clip(var c):
                    c.source = FrameRange(start: c.source.start + d, end: c.source.end)
                    item = .clip(c)
                }
            }
            replacement.append(item)
        }
        tracks[t].items.replaceSubrange(lo..<hi, with: ItemList.normalised(replacement, atTrackEnd: hi == count))
    }
}
