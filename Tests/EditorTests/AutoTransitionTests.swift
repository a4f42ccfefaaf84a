import Editor
import TimelineModel
import XCTest

/// `auto-transitions` at 30 fps: four clips cut together, the last cut without handles.
///
/// interview src [30,130) at 0, broll src [60,160) at 100, interview src [200,300) (to its end)
/// at 200, broll src [0,60) (from its start) at 300. The cuts at 100 and 200 have handles on
/// both sides; the one at 300 has none (the interview ends at its last frame, broll starts at
/// its first), so it is skipped and named.
final class AutoTransitionTests: EditorCommandTestCase {
    private func cutTogether() {
        run("""
            source interview
            mark-in 30
            mark-out 129
            insert
            source broll
            mark-in 60
            mark-out 159
            insert
            source interview
            mark-in 200
            mark-out 299
            insert
            source broll
            mark-in 0
            mark-out 59
            insert
            """)
    }

    private func transitions(_ track: Int) -> [String] {
        editor.timeline.tracks[track].clips.compactMap { clip in
            clip.clip.transitionOut.map { "\(clip.record.end) \($0.kind.rawValue) \($0.duration) \($0.alignment.rawValue)" }
        }
    }

    func testEveryCutWithHandlesGetsTheDefaultAndTheRestAreReported() throws {
        cutTogether()
        XCTAssertEqual(editor.timeline.tracks[0].clips.map(\.record.start), [0, 100, 200, 300])
        let depth = editor.undoDepth
        let outcome = editor.execute("auto-transitions 10")
        XCTAssertFalse(outcome.isError, outcome.message)
        XCTAssertEqual(transitions(0), ["100 dissolve 10 centered", "200 dissolve 10 centered"])
        XCTAssertEqual(transitions(1), ["100 dissolve 10 centered", "200 dissolve 10 centered"], "audio too")
        XCTAssertTrue(outcome.message.contains("at 4 cuts"), outcome.message)
        XCTAssertTrue(outcome.message.contains("skipped 2 without handles: V1 01:00:10:00, A1 01:00:10:00"), outcome.message)
        XCTAssertEqual(editor.undoDepth, depth + 1, "one undo step")
        _ = try editor.undo()
        XCTAssertEqual(transitions(0), [])
        XCTAssertEqual(transitions(1), [])
    }

    func testOnlyTheMarkedRangeAndTheNamedTracks() throws {
        cutTogether()
        run("""
            mark-in 150
            mark-out 250
            auto-transitions 1s dip endAtCut V1
            """)
        XCTAssertEqual(transitions(0), ["200 dip 30 endAtCut"])
        XCTAssertEqual(transitions(1), [])
        // A second run keeps the transition there and says so.
        let again = editor.execute("auto-transitions 5 dissolve centered V1")
        XCTAssertTrue(again.message.contains("1 already had one"), again.message)
        XCTAssertEqual(transitions(0), ["200 dip 30 endAtCut"])
    }
}
