extension Timeline {
    /// Replace edit (Avid, Premiere): new media fills exactly the record range of `clip`, lined up
    /// so that `sourceFrame` of the new media sits at record `recordFrame` (usually the playhead
    /// over a sync point). Record ranges do not change.
    ///
    /// ```
    /// V1 before | A | B B B | C |       after | A | N N N | C |
    ///                 ^ recordFrame shows sourceFrame of N
    /// ```
    /// The clip keeps its id, link, enabled state and gain; its markers (frames of the old media)
    /// are dropped with a note. Transitions at its ends stay when the new media has the handles
    /// for them, else they are removed with a note. Refused (`outsideMedia`) when the media
    /// cannot cover the whole range.
    public mutating func replace(clip id: ClipID, with source: EditSource, sourceFrame: Int64,
                                 at recordFrame: Int64) throws(EditError) -> EditOutcome {
        var edited = self
        var outcome = EditOutcome()
        let place = try edited.requireClip(id)
        try edited.requireUnlocked(place.track)
        let kind = edited.tracks[place.track].kind
        if kind == .video && !source.hasVideo {
            throw EditError(.wrongTrackKind, "\(source.name) has no picture for \(edited.tracks[place.track].name)")
        }
        if kind == .audio && !source.hasAudio {
            throw EditError(.wrongTrackKind, "\(source.name) has no sound for \(edited.tracks[place.track].name)")
        }
        let start = sourceFrame - (recordFrame - place.record.start)
        let range = FrameRange(start: start, duration: place.record.duration)
        if range.start < 0 {
            throw EditError(.outsideMedia,
                            "\(source.name) starts \(-range.start) frames too late to fill \(place.clip.name) lined up at \(edited.timecode(recordFrame))")
        }
        if let available = source.available, range.end > available {
            throw EditError(.outsideMedia,
                            "\(source.name) ends \(range.end - available) frames too early to fill \(place.clip.name) lined up at \(edited.timecode(recordFrame))")
        }
        var clip = place.clip
        clip.name = source.name
        clip.media = source.media
        clip.available = source.available
        clip.source = range
        clip.text = nil
        // The new media is placed frame for frame (100%); a speed's units would not fit its range.
        if let speed = clip.speed {
            outcome.notes.append("\(place.clip.name)'s \(speed.isFreeze ? "freeze frame" : "speed") dropped: the new media plays at 100%")
            clip.speed = nil
        }
        if !clip.markers.isEmpty {
            outcome.notes.append("dropped \(clip.markers.count) marker(s) of \(place.clip.name): they mark frames of the old media")
            clip.markers = []
        }
        if let t = clip.transitionOut, let available = clip.available, available - range.end < t.outOffset {
            outcome.notes.append("removed the \(t.kind.rawValue) at \(edited.timecode(place.record.end)): \(source.name) has no handle for it")
            clip.transitionOut = nil
        }
        let items = edited.tracks[place.track].items
        edited.tracks[place.track].items.replaceSubrange(place.item..<(place.item + 1), with: [.clip(clip)])
        if let t = items.transitionInto(place.item), clip.available != nil, range.start < t.inOffset,
           case .clip(var previous) = items[place.item - 1] {
            outcome.notes.append("removed the \(t.kind.rawValue) at \(edited.timecode(place.record.start)): \(source.name) has no handle for it")
            previous.transitionOut = nil
            edited.tracks[place.track].items.replaceSubrange((place.item - 1)..<place.item, with: [.clip(previous)])
        }
        self = edited
        return outcome
    }
}
