import XCTest
@testable import TimelineModel

/// Overwrite (non-ripple) trims and asymmetric ripple trims, worked out by hand on small tracks.
final class OverwriteTrimTests: XCTestCase {
    /// V1: A rec 0-30 src 10-40 of 50 (tail handle 10), B rec 30-50 src 5-25 of 30 (head handle 5);
    /// A1: m rec 0-50, sync-locked, to see that nothing else moves.
    func single() -> Timeline {
        makeTimeline([("V1", [c("A", 10, 40, avail: 50), c("B", 5, 25, avail: 30)]), ("A1", [c("m", 0, 50)])])
    }

    func point(_ side: EditSide, _ frame: Int64 = 30, _ track: Int = 0) -> EditPoint { EditPoint(track: track, frame: frame, side: side) }

    func testTheGrowingSideOverwritesItsNeighbour() throws {
        var t = single()
        XCTAssertEqual(try t.overwriteTrim([point(.tail)], by: 5).applied, 5)
        XCTAssertEqual(describe(t, 0), "A@0-35[10-45] B@35-50[10-25]", "B loses its first 5 frames, nothing moves")
        var u = single()
        XCTAssertEqual(try u.overwriteTrim([point(.head)], by: -5).applied, -5)
        XCTAssertEqual(describe(u, 0), "A@0-25[10-35] B@25-50[0-25]", "B starts earlier in its media over A's tail")
        for edited in [t, u] {
            XCTAssertEqual(edited.duration, 50)
            XCTAssertEqual(describe(edited, 1), "m@0-50[0-50]", "sync-locked A1 untouched")
            assertValid(edited)
        }
    }

    func testTheShrinkingSideLeavesGap() throws {
        var t = single()
        _ = try t.overwriteTrim([point(.tail)], by: -5)
        XCTAssertEqual(describe(t, 0), "A@0-25[10-35] _25-30 B@30-50[5-25]")
        var u = single()
        _ = try u.overwriteTrim([point(.head)], by: 5)
        XCTAssertEqual(describe(u, 0), "A@0-30[10-40] _30-35 B@35-50[10-25]")
        for edited in [t, u] {
            XCTAssertEqual(edited.duration, 50)
            XCTAssertEqual(describe(edited, 1), "m@0-50[0-50]")
            assertValid(edited)
        }
    }

    func testClampsNameTheLimit() throws {
        var t = single()
        let out = try t.overwriteTrim([point(.tail)], by: 15)
        XCTAssertEqual(out.applied, 10)
        XCTAssertTrue(out.notes.first?.contains("last available frame of A") == true, out.notes.joined())
        XCTAssertEqual(describe(t, 0), "A@0-40[10-50] B@40-50[15-25]")
        var u = single()
        let back = try u.overwriteTrim([point(.head)], by: -9)
        XCTAssertEqual(back.applied, -5)
        XCTAssertTrue(back.notes.first?.contains("first frame of B") == true, back.notes.joined())
        // B side later needs nothing of A: A has no tail handle here, the trim still goes through.
        var w = makeTimeline([("V1", [c("A", 10, 40, avail: 40), c("B", 5, 25, avail: 30)])])
        XCTAssertEqual(try w.overwriteTrim([point(.head)], by: 3).applied, 3)
        XCTAssertEqual(describe(w, 0), "A@0-30[10-40] _30-33 B@33-50[8-25]")
    }

    /// V1 A side, A1 B side (Avid's asymmetric trim): both tracks grow by the delta, V1's cut moves
    /// and A1's incoming clip gains frames at its head, so the result is a split edit in sync.
    func testAsymmetricRippleKeepsSync() throws {
        func two() -> Timeline {
            makeTimeline([("V1", [c("A", 10, 40, avail: 50), c("B", 5, 25, avail: 30)]),
                          ("A1", [c("x", 0, 30), c("y", 20, 40)]), ("A2", [c("m", 0, 60)])])
        }
        var t = two()
        XCTAssertEqual(try t.trim([point(.tail), point(.head, 30, 1)], by: 2).applied, 2)
        XCTAssertEqual(describe(t, 0), "A@0-32[10-42] B@32-52[5-25]")
        XCTAssertEqual(describe(t, 1), "x@0-30[0-30] y@30-52[18-40]")
        XCTAssertEqual(describe(t, 2), "m@0-30[0-30] _30-32 m@32-62[30-60]", "sync-locked A2 opens the same 2 frames at the cut")
        assertValid(t)
        // Shorter: A2 has no gap to give up at the cut, so it stops the trim there (sync lock)…
        var stopped = two()
        let refusedBySync = try stopped.trim([point(.tail), point(.head, 30, 1)], by: -3)
        XCTAssertEqual(refusedBySync.applied, 0)
        XCTAssertTrue(refusedBySync.notes.first?.contains("on A2 (sync lock)") == true, refusedBySync.notes.joined())
        // …without A2, both tracks get 3 frames shorter: A's tail and y's head.
        var u = makeTimeline([("V1", [c("A", 10, 40, avail: 50), c("B", 5, 25, avail: 30)]), ("A1", [c("x", 0, 30), c("y", 20, 40)])])
        _ = try u.trim([point(.tail), point(.head, 30, 1)], by: -3)
        XCTAssertEqual(describe(u, 0), "A@0-27[10-37] B@27-47[5-25]")
        XCTAssertEqual(describe(u, 1), "x@0-30[0-30] y@30-47[23-40]")
        // Clamped by the tighter of A's tail handle (10) and y's head handle (20).
        var w = two()
        let out = try w.trim([point(.tail), point(.head, 30, 1)], by: 25)
        XCTAssertEqual(out.applied, 10)
        XCTAssertEqual(describe(w, 1), "x@0-30[0-30] y@30-60[10-40]")
    }
}
