import XCTest
@testable import TimelineModel

/// Lift, extract, razor, ripple delete.
final class RangeEditTests: XCTestCase {
    func base() -> Timeline {
        makeTimeline([
            ("V1", [c("A", 10, 40, link: 1), c("B", 0, 20, link: 2)]),
            ("A1", [c("a", 10, 40, link: 1), c("b", 0, 20, link: 2)]),
            ("A2", [c("music", 0, 60)]),
        ])
    }

    func testLift() throws {
        var t = base()
        _ = try t.lift(FrameRange(start: 20, end: 35), tracks: [0])
        XCTAssertEqual(describe(t, 0), "A@0-20[10-30] _20-35 B@35-50[5-20]")
        XCTAssertEqual(describe(t, 1), "a@0-30[10-40] b@30-50[0-20]")
        XCTAssertEqual(t.duration, 60)
        assertValid(t)
        // Lifting the end of a track leaves no trailing gap.
        var u = base()
        _ = try u.lift(FrameRange(start: 40, end: 70), tracks: [0])
        XCTAssertEqual(describe(u, 0), "A@0-30[10-40] B@30-40[0-10]")
        assertValid(u)
    }

    func testExtractAcrossSeveralTracks() throws {
        var t = base()
        _ = try t.extract(FrameRange(start: 20, end: 35), tracks: [0, 1])
        XCTAssertEqual(describe(t, 0), "A@0-20[10-30] B@20-35[5-20]")
        XCTAssertEqual(describe(t, 1), "a@0-20[10-30] b@20-35[5-20]")
        // A2 is sync-locked and loses the same range: music is cut and closed up.
        XCTAssertEqual(describe(t, 2), "music@0-20[0-20] music@20-45[35-60]")
        XCTAssertEqual(t.duration, 45)
        // Trimmed clips keep their links.
        XCTAssertEqual(clip(t, "A").link, clip(t, "a").link)
        XCTAssertEqual(clip(t, "B").link, clip(t, "b").link)
        assertValid(t)
    }

    func testExtractLeavesUnsyncedTracks() throws {
        var t = base()
        try t.setSyncLocked(track: 2, false)
        try t.setSyncLocked(track: 1, false)
        _ = try t.extract(FrameRange(start: 20, end: 35), tracks: [0])
        XCTAssertEqual(describe(t, 0), "A@0-20[10-30] B@20-35[5-20]")
        XCTAssertEqual(describe(t, 1), "a@0-30[10-40] b@30-50[0-20]")
        XCTAssertEqual(describe(t, 2), "music@0-60[0-60]")
    }

    func testLiftExtractRefusals() {
        var t = base()
        assertRefused(&t, .invalidRange) { t throws(EditError) in _ = try t.lift(FrameRange(start: 5, end: 5), tracks: [0]) }
        assertRefused(&t, .nothingSelected) { t throws(EditError) in _ = try t.extract(FrameRange(start: 5, end: 9), tracks: []) }
        try? t.setLocked(track: 1, true)
        assertRefused(&t, .lockedTrack) { t throws(EditError) in _ = try t.extract(FrameRange(start: 5, end: 9), tracks: [0, 1]) }
    }

    func testRazor() throws {
        var t = base()
        _ = try t.razor(at: 10, tracks: [0, 1])
        XCTAssertEqual(describe(t, 0), "A@0-10[10-20] A@10-30[20-40] B@30-50[0-20]")
        XCTAssertEqual(describe(t, 1), "a@0-10[10-20] a@10-30[20-40] b@30-50[0-20]")
        let left = clip(t, "A"), right = clip(t, "A", occurrence: 1)
        XCTAssertEqual(left.link, LinkID(901))
        XCTAssertNotNil(right.link)
        XCTAssertNotEqual(right.link, left.link)
        XCTAssertEqual(clip(t, "a", occurrence: 1).link, right.link)
        XCTAssertNotEqual(right.id, left.id)
        assertValid(t)
    }

    func testRazorOnOneOfTwoLinkedClips() throws {
        var t = base()
        _ = try t.razor(at: 10, tracks: [0])
        XCTAssertNil(clip(t, "A", occurrence: 1).link)
        XCTAssertEqual(clip(t, "A").link, clip(t, "a").link)
    }

    func testRazorAtACutOrGapIsANote() throws {
        var t = makeTimeline([("V1", [c("A", 0, 10), g(5), c("B", 0, 10)])])
        let before = t
        for frame in [Int64(10), 12, 15, 40] {
            let out = try t.razor(at: frame, tracks: [0])
            XCTAssertEqual(out.notes.count, 1)
            XCTAssertTrue(out.notes[0].hasPrefix("nothing to cut on V1"), out.notes[0])
            XCTAssertEqual(t, before)
        }
    }

    func testRazorMovesTransitionAndSplitsMarkers() throws {
        var t = makeTimeline([("V1", [c("A", 10, 40), c("B", 10, 30)])])
        _ = try t.addTransition(track: 0, at: 30, kind: .dissolve, duration: 4, alignment: .centered)
        try t.addClipMarker(clip: id(t, "A"), Marker(frame: 15, name: "early"))
        try t.addClipMarker(clip: id(t, "A"), Marker(frame: 25, name: "late"))
        _ = try t.razor(at: 10, tracks: [0]) // source frame 20
        XCTAssertEqual(describe(t, 0), "A@0-10[10-20] A@10-30[20-40] B@30-50[10-30]")
        XCTAssertNil(clip(t, "A").transitionOut)
        XCTAssertEqual(clip(t, "A", occurrence: 1).transitionOut?.duration, 4)
        XCTAssertEqual(clip(t, "A").markers.map(\.name), ["early"])
        XCTAssertEqual(clip(t, "A", occurrence: 1).markers.map(\.name), ["late"])
        assertValid(t)
    }

    func testRippleDelete() throws {
        var t = base()
        _ = try t.rippleDelete(clip: id(t, "B"))
        XCTAssertEqual(describe(t, 0), "A@0-30[10-40]")
        XCTAssertEqual(describe(t, 1), "a@0-30[10-40]")
        // A2 sync-locked: loses B's range 30-50 too.
        XCTAssertEqual(describe(t, 2), "music@0-30[0-30] music@30-40[50-60]")
        assertValid(t)
        var u = base()
        _ = try u.rippleDelete(clip: id(u, "A"))
        XCTAssertEqual(describe(u, 0), "B@0-20[0-20]")
        XCTAssertEqual(describe(u, 1), "b@0-20[0-20]")
        XCTAssertEqual(describe(u, 2), "music@0-30[30-60]")
    }

    func testRippleDeleteSplitEditKeepsSync() throws {
        // b starts 5 frames before B (a J-cut): both tracks must still move by B's length.
        var t = makeTimeline([
            ("V1", [c("A", 0, 30), c("B", 0, 20, link: 2), c("C", 0, 10)]),
            ("A1", [c("a", 0, 25), c("b", 0, 25, link: 2), c("x", 0, 10)]),
        ])
        _ = try t.rippleDelete(clip: id(t, "B"))
        XCTAssertEqual(describe(t, 0), "A@0-30[0-30] C@30-40[0-10]")
        // b is lifted (gap 25-30 stays), then 30-50 is removed.
        XCTAssertEqual(describe(t, 1), "a@0-25[0-25] _25-30 x@30-40[0-10]")
        assertValid(t)
    }

    func testRippleDeleteGap() throws {
        var t = makeTimeline([
            ("V1", [c("A", 0, 30), g(10), c("B", 0, 20)]),
            ("A1", [c("a", 0, 30), g(15), c("m", 0, 15)]),
        ])
        _ = try t.rippleDeleteGap(track: 0, at: 33)
        XCTAssertEqual(describe(t, 0), "A@0-30[0-30] B@30-50[0-20]")
        XCTAssertEqual(describe(t, 1), "a@0-30[0-30] _30-35 m@35-50[0-15]")
        assertValid(t)
    }

    func testRippleDeleteGapRefusedWhenSyncTrackHasMaterial() throws {
        var t = makeTimeline([
            ("V1", [c("A", 0, 30), g(10), c("B", 0, 20)]),
            ("A1", [c("a", 0, 35), c("m", 0, 25)]),
        ])
        assertRefused(&t, .overlap) { t throws(EditError) in _ = try t.rippleDeleteGap(track: 0, at: 30) }
        assertRefused(&t, .invalidArgument) { t throws(EditError) in _ = try t.rippleDeleteGap(track: 0, at: 10) }
        // Without sync lock on A1 it closes.
        try t.setSyncLocked(track: 1, false)
        _ = try t.rippleDeleteGap(track: 0, at: 30)
        XCTAssertEqual(describe(t, 0), "A@0-30[0-30] B@30-50[0-20]")
        XCTAssertEqual(describe(t, 1), "a@0-35[0-35] m@35-60[0-25]")
    }
}
