import Editor
import Foundation
import TimelineModel
import XCTest

/// Avid's up/down arrows in trim mode: `trim-edit next|previous` moves the trim to the next or
/// previous cut on the selected tracks and keeps the side chosen (A, B or roll).
final class TrimEditTests: EditorCommandTestCase {
    func testTrimEditKeepsTheSideAndTrimsThere() {
        // interview 0–300, broll 300–900, logo 900–1050 on V1 (A1 for the two with sound).
        run("""
            source interview
            append
            source broll
            append
            source logo
            append
            goto 290
            """)
        let entered = editor.execute("trim-mode")
        XCTAssertTrue(entered.message.hasPrefix("trim roll at 01:00:10:00"), entered.message)
        run("trim-side a")
        let moved = editor.execute("trim-edit next")
        XCTAssertTrue(moved.message.hasPrefix("trim A (outgoing) at 01:00:30:00"), moved.message)
        XCTAssertEqual(editor.context.playhead, 900)
        XCTAssertEqual(editor.context.editPoints.first?.side, .tail, "the A side is kept")
        run("trim -30")
        XCTAssertEqual(rows("V1")[1].prefix(23), "01:00:10:00-01:00:29:00", "broll's tail rippled 30 frames shorter")
        let back = editor.execute("trim-edit previous")
        XCTAssertFalse(back.isError, back.message)
        XCTAssertEqual(editor.context.playhead, 300)
        XCTAssertEqual(editor.context.editPoints.first?.side, .tail)
        run("trim-mode")
        let outside = editor.execute("trim-edit next")
        XCTAssertTrue(outside.isError && outside.message.contains("not in trim mode"), outside.message)
    }
}
