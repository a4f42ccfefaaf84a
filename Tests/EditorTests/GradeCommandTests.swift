import Editor
import Foundation
import Interchange
import TimelineModel
import XCTest

/// The grade commands: each change one undo step, bad values and bad LUTs refused with the
/// project unchanged, copy/paste, bypass, and the journal replaying the same grades.
final class GradeCommandTests: EditorCommandTestCase {
    /// broll on V1 (with its sound on A1) and interview after it; the playhead on broll.
    func twoClips() -> (ClipID, ClipID) {
        run("""
            source broll
            mark-in 0
            mark-out 59
            insert
            source interview
            mark-in 0
            mark-out 59
            insert
            goto 10
            """)
        return (editor.timeline.clip(at: 10, track: 0)!.clip.id, editor.timeline.clip(at: 70, track: 0)!.clip.id)
    }

    func grade(_ id: ClipID) -> Grade? { editor.timeline.clip(id)?.clip.grade }

    func testGradeSetsNamedValuesAsOneUndoStepAndShowsInDump() {
        let (a, _) = twoClips()
        let result = editor.run("grade exposure=0.5 lift=0.01,0,-0.02 gain=1.1 saturation=1.2")
        XCTAssertFalse(result.isError, result.message)
        XCTAssertEqual(grade(a)?.exposure, 0.5)
        XCTAssertEqual(grade(a)?.lift, ChannelValues(red: 0.01, green: 0, blue: -0.02, master: 0))
        XCTAssertEqual(grade(a)?.gain.master, 1.1)
        XCTAssertEqual(grade(a)?.saturation, 1.2)
        XCTAssertTrue(TimelineDump.text(editor.project).contains("    grade exp +0.5 lift r+0.01 b-0.02 gain m1.1 sat 1.2"),
                      TimelineDump.text(editor.project))
        // A second change keeps what it does not name.
        editor.run("grade contrast=1.1")
        XCTAssertEqual(grade(a)?.exposure, 0.5)
        XCTAssertEqual(grade(a)?.contrast, 1.1)
        editor.run("undo")
        XCTAssertEqual(grade(a)?.contrast, 1)
        editor.run("undo")
        XCTAssertNil(grade(a))
    }

    func testBadValuesAreRefusedAndNothingChanges() {
        let (a, _) = twoClips()
        editor.run("grade gain=1.5")
        let before = editor.project
        for line in ["grade exposure=20", "grade gamma=0", "grade lift=1,2", "grade saturation=abc", "grade contrast=nan",
                     "grade-nudge gain q +0.1", "grade-nudge gain r", "grade-nudge exposure 1e308", "grade-bypass maybe"] {
            let result = editor.execute(line)
            XCTAssertTrue(result.isError, "\(line) should be refused")
            XCTAssertEqual(editor.project, before, line)
        }
        XCTAssertTrue(editor.execute("grade exposure=20").message.contains("exposure 20.0 is out of range (-8.0 to 8.0); nothing changed"))
        XCTAssertEqual(grade(a)?.gain.master, 1.5)
    }

    func testNudgeCopyPasteBypassAndReset() {
        let (a, b) = twoClips()
        editor.run("grade-nudge gain r +0.05")
        editor.run("grade-nudge gain r +0.05")
        editor.run("grade-nudge lift m -0.01")
        editor.run("grade-nudge saturation -0.25")
        XCTAssertEqual(grade(a)?.gain.red ?? 0, 1.1, accuracy: 1e-12)
        XCTAssertEqual(grade(a)?.lift.master, -0.01)
        XCTAssertEqual(grade(a)?.saturation, 0.75)
        XCTAssertFalse(editor.run("grade-copy").isError)
        XCTAssertFalse(editor.run("grade-paste \(b)").isError)
        XCTAssertEqual(grade(b), grade(a))
        editor.run("grade-bypass on \(b)")
        XCTAssertEqual(grade(b)?.bypass, true)
        XCTAssertFalse(grade(b)!.isActive)
        XCTAssertTrue(TimelineDump.text(editor.project).contains("grade BYPASS"))
        editor.run("grade-bypass toggle \(b)")
        XCTAssertEqual(grade(b)?.bypass, false)
        editor.run("grade-reset \(b)")
        XCTAssertNil(grade(b))
        XCTAssertNotNil(grade(a))
    }

    func testASoundClipStandsForItsPicture() {
        let (a, _) = twoClips()
        let sound = editor.timeline.clip(at: 10, track: 1)!.clip.id
        XCTAssertFalse(editor.run("grade gain=1.2 clip=\(sound)").isError)
        XCTAssertEqual(grade(a)?.gain.master, 1.2)
        XCTAssertNil(grade(sound))
    }

    func testLUTFromAFileAndBadLUTsNameTheLine() throws {
        let (a, _) = twoClips()
        let good = folder.appendingPathComponent("look.cube")
        try "TITLE \"t\"\nLUT_3D_SIZE 2\n0 0 0\n1 0 0\n0 1 0\n1 1 0\n0 0 1\n1 0 1\n0 1 1\n1 1 1\n".write(to: good, atomically: true, encoding: .utf8)
        XCTAssertFalse(editor.run("grade-lut \(good.path) trilinear").isError)
        XCTAssertEqual(grade(a)?.lut, GradeLUT(path: good.path, interpolation: .trilinear))
        let before = editor.project
        let bad = folder.appendingPathComponent("bad.cube")
        try "LUT_3D_SIZE 2\n0 0 0\n1 0 0\n0 1 0\n".write(to: bad, atomically: true, encoding: .utf8)
        let result = editor.execute("grade-lut \(bad.path)")
        XCTAssertTrue(result.isError)
        XCTAssertTrue(result.message.contains("\(bad.path):4: missing entries after this line: the size says 8, the file has 3"), result.message)
        XCTAssertEqual(editor.project, before)
        XCTAssertTrue(editor.execute("grade-lut /nonexistent/x.cube").message.contains("/nonexistent/x.cube: no such file"))
        editor.run("grade-lut none")
        XCTAssertNil(grade(a)?.lut)
    }

    /// Every grade command journals its result as absolute `grade-set` lines: a replay after a
    /// crash gives the same grades, whatever the clipboard or the values before a nudge were.
    func testJournalReplaysTheSameGrades() throws {
        let url = folder.appendingPathComponent("g.termcut")
        let cube = folder.appendingPathComponent("my look.cube")
        try "LUT_1D_SIZE 2\n0 0 0\n1 1 1\n".write(to: cube, atomically: true, encoding: .utf8)
        let expected: Project
        do {
            let (_, b) = twoClips()
            _ = try editor.save(to: url)
            for line in ["grade exposure=-0.25 temperature=0.3 tint=-0.1 contrast=1.2 pivot=0.4", "grade-nudge gamma b +0.1",
                         "grade-copy", "grade-paste \(b)", "grade-lut \"\(cube.path)\" trilinear \(b)", "grade-bypass on"] {
                let result = editor.run(line)
                XCTAssertFalse(result.isError, "\(line): \(result.message)")
            }
            expected = editor.project
            editor.session?.release()
            editor = nil
        }
        let reopened = try Editor(opening: url, catalog: FakeCatalog.standard)
        XCTAssertTrue(reopened.lastMessage.contains("recovered 5 commands"), reopened.lastMessage)
        XCTAssertEqual(reopened.project.timeline, expected.timeline)
        // And the saved file keeps them.
        _ = try reopened.save()
        XCTAssertEqual(try ProjectFile.read(url).project.timeline, expected.timeline)
    }
}
