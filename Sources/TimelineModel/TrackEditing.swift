/// The few primitives every edit is built from. Each touches only the items around the record
/// range it works on (found with `ItemList.locate`) and rewrites them with one `replaceSubrange`,
/// so an edit costs O(items touched + log n) whatever the length of the track.
///
/// Normal form kept by every primitive (and checked by `validate()`): no gap of zero length, no
/// two gaps side by side, no gap at the end of a track.

/// A clip an edit cut in two: the new right part, the link the whole clip had, and where the cut was.
struct SplitRecord {
    var track: Int
    var right: ClipID
    var oldLink: LinkID?
    var frame: Int64
}

extension Clip {
    /// Frames of handle the transition after this clip takes from its tail.
    var tailNeed: Int64 { transitionOut?.outOffset ?? 0 }

    /// The part of this clip before `leftEnd` and the part from `rightStart` on (offsets into the
    /// clip's record range). The left part keeps the id; the right part takes `rightID`, the
    /// transition out and the markers from its source frame on (markers in a removed middle stay left).
    func splitParts(leftEnd: Int64, rightStart: Int64, rightID: ClipID) -> (left: Clip, right: Clip) {
        var left = self, right = self
        let cutLeft = source.start + leftEnd, cutRight = source.start + rightStart
        left.source = FrameRange(start: source.start, end: cutLeft)
        left.transitionOut = nil
        // The head fade stays with the left part and the tail fade with the right; both parts
        // keep every volume keyframe, so the level across the cut is what it was.
        left.fadeOut = nil
        left.markers = markers.filter { $0.frame < cutRight }
        right.id = rightID
        right.source = FrameRange(start: cutRight, end: source.end)
        right.markers = markers.filter { $0.frame >= cutRight }
        right.fadeIn = nil
        return (left, right)
    }
}

extension ItemList {
    /// The transition ending at the cut before item `i` (carried by item `i - 1`), if any.
    func transitionInto(_ i: Int) -> Transition? {
        guard i > 0, i <= count, case .clip(let previous) = self[i - 1] else { return nil }
        return previous.transitionOut
    }

    /// Frames of head handle the clip at `i` must keep for the transition into it.
    func headNeed(at i: Int) -> Int64 { transitionInto(i)?.inOffset ?? 0 }

    /// The shortest the clip at `i` may become: 1 frame, or the record frames its transitions
    /// cover inside it (the incoming one's part after its cut, the outgoing one's part before).
    func minimumDuration(at i: Int) -> Int64 {
        guard case .clip(let c) = self[i] else { return 0 }
        return Swift.max(1, (transitionInto(i)?.outOffset ?? 0) + (c.transitionOut?.inOffset ?? 0))
    }

    /// Gaps merged, empty items dropped, and (at the end of a track) the trailing gap dropped.
    static func normalised(_ items: [Item], atTrackEnd: Bool) -> [Item] {
        var out: [Item] = []
        out.reserveCapacity(items.count)
        for item in items where item.duration > 0 {
            if case .gap(let g) = item, case .gap(let h)? = out.last {
                out[out.count - 1] = .gap(g + h)
            } else {
                out.append(item)
            }
        }
        if atTrackEnd, case .gap? = out.last { out.removeLast() }
        return out
    }
}

/// Bounds on a delta collected from every clip, gap and track an edit touches; the tightest
/// bound wins and its reason becomes the note.
struct DeltaBounds {
    var lower: Int64 = Int64.min / 4
    var upper: Int64 = Int64.max / 4
    var lowerReason = ""
    var upperReason = ""

    mutating func atLeast(_ value: Int64, _ reason: @autoclosure () -> String) {
        if value > lower { lower = value; lowerReason = reason() }
    }

    mutating func atMost(_ value: Int64, _ reason: @autoclosure () -> String) {
        if value < upper { upper = value; upperReason = reason() }
    }

    /// The delta that can be applied, and the reason when it is not the one asked for.
    /// Zero is always allowed (a timeline that already breaks a bound is not made worse).
    func clamp(_ delta: Int64) -> (applied: Int64, reason: String?) {
        let lo = Swift.min(lower, 0), hi = Swift.max(upper, 0)
        if delta < lo { return (lo, lowerReason) }
        if delta > hi { return (hi, upperReason) }
        return (delta, nil)
    }
}

extension Timeline {
    // MARK: - Checks and words for messages

    func requireTrack(_ t: Int) throws(EditError) {
        guard tracks.indices.contains(t) else {
            throw EditError(.noSuchTrack, "there is no track \(t + 1) (the sequence has \(tracks.count))")
        }
    }

    func requireUnlocked(_ t: Int) throws(EditError) {
        try requireTrack(t)
        if tracks[t].locked { throw EditError(.lockedTrack, "\(tracks[t].name) is locked") }
    }

    func requireClip(_ id: ClipID) throws(EditError) -> (track: Int, item: Int, record: FrameRange, clip: Clip) {
        guard let place = find(id), case .clip(let c) = tracks[place.track].items[place.item] else {
            throw EditError(.noSuchClip, "no clip \(id) in \(name)")
        }
        return (place.track, place.item, place.record, c)
    }

    /// The record timecode of a timeline frame, for messages.
    public func timecode(_ frame: Int64) -> String {
        Timecode.format(frame: frame + startTimecode, rate: rate, dropFrame: dropFrame)
    }

    /// The clip with `id` and every clip sharing its link, in track order.
    func linkedGroup(of id: ClipID) throws(EditError) -> [(track: Int, item: Int, record: FrameRange, clip: Clip)] {
        let first = try requireClip(id)
        guard let link = first.clip.link else { return [first] }
        var group: [(track: Int, item: Int, record: FrameRange, clip: Clip)] = []
        for t in tracks.indices {
            for i in tracks[t].items.indices(ofLink: link) {
                guard case .clip(let c) = tracks[t].items[i] else { continue }
                group.append((t, i, FrameRange(start: tracks[t].items.startFrame(ofItemAt: i), duration: c.duration), c))
            }
        }
        return group
    }

    /// Rewrites the clip `id` on track `t` in place.
    mutating func updateClip(track t: Int, id: ClipID, _ change: (inout Clip) -> Void) {
        guard let i = tracks[t].items.index(ofClip: id), case .clip(var c) = tracks[t].items[i] else { return }
        change(&c)
        tracks[t].items.replaceSubrange(i..<(i + 1), with: [.clip(c)])
    }

    // MARK: - Primitives

    /// Replaces whatever lies in record `range` on track `t` with `newItems`, whose length may
    /// differ (equal: overwrite; none: extract; empty range: insert). Clips cut by the range
    /// edges are trimmed: one cut on both sides becomes two clips (the right part gets a new id,
    /// recorded in `splits`). Past the track end the new items are padded with gap.
    ///
    /// ```
    /// range [a, b), newItems N:
    /// before  | A  |  B   | C  |          after  | A |N N N| C |
    ///              a        b                        a     b'     (b' = a + length of N)
    /// ```
    /// The cut at `a` changes, so a transition there (on the clip ending at `a`) is removed with a note.
    mutating func replaceRecord(track t: Int, _ range: FrameRange, with newItems: [Item],
                                splits: inout [SplitRecord], notes: inout [String]) {
        precondition(range.start >= 0 && range.duration >= 0, "record ranges start at 0 and do not run backwards")
        if range.duration == 0 && newItems.isEmpty { return }
        let total = tracks[t].items.totalDuration
        let a = range.start, b = range.end
        // Only gap past the end of a track would be a trailing gap: nothing to do.
        if a >= total && !newItems.contains(where: { !$0.isGap }) { return }

        let (lo, hi, replacement) = { () -> (Int, Int, [Item]) in
            let items = tracks[t].items
            let count = items.count
            var lo = a >= total ? count : items.locate(frame: a)!.index
            if lo > 0 { lo -= 1 } // the item before, whose transition may end at `a`, and for gap merging
            let hi = b < total ? items.locate(frame: b)!.index + 1 : count
            var left: [Item] = [], right: [Item] = []
            var position = items.startFrame(ofItemAt: lo)
            for index in lo..<hi {
                let item = items[index]
                let s = position, e = position + item.duration
                position = e
                let keepsLeft = s < a, keepsRight = e > b
                switch item {
                case .gap:
                    if keepsLeft { left.append(.gap(Swift.min(e, a) - s)) }
                    if keepsRight { right.append(.gap(e - Swift.max(s, b))) }
                case .clip(let c):
                    if keepsLeft && keepsRight {
                        let parts = c.splitParts(leftEnd: a - s, rightStart: b - s, rightID: ClipID(allocateID()))
                        splits.append(SplitRecord(track: t, right: parts.right.id, oldLink: c.link, frame: b))
                        left.append(.clip(parts.left))
                        right.append(.clip(parts.right))
                    } else if keepsLeft {
                        var l = c
                        if e > a { l.source.duration = a - s }
                        if e >= a, let tr = l.transitionOut {
                            notes.append("removed the \(tr.kind.rawValue) at \(timecode(e)) on \(tracks[t].name)")
                            l.transitionOut = nil
                        }
                        left.append(.clip(l))
                    } else if keepsRight {
                        if s >= b {
                            right.append(item)
                        } else {
                            var r = c
                            r.source = FrameRange(start: c.source.start + (b - s), end: c.source.end)
                            right.append(.clip(r))
                        }
                    }
                }
            }
            var out = left
            if a > total { out.append(.gap(a - total)) }
            out.append(contentsOf: newItems)
            out.append(contentsOf: right)
            return (lo, hi, ItemList.normalised(out, atTrackEnd: hi == count))
        }()
        tracks[t].items.replaceSubrange(lo..<hi, with: replacement)
        repairTransitions(track: t, items: lo..<(lo + replacement.count), notes: &notes)
    }

    /// Removes transitions in and just after `range` that a cut made shorter no longer has room
    /// for: a clip trimmed to fewer record frames than its transitions cover (a 1-frame left part
    /// after an incoming 4-frame dissolve). Handles are not affected by trims that keep the cut.
    mutating func repairTransitions(track t: Int, items range: Range<Int>, notes: inout [String]) {
        let count = tracks[t].items.count
        let first = Swift.max(range.lowerBound - 1, 0), last = Swift.min(range.upperBound, count - 1)
        guard first <= last else { return }
        for i in first...last {
            let items = tracks[t].items
            guard case .clip(var c) = items[i], let tr = c.transitionOut else { continue }
            var fits = i + 1 < count
            if fits, case .clip(let next) = items[i + 1] {
                let roomBefore = c.duration - (items.transitionInto(i)?.outOffset ?? 0)
                let roomAfter = next.duration - (next.transitionOut?.inOffset ?? 0)
                fits = tr.inOffset <= roomBefore && tr.outOffset <= roomAfter
                    && (next.available == nil || next.source.start >= tr.inOffset)
                    && (c.available.map { $0 - c.source.end >= tr.outOffset } ?? true)
            } else {
                fits = false
            }
            if !fits {
                c.transitionOut = nil
                tracks[t].items.replaceSubrange(i..<(i + 1), with: [.clip(c)])
                notes.append("removed the \(tr.kind.rawValue) at \(timecode(items.startFrame(ofItemAt: i + 1))) on \(tracks[t].name): the clips beside it got too short")
            }
        }
    }

    /// Cuts the clip under `frame` on track `t` in two (razor). Returns the new right part's id,
    /// or nil when `frame` is at a cut, in a gap or past the end.
    mutating func splitClip(track t: Int, at frame: Int64, splits: inout [SplitRecord], notes: inout [String]) -> ClipID? {
        guard let (index, start) = tracks[t].items.locate(frame: frame), start < frame,
              case .clip(let c) = tracks[t].items[index] else { return nil }
        let parts = c.splitParts(leftEnd: frame - start, rightStart: frame - start, rightID: ClipID(allocateID()))
        tracks[t].items.replaceSubrange(index..<(index + 1), with: [.clip(parts.left), .clip(parts.right)])
        splits.append(SplitRecord(track: t, right: parts.right.id, oldLink: c.link, frame: frame))
        repairTransitions(track: t, items: index..<(index + 2), notes: &notes)
        return parts.right.id
    }

    /// Gives the right parts of clips that were linked and cut at the same frame a new shared
    /// link; a right part cut alone is unlinked (its partner stays with the left part).
    mutating func relinkRightParts(_ splits: [SplitRecord]) {
        var groups: [Int64: [Int64: [SplitRecord]]] = [:]
        for s in splits {
            guard let link = s.oldLink else { continue }
            groups[link.rawValue, default: [:]][s.frame, default: []].append(s)
        }
        for link in groups.keys.sorted() {
            for frame in groups[link]!.keys.sorted() {
                let parts = groups[link]![frame]!
                let newLink: LinkID? = parts.count >= 2 ? LinkID(allocateID()) : nil
                for part in parts { updateClip(track: part.track, id: part.right) { $0.link = newLink } }
            }
        }
    }

    /// Removes `range` from every sync-locked track not in `exclude`, so material after it keeps
    /// its place against the tracks that were edited (Avid's sync lock). Locked ones keep their
    /// material; a note says sync with them may break.
    mutating func extractFromSyncLocked(_ range: FrameRange, exclude: Set<Int>,
                                        splits: inout [SplitRecord], notes: inout [String]) {
        for t in tracks.indices where !exclude.contains(t) && tracks[t].syncLocked {
            if tracks[t].locked {
                if tracks[t].duration > range.start { notes.append(lockedSyncNote(t, range.start)) }
                continue
            }
            replaceRecord(track: t, range, with: [], splits: &splits, notes: &notes)
        }
    }

    /// Inserts `length` frames of gap at `frame` on every sync-locked track not in `exclude`,
    /// cutting a clip that spans the frame.
    mutating func insertGapOnSyncLocked(at frame: Int64, length: Int64, exclude: Set<Int>,
                                        splits: inout [SplitRecord], notes: inout [String]) {
        for t in tracks.indices where !exclude.contains(t) && tracks[t].syncLocked {
            if tracks[t].locked {
                if tracks[t].duration > frame { notes.append(lockedSyncNote(t, frame)) }
                continue
            }
            replaceRecord(track: t, FrameRange(start: frame, duration: 0), with: [.gap(length)], splits: &splits, notes: &notes)
        }
    }

    func lockedSyncNote(_ t: Int, _ frame: Int64) -> String {
        "\(tracks[t].name) is locked and kept its place: sync with it after \(timecode(frame)) may be off"
    }

    /// Length of the run of gap on track `t` that ends at `frame` (0 when a clip ends at or spans it),
    /// or nil when the track holds nothing at or after `frame` (nothing there needs to move).
    func gapRun(track t: Int, endingAt frame: Int64) -> Int64? {
        let items = tracks[t].items
        guard items.totalDuration > frame else { return nil }
        guard frame > 0, let (index, start) = items.locate(frame: frame - 1), items[index].isGap else { return 0 }
        return frame - start
    }

    /// Length of the run of gap on track `t` that starts at `frame`, or nil when the track holds
    /// nothing at or after `frame`.
    func gapRun(track t: Int, startingAt frame: Int64) -> Int64? {
        let items = tracks[t].items
        guard items.totalDuration > frame, let (index, start) = items.locate(frame: frame),
              case .gap(let g) = items[index] else { return items.totalDuration > frame ? 0 : nil }
        return start + g - frame
    }
}
