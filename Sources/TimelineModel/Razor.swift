extension Timeline {
    /// Razor (add edit): cuts the clips under `frame` on `tracks` in two. The left part keeps the
    /// id, the right part gets a new one and takes the transition out and the markers from the cut
    /// on. Right parts of clips that were linked share a new link (the left parts keep the old one).
    ///
    /// ```
    /// V1 before | A A A A |        after | A A|A'A'|
    /// A1 before | a a a a |        after | a a|a'a'|     (A', a' linked together)
    ///                ^ frame
    /// ```
    /// At an existing cut, in a gap or past the end there is nothing to cut: a note, not an error.
    public mutating func razor(at frame: Int64, tracks list: [Int]) throws(EditError) -> EditOutcome {
        var edited = self
        var outcome = EditOutcome()
        var splits: [SplitRecord] = []
        for t in try requireEditableTracks(list, for: "cut") {
            if edited.splitClip(track: t, at: frame, splits: &splits, notes: &outcome.notes) == nil {
                let why: String
                if let (index, start) = edited.tracks[t].items.locate(frame: frame) {
                    why = edited.tracks[t].items[index].isGap ? "it is a gap" : (start == frame ? "there is a cut already" : "")
                } else {
                    why = "it is past the end of the track"
                }
                outcome.notes.append("nothing to cut on \(edited.tracks[t].name) at \(edited.timecode(frame)): \(why)")
            }
        }
        edited.relinkRightParts(splits)
        self = edited
        return outcome
    }
}
