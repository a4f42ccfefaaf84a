extension Timeline {
    /// Slip: shows a different part of the media in the same record range. The clip's source
    /// range moves by `delta` (positive: later media); record ranges never change, nothing else
    /// moves. Linked clips slip with it by the same amount.
    ///
    /// ```
    /// media   [0 . . . 10 . . . . . 20 . . 30]
    /// V1      | A | B(10..<20)  | C |    slip +5 →   | A | B(15..<25)  | C |
    /// ```
    /// Clamped to the media (and to the handles transitions at its ends need); the most
    /// restrictive linked clip sets the applied delta, and the note names it.
    public mutating func slip(clip id: ClipID, by delta: Int64) throws(EditError) -> EditOutcome {
        let group = try linkedGroup(of: id)
        for member in group { try requireUnlocked(member.track) }
        var bounds = DeltaBounds()
        for member in group {
            let c = member.clip
            guard let available = c.available else { continue }
            let items = tracks[member.track].items
            let need = items.headNeed(at: member.item)
            bounds.atLeast(need - c.source.start,
                           need > 0 ? "where the transition before \(c.name) runs out of handle" : "at the first frame of \(c.name)")
            bounds.atMost(available - c.tailNeed - c.source.end,
                          c.transitionOut != nil ? "where the transition after \(c.name) runs out of handle" : "at the last available frame of \(c.name)")
        }
        let (applied, reason) = bounds.clamp(delta)
        var outcome = EditOutcome(applied: applied)
        if let reason { outcome.notes.append("slip stopped \(reason) (moved \(applied) of \(delta) frames)") }
        guard applied != 0 else { return outcome }
        var edited = self
        for member in group {
            var c = member.clip
            c.source = c.source.shifted(by: applied)
            edited.tracks[member.track].items.replaceSubrange(member.item..<(member.item + 1), with: [.clip(c)])
        }
        self = edited
        return outcome
    }
}
