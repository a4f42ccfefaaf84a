import Foundation

extension Timeline {
    /// Whether track `t` holds nothing but gaps over `range` (past its end counts as free).
    public func isFree(track t: Int, _ range: FrameRange) -> Bool {
        var start: Int64 = 0
        for item in tracks[t].items {
            let end = start + item.duration
            if case .clip = item, start < range.end, end > range.start { return false }
            if end >= range.end { break }
            start = end
        }
        return true
    }

    /// Places a title clip (generated media holding `text` drawn with `style`) over
    /// `frame ..< frame + duration` on the lowest video track above V1 that is free there,
    /// adding a video track when none is (as Premiere drops a graphic on the next free track
    /// above the picture). Nothing else moves.
    public mutating func addTitle(text: String, style: TitleStyle, at frame: Int64, duration: Int64) throws(EditError) -> EditOutcome {
        guard frame >= 0 else { throw EditError(.invalidRange, "a title cannot start before the sequence") }
        guard duration > 0 else { throw EditError(.invalidArgument, "a title needs a duration of at least one frame, not \(duration)") }
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw EditError(.invalidArgument, "a title needs some text: the text given is empty")
        }
        let firstLine = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? text
        return placeGenerated(at: frame, duration: duration, track: nil) { id in
            var clip = Clip(id: id, name: String(firstLine.prefix(40)), media: Clip.generatedMedia,
                            source: FrameRange(start: 0, duration: duration), available: nil, text: text)
            clip.title = style
            return clip
        }
    }

    /// Changes a title's text and style (its timing stays).
    public mutating func setTitle(clip id: ClipID, text: String, style: TitleStyle) throws(EditError) -> EditOutcome {
        let place = try requireClip(id)
        try requireUnlocked(place.track)
        guard place.clip.title != nil else {
            throw EditError(.invalidArgument, "\(place.clip.name) (\(id)) is not a title")
        }
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw EditError(.invalidArgument, "a title needs some text: the text given is empty")
        }
        updateClip(track: place.track, id: id) {
            $0.text = text
            $0.title = style
            $0.name = String((text.split(whereSeparator: \.isNewline).first.map(String.init) ?? text).prefix(40))
        }
        return EditOutcome()
    }
}
