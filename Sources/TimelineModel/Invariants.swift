extension Timeline {
    /// Everything that must hold after any edit, as messages (empty when all is well):
    /// - items have positive length; no two gaps side by side; no gap at the end of a track
    ///   (the normal form every edit keeps, so equal cuts are equal values);
    /// - each clip's source range lies inside its media (`0 ..< available`), except for media in
    ///   `offline` (their length is not known to be right) and generators;
    /// - a clip with a speed keeps that rule in its units; a freeze has no `available` (nil) and
    ///   holds a frame ≥ 0; a moving speed is positive;
    /// - transitions sit between two clips, have a positive length, the handles they need
    ///   (incoming head ≥ the part before the cut, outgoing tail ≥ the part after), and fit inside
    ///   the clips beside the other transitions there;
    /// - clip ids are unique; `nextID` is above every clip and link id in use;
    /// - marks are not negative and the in is not after the out.
    public func validate(offline: Set<MediaID> = []) -> [String] {
        var problems: [String] = []
        var seen = Set<ClipID>()
        var highest: Int64 = 0
        for track in tracks {
            let items = track.items
            var start: Int64 = 0
            var previous: Item? = nil
            for (index, item) in items.enumerated() {
                let here = "\(track.name) item \(index) at \(start)"
                if item.duration <= 0 { problems.append("\(here): length \(item.duration)") }
                switch item {
                case .gap:
                    if case .gap? = previous { problems.append("\(here): two gaps side by side") }
                    if index == items.count - 1 { problems.append("\(here): gap at the end of the track") }
                case .clip(let c):
                    if !seen.insert(c.id).inserted { problems.append("\(here): clip id \(c.id) used twice") }
                    highest = Swift.max(highest, c.id.rawValue, c.link?.rawValue ?? 0)
                    if let available = c.available, !offline.contains(c.media),
                       c.source.start < 0 || c.source.end > available {
                        problems.append("\(here): \(c.name) uses source \(c.source) outside its media's \(available) frames")
                    }
                    if let speed = c.speed {
                        if let frame = speed.freezeFrame {
                            if c.available != nil { problems.append("\(here): \(c.name) is a freeze but has \(c.available!) frames available (should be unbounded)") }
                            if frame < 0 { problems.append("\(here): \(c.name) freezes frame \(frame), before its media") }
                        } else if speed.numerator <= 0 || speed.denominator <= 0 {
                            problems.append("\(here): \(c.name) has speed \(speed)")
                        }
                    }
                    if let incoming = previous?.clip?.transitionOut, c.available != nil, !offline.contains(c.media),
                       c.source.start < incoming.inOffset {
                        problems.append("\(here): \(c.name) has \(c.source.start) frames of head handle; the transition into it needs \(incoming.inOffset)")
                    }
                    let covered = (previous?.clip?.transitionOut?.outOffset ?? 0) + (c.transitionOut?.inOffset ?? 0)
                    if covered > c.duration {
                        problems.append("\(here): transitions cover \(covered) frames of \(c.name), which has \(c.duration)")
                    }
                    if let t = c.transitionOut {
                        if t.duration < 1 { problems.append("\(here): transition of length \(t.duration)") }
                        if index + 1 >= items.count || items[index + 1].isGap {
                            problems.append("\(here): transition after \(c.name) has no clip to go to")
                        }
                        if let available = c.available, !offline.contains(c.media), available - c.source.end < t.outOffset {
                            problems.append("\(here): \(c.name) has \(available - c.source.end) frames of tail handle; its transition needs \(t.outOffset)")
                        }
                    }
                }
                previous = item
                start += item.duration
            }
        }
        if nextID <= highest { problems.append("nextID \(nextID) is not above the highest id in use (\(highest))") }
        if let i = markIn, i < 0 { problems.append("mark in \(i) is before the sequence") }
        if let o = markOut, o < 0 { problems.append("mark out \(o) is before the sequence") }
        if let i = markIn, let o = markOut, o < i { problems.append("mark out \(o) is before mark in \(i)") }
        return problems
    }

    /// Brings a timeline from elsewhere (an imported or hand-edited file) into the normal form
    /// edits keep: zero-length items dropped, neighbouring gaps merged, trailing gaps dropped,
    /// transitions with no clip after them dropped, `nextID` above every id in use.
    /// Whole-timeline work, O(n): for loading, not for edits.
    public mutating func normalise() {
        var highest: Int64 = 0
        for t in tracks.indices {
            var items = ItemList.normalised(Array(tracks[t].items), atTrackEnd: true)
            for k in items.indices {
                guard case .clip(var c) = items[k] else { continue }
                highest = Swift.max(highest, c.id.rawValue, c.link?.rawValue ?? 0)
                if c.transitionOut != nil && (k + 1 >= items.count || items[k + 1].isGap) {
                    c.transitionOut = nil
                    items[k] = .clip(c)
                }
            }
            tracks[t].items = ItemList(items)
        }
        nextID = Swift.max(nextID, highest + 1)
    }
}
