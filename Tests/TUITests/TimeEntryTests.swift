import TUI
import XCTest

/// Digits or +/- in normal mode start a time; enter sends `goto` with it.
final class TimeEntryTests: XCTestCase {
    func testTypedTimesBecomeGoto() {
        let (session, target) = Fixtures.session(width: 120, height: 40)
        session.press("1000")
        XCTAssertTrue(session.topLayer is TimeEntry)
        XCTAssertTrue(Fixtures.screen(session).last?.hasPrefix("go to (RECORD): 1000") ?? false, Fixtures.screen(session).last ?? "")
        session.press("<enter>")
        session.press("+12<enter>")
        session.press("12<backspace>3<enter>")
        session.press("5<esc>")
        session.press("9<backspace>")
        XCTAssertFalse(session.topLayer is TimeEntry)
        XCTAssertEqual(target.executed, ["goto 00:00:10:00", "goto +12", "goto 00:00:00:13"])
        session.press("-")
        XCTAssertFalse(session.topLayer is TimeEntry, "- is zoom-out in the default keymap")
    }

    /// In trim mode the typed number trims by frames (Avid's keypad in trim), and the trim
    /// keys reach the next edit, slip, slide and extend.
    func testInTrimModeTypedNumbersTrimAndTheArrowsMoveBetweenEdits() {
        var model = Fixtures.model
        model.status.mode = "trim"
        let (session, target) = Fixtures.session(width: 120, height: 40, model: model)
        session.press("+5")
        XCTAssertTrue(Fixtures.screen(session).last?.hasPrefix("trim by (frames): +5") ?? false, Fixtures.screen(session).last ?? "")
        session.press("<enter>")
        session.press("3<enter>")
        session.press("<up><down><<>e")
        XCTAssertEqual(target.executed, ["trim +5", "trim +3", "trim-edit previous", "trim-edit next", "slip -1", "extend"])
    }
}
