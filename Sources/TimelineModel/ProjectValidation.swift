/// The checks a project read from outside must pass before anything edits or plays it.
///
/// A file can hold anything: ids that collide, clips pointing at media that is not there,
/// negative or astronomically large times. The rules here are what every edit keeps for
/// itself, and they keep numbers within `TimeLimits` so that arithmetic inside cannot trap.
/// What can be put right without guessing (a `nextID` that would hand out ids already in use)
/// is repaired and reported; anything else is refused with the first problem named.
extension Project {
    public struct LoadCheck: Sendable {
        /// What was repaired, for a message to the user.
        public var repairs: [String] = []
        /// The first problem that makes the project unusable, or nil.
        public var problem: String?
    }

    /// Checks the project and repairs what is unambiguous in place.
    public mutating func checkAfterLoading() -> LoadCheck {
        var check = LoadCheck()
        // The other sequences get the same checks, one at a time in the timeline's place.
        if let others = otherSequences {
            var names: Set<String> = [timeline.name]
            for (index, sequence) in others.enumerated() {
                guard names.insert(sequence.name).inserted else {
                    check.problem = "two sequences are named \"\(sequence.name)\" (sequence names must be unique)"
                    return check
                }
                var alone = self
                alone.timeline = sequence
                alone.otherSequences = nil
                let inner = alone.checkAfterLoading()
                if let problem = inner.problem {
                    check.problem = "sequence \"\(sequence.name)\": \(problem)"
                    return check
                }
                check.repairs += inner.repairs.map { "sequence \"\(sequence.name)\": \($0)" }
                otherSequences![index] = alone.timeline
            }
        }
        if let problem = firstProblem() {
            check.problem = problem
            return check
        }
        var highest: Int64 = 0
        for track in timeline.tracks {
            for case .clip(let c) in track.items {
                highest = Swift.max(highest, c.id.rawValue, c.link?.rawValue ?? 0)
            }
        }
        if timeline.nextID <= highest {
            check.repairs.append("the project's nextID \(timeline.nextID) was not above the highest clip or link id in use (\(highest)); set to \(highest + 1)")
            timeline.nextID = highest + 1
        }
        return check
    }

    private func firstProblem() -> String? {
        func range(_ what: String, _ v: Int64, _ lower: Int64 = 0, _ upper: Int64 = TimeLimits.maxFrames) -> String? {
            (lower...upper).contains(v) ? nil : "\(what) is \(v); it must be between \(lower) and \(upper)"
        }
        if formatVersion < 1 { return "formatVersion \(formatVersion) is not a termcut format version (1 and up)" }
        var mediaIDs = Set<MediaID>()
        for m in media {
            let here = "media \"\(m.id)\""
            if !mediaIDs.insert(m.id).inserted { return "\(here) appears twice (media ids must be unique)" }
            if let p = range("\(here) duration", m.duration.value) ?? range("\(here) startTimecode", m.startTimecode) { return p }
            if let v = m.video {
                if let p = range("\(here) width", Int64(v.width), 1, 65_536) ?? range("\(here) height", Int64(v.height), 1, 65_536) { return p }
            }
            if let a = m.audio {
                if let p = range("\(here) sampleRate", Int64(a.sampleRate), 1, 10_000_000) ?? range("\(here) channels", Int64(a.channels), 0, 1024) { return p }
            }
        }
        for sub in subclips {
            let here = "subclip \"\(sub.name)\""
            guard mediaIDs.contains(sub.media) else { return "\(here) uses media \"\(sub.media)\", which the project does not have" }
            if let p = range("\(here) start", sub.source.start.value) ?? range("\(here) duration", sub.source.duration.value, 1) { return p }
        }
        let t = timeline
        if let p = range("the sequence's startTimecode", t.startTimecode) ?? range("the sequence's nextID", t.nextID, 1, 1 << 62) { return p }
        if let i = t.markIn, let p = range("the sequence's mark in", i) { return p }
        if let o = t.markOut, let p = range("the sequence's mark out", o) { return p }
        for (k, m) in t.markers.enumerated() {
            if let p = range("sequence marker \(k + 1) frame", m.frame) ?? range("sequence marker \(k + 1) duration", m.duration) { return p }
        }
        var clipIDs = Set<ClipID>()
        for track in t.tracks {
            var length: Int64 = 0
            if !track.volumeDB.isFinite || abs(track.volumeDB) > 1000 { return "track \(track.name) volume \(track.volumeDB) dB is out of range" }
            if !MixLimits.pan.contains(track.pan) { return "track \(track.name) pan \(track.pan) is out of range (-1 to 1)" }
            for k in track.volumeKeyframes {
                if let p = range("track \(track.name) keyframe frame", k.frame) { return p }
                if !k.gainDB.isFinite || abs(k.gainDB) > 1000 { return "track \(track.name) keyframe level \(k.gainDB) dB is out of range" }
            }
            for (index, item) in track.items.enumerated() {
                let here = "\(track.name) item \(index + 1)"
                switch item {
                case .gap(let d):
                    if let p = range("\(here) (a gap) length", d, 1) { return p }
                case .clip(let c):
                    let clip = "\(here) (clip \(c.id))"
                    if !clipIDs.insert(c.id).inserted { return "\(clip): the clip id \(c.id) is used twice" }
                    if let p = range("\(clip) id", c.id.rawValue, 1, 1 << 62) { return p }
                    if let l = c.link, let p = range("\(clip) link id", l.rawValue, 1, 1 << 62) { return p }
                    if c.media != Clip.generatedMedia && c.sequence == nil && !mediaIDs.contains(c.media) {
                        return "\(clip) uses media \"\(c.media)\", which the project does not have"
                    }
                    if let p = range("\(clip) source start", c.source.start) ?? range("\(clip) source duration", c.source.duration, 1) { return p }
                    if let a = c.available, let p = range("\(clip) available frames", a) { return p }
                    if let s = c.speed {
                        if let f = s.freezeFrame {
                            if let p = range("\(clip) freeze frame", f) { return p }
                        } else if s.numerator > 1_000_000 || s.denominator > 1_000_000 || abs(s.scalar) < 0.001 || abs(s.scalar) > 1000 {
                            // Reverse speeds count too: their scalar is negative (−100% is −1).
                            return "\(clip) speed \(s.numerator)/\(s.denominator) is out of range (0.1% to 100000%)"
                        }
                        if let r = s.reversedFrom, let p = range("\(clip) reverse speed's last frame", r) { return p }
                    }
                    if let tr = c.transitionOut, let p = range("\(clip) transition length", tr.duration, 1) { return p }
                    for m in c.markers {
                        if let p = range("\(clip) marker frame", m.frame) ?? range("\(clip) marker duration", m.duration) { return p }
                    }
                    if !c.gainDB.isFinite || abs(c.gainDB) > 1000 { return "\(clip) gain \(c.gainDB) dB is out of range" }
                    if let p = c.grade?.problem { return "\(clip) grade: \(p)" }
                    for f in [c.fadeIn, c.fadeOut].compactMap({ $0 }) {
                        if let p = range("\(clip) fade length", f.duration, 1) { return p }
                    }
                    for k in c.volumeKeyframes {
                        if let p = range("\(clip) keyframe frame", k.frame) { return p }
                        if !k.gainDB.isFinite || abs(k.gainDB) > 1000 { return "\(clip) keyframe level \(k.gainDB) dB is out of range" }
                    }
                }
                length += item.duration
                if let p = range("the length of track \(track.name)", length) { return p }
            }
        }
        return nil
    }
}
