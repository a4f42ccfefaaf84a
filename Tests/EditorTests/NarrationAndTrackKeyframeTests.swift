import Editor
import Foundation
import TimelineModel
import XCTest

/// Narration placed by `place-recording` (what record-voiceover and scratch-voiceover journal) and
/// track fader keyframes: one undoable edit each, written to the journal and replayed to the
/// same project, and bad values refused with the project unchanged.
final class NarrationAndTrackKeyframeTests: XCTestCase {
    var folder: URL!
    override func setUpWithError() throws { folder = try makeMediaFolder(["interview.mp4", "broll.mp4", "narration.wav"]) }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    var url: URL { folder.appendingPathComponent("p.termcut") }

    static let catalog = FakeCatalog(known: FakeCatalog.standard.known.merging([
        "narration.wav": FakeCatalog.media("narration.wav", seconds: 3, video: false, audio: true),
    ]) { $1 })

    func editor() throws -> Editor {
        let editor = Editor(project: Project(name: "t", bins: [Bin(name: "Media")]), catalog: Self.catalog)
        _ = try editor.save(to: url)
        editor.run("import \(folder.appendingPathComponent("broll.mp4").path)")
        editor.run("source broll.mp4")
        editor.run("insert")
        return editor
    }

    func narrationJSON(_ editor: Editor) throws -> String {
        var ref = try Self.catalog.probe(folder.appendingPathComponent("narration.wav"))
        ref = VoiceoverCommands.identified(ref, in: editor.project)
        ref.name = "SCRATCH VO \"hello\""
        return String(decoding: try JSONEncoder().encode(ref), as: UTF8.self)
    }

    func testPlacedNarrationIsOneUndoableEditAndReplaysFromTheJournal() throws {
        let editor = try editor()
        let before = editor.project
        let json = try narrationJSON(editor)
        let placed = editor.run("place-recording A2 30 45 Media \(CommandText.quote(json))")
        XCTAssertTrue(placed.message.contains("SCRATCH VO"), placed.message)
        let a2 = editor.timeline.trackIndex(named: "A2")!
        let clip = try XCTUnwrap(editor.timeline.clip(at: 30, track: a2))
        XCTAssertEqual(clip.record, FrameRange(start: 30, duration: 45))
        XCTAssertEqual(clip.clip.source.start, 0)
        XCTAssertEqual(clip.clip.name, "SCRATCH VO \"hello\"")
        XCTAssertEqual(editor.project.media.count, 2)
        let after = editor.project
        editor.run("undo")
        XCTAssertEqual(editor.project, before, "one undo takes the clip and the media away")
        editor.run("redo")
        XCTAssertEqual(editor.project, after)

        // A crash now: the journal brings the same project back.
        editor.session?.release()
        let reopened = try Editor(opening: url, catalog: Self.catalog)
        defer { reopened.session?.release() }
        XCTAssertEqual(reopened.project, after, reopened.lastMessage)
    }

    func testPlacedNarrationRefusesVideoTracksAndBadJSON() throws {
        let editor = try editor()
        let before = editor.project
        let json = try narrationJSON(editor)
        for (line, expected) in [("place-recording V1 0 0 Media \(CommandText.quote(json))", "audio track"),
                                 ("place-recording A9 0 0 Media \(CommandText.quote(json))", "no track named A9"),
                                 ("place-recording A2 -4 0 Media \(CommandText.quote(json))", "whole numbers"),
                                 ("place-recording A2 0 0 Media {nope", "not valid JSON")] {
            let outcome = editor.execute(line)
            XCTAssertTrue(outcome.isError, line)
            XCTAssertTrue(outcome.message.contains(expected), "\(line): \(outcome.message)")
            XCTAssertEqual(editor.project, before)
        }
        editor.session?.release()
    }

    func testTrackKeyframesAddMoveDeleteDumpUndoAndReplay() throws {
        let editor = try editor()
        editor.run("track-keyframe-add 0 00:00:00:10 linear A1")
        editor.run("track-keyframe-add -12 00:00:01:10 ease A1")
        let a1 = editor.timeline.trackIndex(named: "A1")!
        XCTAssertEqual(editor.timeline.tracks[a1].volumeKeyframes,
                       [VolumeKeyframe(frame: 10, gainDB: 0), VolumeKeyframe(frame: 40, gainDB: -12, curve: .ease)])
        XCTAssertTrue(TimelineDump.text(editor.project).contains("  track-keyframe 01:00:01:10 -12dB ease"),
                      TimelineDump.text(editor.project))
        editor.run("track-keyframe-move 00:00:01:10 00:00:02:00 -9 A1")
        XCTAssertEqual(editor.timeline.tracks[a1].volumeKeyframes.last, VolumeKeyframe(frame: 60, gainDB: -9, curve: .ease))
        editor.run("track-keyframe-delete 00:00:00:10 A1")
        XCTAssertEqual(editor.timeline.tracks[a1].volumeKeyframes.count, 1)
        editor.run("undo")
        XCTAssertEqual(editor.timeline.tracks[a1].volumeKeyframes.count, 2)
        let after = editor.project
        // Saved form and journal replay both give them back.
        let decoded = try JSONDecoder().decode(Project.self, from: try JSONEncoder().encode(after))
        XCTAssertEqual(decoded.timeline.tracks[a1].volumeKeyframes, after.timeline.tracks[a1].volumeKeyframes)
        editor.session?.release()
        let reopened = try Editor(opening: url, catalog: Self.catalog)
        defer { reopened.session?.release() }
        XCTAssertEqual(reopened.project, after, reopened.lastMessage)
    }

    /// The issue's bad input on track keyframes: NaN and 10⁹ dB, a keyframe off the sequence,
    /// a track that does not exist, a picture track. A clear error, the project unchanged.
    func testBadTrackKeyframesAreRefusedAndChangeNothing() throws {
        let editor = try editor()
        editor.run("track-keyframe-add -6 00:00:00:10 linear A1")
        let before = editor.project
        for (line, expected) in [("track-keyframe-add nan 00:00:00:10 linear A1", "is not a level in dB"),
                                 ("track-keyframe-add 1e9 00:00:00:10 linear A1", "out of range"),
                                 ("track-keyframe-add -6 00:10:00:00 linear A1", "outside A1"),
                                 ("track-keyframe-add -6 00:00:00:10 linear A9", "no track named A9"),
                                 ("track-keyframe-add -6 00:00:00:10 linear V1", "not an audio track"),
                                 ("track-keyframe-move 00:00:00:10 00:10:00:00 A1", "outside A1"),
                                 ("track-keyframe-delete 00:00:00:20 A1", "no volume keyframe at frame 20")] {
            let outcome = editor.execute(line)
            XCTAssertTrue(outcome.isError, line)
            XCTAssertTrue(outcome.message.contains(expected), "\(line): \(outcome.message)")
            XCTAssertEqual(editor.project, before, line)
        }
        editor.session?.release()
    }
}
