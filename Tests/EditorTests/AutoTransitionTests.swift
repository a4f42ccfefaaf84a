import Editor
import Interchange
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

    /// The project's defaults: set per kind of track, used by `auto-transitions` without
    /// arguments and by `add-default-transition` at the cut nearest the playhead; arguments
    /// override them; bad values are refused; the journal and the saved file keep them.
    func testProjectDefaultsAreUsedWithoutArgumentsAndAtTheNearestCut() throws {
        let url = folder.appendingPathComponent("d.termcut")
        _ = try editor.save(to: url)
        cutTogether()
        XCTAssertEqual(editor.execute("default-transition").message,
                       "default transitions: video dissolve 00:00:01:00 centered, audio dissolve 00:00:01:00 centered")
        // Journaled, as typed in the editor (a script run is not).
        for line in ["default-transition wipe 12 endAtCut", "default-audio-transition dip 6"] {
            XCTAssertFalse(editor.execute(line).isError, line)
        }
        let expected = DefaultTransitions(video: DefaultTransition(kind: .wipe, duration: RationalTime(12, .fps30), alignment: .endAtCut),
                                          audio: DefaultTransition(kind: .dip, duration: RationalTime(6, .fps30)))
        XCTAssertEqual(editor.project.defaultTransitions, expected)
        for line in ["default-audio-transition wipe", "default-transition dissolve 0", "default-transition fade"] {
            let before = editor.project
            XCTAssertTrue(editor.execute(line).isError, line)
            XCTAssertEqual(editor.project, before, line)
        }
        // The playhead at 160: the cut at 200 is nearer than the one at 100.
        run("goto 160")
        let depth = editor.undoDepth
        run("add-default-transition")
        XCTAssertEqual(transitions(0), ["200 wipe 12 endAtCut"])
        XCTAssertEqual(transitions(1), ["200 dip 6 centered"])
        XCTAssertEqual(editor.undoDepth, depth + 1, "one undo step")
        _ = try editor.undo()
        XCTAssertEqual(transitions(0), [])
        run("auto-transitions")
        XCTAssertEqual(transitions(0), ["100 wipe 12 endAtCut", "200 wipe 12 endAtCut"])
        XCTAssertEqual(transitions(1), ["100 dip 6 centered", "200 dip 6 centered"])
        _ = try editor.undo()
        // A duration given overrides it on every track; kind and alignment stay each track's.
        run("auto-transitions 4")
        XCTAssertEqual(transitions(0), ["100 wipe 4 endAtCut", "200 wipe 4 endAtCut"])
        XCTAssertEqual(transitions(1), ["100 dip 4 centered", "200 dip 4 centered"])
        // Kept through a crash (the journal) and in the saved file.
        editor.session?.release()
        editor = nil
        let reopened = try Editor(opening: url, catalog: FakeCatalog.standard)
        XCTAssertEqual(reopened.project.defaultTransitions, expected)
        _ = try reopened.save()
        reopened.session?.release()
        XCTAssertEqual(try ProjectFile.read(url).project.defaultTransitions, expected)
    }
}
