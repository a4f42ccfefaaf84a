extension Timeline {
    /// Roll: moves a cut later (`delta` > 0) or earlier on every given track; the outgoing clip's
    /// out and the incoming clip's in move together, so nothing else moves and the sequence keeps
    /// its duration. A transition at the cut moves with it. Same clamps as `trim` with `.both`.
    ///
    /// ```
    /// V1 before | A A A | B B B |      roll +1:  | A A A A | B B |
    ///                   ^ cut
    /// ```
    public mutating func roll(_ points: [EditPoint], by delta: Int64) throws(EditError) -> EditOutcome {
        try trim(points.map { EditPoint(track: $0.track, frame: $0.frame, side: .both) }, by: delta)
    }

    /// Avid's extend edit: rolls each selected cut to `frame` (the playhead). Points at different
    /// frames roll by different amounts, each clamped on its own; every point is a roll whatever
    /// side it was selected with.
    ///
    /// ```
    /// V1 before | A A A | B B B |      extend to f:  | A A A A A | B |
    ///                   ^ cut  ^ f
    /// ```
    public mutating func extendEdit(_ points: [EditPoint], to frame: Int64) throws(EditError) -> EditOutcome {
        guard !points.isEmpty else { throw EditError(.nothingSelected, "select an edit point to extend") }
        var edited = self
        var outcome = EditOutcome()
        let groups = Dictionary(grouping: points, by: \.frame)
        for cut in groups.keys.sorted() {
            let result = try edited.roll(groups[cut]!, by: frame - cut)
            outcome.notes.append(contentsOf: result.notes)
            if groups.count == 1 { outcome.applied = result.applied }
        }
        self = edited
        return outcome
    }
}
