import Foundation

extension Timeline {
    /// The first subtitle track, added (as S1…) when the sequence has none.
    mutating func subtitleTrack(_ requested: Int?) throws(EditError) -> Int {
        if let requested {
            try requireTrack(requested)
            guard tracks[requested].kind == .subtitle else {
                throw EditError(.invalidArgument, "\(tracks[requested].name) is not a subtitle track")
            }
            return requested
        }
        return tracks.firstIndex { $0.kind == .subtitle } ?? addTrack(kind: .subtitle)
    }

    /// Types a subtitle event: `text` over `range` on the subtitle track (the first, added when
    /// there is none), replacing what was there (an overwrite, as captioning tools do).
    public mutating func addSubtitle(text: String, range: FrameRange, track requested: Int? = nil) throws(EditError) -> EditOutcome {
        guard range.start >= 0, range.duration > 0 else {
            throw EditError(.invalidRange, "a subtitle needs a start at or after 0 and at least one frame")
        }
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw EditError(.invalidArgument, "a subtitle needs some text: the text given is empty")
        }
        var edited = self
        let track = try edited.subtitleTrack(requested)
        try edited.requireUnlocked(track)
        let id = ClipID(edited.nextID)
        edited.nextID += 1
        let firstLine = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? text
        let clip = Clip(id: id, name: String(firstLine.prefix(40)), media: Clip.generatedMedia,
                        source: FrameRange(start: 0, duration: range.duration), available: nil, text: text)
        var splits: [SplitRecord] = [], notes: [String] = []
        edited.replaceRecord(track: track, range, with: [.clip(clip)], splits: &splits, notes: &notes)
        self = edited
        return EditOutcome(created: [id], notes: notes)
    }

    /// Changes a generated text clip's words (a subtitle or a title).
    public mutating func setText(clip id: ClipID, to text: String) throws(EditError) -> EditOutcome {
        let place = try requireClip(id)
        try requireUnlocked(place.track)
        guard place.clip.media == Clip.generatedMedia, place.clip.text != nil else {
            throw EditError(.invalidArgument, "\(place.clip.name) (\(id)) is not a subtitle or title: it has no text")
        }
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw EditError(.invalidArgument, "the text given is empty (delete the event instead)")
        }
        updateClip(track: place.track, id: id) {
            $0.text = text
            $0.name = String((text.split(whereSeparator: \.isNewline).first.map(String.init) ?? text).prefix(40))
        }
        return EditOutcome()
    }

    /// Retimes a subtitle event: its start moves by `inDelta` frames and its end by `outDelta`
    /// (both the same: the event moves). Refused where it would run into the event beside it,
    /// before the sequence, or to nothing; nothing else moves.
    public mutating func retimeSubtitle(clip id: ClipID, inDelta: Int64, outDelta: Int64) throws(EditError) -> EditOutcome {
        let place = try requireClip(id)
        try requireUnlocked(place.track)
        guard tracks[place.track].kind == .subtitle else {
            throw EditError(.invalidArgument, "\(place.clip.name) (\(id)) is not on a subtitle track")
        }
        let old = place.record
        let new = FrameRange(start: old.start + inDelta, duration: old.duration - inDelta + outDelta)
        guard new.start >= 0 else { throw EditError(.invalidRange, "\(place.clip.name) would start before the sequence") }
        guard new.duration > 0 else { throw EditError(.invalidRange, "\(place.clip.name) would last no time (\(new.duration) frames)") }
        var start: Int64 = 0
        for item in tracks[place.track].items {
            let end = start + item.duration
            if case .clip(let other) = item, other.id != id, start < new.end, end > new.start {
                throw EditError(.invalidRange, "\(place.clip.name) would run into '\(other.name)' (\(other.id)); move that one first")
            }
            start = end
        }
        var clip = place.clip
        clip.source = FrameRange(start: 0, duration: new.duration)
        var splits: [SplitRecord] = [], notes: [String] = []
        replaceRecord(track: place.track, old, with: [.gap(old.duration)], splits: &splits, notes: &notes)
        replaceRecord(track: place.track, new, with: [.clip(clip)], splits: &splits, notes: &notes)
        return EditOutcome(notes: notes, applied: inDelta == outDelta ? inDelta : nil)
    }
}
