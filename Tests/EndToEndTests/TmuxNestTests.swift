import Foundation
import XCTest

/// A nested sequence in the real editor under tmux: a second sequence is made and cut in with the
/// keys (source marks typed as times, `i`, `o`, `v`), then nested into the first at 1 s as one
/// clip. The sequence commands have no keys of their own, so they go through the palette.
/// Worked by hand: Sequence 1 holds clip.mp4 0–10 s on V1/A1; Scene2 gets clip.mp4 1:00–2:00
/// (30 frames); nesting it at 1 s cuts V1 and puts Scene2 between the parts, and A1 (sync-locked)
/// opens a gap of the same length, so both tracks end at 11 s.
final class TmuxNestTests: TmuxTestCase {
    func testMakeASecondSequenceCutInItAndNestItIntoTheFirst() throws {
        let clip = try makeTenSecondClip()
        let project = home.appendingPathComponent("nest.termcut")
        try buildProject(project, script: """
            import \(clip.path)
            source clip.mp4
            append
            goto 0
            """)
        try openEditor(project)
        func palette(_ line: String, until what: String) throws {
            try send(":"); try type(line); try send("Enter")
            try waitFor(what) { $0.contains(what) }
        }
        try palette("new-sequence Scene2", until: "Scene2")
        try palette("source clip.mp4", until: "SOURCE")
        try type("100"); try send("Enter"); try waitFor("source at 1 s") { $0.contains("00:00:01:00") }
        try send("i"); try waitFor("the in mark") { $0.contains("in 00:00:01:00") }
        try type("129"); try send("Enter"); try waitFor("source at 1 s 29 f") { $0.contains("00:00:01:29") }
        try send("o"); try waitFor("the out mark") { $0.contains("out 00:00:01:29") }
        try send("v"); try waitFor("the insert into Scene2") { $0.contains("insert") && $0.contains("RECORD") }
        try palette("open-sequence \"Sequence 1\"", until: "opened sequence")
        try type("100"); try send("Enter"); try waitFor("record at 1 s") { $0.contains("01:00:01:00") }
        try palette("nest-sequence Scene2", until: "nested Scene2")
        let dump = try saveQuitAndDump(project)
        // Each item without its clip id and link (ids depend on the order of allocation, not on the edit).
        func items(_ track: String) -> [String] {
            Self.trackItems(dump, track).map { words in
                words.filter { !($0.first == "c" && $0.dropFirst().allSatisfy(\.isNumber)) }.joined(separator: " ")
                    .components(separatedBy: " link ")[0]
            }
        }
        XCTAssertEqual(items("V1"), [
            "01:00:00:00-01:00:01:00 clip.mp4 src 00:00:00:00-00:00:01:00",
            "01:00:01:00-01:00:02:00 Scene2 src 00:00:00:00-00:00:01:00 sequence Scene2",
            "01:00:02:00-01:00:11:00 clip.mp4 src 00:00:01:00-00:00:10:00",
        ], dump)
        XCTAssertEqual(items("A1"), [
            "01:00:00:00-01:00:01:00 clip.mp4 src 00:00:00:00-00:00:01:00",
            "01:00:01:00-01:00:02:00 gap",
            "01:00:02:00-01:00:11:00 clip.mp4 src 00:00:01:00-00:00:10:00",
        ], dump)
        XCTAssertTrue(dump.contains("sequence Scene2 rate 30 duration 00:00:01:00 (not open)"), dump)
    }
}
