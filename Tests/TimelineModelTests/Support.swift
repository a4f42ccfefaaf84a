import XCTest
@testable import TimelineModel

/// A piece of a hand-written track: a clip (name, source range, media length, link number) or a gap.
enum Piece {
    case clip(String, Int64, Int64, available: Int64?, link: Int64?)
    case gap(Int64)
}

func c(_ name: String, _ start: Int64, _ end: Int64, avail: Int64? = 100, link: Int64? = nil) -> Piece {
    .clip(name, start, end, available: avail, link: link)
}
func g(_ n: Int64) -> Piece { .gap(n) }

/// Builds a 30 fps timeline; track kinds come from the first letter of the name.
/// Link numbers become LinkID(900 + n); clip ids are allocated in order.
func makeTimeline(_ spec: [(String, [Piece])], syncLocked: Bool = true) -> Timeline {
    var timeline = Timeline(name: "test", rate: .fps30, tracks: [])
    for (name, pieces) in spec {
        let kind: TrackKind = name.hasPrefix("V") ? .video : (name.hasPrefix("A") ? .audio : .subtitle)
        var items: [Item] = []
        for piece in pieces {
            switch piece {
            case .gap(let n): items.append(.gap(n))
            case let .clip(clipName, s, e, available, link):
                items.append(.clip(Clip(id: ClipID(timeline.allocateID()), name: clipName, media: MediaID(clipName.lowercased()),
                                        source: FrameRange(start: s, end: e), available: available,
                                        link: link.map { LinkID(900 + $0) })))
            }
        }
        timeline.tracks.append(Track(kind: kind, name: name, items: ItemList(items), syncLocked: syncLocked))
    }
    timeline.nextID = 1000
    return timeline
}

/// A track written out as `name@recordStart-recordEnd[sourceStart-sourceEnd]` for clips and
/// `_start-end` for gaps, so a test states record AND source ranges of every item.
func describe(_ timeline: Timeline, _ track: Int) -> String {
    var out: [String] = []
    var frame: Int64 = 0
    for item in timeline.tracks[track].items {
        switch item {
        case .gap(let n): out.append("_\(frame)-\(frame + n)")
        case .clip(let c): out.append("\(c.name)@\(frame)-\(frame + c.duration)[\(c.source.start)-\(c.source.end)]")
        }
        frame += item.duration
    }
    return out.joined(separator: " ")
}

/// The clip named `name` (the first one, in track order).
func clip(_ timeline: Timeline, _ name: String, occurrence: Int = 0) -> Clip {
    var seen = 0
    for track in timeline.tracks {
        for item in track.items {
            if case .clip(let c) = item, c.name == name {
                if seen == occurrence { return c }
                seen += 1
            }
        }
    }
    fatalError("no clip \(name)")
}

func id(_ timeline: Timeline, _ name: String, occurrence: Int = 0) -> ClipID { clip(timeline, name, occurrence: occurrence).id }

func source(_ name: String, _ start: Int64, _ end: Int64, avail: Int64? = 500, video: Bool = true, audio: Bool = true) -> EditSource {
    EditSource(media: MediaID(name.lowercased()), name: name, available: avail, hasVideo: video, hasAudio: audio,
               range: FrameRange(start: start, end: end))
}

/// Asserts that `body` throws an `EditError` with `reason` and leaves the timeline exactly as it was.
func assertRefused(_ timeline: inout Timeline, _ reason: EditError.Reason,
                   file: StaticString = #filePath, line: UInt = #line,
                   _ body: (inout Timeline) throws(EditError) -> Void) {
    let before = timeline
    do {
        try body(&timeline)
        XCTFail("expected \(reason), but the edit was made", file: file, line: line)
    } catch {
        XCTAssertEqual(error.reason, reason, error.message, file: file, line: line)
        XCTAssertFalse(error.message.isEmpty, file: file, line: line)
    }
    XCTAssertEqual(timeline, before, "a refused edit changed the timeline", file: file, line: line)
}

func assertValid(_ timeline: Timeline, file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(timeline.validate(), [], file: file, line: line)
}
