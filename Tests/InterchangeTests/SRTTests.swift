import XCTest
import TimelineModel
@testable import Interchange

final class SRTTests: XCTestCase {
    /// A BOM, CRLF, a missing blank line, two-line text and an overlap, all at once.
    func testReadsTolerantlyAndRoundsToFrames() throws {
        let text = "\u{FEFF}1\r\n00:00:01,000 --> 00:00:02,500\r\nHello\r\nworld\r\n\r\n2\r\n00:00:02,020 --> 00:00:04,000\r\nSecond\r\n3\r\n00:00:03,500 --> 00:00:05,000\r\nThird overlaps\r\n"
        let r = try SRT.read(text, rate: .fps25, firstID: 10)
        // At 25 fps: 1.000 s = 25, 2.500 s = 62.5 → 63 (nearest, ties up), 2.020 s = 50.5 → 51,
        // 4.000 s = 100, 3.500 s = 87.5 → 88, 5.000 s = 125. Cue 2 is cut at 88 by cue 3.
        let clips = r.track.clips
        // Cue 2 starts at 51 while cue 1 runs to 63: cue 1 is cut at 51. Cue 3 starts at 88 while
        // cue 2 runs to 100: cue 2 is cut at 88.
        XCTAssertEqual(clips.map(\.record), [FrameRange(start: 25, end: 51), FrameRange(start: 51, end: 88), FrameRange(start: 88, end: 125)])
        XCTAssertEqual(clips.map(\.clip.text), ["Hello\nworld", "Second", "Third overlaps"])
        XCTAssertEqual(clips.map(\.clip.id), [ClipID(10), ClipID(11), ClipID(12)])
        XCTAssertEqual(r.nextID, 13)
        XCTAssertTrue(clips.allSatisfy { $0.clip.media == Clip.generatedMedia && $0.clip.available == nil })
        XCTAssertEqual(r.track.kind, .subtitle)
        XCTAssertEqual(Array(r.track.items).first, .gap(25))
        XCTAssertEqual(r.problems.filter { $0.message.contains("overlaps") }.count, 2)
        XCTAssertEqual(r.problems.first?.line, 7) // the timing line of cue 2 (line 6 is its index)
    }

    func testWriteMillisecondsExactlyRounded() {
        // 29.97: frame 1 = 1001/30000 s = 33.3667 ms → 33; frame 2 = 66.73 → 67; frame 1800 = 60.06 s.
        var items: [Item] = [.gap(1)]
        items.append(.clip(Clip(id: ClipID(1), name: "a", media: Clip.generatedMedia, source: FrameRange(start: 0, duration: 1), available: nil, text: "A")))
        items.append(.gap(1798))
        items.append(.clip(Clip(id: ClipID(2), name: "b", media: Clip.generatedMedia, source: FrameRange(start: 0, duration: 2), available: nil, text: "B\n\nC")))
        let srt = SRT.write(Track(kind: .subtitle, name: "S1", items: ItemList(items)), rate: .fps29_97)
        XCTAssertEqual(srt, "1\n00:00:00,033 --> 00:00:00,067\nA\n\n2\n00:01:00,060 --> 00:01:00,127\nB\nC\n\n")
    }

    func testRoundTripAtNTSCAndFilmRates() throws {
        for rate in [Rate.fps23_976, .fps29_97, .fps25, .fps59_94] {
            var items: [Item] = []
            var gen = SeededGenerator(seed: 7)
            for i in 0..<200 {
                items.append(.gap(Int64.random(in: 0...40, using: &gen)))
                items.append(.clip(Clip(id: ClipID(Int64(i + 1)), name: "line \(i)", media: Clip.generatedMedia,
                                        source: FrameRange(start: 0, duration: Int64.random(in: 1...90, using: &gen)), available: nil, text: "line \(i)")))
            }
            let track = Track(kind: .subtitle, name: "S1", items: ItemList(items.filter { $0.duration > 0 }))
            let back = try SRT.read(SRT.write(track, rate: rate), rate: rate)
            XCTAssertEqual(back.track.clips.map(\.record), track.clips.map(\.record), "\(rate)")
            XCTAssertEqual(back.track.clips.map(\.clip.text), track.clips.map(\.clip.text))
            XCTAssertTrue(back.problems.isEmpty, "\(back.problems)")
        }
    }

    func testNotSubtitlesThrowsAndEmptyIsEmpty() throws {
        XCTAssertThrowsError(try SRT.read("just some words\nno timing", rate: .fps25))
        XCTAssertEqual(try SRT.read("", rate: .fps25).track.items.count, 0)
    }
}

/// The model's seeded generator, so tests and fuzzing repeat exactly.
typealias SeededGenerator = SplitMix64
