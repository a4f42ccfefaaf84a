import XCTest
@testable import TimelineModel

/// Insert, overwrite, append, replace and three-point resolution.
final class PlacementTests: XCTestCase {
    /// V1: A rec 0-30 (src 10-40), B rec 30-50 (src 0-20); A1: a, b linked to them; A2: music 0-60.
    func base() -> Timeline {
        makeTimeline([
            ("V1", [c("A", 10, 40, link: 1), c("B", 0, 20, link: 2)]),
            ("A1", [c("a", 10, 40, link: 1), c("b", 0, 20, link: 2)]),
            ("A2", [c("music", 0, 60)]),
        ])
    }

    func testInsertIntoClipNotAtRecordZero() throws {
        var t = base()
        let out = try t.insert(source("N", 100, 110), at: 40, patch: SourcePatch(video: 0, audio: 1))
        // B starts at record 30 with source 0, so record 40 is source 10: the right part starts there.
        XCTAssertEqual(describe(t, 0), "A@0-30[10-40] B@30-40[0-10] N@40-50[100-110] B@50-60[10-20]")
        XCTAssertEqual(describe(t, 1), "a@0-30[10-40] b@30-40[0-10] N@40-50[100-110] b@50-60[10-20]")
        // A2 is sync-locked: it gets a gap, cutting music in two.
        XCTAssertEqual(describe(t, 2), "music@0-40[0-40] _40-50 music@50-70[40-60]")
        XCTAssertEqual(t.duration, 70)
        XCTAssertEqual(out.created.count, 2)
        let video = t.clip(out.created[0])!, audio = t.clip(out.created[1])!
        XCTAssertEqual(video.track, 0); XCTAssertEqual(audio.track, 1)
        XCTAssertNotNil(video.clip.link)
        XCTAssertEqual(video.clip.link, audio.clip.link)
        // The right parts of B and b are new clips, linked to each other under a new link.
        let bRight = clip(t, "B", occurrence: 1), bLeft = clip(t, "B")
        XCTAssertNotEqual(bRight.id, bLeft.id)
        XCTAssertEqual(bLeft.link, LinkID(902))
        XCTAssertNotNil(bRight.link)
        XCTAssertNotEqual(bRight.link, bLeft.link)
        XCTAssertEqual(clip(t, "b", occurrence: 1).link, bRight.link)
        assertValid(t)
    }

    func testInsertWithoutSyncLockLeavesOtherTracks() throws {
        var t = base()
        try t.setSyncLocked(track: 2, false)
        _ = try t.insert(source("N", 0, 5, audio: false), at: 30, patch: SourcePatch(video: 0, audio: 1))
        XCTAssertEqual(describe(t, 0), "A@0-30[10-40] N@30-35[0-5] B@35-55[0-20]")
        // A1 is sync-locked and not patched (the source has no sound): it gets gap at the cut.
        XCTAssertEqual(describe(t, 1), "a@0-30[10-40] _30-35 b@35-55[0-20]")
        XCTAssertEqual(describe(t, 2), "music@0-60[0-60]")
        assertValid(t)
    }

    func testInsertPastTheEndPadsWithGap() throws {
        var t = base()
        _ = try t.insert(source("N", 0, 10), at: 70, patch: SourcePatch(video: 0))
        XCTAssertEqual(describe(t, 0), "A@0-30[10-40] B@30-50[0-20] _50-70 N@70-80[0-10]")
        // Nothing on A1 or A2 lies at or after 70: nothing moves there.
        XCTAssertEqual(describe(t, 2), "music@0-60[0-60]")
        assertValid(t)
    }

    func testInsertRefusals() {
        var t = base()
        try? t.setLocked(track: 0, true)
        assertRefused(&t, .lockedTrack) { t throws(EditError) in _ = try t.insert(source("N", 0, 10), at: 5, patch: SourcePatch(video: 0)) }
        try? t.setLocked(track: 0, false)
        assertRefused(&t, .outsideMedia) { t throws(EditError) in _ = try t.insert(source("N", 495, 505), at: 5, patch: SourcePatch(video: 0)) }
        assertRefused(&t, .invalidRange) { t throws(EditError) in _ = try t.insert(source("N", 5, 5), at: 5, patch: SourcePatch(video: 0)) }
        assertRefused(&t, .wrongTrackKind) { t throws(EditError) in _ = try t.insert(source("N", 0, 5), at: 5, patch: SourcePatch(video: 1)) }
        assertRefused(&t, .nothingSelected) { t throws(EditError) in _ = try t.insert(source("N", 0, 5), at: 5, patch: SourcePatch()) }
        assertRefused(&t, .noSuchTrack) { t throws(EditError) in _ = try t.insert(source("N", 0, 5), at: 5, patch: SourcePatch(video: 9)) }
    }

    func testInsertSkipsLockedSyncTrackWithNote() throws {
        var t = base()
        try t.setLocked(track: 2, true)
        let out = try t.insert(source("N", 0, 10, audio: false), at: 30, patch: SourcePatch(video: 0))
        XCTAssertEqual(describe(t, 2), "music@0-60[0-60]")
        XCTAssertTrue(out.notes.contains { $0.contains("A2 is locked") }, "\(out.notes)")
    }

    func testOverwrite() throws {
        var t = base()
        _ = try t.overwrite(source("N", 100, 110, audio: false), at: 25, patch: SourcePatch(video: 0))
        // A loses its last 5 frames, B its first 5 (so B's source starts 5 later).
        XCTAssertEqual(describe(t, 0), "A@0-25[10-35] N@25-35[100-110] B@35-50[5-20]")
        XCTAssertEqual(describe(t, 1), "a@0-30[10-40] b@30-50[0-20]")
        XCTAssertEqual(t.duration, 60)
        assertValid(t)
    }

    func testOverwriteInsideOneClipMakesTwo() throws {
        var t = base()
        _ = try t.overwrite(source("N", 0, 10, audio: false), at: 5, patch: SourcePatch(video: 0))
        XCTAssertEqual(describe(t, 0), "A@0-5[10-15] N@5-15[0-10] A@15-30[25-40] B@30-50[0-20]")
        XCTAssertNotEqual(clip(t, "A").id, clip(t, "A", occurrence: 1).id)
        // Only A was cut (a was not), so the right part of A is linked to nothing; a stays with the left part.
        XCTAssertNil(clip(t, "A", occurrence: 1).link)
        XCTAssertEqual(clip(t, "A").link, clip(t, "a").link)
        assertValid(t)
    }

    func testOverwritePastTheEndAndAppend() throws {
        var t = base()
        _ = try t.overwrite(source("N", 0, 10, audio: false), at: 45, patch: SourcePatch(video: 0))
        XCTAssertEqual(describe(t, 0), "A@0-30[10-40] B@30-45[0-15] N@45-55[0-10]")
        XCTAssertEqual(t.duration, 60)
        var u = base()
        _ = try u.append(source("N", 0, 10, audio: false), patch: SourcePatch(video: 0))
        // The sequence ends at 60 (music on A2).
        XCTAssertEqual(describe(u, 0), "A@0-30[10-40] B@30-50[0-20] _50-60 N@60-70[0-10]")
        XCTAssertEqual(u.duration, 70)
        assertValid(u)
    }

    func testReplace() throws {
        var t = base()
        let b = id(t, "B")
        // Source frame 100 must sit at record 35, 5 frames into B: the new media starts at 95.
        _ = try t.replace(clip: b, with: source("R", 0, 1, avail: 300), sourceFrame: 100, at: 35)
        XCTAssertEqual(describe(t, 0), "A@0-30[10-40] R@30-50[95-115]")
        XCTAssertEqual(t.clip(b)?.clip.media, MediaID("r"))
        XCTAssertEqual(t.clip(b)?.clip.link, LinkID(902))
        assertValid(t)
        assertRefused(&t, .outsideMedia) { t throws(EditError) in
            _ = try t.replace(clip: b, with: source("R", 0, 1, avail: 300), sourceFrame: 3, at: 35)
        }
        assertRefused(&t, .outsideMedia) { t throws(EditError) in
            _ = try t.replace(clip: b, with: source("R", 0, 1, avail: 300), sourceFrame: 290, at: 35)
        }
    }

    func testThreePoint() throws {
        func r(_ si: Int64?, _ so: Int64?, _ ri: Int64?, _ ro: Int64?, avail: Int64? = 300) throws -> (FrameRange, Int64) {
            let x = try Timeline.resolveThreePoint(sourceIn: si, sourceOut: so, recordIn: ri, recordOut: ro,
                                                   available: avail, defaultRecordIn: 7)
            return (x.source, x.recordStart)
        }
        // Outs are inclusive: in 10, out 19 is 10 frames.
        XCTAssertEqual(try r(10, 19, 50, nil).0, FrameRange(start: 10, end: 20)); XCTAssertEqual(try r(10, 19, 50, nil).1, 50)
        // Backtimed on the record side: the last frame lands on record 99.
        XCTAssertEqual(try r(10, 19, nil, 99).1, 90)
        XCTAssertEqual(try r(10, nil, 50, 59).0, FrameRange(start: 10, end: 20))
        // Backtimed on the source side: the source out is the last frame used.
        XCTAssertEqual(try r(nil, 19, 50, 59).0, FrameRange(start: 10, end: 20))
        // Four marks: the record duration wins, the source out is ignored.
        XCTAssertEqual(try r(10, 100, 50, 59).0, FrameRange(start: 10, end: 20))
        // Fewer marks: the whole media, or from the one mark to its end, at the playhead.
        XCTAssertEqual(try r(nil, nil, nil, nil).0, FrameRange(start: 0, end: 300)); XCTAssertEqual(try r(nil, nil, nil, nil).1, 7)
        XCTAssertEqual(try r(250, nil, nil, nil).0, FrameRange(start: 250, end: 300))
        XCTAssertEqual(try r(nil, 29, nil, nil).0, FrameRange(start: 0, end: 30))
        XCTAssertEqual(try r(nil, nil, nil, 99, avail: 30).1, 70)
        XCTAssertEqual(try r(nil, nil, 50, 59, avail: nil).0, FrameRange(start: 0, end: 10))
        // Refusals.
        for (marks, reason) in [((Int64?(290), Int64?.none, Int64?(0), Int64?(19)), EditError.Reason.outsideMedia),
                                ((nil, 5, 0, 9), .outsideMedia),
                                ((20, 10, nil, nil), .invalidRange),
                                ((nil, nil, 20, 10), .invalidRange),
                                ((nil, nil, nil, 5), .invalidRange),
                                ((-1, nil, nil, nil), .invalidRange),
                                ((300, nil, nil, nil), .outsideMedia)] {
            XCTAssertThrowsError(try r(marks.0, marks.1, marks.2, marks.3, avail: 300)) { e in
                XCTAssertEqual((e as? EditError)?.reason, reason, "\(marks)")
            }
        }
        XCTAssertThrowsError(try r(nil, nil, 5, nil, avail: nil)) { XCTAssertEqual(($0 as? EditError)?.reason, .noMarks) }
    }
}
