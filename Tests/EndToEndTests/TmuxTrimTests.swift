import Foundation
import XCTest

/// Trim mode with the keys only, in the real editor under tmux, on a two-track edit: clip.mp4
/// 0:00–4:00 then 6:00–10:00 on V1/A1 (built headless), the cut at 4 s (frame 120).
final class TmuxTrimTests: TmuxTestCase {
    func makeEdit() throws -> URL {
        let clip = try makeTenSecondClip()
        let project = home.appendingPathComponent("trim.termcut")
        try buildProject(project, script: """
            import \(clip.path)
            source clip.mp4
            mark-in 0
            mark-out 119
            append
            source clip.mp4
            mark-in 00:00:06:00
            mark-out 00:00:09:29
            append
            goto 120
            """)
        return project
    }

    /// Each item as "record source" (clip ids and links left out).
    func items(_ dump: String, _ track: String) -> [String] {
        Self.trackItems(dump, track).map { words in
            words[1] == "gap" ? "\(words[0]) gap" : "\(words[0]) \(words[4])"
        }
    }

    /// `t` enters trim mode on V1 and A1 (roll); `a` puts both on their A side and alt-5 moves A1
    /// on to its B side; `]` twice trims +2. Worked by hand: V1's outgoing clip gains 2 frames (its cut
    /// moves to 4:02) and A1's incoming clip gains 2 frames at its head (from 5:28), so both tracks
    /// are 2 frames longer and stay in sync: a split edit.
    func testAsymmetricTrimOnATwoTrackEdit() throws {
        let project = try makeEdit()
        try openEditor(project)
        try send("t"); try waitFor("trim mode") { $0.contains("trim roll at 01:00:04:00 on V1,A1") }
        try send("a"); try waitFor("A side") { $0.contains("trim side: A (outgoing)") }
        try send("M-5"); try waitFor("A1 on its B side") { $0.contains("V1 A, A1 B") }
        try send("]"); try waitFor("the first frame") { $0.contains("asymmetric trim V1,A1 +1f") }
        try send("]"); try waitFor("the second frame") { $0.contains("01:00:04:02") }
        try send("Escape"); try waitFor("trim mode off") { $0.contains("trim mode off") }
        let dump = try saveQuitAndDump(project)
        XCTAssertEqual(items(dump, "V1"), ["01:00:00:00-01:00:04:02 00:00:00:00-00:00:04:02", "01:00:04:02-01:00:08:02 00:00:06:00-00:00:10:00"], dump)
        XCTAssertEqual(items(dump, "A1"), ["01:00:00:00-01:00:04:00 00:00:00:00-00:00:04:00", "01:00:04:00-01:00:08:02 00:00:05:28-00:00:10:00"], dump)
    }

    /// `t`, `a` (A side on both tracks), alt-5 three times takes A1 through B and roll to off (V1
    /// alone), `(` three times: an overwrite
    /// trim of V1's outgoing clip by −3. Worked by hand: it ends 3 frames sooner and leaves 3 frames
    /// of gap; nothing moves, so V1 and A1 still end at 8:00 and A1 is untouched.
    func testOverwriteTrimLeavesGapAndMovesNothing() throws {
        let project = try makeEdit()
        try openEditor(project)
        try send("t"); try waitFor("trim mode") { $0.contains("trim roll at 01:00:04:00 on V1,A1") }
        try send("a"); try waitFor("A side") { $0.contains("trim side: A (outgoing)") }
        try send("M-5"); try waitFor("A1 on B") { $0.contains("V1 A, A1 B") }
        try send("M-5"); try waitFor("A1 rolling") { $0.contains("V1 A, A1 roll") }
        try send("M-5"); try waitFor("A1 taken out") { $0.contains("trim at 01:00:04:00: V1 A") && !$0.contains("V1 A, A1") }
        try send("("); try waitFor("the first frame") { $0.contains("overwrite trim V1 -1f") }
        try send("(", "(")
        try waitFor("the third frame") { $0.contains("01:00:03:27") }
        try send("Escape"); try waitFor("trim mode off") { $0.contains("trim mode off") }
        let dump = try saveQuitAndDump(project)
        XCTAssertEqual(items(dump, "V1"), ["01:00:00:00-01:00:03:27 00:00:00:00-00:00:03:27", "01:00:03:27-01:00:04:00 gap",
                                          "01:00:04:00-01:00:08:00 00:00:06:00-00:00:10:00"], dump)
        XCTAssertEqual(items(dump, "A1"), ["01:00:00:00-01:00:04:00 00:00:00:00-00:00:04:00", "01:00:04:00-01:00:08:00 00:00:06:00-00:00:10:00"], dump)
    }
}
