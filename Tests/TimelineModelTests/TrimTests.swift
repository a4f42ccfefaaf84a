import XCTest
@testable import TimelineModel

/// Ripple trims, rolls, extend, slip and slide.
final class TrimTests: XCTestCase {
    /// V1: A rec 0-30 src 10-40 of 50 (tail handle 10), B rec 30-50 src 5-25 of 30 (head handle 5, tail 5).
    func single() -> Timeline {
        makeTimeline([("V1", [c("A", 10, 40, avail: 50), c("B", 5, 25, avail: 30)])])
    }

    func tail(_ frame: Int64, _ track: Int = 0) -> EditPoint { EditPoint(track: track, frame: frame, side: .tail) }
    func head(_ frame: Int64, _ track: Int = 0) -> EditPoint { EditPoint(track: track, frame: frame, side: .head) }
    func roll(_ frame: Int64, _ track: Int = 0) -> EditPoint { EditPoint(track: track, frame: frame, side: .both) }

    func testRippleTail() throws {
        var t = single()
        let out = try t.trim([tail(30)], by: 5)
        XCTAssertEqual(describe(t, 0), "A@0-35[10-45] B@35-55[5-25]")
        XCTAssertEqual(out.applied, 5)
        XCTAssertEqual(out.notes, [])
        XCTAssertEqual(t.duration, 55)
    }

    func testRippleTailClampedAtMediaEnd() throws {
        var t = single()
        let out = try t.trim([tail(30)], by: 20)
        // A has 10 frames after its out (50 − 40).
        XCTAssertEqual(describe(t, 0), "A@0-40[10-50] B@40-60[5-25]")
        XCTAssertEqual(out.applied, 10)
        XCTAssertEqual(out.notes.count, 1)
        XCTAssertTrue(out.notes[0].contains("last available frame of A"), out.notes[0])
        XCTAssertEqual(t.duration, 60)
        assertValid(t)
    }

    func testRippleTailClampedAtOneFrame() throws {
        var t = single()
        let out = try t.trim([tail(30)], by: -40)
        XCTAssertEqual(describe(t, 0), "A@0-1[10-11] B@1-21[5-25]")
        XCTAssertEqual(out.applied, -29)
        XCTAssertTrue(out.notes[0].contains("1 frame"), out.notes[0])
    }

    func testRippleHead() throws {
        var t = single()
        // B's in 5 frames later: B keeps its record start, loses 5 frames, the sequence 5 frames.
        _ = try t.trim([head(30)], by: 5)
        XCTAssertEqual(describe(t, 0), "A@0-30[10-40] B@30-45[10-25]")
        XCTAssertEqual(t.duration, 45)
        // Earlier by 10: B has only 5 frames of head handle left… now 10 (source starts at 10).
        var u = single()
        let out = try u.trim([head(30)], by: -10)
        XCTAssertEqual(describe(u, 0), "A@0-30[10-40] B@30-55[0-25]")
        XCTAssertEqual(out.applied, -5)
        XCTAssertTrue(out.notes[0].contains("first frame of B"), out.notes[0])
        XCTAssertEqual(u.duration, 55)
    }

    func testRoll() throws {
        var t = single()
        _ = try t.trim([roll(30)], by: 5)
        XCTAssertEqual(describe(t, 0), "A@0-35[10-45] B@35-50[10-25]")
        XCTAssertEqual(t.duration, 50)
        var u = single()
        let later = try u.trim([roll(30)], by: 20)
        // A's tail handle (10) is tighter than B's length (19 frames may go).
        XCTAssertEqual(describe(u, 0), "A@0-40[10-50] B@40-50[15-25]")
        XCTAssertEqual(later.applied, 10)
        XCTAssertTrue(later.notes[0].hasPrefix("roll stopped at the last available frame of A"), later.notes[0])
        var w = single()
        let earlier = try w.trim([roll(30)], by: -10)
        // B's head handle is 5.
        XCTAssertEqual(describe(w, 0), "A@0-25[10-35] B@25-50[0-25]")
        XCTAssertEqual(earlier.applied, -5)
        XCTAssertEqual(w.duration, 50)
    }

    func testRollAcrossATransition() throws {
        var t = single()
        // A 4-frame centred dissolve: 2 frames before the cut (from B's head), 2 after (from A's tail).
        _ = try t.addTransition(track: 0, at: 30, kind: .dissolve, duration: 4, alignment: .centered)
        assertValid(t)
        // Later: A's tail handle is 10, of which the dissolve needs 2, so 8 frames of roll.
        var later = t
        let out = try later.trim([roll(30)], by: 9)
        XCTAssertEqual(out.applied, 8)
        XCTAssertTrue(out.notes[0].contains("dissolve after A runs out of handle"), out.notes[0])
        XCTAssertEqual(describe(later, 0), "A@0-38[10-48] B@38-50[13-25]")
        XCTAssertEqual(clip(later, "A").transitionOut?.duration, 4) // it moved with the cut
        assertValid(later)
        // Earlier: B's head handle is 5, of which the dissolve needs 2, so 3 frames.
        var earlier = t
        let back = try earlier.trim([roll(30)], by: -4)
        XCTAssertEqual(back.applied, -3)
        XCTAssertEqual(describe(earlier, 0), "A@0-27[10-37] B@27-50[2-25]")
        assertValid(earlier)
    }

    func testRollIntoGapAndAtSequenceEdges() throws {
        var t = makeTimeline([("V1", [c("A", 0, 10), g(5), c("B", 0, 10)]), ("A1", [c("a", 0, 30)])])
        // A's tail rolls into the gap; the gap may close completely but not further.
        let out = try t.trim([roll(10)], by: 8)
        XCTAssertEqual(out.applied, 5)
        XCTAssertEqual(describe(t, 0), "A@0-15[0-15] B@15-25[0-10]")
        // The track ends at 25 but the sequence at 30: the last cut may roll 5 later, never past the end.
        var u = t
        let end = try u.trim([roll(25)], by: 9)
        XCTAssertEqual(end.applied, 5)
        XCTAssertEqual(describe(u, 0), "A@0-15[0-15] B@15-30[0-15]")
        XCTAssertEqual(u.duration, 30)
        // The last cut of the sequence (a on A1 ends it alone) cannot roll earlier.
        var w = t
        let shorten = try w.trim([roll(30, 1)], by: -3)
        XCTAssertEqual(shorten.applied, 0)
        XCTAssertEqual(w, t)
        // Record 0 is an empty gap that may grow: rolling the first cut later.
        var z = t
        _ = try z.trim([roll(0)], by: 4)
        XCTAssertEqual(describe(z, 0), "_0-4 A@4-15[4-15] B@15-25[0-10]")
        assertValid(z)
    }

    func testRippleTrimWithSyncLockedAudio() throws {
        var t = makeTimeline([
            ("V1", [c("A", 10, 40, avail: 50, link: 1), c("B", 0, 20, link: 2)]),
            ("A1", [c("a", 10, 40, avail: 50, link: 1), c("b", 0, 20, link: 2)]),
            ("A2", [c("music", 0, 60)]),
        ])
        let before = t
        let points = t.withLinkedEditPoints([tail(30)])
        XCTAssertEqual(Set(points), [tail(30), tail(30, 1)])
        _ = try t.trim(points, by: 5)
        XCTAssertEqual(describe(t, 0), "A@0-35[10-45] B@35-55[0-20]")
        XCTAssertEqual(describe(t, 1), "a@0-35[10-45] b@35-55[0-20]")
        // A2 is sync-locked: 5 frames of gap at the cut, cutting music.
        XCTAssertEqual(describe(t, 2), "music@0-30[0-30] _30-35 music@35-65[30-60]")
        XCTAssertEqual(t.duration, before.duration + 5)
        assertValid(t)
        // Shorter: music spans the cut and there is no gap on A2 to take away: the trim stops.
        var u = before
        let out = try u.trim(points, by: -5)
        XCTAssertEqual(out.applied, 0)
        XCTAssertTrue(out.notes[0].contains("music on A2 (sync lock)"), out.notes[0])
        XCTAssertEqual(u, before)
    }

    func testRippleShorterTakesGapFromSyncLockedTracks() throws {
        var t = makeTimeline([
            ("V1", [c("A", 10, 40), c("B", 0, 20)]),
            ("A2", [c("m", 0, 25), g(10), c("n", 0, 25)]),
        ])
        let out = try t.trim([tail(30)], by: -8)
        // A2 has 5 frames of gap ending at the cut (25-30): only those can go.
        XCTAssertEqual(out.applied, -5)
        XCTAssertEqual(describe(t, 0), "A@0-25[10-35] B@25-45[0-20]")
        XCTAssertEqual(describe(t, 1), "m@0-25[0-25] _25-30 n@30-55[0-25]")
        assertValid(t)
        // A head trim takes the gap after the cut instead.
        var u = makeTimeline([
            ("V1", [c("A", 10, 40), c("B", 0, 20)]),
            ("A2", [c("m", 0, 25), g(10), c("n", 0, 25)]),
        ])
        let h = try u.trim([head(30)], by: 8)
        XCTAssertEqual(h.applied, 5) // gap 30-35 after the cut
        XCTAssertEqual(describe(u, 0), "A@0-30[10-40] B@30-45[5-20]")
        XCTAssertEqual(describe(u, 1), "m@0-25[0-25] _25-30 n@30-55[0-25]")
    }

    func testTrimRefusals() {
        var t = makeTimeline([("V1", [c("A", 10, 40), c("B", 0, 20)]), ("V2", [c("C", 0, 50)])])
        assertRefused(&t, .invalidArgument) { t throws(EditError) in _ = try t.trim([self.tail(20)], by: 2) }   // not a cut
        assertRefused(&t, .invalidArgument) { t throws(EditError) in _ = try t.trim([self.head(50)], by: 2) }   // nothing starts there
        assertRefused(&t, .invalidArgument) { t throws(EditError) in _ = try t.trim([self.tail(0)], by: 2) }    // nothing ends there
        assertRefused(&t, .invalidArgument) { t throws(EditError) in _ = try t.trim([self.tail(30), self.head(30)], by: 2) } // two on V1
        assertRefused(&t, .nothingSelected) { t throws(EditError) in _ = try t.trim([], by: 2) }
        try? t.setLocked(track: 0, true)
        assertRefused(&t, .lockedTrack) { t throws(EditError) in _ = try t.trim([self.tail(30)], by: 2) }
    }

    func testExtendEdit() throws {
        var t = single()
        _ = try t.extendEdit([tail(30)], to: 35)
        XCTAssertEqual(describe(t, 0), "A@0-35[10-45] B@35-50[10-25]")
        XCTAssertEqual(t.duration, 50)
    }

    func testSlip() throws {
        var t = single()
        let b = id(t, "B")
        _ = try t.slip(clip: b, by: 3)
        XCTAssertEqual(describe(t, 0), "A@0-30[10-40] B@30-50[8-28]")
        let out = try t.slip(clip: b, by: 10)
        // B's media has 30 frames: the source may end at 30 at most.
        XCTAssertEqual(out.applied, 2)
        XCTAssertTrue(out.notes[0].contains("last available frame of B"), out.notes[0])
        XCTAssertEqual(describe(t, 0), "A@0-30[10-40] B@30-50[10-30]")
        let back = try t.slip(clip: b, by: -20)
        XCTAssertEqual(back.applied, -10)
        XCTAssertEqual(describe(t, 0), "A@0-30[10-40] B@30-50[0-20]")
    }

    func testSlipLinkedClipsTogether() throws {
        var t = makeTimeline([("V1", [c("A", 10, 40, avail: 50, link: 1)]), ("A1", [c("a", 10, 40, avail: 45, link: 1)])])
        let out = try t.slip(clip: id(t, "A"), by: 8)
        // a has only 5 frames after its out.
        XCTAssertEqual(out.applied, 5)
        XCTAssertTrue(out.notes[0].contains("of a"), out.notes[0])
        XCTAssertEqual(describe(t, 0), "A@0-30[15-45]")
        XCTAssertEqual(describe(t, 1), "a@0-30[15-45]")
    }

    /// V1: A rec 0-30 src 10-40 of 50, B rec 30-50 src 5-25, C rec 50-70 src 8-28 of 40.
    func three() -> Timeline {
        makeTimeline([("V1", [c("A", 10, 40, avail: 50), c("B", 5, 25, avail: 30), c("C", 8, 28, avail: 40)])])
    }

    func testSlide() throws {
        var t = three()
        _ = try t.slide(clip: id(t, "B"), by: 5)
        XCTAssertEqual(describe(t, 0), "A@0-35[10-45] B@35-55[5-25] C@55-70[13-28]")
        XCTAssertEqual(t.duration, 70)
        assertValid(t)
    }

    func testSlideClampedByNeighboursHandles() throws {
        var later = three()
        let out = try later.slide(clip: id(later, "B"), by: 15)
        // A may get 10 frames longer (media 50, out at 40); C may lose 19.
        XCTAssertEqual(out.applied, 10)
        XCTAssertTrue(out.notes[0].contains("last available frame of A"), out.notes[0])
        XCTAssertEqual(describe(later, 0), "A@0-40[10-50] B@40-60[5-25] C@60-70[18-28]")
        var earlier = three()
        let back = try earlier.slide(clip: id(earlier, "B"), by: -10)
        // C's in can move 8 frames earlier at most (its source starts at 8).
        XCTAssertEqual(back.applied, -8)
        XCTAssertTrue(back.notes[0].contains("first frame of C"), back.notes[0])
        XCTAssertEqual(describe(earlier, 0), "A@0-22[10-32] B@22-42[5-25] C@42-70[0-28]")
        XCTAssertEqual(earlier.duration, 70)
    }

    func testSlideIntoGapsAndAtTheEnds() throws {
        var t = makeTimeline([("V1", [c("A", 0, 10), g(4), c("B", 0, 10)]), ("A1", [c("a", 0, 40)])])
        // B is the last item: the sequence runs to 40, so B may slide 16 later, not more.
        let out = try t.slide(clip: id(t, "B"), by: 20)
        XCTAssertEqual(out.applied, 16)
        XCTAssertEqual(describe(t, 0), "A@0-10[0-10] _10-30 B@30-40[0-10]")
        XCTAssertEqual(t.duration, 40)
        // A is first: record 0 grows a gap; the gap after A closes 4 frames at most.
        var u = makeTimeline([("V1", [c("A", 0, 10), g(4), c("B", 0, 10)])])
        let a = try u.slide(clip: id(u, "A"), by: 6)
        XCTAssertEqual(a.applied, 4)
        XCTAssertEqual(describe(u, 0), "_0-4 A@4-14[0-10] B@14-24[0-10]")
        // B ends the sequence alone: it cannot slide earlier.
        var w = makeTimeline([("V1", [c("A", 0, 10), g(4), c("B", 0, 10)])])
        let before = w
        let b = try w.slide(clip: id(w, "B"), by: -2)
        XCTAssertEqual(b.applied, 0)
        XCTAssertEqual(w, before)
    }
}
