import Editor
import Foundation
import TimelineModel
import XCTest

/// Editing through command lines, as the palette and scripts do. Expected timelines are worked
/// out by hand: 30 fps, record starts at 01:00:00:00, interview is 300 frames with sound,
/// broll 600 frames with sound, logo 150 frames of picture only. Targets: V1 and A1.
final class EditCommandTests: EditorCommandTestCase {

    func testThreePointInsertRipplesAndLinksPictureAndSound() {
        run("""
            source interview
            mark-in 00:00:01:00
            mark-out 00:00:04:29
            insert
            """)
        // Source 30...149 inclusive = 120 frames at record 0.
        XCTAssertEqual(rows("V1").count, 1)
        XCTAssertTrue(rows("V1")[0].hasPrefix("01:00:00:00-01:00:04:00 interview.mp4 src 00:00:01:00-00:00:05:00 link L"), rows("V1")[0])
        XCTAssertEqual(rows("A1").count, 1)
        let link = rows("V1")[0].components(separatedBy: " link ").last
        XCTAssertEqual(rows("A1")[0], "01:00:00:00-01:00:04:00 interview.mp4 src 00:00:01:00-00:00:05:00 link \(link!)",
                       "picture and sound share one link")
        XCTAssertEqual(editor.context.playhead, 120, "the playhead lands after the new material")
        // Insert the logo's first second at 2 s: V1 splits, A1 (sync-locked) gets a gap.
        run("""
            source logo
            mark-in 0
            mark-out 29
            insert at=60
            """)
        XCTAssertEqual(rows("V1").map { $0.components(separatedBy: " link ").first! }, [
            "01:00:00:00-01:00:02:00 interview.mp4 src 00:00:01:00-00:00:03:00",
            "01:00:02:00-01:00:03:00 logo.mp4 src 00:00:00:00-00:00:01:00",
            "01:00:03:00-01:00:05:00 interview.mp4 src 00:00:03:00-00:00:05:00",
        ])
        XCTAssertEqual(rows("A1").map { $0.components(separatedBy: " link ").first! }, [
            "01:00:00:00-01:00:02:00 interview.mp4 src 00:00:01:00-00:00:03:00",
            "01:00:02:00-01:00:03:00 gap",
            "01:00:03:00-01:00:05:00 interview.mp4 src 00:00:03:00-00:00:05:00",
        ])
    }

    func testOverwriteRecordMarksWinAndMarksClearAfterTheEdit() {
        run("""
            source broll
            mark-in 0
            mark-out 00:00:09:29
            overwrite
            source interview
            mark-in 00:00:02:00
            mark-out 00:00:05:00
            monitor record
            mark-in 00:00:01:00
            mark-out 00:00:01:14
            overwrite
            """)
        // Record marks give 15 frames (30...44); source in 60 → source 60..<75.
        XCTAssertEqual(rows("V1").map { $0.components(separatedBy: " link ").first! }, [
            "01:00:00:00-01:00:01:00 broll.mp4 src 00:00:00:00-00:00:01:00",
            "01:00:01:00-01:00:01:15 interview.mp4 src 00:00:02:00-00:00:02:15",
            "01:00:01:15-01:00:10:00 broll.mp4 src 00:00:01:15-00:00:10:00",
        ])
        XCTAssertNil(editor.timeline.markIn)
        XCTAssertNil(editor.timeline.markOut)
        XCTAssertEqual(editor.timeline.duration, 300, "overwrite inside the sequence keeps its length")
    }

    func testRazorThenRippleTrimByKeysAndUndoRedo() throws {
        run("""
            append broll
            razor 00:00:05:00
            goto 00:00:05:00
            select-edit a
            """)
        XCTAssertEqual(editor.context.editPoints.map(\.frame), [150, 150], "V1 and A1 cut at 5 s")
        let trimmed = editor.run("trim -10")
        XCTAssertEqual(trimmed.message, "ripple trim V1,A1 -10f")
        XCTAssertEqual(rows("V1").map { $0.components(separatedBy: " link ").first! }, [
            "01:00:00:00-01:00:04:20 broll.mp4 src 00:00:00:00-00:00:04:20",
            "01:00:04:20-01:00:19:20 broll.mp4 src 00:00:05:00-00:00:20:00",
        ])
        XCTAssertEqual(editor.timeline.duration, 590)
        XCTAssertEqual(editor.context.editPoints.map(\.frame), [140, 140], "the selection follows the cut")
        XCTAssertEqual(editor.run("undo").message, "undo: ripple trim V1,A1 -10f")
        XCTAssertEqual(editor.timeline.duration, 600)
        editor.run("redo")
        XCTAssertEqual(editor.timeline.duration, 590)
    }

    func testTrimPastTheMediaEndStopsAtTheLastFrameAndSaysSo() {
        run("""
            source logo
            mark-in 0
            mark-out 99
            insert
            select-edit a
            """)
        let out = editor.run("trim +100")
        XCTAssertTrue(out.message.contains("last available frame of logo.mp4"), out.message)
        XCTAssertEqual(editor.timeline.duration, 150, "stopped at the logo's 150 frames")
    }

    func testRollSlipAndSlideKeepTheSequenceLength() {
        run("""
            source interview
            mark-in 0
            mark-out 00:00:07:29
            insert
            source broll
            mark-in 00:00:02:00
            mark-out 00:00:11:29
            insert
            source logo
            mark-in 10
            mark-out 109
            append
            goto 240
            select-edit both
            roll -30
            """)
        func v1() -> [String] { rows("V1").map { $0.components(separatedBy: " link ").first! } }
        // interview 0..<240, broll 240..<540 (src 60..<360), logo 540..<640 (src 10..<110); roll the first cut 30 earlier.
        XCTAssertEqual(v1(), [
            "01:00:00:00-01:00:07:00 interview.mp4 src 00:00:00:00-00:00:07:00",
            "01:00:07:00-01:00:18:00 broll.mp4 src 00:00:01:00-00:00:12:00",
            "01:00:18:00-01:00:21:10 logo.mp4 src 00:00:00:10-00:00:03:20",
        ])
        XCTAssertEqual(editor.timeline.duration, 640)
        // The playhead followed the cut to 210, over broll: slip its source 30 later.
        run("select-none\nslip +30")
        XCTAssertEqual(v1()[1], "01:00:07:00-01:00:18:00 broll.mp4 src 00:00:02:00-00:00:13:00")
        XCTAssertEqual(editor.timeline.duration, 640)
        // Slide broll 5 earlier: interview gives 5 frames, logo takes 5 from its head handle.
        run("slide -5")
        XCTAssertEqual(v1(), [
            "01:00:00:00-01:00:06:25 interview.mp4 src 00:00:00:00-00:00:06:25",
            "01:00:06:25-01:00:17:25 broll.mp4 src 00:00:02:00-00:00:13:00",
            "01:00:17:25-01:00:21:10 logo.mp4 src 00:00:00:05-00:00:03:20",
        ])
        XCTAssertEqual(editor.timeline.duration, 640)
        // A roll with no head handle on broll's side is clamped and says so.
        run("goto 0\nselect-edit b")
        let clamped = editor.run("trim -30")
        XCTAssertTrue(clamped.message.contains("first"), clamped.message)
    }

    func testLiftAndExtractUseRecordMarksOnSelectedTracks() {
        run("""
            append broll
            mark-in 00:00:02:00
            mark-out 00:00:02:29
            lift
            """)
        XCTAssertEqual(rows("V1").map { $0.components(separatedBy: " link ").first! }, [
            "01:00:00:00-01:00:02:00 broll.mp4 src 00:00:00:00-00:00:02:00",
            "01:00:02:00-01:00:03:00 gap",
            "01:00:03:00-01:00:20:00 broll.mp4 src 00:00:03:00-00:00:20:00",
        ])
        run("""
            mark-in 00:00:05:00
            mark-out 00:00:05:29
            extract
            """)
        XCTAssertEqual(editor.timeline.duration, 570)
        XCTAssertEqual(rows("A1").last?.components(separatedBy: " link ").first, "01:00:05:00-01:00:19:00 broll.mp4 src 00:00:06:00-00:00:20:00")
    }

    func testLockedTrackRefusesWithAMessage() {
        run("append broll\nlock V1")
        let before = editor.project
        let out = editor.execute("razor 30")
        XCTAssertTrue(out.isError)
        XCTAssertTrue(out.message.contains("V1 is locked"), out.message)
        XCTAssertEqual(editor.project, before)
    }

    func testMarkersMatchFrameAndNavigation() {
        run("""
            append interview
            append broll
            goto 00:00:12:00
            add-marker Reaction green
            home
            next-edit
            """)
        XCTAssertEqual(editor.context.playhead, 300)
        run("next-marker")
        XCTAssertEqual(editor.context.playhead, 360)
        run("match-frame")
        XCTAssertEqual(editor.context.source?.media, "broll")
        XCTAssertEqual(editor.context.source?.markIn, 60, "12 s into the sequence is 2 s into broll")
        XCTAssertEqual(editor.timeline.markers.first?.name, "Reaction")
    }

    func testRippleDeleteOfASelectedClipClosesTheGapOnLinkedTracks() {
        run("""
            append interview
            append broll
            goto 00:00:03:00
            select-clip
            ripple-delete
            """)
        XCTAssertEqual(editor.timeline.duration, 600)
        XCTAssertEqual(rows("V1").map { $0.components(separatedBy: " link ").first! },
                       ["01:00:00:00-01:00:20:00 broll.mp4 src 00:00:00:00-00:00:20:00"])
        XCTAssertEqual(rows("A1").map { $0.components(separatedBy: " link ").first! },
                       ["01:00:00:00-01:00:20:00 broll.mp4 src 00:00:00:00-00:00:20:00"])
    }
}
