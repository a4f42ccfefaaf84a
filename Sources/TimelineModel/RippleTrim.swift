/// A selected cut resolved against its track: the items on either side of it.
struct ResolvedEditPoint {
    var point: EditPoint
    /// The item ending at the cut; nil at record 0.
    var outgoing: Int?
    /// The item starting at the cut; nil at the end of the track.
    var incoming: Int?
    var track: Int { point.track }
}

extension Timeline {
    /// `points` resolved, refusing none at all and two on one track (both kinds of trim).
    func resolveOnePerTrack(_ points: [EditPoint]) throws(EditError) -> [ResolvedEditPoint] {
        guard !points.isEmpty else { throw EditError(.nothingSelected, "select an edit point to trim") }
        var selected = Set<Int>()
        var resolved: [ResolvedEditPoint] = []
        for p in points {
            let r = try resolve(p)
            guard selected.insert(p.track).inserted else {
                throw EditError(.invalidArgument, "one edit point per track: \(tracks[p.track].name) has two selected")
            }
            resolved.append(r)
        }
        return resolved
    }

    /// Trims several edit points, on several tracks, by the same `delta` at once (Avid's trim mode).
    /// A positive delta moves the edit point later.
    ///
    /// - `.tail` (A side) is a ripple trim of the outgoing item's out-point: the track gets
    ///   longer by `delta`.
    /// - `.head` (B side) is a ripple trim of the incoming item's in-point: the incoming item keeps
    ///   its record start and loses `delta` frames at its head, so the track gets shorter by `delta`.
    /// - `.both` is a roll: the out and the in move together; nothing else moves and the sequence
    ///   keeps its duration.
    ///
    /// ```
    /// tail +2 on V1 at c:  | A A A | B B |  →  | A A A A A | B B |        (duration +2)
    /// head +1 on V1 at c:  | A A A | B B |  →  | A A A | B |            (duration −1; B starts a frame later in its media)
    /// roll +1 on V1 at c:  | A A A | B B |  →  | A A A A | B |          (duration unchanged)
    ///                              ^ c
    /// ```
    /// Sync: when ripple points are trimmed, every other sync-locked, unlocked track gets the same
    /// change at the earliest selected cut: gap inserted there (cutting a clip that spans it, as
    /// Avid does) when the ripple lengthens, gap removed when it shortens. Material on those
    /// tracks is never removed: if there is no gap to remove, the trim stops there with a note.
    /// Locked tracks keep their place (a note says sync may break).
    ///
    /// Clamps (the applied delta is the most restrictive over all points, the same for all; the
    /// note names the limit): media handles ("stopped at the last available frame of bars"),
    /// handles a transition at the cut needs, 1 frame as the shortest clip (longer when
    /// transitions cover it), a gap closing (a gap may shrink to nothing and disappear), and for
    /// rolls the sequence bounds: record 0 counts as an empty gap that may grow; past the end of
    /// a track the sequence up to its end counts as gap, but the last cut of the sequence cannot
    /// roll earlier (that would shorten it).
    ///
    /// Asymmetric trims (A side on some tracks, B side on others; Avid's asymmetric trim): every
    /// track changes length by `delta` so sync holds. A sides move their cut by `delta`; B-side
    /// clips gain `delta` frames at their heads, their cut staying put:
    ///
    /// ```
    /// V1 A side, A1 B side, +2 at c:   V1 | a a a | b b |  →  | a a a a a | b b |
    ///                                  A1 | x x x | y y |  →  | x x x | Y Y y y |   (Y: 2 frames of y's head handle)
    /// ```
    /// Refused: a point that is not at a cut, two points on one track, a point on a locked track.
    public mutating func trim(_ points: [EditPoint], by delta: Int64) throws(EditError) -> EditOutcome {
        let resolved = try resolveOnePerTrack(points)
        let selected = Set(points.map(\.track))
        let ripples = resolved.filter { $0.point.side != .both }
        // Asymmetric (A side on one track, B side on another): every track grows by `delta`, so
        // sync holds; the A sides' cuts move by delta and the B sides' clips gain delta frames at
        // their heads (their in-points move by −delta): a split edit made in trim mode.
        let asymmetric = ripples.contains { $0.point.side == .tail } && ripples.contains { $0.point.side == .head }
        let rippleSide = asymmetric ? .tail : ripples.first?.point.side
        let verb = ripples.isEmpty ? "roll" : "trim"

        // Collect every limit.
        var bounds = DeltaBounds()
        let sequenceEnd = duration
        let endRolls = Set(resolved.filter { $0.point.side == .both && $0.incoming == nil }.map(\.track))
        if !endRolls.isEmpty {
            let othersEnd = tracks.indices.filter { !endRolls.contains($0) }.map { tracks[$0].duration }.max() ?? 0
            if othersEnd < sequenceEnd {
                bounds.atLeast(0, "at the end of the sequence: rolling its last cut earlier would shorten it")
            }
        }
        for r in resolved {
            switch r.point.side {
            case .tail: outPointBounds(track: r.track, item: r.outgoing!, into: &bounds)
            case .head where asymmetric:
                // The in-point moves by −delta: its limits, mirrored.
                var own = DeltaBounds()
                inPointBounds(track: r.track, item: r.incoming!, into: &own)
                bounds.atLeast(-own.upper, own.upperReason)
                bounds.atMost(-own.lower, own.lowerReason)
            case .head: inPointBounds(track: r.track, item: r.incoming!, into: &bounds)
            case .both:
                if let o = r.outgoing { outPointBounds(track: r.track, item: o, into: &bounds) }
                else { bounds.atLeast(0, "at the start of the sequence") }
                if let i = r.incoming { inPointBounds(track: r.track, item: i, into: &bounds) }
                else { bounds.atMost(sequenceEnd - tracks[r.track].duration, "at the end of the sequence") }
            }
        }
        let syncCut = ripples.map(\.point.frame).min()
        let syncTracks = syncCut == nil ? [] : tracks.indices.filter {
            !selected.contains($0) && tracks[$0].syncLocked && !tracks[$0].locked
        }
        if let cut = syncCut {
            for t in syncTracks {
                if rippleSide == .tail {
                    if let run = gapRun(track: t, endingAt: cut) { bounds.atLeast(-run, syncStop(track: t, at: cut - run - 1)) }
                } else if let run = gapRun(track: t, startingAt: cut) {
                    bounds.atMost(run, syncStop(track: t, at: cut + run))
                }
            }
        }

        let (applied, reason) = bounds.clamp(delta)
        var outcome = EditOutcome(applied: applied)
        if let reason { outcome.notes.append("\(verb) stopped \(reason) (moved \(applied) of \(delta) frames)") }
        guard applied != 0 else { return outcome }

        var edited = self
        for r in resolved {
            switch r.point.side {
            case .tail: edited.moveCut(r, outDelta: applied, inDelta: nil)
            case .head: edited.moveCut(r, outDelta: nil, inDelta: asymmetric ? -applied : applied)
            case .both: edited.moveCut(r, outDelta: applied, inDelta: applied)
            }
        }
        if let cut = syncCut, let side = rippleSide {
            let shift = side == .tail ? applied : -applied
            var splits: [SplitRecord] = []
            if shift > 0 {
                edited.insertGapOnSyncLocked(at: cut, length: shift, exclude: selected, splits: &splits, notes: &outcome.notes)
            } else {
                let removed = side == .tail ? FrameRange(start: cut + shift, end: cut) : FrameRange(start: cut, duration: -shift)
                for t in syncTracks {
                    let run = side == .tail ? gapRun(track: t, endingAt: cut) : gapRun(track: t, startingAt: cut)
                    if run != nil { edited.replaceRecord(track: t, removed, with: [], splits: &splits, notes: &outcome.notes) }
                }
                for t in tracks.indices where !selected.contains(t) && tracks[t].syncLocked && tracks[t].locked
                    && tracks[t].duration > cut {
                    outcome.notes.append(lockedSyncNote(t, cut))
                }
            }
            edited.relinkRightParts(splits)
        }
        self = edited
        return outcome
    }

    /// Finds the items on either side of a selected cut, refusing points that are not at a cut.
    func resolve(_ p: EditPoint) throws(EditError) -> ResolvedEditPoint {
        try requireUnlocked(p.track)
        let items = tracks[p.track].items
        let total = items.totalDuration
        let name = tracks[p.track].name
        guard p.frame >= 0, p.frame <= total else {
            throw EditError(.invalidArgument, "no edit point on \(name) at \(timecode(p.frame)): the track ends at \(timecode(total))")
        }
        var incoming: Int? = nil
        if p.frame < total, let (index, start) = items.locate(frame: p.frame) {
            guard start == p.frame else {
                let what = items[index].clip.map { "inside \($0.name)" } ?? "inside a gap"
                throw EditError(.invalidArgument, "no edit point on \(name) at \(timecode(p.frame)): it is \(what)")
            }
            incoming = index
        }
        let outgoing: Int? = p.frame == 0 ? nil : (incoming.map { $0 - 1 } ?? items.count - 1)
        switch p.side {
        case .tail where outgoing == nil:
            throw EditError(.invalidArgument, "nothing ends on \(name) at \(timecode(p.frame)) to trim")
        case .head where incoming == nil:
            throw EditError(.invalidArgument, "nothing starts on \(name) at \(timecode(p.frame)) to trim")
        case .both where outgoing == nil && incoming == nil:
            throw EditError(.invalidArgument, "\(name) is empty: nothing to roll")
        default:
            return ResolvedEditPoint(point: p, outgoing: outgoing, incoming: incoming)
        }
    }

    /// Limits on moving the end of item `i` by `d` (its out-point for a clip).
    func outPointBounds(track t: Int, item i: Int, into bounds: inout DeltaBounds) {
        let items = tracks[t].items
        switch items[i] {
        case .gap(let length):
            bounds.atLeast(-length, "where the gap on \(tracks[t].name) closes")
        case .clip(let c):
            if let available = c.available {
                bounds.atMost(available - c.tailNeed - c.source.end,
                              c.transitionOut.map { "where the \($0.kind.rawValue) after \(c.name) runs out of handle" }
                                  ?? "at the last available frame of \(c.name)")
            }
            let shortest = items.minimumDuration(at: i)
            bounds.atLeast(shortest - c.duration, shortestReason(c, shortest))
        }
    }

    /// Limits on moving the start of item `i` by `d` (its in-point for a clip) while its end stays.
    func inPointBounds(track t: Int, item i: Int, into bounds: inout DeltaBounds) {
        let items = tracks[t].items
        switch items[i] {
        case .gap(let length):
            bounds.atMost(length, "where the gap on \(tracks[t].name) closes")
        case .clip(let c):
            if c.available != nil {
                let need = items.headNeed(at: i)
                bounds.atLeast(need - c.source.start,
                               need > 0 ? "where the \(items.transitionInto(i)!.kind.rawValue) before \(c.name) runs out of handle"
                                        : "at the first frame of \(c.name)")
            }
            let shortest = items.minimumDuration(at: i)
            bounds.atMost(c.duration - shortest, shortestReason(c, shortest))
        }
    }

    func shortestReason(_ c: Clip, _ shortest: Int64) -> String {
        shortest == 1 ? "where \(c.name) is down to 1 frame" : "where \(c.name) is down to the \(shortest) frames its transitions cover"
    }

    func syncStop(track t: Int, at frame: Int64) -> String {
        let items = tracks[t].items
        let what = items.locate(frame: frame).flatMap { items[$0.index].clip?.name } ?? "a clip"
        return "at \(what) on \(tracks[t].name) (sync lock): select its edit point too or turn off sync lock on \(tracks[t].name)"
    }

    /// Moves the cut of a resolved point: the outgoing item's end by `outDelta`, the incoming
    /// item's start by `inDelta` (its end stays). Gaps grow or shrink (and vanish at zero); a
    /// roll at record 0 grows a gap before the first item.
    mutating func moveCut(_ r: ResolvedEditPoint, outDelta: Int64?, inDelta: Int64?) {
        let t = r.track
        let count = tracks[t].items.count
        guard let lo = r.outgoing ?? r.incoming else { return }
        let hi = (r.incoming ?? r.outgoing!) + 1
        var replacement: [Item] = []
        if let d = outDelta {
            if let o = r.outgoing {
                switch tracks[t].items[o] {
                case .gap(let g): replacement.append(.gap(g + d))
                case .clip(var c):
                    c.source.duration += d
                    replacement.append(.clip(c))
                }
            } else if d > 0 {
                replacement.append(.gap(d))
            }
        } else if let o = r.outgoing {
            replacement.append(tracks[t].items[o])
        }
        if let i = r.incoming {
            if let d = inDelta {
                switch tracks[t].items[i] {
                case .gap(let g): replacement.append(.gap(g - d))
                case .clip(var c):
                    c.source = FrameRange(start: c.source.start + d, end: c.source.end)
                    replacement.append(.clip(c))
                }
            } else {
                replacement.append(tracks[t].items[i])
            }
        }
        tracks[t].items.replaceSubrange(lo..<hi, with: ItemList.normalised(replacement, atTrackEnd: hi == count))
    }
}
