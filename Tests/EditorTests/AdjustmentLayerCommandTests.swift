import Editor
import Foundation
import TimelineModel
import XCTest

/// `adjustment-add`: a layer with no picture on a video track above the picture, graded with
/// the grade commands, in the dump, through OpenTimelineIO and back, left out of an EDL with a
/// note; bad input refused with the project unchanged.
final class AdjustmentLayerCommandTests: EditorCommandTestCase {
    func testAddGradeDumpAndOTIORoundTrip() throws {
        run("""
            source interview
            mark-in 0
            mark-out 89
            insert
            goto 30
            adjustment-add 20
            grade gain=1.2 saturation=0.8
            """)
        let v2 = rows("V2").filter { !$0.hasPrefix("grade") }
        XCTAssertEqual(v2.count, 2, "\(v2)")   // a gap, then the layer
        let row = v2.last ?? ""
        XCTAssertTrue(row.hasPrefix("01:00:01:00-01:00:01:20 ") && row.contains("Adjustment Layer") && row.hasSuffix(" adjustment"), row)
        let layer = try XCTUnwrap(editor.timeline.clip(at: 30, track: editor.timeline.videoTracks[1])?.clip)
        XCTAssertTrue(layer.isAdjustmentLayer)
        XCTAssertEqual(layer.grade?.gain.master, 1.2, "the grade went to the new layer (it is selected)")
        XCTAssertNil(editor.timeline.clip(at: 30, track: editor.timeline.videoTracks[0])?.clip.grade, "the clip below keeps no grade of its own")
        XCTAssertTrue(TimelineDump.text(editor.project).contains("    grade gain m1.2 sat 0.8"), TimelineDump.text(editor.project))

        let file = folder.appendingPathComponent("adjusted.otio")
        XCTAssertFalse(editor.run("export-otio \(file.path)").isError)
        XCTAssertTrue(try String(contentsOf: file, encoding: .utf8).contains("termcut.AdjustmentLayer"))
        let other = Editor(project: Project(name: "u"), catalog: FakeCatalog.standard)
        XCTAssertFalse(other.run("import-otio \(file.path)").isError)
        let back = try XCTUnwrap(other.timeline.videoTracks.count > 1 ? other.timeline.clip(at: 30, track: other.timeline.videoTracks[1])?.clip : nil)
        XCTAssertTrue(back.isAdjustmentLayer, "read back as an adjustment layer")
        XCTAssertEqual(back.grade, layer.grade)
        XCTAssertEqual(back.duration, 20)

        let edl = folder.appendingPathComponent("v2.edl")
        let written = editor.execute("export-edl \(edl.path) V2")
        XCTAssertTrue(written.message.contains("adjustment layer") && written.message.contains("CMX 3600 has no adjustment layers"), written.message)
        XCTAssertFalse(try String(contentsOf: edl, encoding: .utf8).contains("AX"), "the layer is not written as an event")
    }

    func testBadInputLeavesTheProjectUnchanged() {
        run("source interview\nmark-in 0\nmark-out 89\ninsert\ngoto 10")
        let before = TimelineDump.text(editor.project)
        for line in ["adjustment-add 0", "adjustment-add 10 A1", "adjustment-add ten"] {
            let result = editor.execute(line)
            XCTAssertTrue(result.isError, line)
            XCTAssertEqual(TimelineDump.text(editor.project), before, line)
        }
    }
}
