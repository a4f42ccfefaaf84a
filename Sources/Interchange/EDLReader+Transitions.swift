import TimelineModel

extension EDLReader {
    /// The zero-length A side of a dissolve names the outgoing source. It is normally the clip
    /// ending at the cut (whose tail handle the dissolve runs through); when it names another
    /// reel, that reel is kept as offline media (so relink and the bin still know it) and the
    /// difference is reported, because the model's dissolve runs from the clip before the cut.
    mutating func noteOutgoingSide(_ line: Line, event: Event, tracks: [String: [Placed]], trackNames: [String],
                                   media: inout [String: PendingMedia], mediaOrder: inout [String], dropFrame: Bool) {
        let reelUpper = line.reel.uppercased()
        if reelUpper == "BL" || reelUpper == "BLK" || reelUpper == "BLACK" { return }
        let before = trackNames.lazy.compactMap { tracks[$0]?.last(where: { $0.record.end == line.recordIn }) }.first
        let name = event.fromName ?? line.reel
        // The A side's file is FROM CLIP's (SOURCE FILE, when there is one, is the incoming clip's).
        let key = line.reel + "\u{1}" + (event.fromFile ?? name)
        if let before, before.mediaKey == key || media[before.mediaKey]?.reel == line.reel { return }
        if media[key] == nil {
            media[key] = PendingMedia(name: event.fromFile ?? name, reel: line.reel, path: event.fromFile ?? "",
                                      lo: line.sourceIn, hi: line.sourceIn + 1)
            mediaOrder.append(key)
        }
        let previous = before.flatMap { media[$0.mediaKey]?.reel }.map { "the clip before the cut is reel \($0)" } ?? "no clip ends at the cut"
        report(line.number, "event \(line.event): the transition's outgoing side is reel \(line.reel) at \(tc(line.sourceIn, dropFrame: dropFrame)), but \(previous); the reel is kept in the bin as offline media and the transition runs from the clip before the cut")
    }
}
