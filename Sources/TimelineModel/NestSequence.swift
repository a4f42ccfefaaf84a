extension Timeline {
    /// Inserts another sequence at `frame` as ONE clip on video track `track` (Premiere's nested
    /// sequence, Avid's sequence loaded as a source and cut in as a whole): the clip's source is
    /// the whole of `other` (frames counted from its start), so trims, razor and slip work on it as
    /// on any clip. Everything from `frame` on moves later by its length on that track and on every
    /// other sync-locked, unlocked track, as an insert does. Cycles are the project's concern
    /// (`Project.nestingPath`); this only refuses a sequence of another rate or with nothing in it.
    public mutating func nestSequence(_ other: Timeline, at frame: Int64, track: Int) throws(EditError) -> EditOutcome {
        guard frame >= 0 else { throw EditError(.invalidRange, "cannot insert before the start of the sequence") }
        try requireUnlocked(track)
        guard tracks[track].kind == .video else {
            throw EditError(.invalidRange, "a nested sequence goes on a video track, not \(tracks[track].name)")
        }
        guard other.rate == rate else {
            throw EditError(.invalidRange, "\(other.name) runs at \(other.rate) and this sequence at \(rate); both must share a rate")
        }
        let length = other.duration
        guard length > 0 else { throw EditError(.invalidRange, "\(other.name) is empty") }
        var edited = self
        var outcome = EditOutcome()
        var clip = Clip(id: ClipID(edited.allocateID()), name: other.name, media: Clip.sequenceMedia,
                        source: FrameRange(start: 0, duration: length), available: length)
        clip.sequence = other.name
        var splits: [SplitRecord] = []
        edited.replaceRecord(track: track, FrameRange(start: frame, duration: 0), with: [.clip(clip)],
                             splits: &splits, notes: &outcome.notes)
        edited.insertGapOnSyncLocked(at: frame, length: length, exclude: [track], splits: &splits, notes: &outcome.notes)
        edited.relinkRightParts(splits)
        outcome.created = [clip.id]
        self = edited
        return outcome
    }

    /// The names of the sequences this one nests directly (its nested clips), each once, in track order.
    public var nestedSequenceNames: [String] {
        var seen: Set<String> = [], names: [String] = []
        for track in tracks {
            for item in track.items {
                if case .clip(let clip) = item, let name = clip.sequence, seen.insert(name).inserted { names.append(name) }
            }
        }
        return names
    }
}

extension Project {
    /// The sequence named `name` (the open one or another), or nil.
    public func sequence(named name: String) -> Timeline? {
        sequences.first { $0.name == name }
    }

    /// Whether nesting `inner` into `outer` would make a cycle: the path of sequences from `inner`
    /// down to `outer` through nested clips (`[inner, …, outer]`), or nil when there is none.
    /// Nesting a sequence in itself is the shortest cycle (`[outer]`).
    public func nestingPath(from inner: String, to outer: String) -> [String]? {
        var visited: Set<String> = []
        func walk(_ name: String, _ path: [String]) -> [String]? {
            if name == outer { return path }
            guard visited.insert(name).inserted, let sequence = sequence(named: name) else { return nil }
            for child in sequence.nestedSequenceNames {
                if let found = walk(child, path + [child]) { return found }
            }
            return nil
        }
        return walk(inner, [inner])
    }

    /// This project with sequence `name` open in the timeline (to render a nested sequence with its
    /// own tracks; the others stay reachable for deeper nesting). Nil when there is no such sequence.
    public func withSequenceOpen(_ name: String) -> Project? {
        if timeline.name == name { return self }
        var copy = self
        return copy.openSequence(named: name) ? copy : nil
    }
}
