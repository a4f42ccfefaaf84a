extension Timeline {
    /// Gives a clip a constant speed or a freeze frame (nil, or 1/1, plays at 100%), keeping
    /// the media frame it starts on and its record duration, so nothing else on the timeline moves.
    ///
    /// `mediaFrames` is how many timeline-rate frames the clip's media holds (nil when unknown:
    /// the clip is then left unbounded and its range is not checked). A freeze holds the frame
    /// it names (`freezeFrame(of:)` gives the clip's first frame). The new first unit is the first one
    /// showing that media frame or the next (ceil(frame ÷ speed)). When the clip would then run
    /// past its media (or past the handles a transition beside it needs) it starts earlier, and
    /// a note says so; when the media is too short for the whole record duration at that speed
    /// the edit is refused. A freeze needs no media beyond its frame.
    ///
    /// ```
    /// 100% → 200%, 10 record frames from media frame 40 of 100:
    ///     before  units 40..<50 (frames 40…49)        available 100
    ///     after   units 20..<30 (frames 40, 42, … 58)  available 50
    /// ```
    /// Clip markers keep their record offset in the clip.
    public mutating func setSpeed(clip id: ClipID, to speed: ClipSpeed?, mediaFrames: Int64?) throws(EditError) -> EditOutcome {
        let place = try requireClip(id)
        try requireUnlocked(place.track)
        let old = place.clip
        guard old.media != Clip.generatedMedia else {
            throw EditError(.invalidArgument, "\(old.name) is generated (a title or subtitle): it has no speed")
        }
        var speed = (speed?.isNormal ?? true) ? nil : speed
        // The media frames the clip runs through, lowest and highest: a forward speed starts on
        // the lowest, a reverse one on the highest, so reversing plays the same stretch backwards
        // (as Premiere's and Resolve's reverse do).
        let shownFirst = old.mediaFrame(atUnit: old.source.start)
        let shownLast = old.mediaFrame(atUnit: old.source.end - 1)
        let lowest = min(shownFirst, shownLast), highest = max(shownFirst, shownLast)
        var firstFrame = old.speed?.isReversed == true ? lowest : shownFirst
        if let s = speed, s.isReversed {
            guard let m = mediaFrames, m > 0 else {
                throw EditError(.invalidArgument, "\(old.name): its media's length is unknown, so it cannot play in reverse")
            }
            speed = ClipSpeed(numerator: s.numerator, denominator: s.denominator, reversedFrom: m - 1)
            speed?.frameBlend = s.frameBlend
            // Unit u shows (m − 1) − floor(u·s): the highest frame mirrored into forward units.
            firstFrame = m - 1 - highest
        }
        let duration = old.duration
        var updated = old
        var notes: [String] = []
        updated.speed = speed
        if speed?.isFreeze == true {
            updated.source = FrameRange(start: 0, duration: duration)
            updated.available = nil
        } else {
            var first = speed?.firstUnit(atOrAfterMediaFrame: firstFrame) ?? firstFrame
            let available = mediaFrames.map { m in speed?.units(inMediaFrames: m) ?? m }
            if let available {
                let items = tracks[place.track].items
                var headNeed: Int64 = 0
                if place.item > 0, case .clip(let previous) = items[place.item - 1], let t = previous.transitionOut { headNeed = t.inOffset }
                let tailNeed = old.transitionOut?.outOffset ?? 0
                guard headNeed + duration + tailNeed <= available else {
                    let label = speed.map { "\(Self.percentText($0))%" } ?? "100%"
                    throw EditError(.outsideMedia, "\(old.name) at \(label) needs \(headNeed + duration + tailNeed) frames of media time but its media holds \(available); trim it shorter first")
                }
                let latest = available - duration - tailNeed
                if first > latest || first < headNeed {
                    let clamped = min(max(first, headNeed), latest)
                    let shownBefore = speed?.mediaFrame(atUnit: first) ?? first
                    let shownAfter = speed?.mediaFrame(atUnit: clamped) ?? clamped
                    notes.append("clamped to the media: \(old.name) now starts at media frame \(shownAfter) instead of \(shownBefore)")
                    first = clamped
                }
            }
            updated.source = FrameRange(start: first, duration: duration)
            updated.available = available
        }
        let shift = updated.source.start - old.source.start
        updated.markers = old.markers.map { var m = $0; m.frame += shift; return m }
        updateClip(track: place.track, id: id) { $0 = updated }
        return EditOutcome(notes: notes)
    }

    /// A freeze of the media frame `clip` starts on.
    public func freezeFrame(of id: ClipID) -> ClipSpeed? {
        clip(id).map { ClipSpeed(freezeFrame: $0.clip.mediaFrame(atUnit: $0.clip.source.start)) }
    }

    /// "200", "50", "33.3": the speed in percent to a tenth.
    public static func percentText(_ speed: ClipSpeed) -> String {
        let tenths = (speed.percent * 10).rounded()
        return tenths.truncatingRemainder(dividingBy: 10) == 0 ? String(Int64(tenths / 10)) : String(tenths / 10)
    }
}
