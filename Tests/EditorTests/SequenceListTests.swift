import Editor
import Foundation
import TimelineModel
import XCTest

/// Several sequences in one project: a new sequence keeps the one holding clips among the
/// others, open-sequence switches, duplicate copies, insert-sequence splices one into another
/// as individual clips (each track on its namesake, links kept, one undo step), and all of it
/// survives save and open.
final class SequenceListTests: EditorCommandTestCase {
    func testMakeSwitchDuplicateAndInsertOneSequenceIntoAnother() throws {
        // "Sequence 1": interview 0–90 on V1/A1.
        run("""
            source interview
            mark-in 0
            mark-out 89
            append
            new-sequence Scene2
            source broll
            mark-in 0
            mark-out 59
            append
            """)
        XCTAssertEqual(editor.timeline.name, "Scene2")
        XCTAssertEqual(editor.project.otherSequences?.map(\.name), ["Sequence 1"])
        XCTAssertEqual(editor.timeline.duration, 60)
        XCTAssertTrue(editor.execute("sequences").message.hasPrefix("▸ Scene2 30 fps 00:00:02:00; \"Sequence 1\" 30 fps 00:00:03:00"),
                      editor.execute("sequences").message)
        // Scene2 (60 frames) into Sequence 1 at frame 30: interview splits, 30 + 60 + 60.
        run("open-sequence \"Sequence 1\"")
        XCTAssertEqual(editor.timeline.name, "Sequence 1")
        XCTAssertEqual(editor.context.playhead, 0, "the playhead starts afresh in the sequence opened")
        run("goto 30")
        let before = editor.timeline
        run("insert-sequence Scene2")
        XCTAssertEqual(rows("V1").map { String($0.prefix(23)) },
                       ["01:00:00:00-01:00:01:00", "01:00:01:00-01:00:03:00", "01:00:03:00-01:00:05:00"], rows("V1").joined(separator: "\n"))
        XCTAssertTrue(rows("V1")[1].contains("broll.mp4"), rows("V1")[1])
        XCTAssertTrue(rows("A1")[1].contains("broll.mp4"), rows("A1")[1])
        let link = { (row: String) in row.components(separatedBy: " link ").last }
        XCTAssertEqual(link(rows("V1")[1]), link(rows("A1")[1]), "picture and sound stay linked")
        XCTAssertNotEqual(link(rows("V1")[1]), link(rows("V1")[0]))
        XCTAssertTrue(editor.timeline.validate().isEmpty, editor.timeline.validate().joined(separator: "; "))
        try editor.undo()
        XCTAssertEqual(editor.timeline, before, "one undo step")
        // Refusals leave everything as it was.
        for line in ["insert-sequence \"Sequence 1\"", "insert-sequence Nope", "open-sequence Nope", "new-sequence Scene2",
                     "duplicate-sequence Scene2"] {
            let project = editor.project
            let refused = editor.execute(line)
            XCTAssertTrue(refused.isError, line)
            XCTAssertEqual(editor.project, project, line)
        }
        run("duplicate-sequence")
        XCTAssertEqual(editor.project.otherSequences?.map(\.name), ["Scene2", "Sequence 1 copy"])
        // Saved and opened again: every sequence is there; dump lists the others.
        let url = folder.appendingPathComponent("seq.termcut")
        _ = try editor.save(to: url)
        editor.session?.release()
        let reopened = try Editor(opening: url, catalog: FakeCatalog.standard)
        XCTAssertEqual(reopened.project.sequences.map(\.name), ["Sequence 1", "Scene2", "Sequence 1 copy"])
        XCTAssertTrue(TimelineDump.text(reopened.project).contains("sequence Scene2 rate 30 duration 00:00:02:00 (not open)"))
    }

    func testTwoSequencesWithOneNameAreRefusedOnLoad() throws {
        var project = Project(name: "p", timeline: Timeline(name: "A"))
        project.otherSequences = [Timeline(name: "A")]
        XCTAssertEqual(project.checkAfterLoading().problem, "two sequences are named \"A\" (sequence names must be unique)")
        project.otherSequences = [Timeline(name: "B")]
        project.otherSequences![0].markIn = -5
        XCTAssertTrue(project.checkAfterLoading().problem?.hasPrefix("sequence \"B\": the sequence's mark in is -5") == true,
                      project.checkAfterLoading().problem ?? "no problem found")
    }
}
