extension Timeline {
    /// Slide: moves the clip along the record by `delta` without changing its content or length;
    /// the neighbours give and take: the previous item's out and the next item's in move by the
    /// same amount. The sequence keeps its duration (unlike OpenTimelineIO's slide, which only
    /// changes the previous item). Linked clips slide with it by the same amount.
    ///
    /// ```
    /// V1 before | A A A | B B | C C C |     slide B +1:  | A A A A | B B | C C |
    /// ```
    /// Clamped (most restrictive linked clip wins, with a note) to the neighbours' media handles
    /// and transitions, 1 frame as the shortest neighbour, a neighbouring gap closing, record 0
    /// (which counts as an empty gap that may grow), and the sequence end: past the last item of
    /// a track the sequence up to its end counts as gap, but the clip that ends the sequence
    /// cannot slide earlier (that would shorten it).
    /// Refused when two linked clips sit within two items of each other on one track.
    public mutating func slide(clip id: ClipID, by delta: Int64) throws(EditError) -> EditOutcome {
        let group = try linkedGroup(of: id)
        for member in group { try requireUnlocked(member.track) }
        for a in group {
            for b in group where a.track == b.track && a.item < b.item && b.item - a.item <= 2 {
                throw EditError(.invalidArgument,
                                "\(a.clip.name) and \(b.clip.name) are linked and almost side by side on \(tracks[a.track].name): slide them one at a time")
            }
        }
        var bounds = DeltaBounds()
        let sequenceEnd = duration
        let endTracks = Set(group.filter { $0.item == tracks[$0.track].items.count - 1 }.map(\.track))
        if !endTracks.isEmpty {
            let othersEnd = tracks.indices.filter { !endTracks.contains($0) }.map { tracks[$0].duration }.max() ?? 0
            if othersEnd < sequenceEnd {
                bounds.atLeast(0, "at the end of the sequence: sliding its last clip earlier would shorten it")
            }
        }
        for member in group {
            let count = tracks[member.track].items.count
            if member.item > 0 { outPointBounds(track: member.track, item: member.item - 1, into: &bounds) }
            else { bounds.atLeast(0, "at the start of the sequence") }
            if member.item + 1 < count { inPointBounds(track: member.track, item: member.item + 1, into: &bounds) }
            else { bounds.atMost(sequenceEnd - member.record.end, "at the end of the sequence") }
        }
        let (applied, reason) = bounds.clamp(delta)
        var outcome = EditOutcome(applied: applied)
        if let reason { outcome.notes.append("slide stopped \(reason) (moved \(applied) of \(delta) frames)") }
        guard applied != 0 else { return outcome }
        var edited = self
        // Later items first, so earlier indices stay valid on a track holding two members.
        for member in group.sorted(by: { ($0.track, $1.item) < ($1.track, $0.item) }) {
            let t = member.track, i = member.item
            let count = edited.tracks[t].items.count
            let lo = Swift.max(i - 1, 0), hi = Swift.min(i + 2, count)
            var replacement: [Item] = []
            if i > 0 {
                switch edited.tracks[t].items[i - 1] {
                case .gap(let g): replacement.append(.gap(g + applied))
                case .clip(var p):
                    p.source.duration += applied
                    replacement.append(.clip(p))
                }
            } else {
                replacement.append(.gap(applied)) // applied > 0 here: record 0 grows a gap
            }
            replacement.append(edited.tracks[t].items[i])
            if i + 1 < count {
                switch edited.tracks[t].items[i + 1] {
                case .gap(let g): replacement.append(.gap(g - applied))
                case .clip(var n):
                    n.source = FrameRange(start: n.source.start + applied, end: n.source.end)
                    replacement.append(.clip(n))
                }
            }
            edited.tracks[t].items.replaceSubrange(lo..<hi, with: ItemList.normalised(replacement, atTrackEnd: hi == count))
        }
        self = edited
        return outcome
    }
}
