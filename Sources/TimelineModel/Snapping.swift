extension Timeline {
    /// Frames an edit can snap to: clip edges on every track (the edges of `excluding` clips —
    /// the ones being moved — left out), the playhead, the in and out marks (the out as the
    /// frame after it, where a cut would go) and timeline markers; sorted, unique.
    /// Restrict to `window` to look only near a frame: O(tracks × (log n + items in the window)).
    public func snapTargets(playhead: Int64, excluding: Set<ClipID>, in window: FrameRange? = nil) -> [Int64] {
        var frames: [Int64] = [playhead]
        if let i = markIn { frames.append(i) }
        if let o = markOut { frames.append(o + 1) }
        frames.append(contentsOf: markers.map(\.frame))
        for track in tracks {
            let items = track.items
            var index = 0, start: Int64 = 0
            if let window, let found = items.locate(frame: Swift.max(window.start, 0)) { (index, start) = found }
            else if let window, window.start >= items.totalDuration { continue }
            while index < items.count {
                if let window, start > window.end { break }
                let item = items[index]
                if case .clip(let c) = item, !excluding.contains(c.id) {
                    frames.append(start)
                    frames.append(start + c.duration)
                }
                start += item.duration
                index += 1
            }
        }
        if let window { frames.removeAll { !(window.start...window.end).contains($0) } }
        return Array(Set(frames)).sorted()
    }

    /// `frame` moved to the nearest snap target within `tolerance` frames (the earlier one on a
    /// tie), or unchanged when none is that close.
    public func snap(_ frame: Int64, within tolerance: Int64, playhead: Int64, excluding: Set<ClipID>) -> Int64 {
        let window = FrameRange(start: frame - tolerance, end: frame + tolerance)
        let targets = snapTargets(playhead: playhead, excluding: excluding, in: window)
        var best = frame, bestDistance = Int64.max
        for target in targets where abs(target - frame) <= tolerance && abs(target - frame) < bestDistance {
            best = target
            bestDistance = abs(target - frame)
        }
        return best
    }

    /// For previous/next edit navigation: the nearest cut strictly before `frame` and the
    /// nearest strictly after it on any of `tracks` (cuts include a track's start and end and
    /// both edges of gaps). Sorted; one or both may be missing at the ends.
    public func editPoints(near frame: Int64, tracks list: [Int]) -> [Int64] {
        var previous: Int64? = nil, next: Int64? = nil
        for t in list where tracks.indices.contains(t) {
            let items = tracks[t].items
            let total = items.totalDuration
            guard total > 0 else { continue }
            // Cut before: the start of the item holding frame - 1 (or the end of the track).
            if frame > 0 {
                let candidate: Int64
                if frame > total { candidate = total }
                else { candidate = items.locate(frame: frame - 1)!.start }
                previous = Swift.max(previous ?? candidate, candidate)
            }
            // Cut after: the end of the item holding frame.
            if frame < total, let (index, start) = items.locate(frame: frame) {
                let candidate = start + items[index].duration
                next = Swift.min(next ?? candidate, candidate)
            }
        }
        return [previous, next].compactMap { $0 }
    }
}
