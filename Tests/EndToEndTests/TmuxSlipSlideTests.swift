import Foundation
import XCTest

/// Slip and slide from trim mode with the keys only, in the real editor under tmux: clip.mp4
/// 0:00–4:00, 6:00–8:00 and 2:00–4:00 on V1/A1 (built headless), the playhead in the middle
/// clip. `t` enters trim mode at the nearest edit (4:00, the middle clip's head), `<` twice slips
/// that clip 2 frames earlier in its media, ctrl-→ slides it a frame later.
final class TmuxSlipSlideTests: TmuxTestCase {
    /// Worked by hand: the slip changes only the middle clip's source (6:00–7:29 → 5:28–7:27);
    /// the slide keeps its source and moves it to 4:01, the first clip gaining a frame at its
    /// tail (to 4:00 inclusive, 4:01 exclusive) and the last losing one at its head (2:00 → 2:01).
    /// Linked sound follows on A1; the sequence keeps its length.
    func testSlipThenSlideInTrimMode() throws {
        let clip = try makeTenSecondClip()
        let project = home.appendingPathComponent("slip.termcut")
        try buildProject(project, script: """
            import \(clip.path)
            source clip.mp4
            mark-in 0
            mark-out 119
            append
            source clip.mp4
            mark-in 00:00:06:00
            mark-out 00:00:07:29
            append
            source clip.mp4
            mark-in 00:00:02:00
            mark-out 00:00:03:29
            append
            goto 150
            """)
        try openEditor(project)
        try send("t"); try waitFor("trim mode at the middle clip's head") { $0.contains("trim roll at 01:00:04:00 on V1,A1") }
        try send("<"); try waitFor("a slip") { $0.contains("slip c4 (-1f)") }
        try send("<")
        try send("C-Right"); try waitFor("the slide") { $0.contains("slide c4 (+1f)") }
        try send("Escape"); try waitFor("trim mode off") { $0.contains("trim mode off") }
        let dump = try saveQuitAndDump(project)
        let expected = ["01:00:00:00-01:00:04:01 00:00:00:00-00:00:04:01", "01:00:04:01-01:00:06:01 00:00:05:28-00:00:07:28",
                        "01:00:06:01-01:00:08:00 00:00:02:01-00:00:04:00"]
        for track in ["V1", "A1"] {
            XCTAssertEqual(Self.trackItems(dump, track).map { "\($0[0]) \($0[4])" }, expected, "\(track)\n\(dump)")
        }
    }
}
