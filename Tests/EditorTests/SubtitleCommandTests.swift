import Editor
import Foundation
import TimelineModel
import XCTest

/// Typing and retiming subtitle events (`subtitle-add`, `subtitle-edit`, `subtitle-nudge`).
/// 30 fps, record from 01:00:00:00.
final class SubtitleCommandTests: EditorCommandTestCase {
    func testAddEditNudgeAndUndo() {
        run("""
            subtitle-add "Hello there" at=00:00:01:00 duration=45
            goto 00:00:01:10
            """)
        XCTAssertEqual(rows("S1"), ["01:00:00:00-01:00:01:00 gap",
                                    "01:00:01:00-01:00:02:15 \"Hello there\" src 00:00:00:00-00:00:01:15 text \"Hello there\""])
        run("subtitle-edit Bonjour\\nà tous")
        XCTAssertEqual(editor.timeline.tracks.first { $0.kind == .subtitle }?.clips.first?.clip.text, "Bonjour\nà tous")
        run("subtitle-nudge in +5")
        run("subtitle-nudge out -10")
        let event = editor.timeline.tracks.first { $0.kind == .subtitle }!.clips[0]
        XCTAssertEqual(event.record, FrameRange(start: 35, duration: 30), "in 5 later, out 10 earlier")
        run("subtitle-nudge both -35")
        XCTAssertEqual(editor.timeline.tracks.first { $0.kind == .subtitle }!.clips[0].record, FrameRange(start: 0, duration: 30))
        XCTAssertEqual(editor.execute("undo").message.hasPrefix("undo: subtitle both -35"), true)
        XCTAssertEqual(editor.timeline.tracks.first { $0.kind == .subtitle }!.clips[0].record, FrameRange(start: 35, duration: 30))
    }

    func testBadInputIsRefusedAndChangesNothing() {
        run("""
            subtitle-add first duration=30
            subtitle-add second at=00:00:02:00 duration=30
            goto 00:00:00:10
            """)
        let before = editor.project
        XCTAssertTrue(editor.execute("subtitle-add \"   \"").message.contains("empty"))
        XCTAssertTrue(editor.execute("subtitle-add \"bad \u{FFFD} bytes\"").message.contains("UTF-8"))
        XCTAssertTrue(editor.execute("subtitle-nudge out +40").message.contains("run into 'second'"))
        XCTAssertTrue(editor.execute("subtitle-nudge in +30").message.contains("no time"))
        XCTAssertTrue(editor.execute("subtitle-nudge in -20").message.contains("before the sequence"))
        XCTAssertEqual(editor.project, before)
    }

    /// `name="two words"` is a named argument (the quote opens inside the word, as in a shell);
    /// a word that starts with a quote stays positional.
    func testQuotedValueOfANamedArgument() throws {
        let t = try XCTUnwrap(CommandText.parse(#"title-add "a=b" font="DejaVu Sans" size=40"#))
        XCTAssertEqual(t.named, ["font": "DejaVu Sans", "size": "40"])
        XCTAssertEqual(t.positional, ["a=b"])
    }
}
