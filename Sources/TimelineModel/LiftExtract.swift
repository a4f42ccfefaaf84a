extension Timeline {
    func requireEditableTracks(_ list: [Int], for op: String) throws(EditError) -> [Int] {
        guard !list.isEmpty else { throw EditError(.nothingSelected, "no track selected to \(op)") }
        for t in list { try requireUnlocked(t) }
        return Array(Set(list)).sorted()
    }

    func requireRange(_ range: FrameRange) throws(EditError) {
        guard range.start >= 0, range.duration >= 1 else {
            throw EditError(.invalidRange, "mark an in and an out inside the sequence (got \(range))")
        }
    }

    /// Lift: removes what lies in `range` on `tracks` and leaves gap; nothing moves.
    ///
    /// ```
    /// V1 before | A A A | B B B |      after | A A|· · · ·|B |
    ///                [ range ]
    /// ```
    /// Clips cut by the range edges are trimmed (one cut on both sides becomes two clips, the right
    /// part with a new id; right parts of linked clips cut together share a new link).
    public mutating func lift(_ range: FrameRange, tracks list: [Int]) throws(EditError) -> EditOutcome {
        try requireRange(range)
        var edited = self
        var outcome = EditOutcome()
        var splits: [SplitRecord] = []
        for t in try requireEditableTracks(list, for: "lift") {
            edited.replaceRecord(track: t, range, with: [.gap(range.duration)], splits: &splits, notes: &outcome.notes)
        }
        edited.relinkRightParts(splits)
        self = edited
        return outcome
    }

    /// Extract: removes `range` from `tracks` and closes it up. Every other sync-locked, unlocked
    /// track loses the same range too — material included, as Avid's extract does — so what
    /// follows stays in sync. Locked tracks keep their material (a note says sync may break).
    ///
    /// ```
    /// V1 before | A A A | B B B |      after | A A|B |
    /// A2 before | m m m m m m m |      after | m m|m |     (A2 sync-locked)
    ///                [ range ]
    /// ```
    public mutating func extract(_ range: FrameRange, tracks list: [Int]) throws(EditError) -> EditOutcome {
        try requireRange(range)
        var edited = self
        var outcome = EditOutcome()
        var splits: [SplitRecord] = []
        let targets = try requireEditableTracks(list, for: "extract")
        for t in targets {
            edited.replaceRecord(track: t, range, with: [], splits: &splits, notes: &outcome.notes)
        }
        edited.extractFromSyncLocked(range, exclude: Set(targets), splits: &splits, notes: &outcome.notes)
        edited.relinkRightParts(splits)
        self = edited
        return outcome
    }
}
