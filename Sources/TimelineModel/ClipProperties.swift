extension Timeline {
    /// Turns a clip on or off (a disabled clip keeps its place but is not seen or heard).
    public mutating func setEnabled(clip id: ClipID, _ enabled: Bool) throws(EditError) {
        let place = try requireClip(id)
        try requireUnlocked(place.track)
        updateClip(track: place.track, id: id) { $0.enabled = enabled }
    }

    /// Sets a clip's gain in dB.
    public mutating func setGain(clip id: ClipID, _ gainDB: Double) throws(EditError) {
        let place = try requireClip(id)
        try requireUnlocked(place.track)
        updateClip(track: place.track, id: id) { $0.gainDB = gainDB }
    }

    /// Unlinks a clip from its partners (they stay linked to each other).
    public mutating func unlink(clip id: ClipID) throws(EditError) {
        let place = try requireClip(id)
        try requireUnlocked(place.track)
        updateClip(track: place.track, id: id) { $0.link = nil }
    }

    /// Links the clips together under a new link (replacing the links they had).
    public mutating func link(clips ids: [ClipID]) throws(EditError) {
        guard ids.count >= 2 else { throw EditError(.nothingSelected, "select at least two clips to link") }
        var places: [(track: Int, id: ClipID)] = []
        for id in ids {
            let place = try requireClip(id)
            try requireUnlocked(place.track)
            places.append((place.track, id))
        }
        var edited = self
        let link = LinkID(edited.allocateID())
        for p in places { edited.updateClip(track: p.track, id: p.id) { $0.link = link } }
        self = edited
    }

    /// The clip under `frame` on `track` and its record range.
    public func clip(at frame: Int64, track t: Int) -> (clip: Clip, record: FrameRange)? {
        guard tracks.indices.contains(t), let (index, start) = tracks[t].items.locate(frame: frame),
              case .clip(let c) = tracks[t].items[index] else { return nil }
        return (c, FrameRange(start: start, duration: c.duration))
    }

    /// Match frame: the clip under `frame` on `track`, its media and the media frame shown there
    /// (timeline-rate frames from the media's first frame).
    public func matchFrame(at frame: Int64, track t: Int) -> (clip: ClipID, media: MediaID, sourceFrame: Int64)? {
        guard let (c, record) = clip(at: frame, track: t) else { return nil }
        return (c.id, c.media, c.mediaFrame(atUnit: c.source.start + (frame - record.start)))
    }

    /// The clip with `id`, its track and record range.
    public func clip(_ id: ClipID) -> (clip: Clip, track: Int, record: FrameRange)? {
        guard let place = find(id), case .clip(let c) = tracks[place.track].items[place.item] else { return nil }
        return (c, place.track, place.record)
    }

    /// The clips linked to `id` (itself included), with tracks and record ranges.
    public func linkedClips(of id: ClipID) -> [(clip: Clip, track: Int, record: FrameRange)] {
        ((try? linkedGroup(of: id)) ?? []).map { ($0.clip, $0.track, $0.record) }
    }

    /// The edit points of the clips linked to those of `points` (same side, at each linked
    /// clip's own cut), for editors that trim linked picture and sound together.
    public func withLinkedEditPoints(_ points: [EditPoint]) -> [EditPoint] {
        var out = points
        var seenTracks = Set(points.map(\.track))
        for p in points {
            guard tracks.indices.contains(p.track) else { continue }
            let items = tracks[p.track].items
            // The clip whose edge is the cut: the outgoing for tail, the incoming for head and roll.
            let probe = p.side == .tail ? p.frame - 1 : p.frame
            guard let (index, start) = items.locate(frame: probe), case .clip(let c) = items[index], c.link != nil else { continue }
            let atTail = p.side == .tail || (p.side == .both && start != p.frame)
            for partner in linkedClips(of: c.id) where !seenTracks.contains(partner.track) {
                seenTracks.insert(partner.track)
                out.append(EditPoint(track: partner.track, frame: atTail ? partner.record.end : partner.record.start, side: p.side))
            }
        }
        return out
    }
}
