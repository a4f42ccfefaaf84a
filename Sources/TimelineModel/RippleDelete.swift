extension Timeline {
    /// Ripple delete: removes the clip and the clips linked to it and closes up. The clip's record
    /// range is removed from its track, from the tracks of its linked clips (a linked clip is
    /// lifted first, then the same range removed, so all of them move by the same amount even in
    /// a split edit) and from every other sync-locked, unlocked track, material included.
    ///
    /// ```
    /// V1 before | A A | B B B | C |      after | A A | C |
    /// A1 before | a a | b b b | c |      after | a a | c |    (b linked to B)
    /// A2 before | m m m m m m m m |      after | m m m m m |  (sync-locked)
    /// ```
    public mutating func rippleDelete(clip id: ClipID) throws(EditError) -> EditOutcome {
        var edited = self
        var outcome = EditOutcome()
        let group = try edited.linkedGroup(of: id)
        for member in group { try edited.requireUnlocked(member.track) }
        let range = try edited.requireClip(id).record
        var splits: [SplitRecord] = []
        // Lift the linked clips that lie outside the range (split edits), latest first per track.
        for member in group.sorted(by: { ($0.track, $1.record.start) < ($1.track, $0.record.start) })
            where !range.contains(member.record) {
            edited.replaceRecord(track: member.track, member.record, with: [.gap(member.record.duration)],
                                 splits: &splits, notes: &outcome.notes)
        }
        let memberTracks = Set(group.map(\.track))
        for t in memberTracks.sorted() {
            edited.replaceRecord(track: t, range, with: [], splits: &splits, notes: &outcome.notes)
        }
        edited.extractFromSyncLocked(range, exclude: memberTracks, splits: &splits, notes: &outcome.notes)
        edited.relinkRightParts(splits)
        self = edited
        return outcome
    }

    /// Closes the gap under `frame` on `track`: everything after it moves earlier by its length.
    /// Every other sync-locked, unlocked track loses the same range, which must be empty there
    /// (or have nothing after it); otherwise the edit is refused, naming the clip that would be
    /// pushed into another — as Premiere refuses, never deleting material the user did not select.
    ///
    /// ```
    /// V1 before | A A |· · ·| B B |      after | A A | B B |
    /// A1 before | a a a |· ·| b b |      after | a a a|b b|?  → refused: a would run into b
    /// ```
    public mutating func rippleDeleteGap(track t: Int, at frame: Int64) throws(EditError) -> EditOutcome {
        try requireUnlocked(t)
        guard let (index, start) = tracks[t].items.locate(frame: frame), case .gap(let length) = tracks[t].items[index] else {
            throw EditError(.invalidArgument, "no gap on \(tracks[t].name) at \(timecode(frame))")
        }
        let range = FrameRange(start: start, duration: length)
        var edited = self
        var outcome = EditOutcome()
        var splits: [SplitRecord] = []
        edited.replaceRecord(track: t, range, with: [], splits: &splits, notes: &outcome.notes)
        for other in tracks.indices where other != t && tracks[other].syncLocked {
            let items = tracks[other].items
            guard items.totalDuration > range.end else { continue } // nothing after it needs to move
            if tracks[other].locked {
                outcome.notes.append(lockedSyncNote(other, range.start))
                continue
            }
            if let blocker = firstClip(onTrack: other, in: range) {
                throw EditError(.overlap,
                                "closing the gap would push \(tracks[other].name)'s clips into \(blocker.name) at \(timecode(Swift.max(range.start, blocker.record.start))) (sync lock): turn off sync lock on \(tracks[other].name) or clear it")
            }
            edited.replaceRecord(track: other, range, with: [], splits: &splits, notes: &outcome.notes)
        }
        self = edited
        return outcome
    }

    /// The first clip on track `t` that overlaps `range`.
    func firstClip(onTrack t: Int, in range: FrameRange) -> (name: String, record: FrameRange)? {
        let items = tracks[t].items
        guard var (index, start) = items.locate(frame: range.start) else { return nil }
        while index < items.count && start < range.end {
            let item = items[index]
            if case .clip(let c) = item { return (c.name, FrameRange(start: start, duration: c.duration)) }
            start += item.duration
            index += 1
        }
        return nil
    }
}
