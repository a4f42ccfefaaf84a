extension Timeline {
    /// Adds an empty track of `kind` after the last track of that kind (video tracks stack above
    /// V1 as V2, V3…; audio below as A2, A3…) and returns its index. Indices of later tracks grow
    /// by one. The name is the kind's letter and one more than the highest number in use.
    @discardableResult
    public mutating func addTrack(kind: TrackKind) -> Int {
        let sameKind = tracks.indices.filter { tracks[$0].kind == kind }
        let highest = sameKind.compactMap { Int(tracks[$0].name.dropFirst(kind.letter.count)) }.max() ?? 0
        let track = Track(kind: kind, name: "\(kind.letter)\(highest + 1)")
        let index: Int
        if let last = sameKind.last {
            index = last + 1
        } else {
            // Keep the order video, audio, subtitle.
            let order: [TrackKind] = [.video, .audio, .subtitle]
            let rank = order.firstIndex(of: kind)!
            index = tracks.firstIndex { order.firstIndex(of: $0.kind)! > rank } ?? tracks.count
        }
        tracks.insert(track, at: index)
        return index
    }

    /// Removes a track and what is on it; refused when it is locked. Clips linked to its clips
    /// stay linked to each other.
    public mutating func removeTrack(_ index: Int) throws(EditError) {
        try requireUnlocked(index)
        tracks.remove(at: index)
    }

    public mutating func setLocked(track t: Int, _ value: Bool) throws(EditError) {
        try requireTrack(t); tracks[t].locked = value
    }

    public mutating func setMuted(track t: Int, _ value: Bool) throws(EditError) {
        try requireTrack(t); tracks[t].muted = value
    }

    public mutating func setSolo(track t: Int, _ value: Bool) throws(EditError) {
        try requireTrack(t); tracks[t].solo = value
    }

    public mutating func setHidden(track t: Int, _ value: Bool) throws(EditError) {
        try requireTrack(t); tracks[t].hidden = value
    }

    public mutating func setSyncLocked(track t: Int, _ value: Bool) throws(EditError) {
        try requireTrack(t); tracks[t].syncLocked = value
    }

    /// Renames a track; refused when another track has the name (names are how commands say tracks).
    public mutating func renameTrack(_ t: Int, to name: String) throws(EditError) {
        try requireTrack(t)
        if let other = trackIndex(named: name), other != t {
            throw EditError(.invalidArgument, "there is already a track called \(tracks[other].name)")
        }
        tracks[t].name = name
    }
}
