extension Timeline {
    /// Moves a clip (and the clips linked to it, which keep their own tracks and move by the same
    /// record amount) so that it starts at `frame` on `toTrack`, which must be of the same kind.
    ///
    /// - `.overwrite`: the clips are lifted (gap where they were) and overwrite what lies at the new place.
    /// - `.insert`: the clips are extracted (their tracks close up) and inserted at the new place
    ///   (later material on those tracks moves later). `frame` is where the clip starts in the
    ///   result. Only the tracks the clips leave and enter change: other tracks, sync-locked or
    ///   not, stay, so sync with them holds outside the stretch between the old and new place.
    ///
    /// ```
    /// overwrite B to f:  | A A | B B | C C C |  →  | A A |· · ·|B B|C |
    /// insert B to f:     | A A | B B | C C C |  →  | A A | C |B B|C C |
    ///                                   ^ f (in the result)
    /// ```
    /// Transitions on the moved clips are removed (their cuts are gone), with a note.
    public mutating func move(clip id: ClipID, toTrack: Int, at frame: Int64, mode: PlacementMode) throws(EditError) -> EditOutcome {
        let group = try linkedGroup(of: id)
        guard let primary = group.first(where: { $0.clip.id == id }) else { throw EditError(.noSuchClip, "no clip \(id)") }
        try requireUnlocked(toTrack)
        for member in group { try requireUnlocked(member.track) }
        guard tracks[toTrack].kind == tracks[primary.track].kind else {
            throw EditError(.wrongTrackKind, "\(primary.clip.name) is on a \(tracks[primary.track].kind.rawValue) track; \(tracks[toTrack].name) is \(tracks[toTrack].kind.rawValue)")
        }
        let delta = frame - primary.record.start
        for member in group where member.record.start + delta < 0 {
            throw EditError(.invalidRange, "\(member.clip.name) would start before the sequence")
        }
        var edited = self
        var outcome = EditOutcome(applied: delta)
        var splits: [SplitRecord] = []
        // Take the clips out, latest first per track so earlier ranges stay valid.
        for member in group.sorted(by: { ($0.track, $1.record.start) < ($1.track, $0.record.start) }) {
            edited.replaceRecord(track: member.track, member.record,
                                 with: mode == .overwrite ? [.gap(member.record.duration)] : [],
                                 splits: &splits, notes: &outcome.notes)
        }
        let landing = group.map { member -> (track: Int, start: Int64, clip: Clip) in
            var c = member.clip
            if let t = c.transitionOut {
                outcome.notes.append("removed the \(t.kind.rawValue) after \(c.name): its cut is gone")
                c.transitionOut = nil
            }
            return (member.clip.id == id ? toTrack : member.track, member.record.start + delta, c)
        }.sorted { ($0.track, $0.start) < ($1.track, $1.start) }
        for l in landing {
            let range = FrameRange(start: l.start, duration: mode == .overwrite ? l.clip.duration : 0)
            edited.replaceRecord(track: l.track, range, with: [.clip(l.clip)], splits: &splits, notes: &outcome.notes)
        }
        edited.relinkRightParts(splits)
        self = edited
        return outcome
    }

    /// Nudge: moves the clips (and their linked clips) by `delta` frames, overwriting what they
    /// land on and leaving gap where they were; clamped so nothing starts before record 0 (a note
    /// says so). Each clip stays on its track and keeps its id.
    ///
    /// ```
    /// nudge B +2:  | A A | B B | C C C |  →  | A A |· ·|B B|C |
    /// ```
    public mutating func nudge(clips ids: [ClipID], by delta: Int64) throws(EditError) -> EditOutcome {
        guard !ids.isEmpty else { throw EditError(.nothingSelected, "select a clip to nudge") }
        var members: [ClipID: (track: Int, record: FrameRange, clip: Clip)] = [:]
        for id in ids {
            for m in try linkedGroup(of: id) { members[m.clip.id] = (m.track, m.record, m.clip) }
        }
        for m in members.values { try requireUnlocked(m.track) }
        let earliest = members.values.map(\.record.start).min()!
        var outcome = EditOutcome(applied: delta)
        if earliest + delta < 0 {
            outcome.applied = -earliest
            outcome.notes.append("nudge stopped at the start of the sequence (moved \(-earliest) of \(delta) frames)")
        }
        let applied = outcome.applied!
        guard applied != 0 else { return outcome }
        var edited = self
        var splits: [SplitRecord] = []
        let ordered = members.values.sorted { ($0.track, $0.record.start) < ($1.track, $1.record.start) }
        for m in ordered {
            edited.replaceRecord(track: m.track, m.record, with: [.gap(m.record.duration)], splits: &splits, notes: &outcome.notes)
        }
        for m in ordered {
            var c = m.clip
            if let t = c.transitionOut {
                outcome.notes.append("removed the \(t.kind.rawValue) after \(c.name): its cut is gone")
                c.transitionOut = nil
            }
            edited.replaceRecord(track: m.track, m.record.shifted(by: applied), with: [.clip(c)], splits: &splits, notes: &outcome.notes)
        }
        edited.relinkRightParts(splits)
        self = edited
        return outcome
    }
}
