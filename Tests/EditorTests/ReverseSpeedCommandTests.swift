import Editor
import Foundation
import Interchange
import TimelineModel
import XCTest

/// `speed -100` and other reverse speeds through command lines (broll: 600 frames at 30 fps).
final class ReverseSpeedCommandTests: EditorCommandTestCase {
    func testReverseShowsTheSameRangeBackwardsInDumpAndUndoes() throws {
        insertBrollCut()
        let id = editor.timeline.clip(at: 10, track: 0)!.clip.id
        XCTAssertEqual(editor.run("speed -100").message, "speed \(id) -100%")
        // Frames 159 down to 100: src gives the span forwards, the negative speed the direction.
        XCTAssertEqual(v1Rows(), ["01:00:00:00-01:00:02:00 broll.mp4 src 00:00:03:10-00:00:05:10 speed -100%"])
        let clip = try XCTUnwrap(editor.timeline.clip(id)?.clip)
        XCTAssertEqual(clip.mediaFrame(atUnit: clip.source.start), 159)
        XCTAssertEqual(clip.mediaFrame(atUnit: clip.source.end - 1), 100)
        XCTAssertEqual(clip.speed?.reversedFrom, 599)
        XCTAssertEqual(editor.timeline.validate(), [])
        // Project file form: the mirror frame is stored and read back.
        let data = try JSONEncoder().encode(clip)
        XCTAssertEqual(try JSONDecoder().decode(Clip.self, from: data), clip)
        // And the whole project file: a reverse speed's scalar is negative, which the file's
        // range check once refused, so a saved project with a reversed clip could not be opened.
        let data2 = ProjectFile.encode(editor.project, saveID: nil, folder: nil)
        XCTAssertEqual(try ProjectFile.decode(data2, path: "reverse.termcut", folder: nil).project.timeline, editor.timeline)
        // −50% from there: the last frame shown (159) stays first.
        editor.run("speed -50")
        let slow = try XCTUnwrap(editor.timeline.clip(id)?.clip)
        XCTAssertEqual(slow.mediaFrame(atUnit: slow.source.start), 159)
        XCTAssertEqual(slow.mediaFrame(atUnit: slow.source.end - 1), 130)
        // Forward again: from the lowest frame the reverse showed (130), 60 frames on.
        editor.run("speed 100")
        XCTAssertEqual(v1Rows(), ["01:00:00:00-01:00:02:00 broll.mp4 src 00:00:04:10-00:00:06:10"])
        XCTAssertEqual(editor.run("undo").message, "undo: speed \(id) 100%")
        XCTAssertEqual(editor.run("undo").message, "undo: speed \(id) -50%")
        XCTAssertTrue(editor.execute("speed -0").isError)
    }

    func testLinkedSoundChangesSpeedWithItsPicture() throws {
        insertBrollCut()
        let picture = try XCTUnwrap(editor.timeline.clip(at: 10, track: 0)?.clip)
        let sound = try XCTUnwrap(editor.timeline.linkedClips(of: picture.id).first { $0.clip.id != picture.id }?.clip,
                                  "broll's sound is linked to its picture")
        let before = editor.timeline
        editor.run("speed -100")
        // As Premiere's Speed/Duration on a linked clip: both play backwards over the same frames.
        for id in [picture.id, sound.id] {
            let clip = try XCTUnwrap(editor.timeline.clip(id)?.clip)
            XCTAssertEqual(clip.speed?.reversedFrom, 599, "\(id)")
            XCTAssertEqual(clip.mediaFrame(atUnit: clip.source.start), 159, "\(id)")
        }
        editor.run("undo")
        XCTAssertEqual(editor.timeline, before, "one undo step for the pair")
    }
}
