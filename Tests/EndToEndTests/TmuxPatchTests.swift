import Foundation
import XCTest

/// The source-to-record patch with the keys, in the real editor under tmux: clip.mp4 fills
/// V1/A1 0–10 s (built headless). The source is loaded through the palette (the bins pane would
/// do as well), marked 1:00–1:29 with typed times and `i`/`o`; shift-alt-1 (alt-!) unpatches the
/// picture from V1, shift-alt-6 (alt-^) patches the sound to A2, and the header shows `▸` on A2
/// alone; at 2 s on the record side `b` overwrites. Worked by hand: V1 and A1 stay whole and A2
/// gets 2 s of gap then the 30 frames of sound, 2:00–3:00, from source 1:00–2:00.
final class TmuxPatchTests: TmuxTestCase {
    func testPatchTheSourceSoundToA2AndOverwrite() throws {
        let clip = try makeTenSecondClip()
        let project = home.appendingPathComponent("patch.termcut")
        try buildProject(project, script: """
            import \(clip.path)
            source clip.mp4
            append
            goto 0
            """)
        try openEditor(project)
        try waitFor("V1 and A1 patched") { $0.contains("V1 ▸") && $0.contains("A1 ▸") && !$0.contains("A2 ▸") }
        try send(":"); try type("source clip.mp4"); try send("Enter"); try waitFor("the source monitor") { $0.contains("SRC clip.mp4") }
        try type("100"); try send("Enter"); try waitFor("source at 1 s") { $0.contains("00:00:01:00") }
        try send("i"); try waitFor("the in mark") { $0.contains("[00:00:01:00–") }
        try type("129"); try send("Enter"); try waitFor("source at 1 s 29 f") { $0.contains("00:00:01:29") }
        try send("o"); try waitFor("the out mark") { $0.contains("00:00:01:00–00:00:01:29]") }
        try send("M-!"); try waitFor("picture unpatched") { $0.contains("patch: source picture → none, sound → A1") }
        try send("M-^"); try waitFor("sound to A2") { $0.contains("patch: source picture → none, sound → A2") }
        try waitFor("the header showing the patch on A2 alone") { $0.contains("A2 ▸") && !$0.contains("V1 ▸") && !$0.contains("A1 ▸") }
        try send("s"); try waitFor("the record monitor") { $0.contains("RECORD") && !$0.contains("SRC clip.mp4") }
        try type("200"); try send("Enter"); try waitFor("record at 2 s") { $0.contains("01:00:02:00") }
        try send("b"); try waitFor("the overwrite") { $0.contains("overwrote clip.mp4 00:00:01:00 at 01:00:02:00") }
        let dump = try saveQuitAndDump(project)
        func items(_ track: String) -> [String] {
            Self.trackItems(dump, track).map { $0[1] == "gap" ? "\($0[0]) gap" : "\($0[0]) \($0[2]) \($0[4])" }
        }
        XCTAssertEqual(items("V1"), ["01:00:00:00-01:00:10:00 clip.mp4 00:00:00:00-00:00:10:00"], dump)
        XCTAssertEqual(items("A1"), ["01:00:00:00-01:00:10:00 clip.mp4 00:00:00:00-00:00:10:00"], dump)
        XCTAssertEqual(items("A2"), ["01:00:00:00-01:00:02:00 gap", "01:00:02:00-01:00:03:00 clip.mp4 00:00:01:00-00:00:02:00"], dump)
    }
}
