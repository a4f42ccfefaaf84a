extension Timeline {
    /// Inserts another sequence's contents at `frame` as individual clips (Premiere's "insert
    /// sequence as individual clips"; Avid's "load the sequence as a source and splice it in").
    /// Each of its tracks lands on the track of the same name, made when missing; everything
    /// from `frame` on moves later by its length on those tracks and on every other sync-locked,
    /// unlocked track, as an insert does. Clips get new ids and links (picture and sound that
    /// were linked stay linked to each other); transitions and clip markers come along.
    public mutating func insertSequence(_ other: Timeline, at frame: Int64) throws(EditError) -> EditOutcome {
        guard frame >= 0 else { throw EditError(.invalidRange, "cannot insert before the start of the sequence") }
        guard other.rate == rate else {
            throw EditError(.invalidRange, "\(other.name) runs at \(other.rate) and this sequence at \(rate); both must share a rate")
        }
        let length = other.duration
        guard length > 0 else { throw EditError(.invalidRange, "\(other.name) is empty") }
        var edited = self
        var outcome = EditOutcome()
        var links: [LinkID: LinkID] = [:]
        var splits: [SplitRecord] = []
        var touched: Set<Int> = []
        for track in other.tracks where !track.items.isEmpty {
            while edited.trackIndex(named: track.name) == nil {
                let added = edited.addTrack(kind: track.kind)
                if edited.tracks[added].name != track.name && edited.tracks.filter({ $0.kind == track.kind }).count > 64 {
                    throw EditError(.invalidRange, "no track named \(track.name) can be made here")
                }
            }
            let t = edited.trackIndex(named: track.name)!
            try edited.requireUnlocked(t)
            var items: [Item] = track.items.map { item in
                guard case .clip(var clip) = item else { return item }
                clip.id = ClipID(edited.allocateID())
                if let link = clip.link {
                    if links[link] == nil { links[link] = LinkID(edited.allocateID()) }
                    clip.link = links[link]
                }
                outcome.created.append(clip.id)
                return .clip(clip)
            }
            // A shorter track is padded so everything after the insert moves by the same length.
            let short = length - track.items.totalDuration
            if short > 0 { items.append(.gap(short)) }
            edited.replaceRecord(track: t, FrameRange(start: frame, duration: 0), with: items, splits: &splits, notes: &outcome.notes)
            touched.insert(t)
        }
        edited.insertGapOnSyncLocked(at: frame, length: length, exclude: touched, splits: &splits, notes: &outcome.notes)
        edited.relinkRightParts(splits)
        self = edited
        return outcome
    }
}
