extension Timeline {
    /// Adds (or replaces) a transition at the cut `cut` on `track`, between the clip ending there
    /// and the clip starting there. It takes no record time: with `.centered` half lies before
    /// the cut and half after; `.endAtCut` lies wholly before, `.startAtCut` wholly after.
    ///
    /// ```
    /// V1 | A A A A | B B B B |   dissolve 4, centered:  | A A A[A|B]B B B |
    ///                                                       ╰ 2 ┴ 2 ╯
    /// ```
    /// The incoming clip must have head handle for the part before the cut and the outgoing clip
    /// tail handle for the part after; both parts must fit inside the clips beside the other
    /// transitions there. A longer duration is clamped with a note; refused at a track end,
    /// next to a gap, or when there is no handle at all.
    public mutating func addTransition(track t: Int, at cut: Int64, kind: Transition.Kind, duration requested: Int64,
                                       alignment: Transition.Alignment) throws(EditError) -> EditOutcome {
        try requireUnlocked(t)
        guard requested >= 1 else { throw EditError(.invalidArgument, "a transition lasts at least 1 frame") }
        let (o, i) = try clipsAtCut(track: t, cut)
        let items = tracks[t].items
        guard case .clip(var outgoing) = items[o], case .clip(let incoming) = items[i] else {
            throw EditError(.invalidRange, "a transition needs clips on both sides of the cut at \(timecode(cut)) on \(tracks[t].name)")
        }
        // Room before the cut (X) and after it (Y): handles and record frames not used by other transitions.
        var before = outgoing.duration - (items.transitionInto(o)?.outOffset ?? 0)
        if incoming.available != nil { before = Swift.min(before, incoming.source.start) }
        var after = incoming.duration - (incoming.transitionOut?.inOffset ?? 0)
        if let available = outgoing.available { after = Swift.min(after, available - outgoing.source.end) }
        let longest: Int64
        switch alignment {
        case .centered: longest = Swift.min(2 * before + 1, 2 * after) // floor(d/2) ≤ before, ceil(d/2) ≤ after
        case .endAtCut: longest = before
        case .startAtCut: longest = after
        }
        guard longest >= 1 else {
            throw EditError(.outsideMedia, "no handles for a \(kind.rawValue) at \(timecode(cut)): \(outgoing.name) has \(Swift.max(after, 0)) frames after its out, \(incoming.name) \(Swift.max(before, 0)) before its in")
        }
        var outcome = EditOutcome()
        let length = Swift.min(requested, longest)
        if length < requested {
            outcome.notes.append("\(kind.rawValue) shortened to \(length) frames: the handles of \(outgoing.name) and \(incoming.name) allow no more")
        }
        if let old = outgoing.transitionOut {
            outcome.notes.append("replaced the \(old.kind.rawValue) at \(timecode(cut))")
        }
        outgoing.transitionOut = Transition(kind: kind, duration: length, alignment: alignment)
        tracks[t].items.replaceSubrange(o..<(o + 1), with: [.clip(outgoing)])
        outcome.applied = length
        return outcome
    }

    /// Removes the transition at the cut `cut` on `track`; refused when there is none.
    public mutating func removeTransition(track t: Int, at cut: Int64) throws(EditError) {
        try requireUnlocked(t)
        let (o, _) = try clipsAtCut(track: t, cut)
        guard case .clip(var outgoing) = tracks[t].items[o], outgoing.transitionOut != nil else {
            throw EditError(.invalidArgument, "no transition at \(timecode(cut)) on \(tracks[t].name)")
        }
        outgoing.transitionOut = nil
        tracks[t].items.replaceSubrange(o..<(o + 1), with: [.clip(outgoing)])
    }

    /// Indices of the items ending and starting at `cut`, refusing track ends and non-cuts.
    private func clipsAtCut(track t: Int, _ cut: Int64) throws(EditError) -> (outgoing: Int, incoming: Int) {
        let items = tracks[t].items
        guard cut > 0, let (index, start) = items.locate(frame: cut), start == cut else {
            throw EditError(.invalidRange, "no cut between two clips at \(timecode(cut)) on \(tracks[t].name)")
        }
        return (index - 1, index)
    }
}
