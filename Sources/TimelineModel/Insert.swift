extension Timeline {
    /// Insert (splice-in) edit: the source goes in at `frame` and everything from there on moves
    /// later by its length, on the patched tracks and on every other sync-locked, unlocked track
    /// (those get gap). A clip under `frame` is cut in two; the right part gets a new id and keeps
    /// the clip's out-point, so its source starts where the record frame says — also when the
    /// clip does not start at record 0, which OpenTimelineIO's insert gets wrong.
    ///
    /// ```
    /// insert N (3 frames) at f, V1 patched, A2 sync-locked:
    /// V1 before | A A A A | B B |        after | A A|N N N|A A | B B |
    /// A2 before | m m m m m m m |        after | m m|·····|m m m m m |   (· = gap)
    ///                ^ f
    /// ```
    /// Past the end of a track the source is placed after a gap. Locked sync-locked tracks stay
    /// put (a note says sync may break there); a locked patched track refuses the edit.
    /// Picture and sound made by one insert share a new link.
    public mutating func insert(_ source: EditSource, at frame: Int64, patch: SourcePatch) throws(EditError) -> EditOutcome {
        guard frame >= 0 else { throw EditError(.invalidRange, "cannot insert before the start of the sequence") }
        var edited = self
        var outcome = EditOutcome()
        let clips = try edited.placements(for: source, patch: patch, notes: &outcome.notes)
        var splits: [SplitRecord] = []
        for (t, clip) in clips {
            edited.replaceRecord(track: t, FrameRange(start: frame, duration: 0), with: [.clip(clip)],
                                 splits: &splits, notes: &outcome.notes)
        }
        edited.insertGapOnSyncLocked(at: frame, length: source.range.duration, exclude: Set(clips.map(\.track)),
                                     splits: &splits, notes: &outcome.notes)
        edited.relinkRightParts(splits)
        outcome.created = clips.map(\.clip.id)
        self = edited
        return outcome
    }
}
