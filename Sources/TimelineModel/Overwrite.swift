extension Timeline {
    /// Overwrite edit: the source replaces whatever lies in `[frame, frame + length)` on the patched
    /// tracks; nothing else moves. Clips cut by the range edges are trimmed (one cut on both
    /// sides becomes two clips; the right part gets a new id). Past the end of a track the source
    /// is placed after a gap, so the sequence gets longer only when the edit reaches past its end.
    ///
    /// ```
    /// overwrite N (3 frames) at f on V1:
    /// V1 before | A A A A | B B B |      after | A A|N N N| B B |
    ///                ^ f
    /// ```
    public mutating func overwrite(_ source: EditSource, at frame: Int64, patch: SourcePatch) throws(EditError) -> EditOutcome {
        guard frame >= 0 else { throw EditError(.invalidRange, "cannot overwrite before the start of the sequence") }
        var edited = self
        var outcome = EditOutcome()
        let clips = try edited.placements(for: source, patch: patch, notes: &outcome.notes)
        var splits: [SplitRecord] = []
        for (t, clip) in clips {
            edited.replaceRecord(track: t, FrameRange(start: frame, duration: clip.duration), with: [.clip(clip)],
                                 splits: &splits, notes: &outcome.notes)
        }
        edited.relinkRightParts(splits)
        outcome.created = clips.map(\.clip.id)
        self = edited
        return outcome
    }

    /// Overwrite at the end of the sequence (`duration`), after the longest track.
    ///
    /// ```
    /// V1 before | A A |              after | A A |· ·|N N|
    /// A1 before | a a a a |              | a a a a |n n|   (· = gap; both start at the old end)
    /// ```
    public mutating func append(_ source: EditSource, patch: SourcePatch) throws(EditError) -> EditOutcome {
        try overwrite(source, at: duration, patch: patch)
    }
}
