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

/// A sequence edited into another as ONE clip (a nested sequence): trims and razor work on it as
/// on any clip; a sequence that would end up inside itself is refused; it survives save and open.
final class NestSequenceTests: EditorCommandTestCase {
    func testNestARazorAndRefuseACycle() throws {
        // Sequence 1: broll 0–60 on V1/A1. Scene2: interview 0–30.
        run("""
            source broll
            mark-in 0
            mark-out 59
            append
            new-sequence Scene2
            source interview
            mark-in 0
            mark-out 29
            append
            open-sequence "Sequence 1"
            goto 30
            """)
        let before = editor.project
        run("nest-sequence Scene2")
        // Worked out by hand: broll cut at 30, Scene2's 30 frames as one clip, broll's rest after
        // it; A1 (sync-locked) opens a gap of the same length.
        XCTAssertEqual(rows("V1"), [
            "01:00:00:00-01:00:01:00 broll.mp4 src 00:00:00:00-00:00:01:00 link L3",
            "01:00:01:00-01:00:02:00 Scene2 src 00:00:00:00-00:00:01:00 sequence Scene2",
            // c4 is the nested clip; the right parts of the split get c5 (V1) and c6 (A1), linked anew as L7.
            "01:00:02:00-01:00:03:00 broll.mp4 src 00:00:01:00-00:00:02:00 link L7",
        ], rows("V1").joined(separator: "\n"))
        XCTAssertEqual(rows("A1").map { String($0.prefix(27)) }, ["01:00:00:00-01:00:01:00 bro", "01:00:01:00-01:00:02:00 gap",
                                                                   "01:00:02:00-01:00:03:00 bro"], rows("A1").joined(separator: "\n"))
        XCTAssertEqual(editor.context.playhead, 60, "the playhead goes past what was put in, as insert does")
        XCTAssertTrue(editor.timeline.validate().isEmpty, editor.timeline.validate().joined(separator: "; "))

        // Razor through the nested clip: two clips, each showing its part of Scene2.
        run("goto 45\nselect-tracks V1\nrazor")
        XCTAssertEqual(Array(rows("V1")[1...2]), [
            "01:00:01:00-01:00:01:15 Scene2 src 00:00:00:00-00:00:00:15 sequence Scene2",
            "01:00:01:15-01:00:02:00 Scene2 src 00:00:00:15-00:00:01:00 sequence Scene2",
        ], rows("V1").joined(separator: "\n"))

        // Saved and opened again, the nested clips are there.
        let url = folder.appendingPathComponent("nest.termcut")
        _ = try editor.save(to: url)
        let edited = editor.project
        editor.session?.release()
        let reopened = try Editor(opening: url, catalog: FakeCatalog.standard)
        XCTAssertEqual(reopened.project.timeline, edited.timeline)
        reopened.session?.release()

        // Cycles: Scene2 cannot hold Sequence 1, which holds Scene2; nor itself.
        run("open-sequence Scene2")
        for (line, message) in [("nest-sequence \"Sequence 1\"", "nest-sequence: \"Sequence 1\" would contain itself: Scene2 → \"Sequence 1\" → Scene2"),
                                ("nest-sequence Scene2", "nest-sequence: a sequence cannot be nested in itself"),
                                ("nest-sequence Nope", "nest-sequence: no sequence named Nope (sequences lists them)")] {
            let project = editor.project
            let refused = editor.execute(line)
            XCTAssertTrue(refused.isError, line)
            XCTAssertEqual(refused.message, message)
            XCTAssertEqual(editor.project, project, line)
        }
        // Undo back to before the nest (razor, then the nest; the switches between sequences too).
        while editor.project != before, (try? editor.undo()) != nil {}
        XCTAssertEqual(editor.project.sequence(named: "Sequence 1"), before.timeline)
    }

    func testOpenNestedGoesToTheFrameTheNestShows() throws {
        // Sequence 1: broll 0–60; Scene2 (interview 0–30) nested at 30, trimmed to start at its frame 10.
        run("""
            source broll
            mark-in 0
            mark-out 59
            append
            new-sequence Scene2
            source interview
            mark-in 0
            mark-out 29
            append
            open-sequence "Sequence 1"
            goto 60
            nest-sequence Scene2
            """)
        guard let (nest, record) = editor.timeline.clip(at: 60, track: 0) else { return XCTFail("no nested clip") }
        var trimmed = editor.project
        if case .clip(var clip) = trimmed.timeline.tracks[0].items[1] {
            clip.source = FrameRange(start: 10, duration: 20)
            trimmed.timeline.tracks[0].items[1] = .clip(clip)
        }
        editor.setProject(trimmed)
        XCTAssertEqual(nest.sequence, "Scene2")
        XCTAssertEqual(record.start, 60)
        let before = editor.project
        // On the nest, match frame has no media to load: it says so and changes nothing.
        run("goto 65")
        let source = editor.context.source?.media
        let refused = editor.execute("match-frame")
        XCTAssertTrue(refused.isError)
        XCTAssertEqual(refused.message, "match-frame: Scene2 is a nested sequence with no media of its own: open-nested opens it at frame 15")
        XCTAssertEqual(editor.context.source?.media, source, "the source monitor keeps what it had")
        // open-nested opens Scene2 with the playhead on the frame the nest showed (10 + 5).
        let opened = editor.execute("open-nested")
        XCTAssertFalse(opened.isError, opened.message)
        XCTAssertEqual(editor.timeline.name, "Scene2")
        XCTAssertEqual(editor.context.playhead, 15)
        XCTAssertEqual(opened.message, "opened sequence Scene2 at 01:00:00:15")
        // Off the nest there is nothing to open; undo goes back to the outer sequence.
        run("goto 0")
        XCTAssertTrue(editor.execute("open-nested").isError)
        try editor.undo()
        XCTAssertEqual(editor.project, before)
    }

    func testNestingPathFindsCyclesThroughSeveralLevels() {
        var a = Timeline(name: "A"), b = Timeline(name: "B"), c = Timeline(name: "C")
        for (outer, inner) in [(0, "B"), (1, "C")] {
            var clip = Clip(id: ClipID(1), name: inner, media: Clip.sequenceMedia, source: FrameRange(start: 0, duration: 10), available: 10)
            clip.sequence = inner
            if outer == 0 { a.tracks[0].items = ItemList([.clip(clip)]) } else { b.tracks[0].items = ItemList([.clip(clip)]) }
        }
        var project = Project(name: "p", timeline: c)
        project.otherSequences = [a, b]
        // A holds B, B holds C: nesting A into C closes the loop C → A → B → C.
        XCTAssertEqual(project.nestingPath(from: "A", to: "C"), ["A", "B", "C"])
        XCTAssertNil(project.nestingPath(from: "C", to: "A"), "C holds nothing: A may hold C")
        XCTAssertEqual(project.nestingPath(from: "C", to: "C"), ["C"])
        XCTAssertEqual(a.nestedSequenceNames, ["B"])
        _ = c
    }
}
