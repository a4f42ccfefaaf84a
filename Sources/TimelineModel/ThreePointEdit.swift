extension Timeline {
    /// Works out a three-point edit from the marks that are set, as every NLE does.
    ///
    /// Outs are inclusive frame numbers (an out on frame 119 uses frame 119). Rules, in order:
    /// - Duration: the record marks' when both are set (so with all four marks the record
    ///   duration wins and the source out is ignored — Avid's behaviour; Premiere asks instead);
    ///   else the source marks'; else from the one source mark to the media's end (in only) or
    ///   start (out only); else the whole media.
    /// - Source start: the source in; else backtimed from the source out (`out + 1 − duration`); else 0.
    /// - Record start: the record in; else backtimed from the record out; else `defaultRecordIn`
    ///   (the playhead).
    ///
    /// ```
    /// marks: source in 10, source out 19, record out 99 (backtiming)
    /// source |....[10 ........ 19]....|      record |........[90 ..... 99]|
    /// → source [10, 20), record start 90
    /// ```
    /// Refused (not clamped) when marks ask for frames the media does not have (Avid's
    /// "insufficient source material"): a silently shorter edit would miss the marks the user set.
    /// Refused when an out is before its in, a mark is negative, or a generator (no length) gets no
    /// duration from any mark.
    public static func resolveThreePoint(sourceIn: Int64?, sourceOut: Int64?, recordIn: Int64?, recordOut: Int64?,
                                         available: Int64?, defaultRecordIn: Int64) throws(EditError) -> (source: FrameRange, recordStart: Int64) {
        for (mark, value) in [("source in", sourceIn), ("source out", sourceOut), ("record in", recordIn), ("record out", recordOut)] {
            if let v = value, v < 0 { throw EditError(.invalidRange, "the \(mark) is before the first frame") }
        }
        if let i = sourceIn, let o = sourceOut, o < i { throw EditError(.invalidRange, "the source out is before the source in") }
        if let i = recordIn, let o = recordOut, o < i { throw EditError(.invalidRange, "the record out is before the record in") }

        let duration: Int64
        if let i = recordIn, let o = recordOut {
            duration = o - i + 1
        } else if let i = sourceIn, let o = sourceOut {
            duration = o - i + 1
        } else if let available {
            if let i = sourceIn { duration = available - i } else if let o = sourceOut { duration = o + 1 } else { duration = available }
        } else {
            throw EditError(.noMarks, "a generator has no length: mark an in and an out")
        }
        guard duration >= 1 else { throw EditError(.outsideMedia, "the source in is past the end of the media") }

        let sourceStart = sourceIn ?? (sourceOut.map { $0 + 1 - duration } ?? 0)
        let source = FrameRange(start: sourceStart, duration: duration)
        if source.start < 0 {
            throw EditError(.outsideMedia, "not enough media before the source out: the edit needs \(duration) frames, the media has \(source.end) up to the out")
        }
        if let available, source.end > available {
            throw EditError(.outsideMedia, "not enough media: the edit needs frames \(source.start)–\(source.end - 1), the media has \(available)")
        }
        let recordStart = recordIn ?? (recordOut.map { $0 + 1 - duration } ?? defaultRecordIn)
        guard recordStart >= 0 else {
            throw EditError(.invalidRange, "backtiming from the record out would start \(-recordStart) frames before the sequence")
        }
        return (source, recordStart)
    }
}
