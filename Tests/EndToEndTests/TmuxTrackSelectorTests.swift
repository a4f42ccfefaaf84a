import Foundation
import XCTest

/// Track selectors with the keys only, in the real editor under tmux: a clip on V1/A1 and
/// another patched over it on V2/A2 (built headless with `termcut run`); alt-2 and alt-6 light
/// V2 and A2 in the track header, `310` enter goes to 3 s 10 f (frame 100), `c` razors there, and `dump`
/// shows V2 and A2 cut while V1 and A1 are whole. Worked by hand: tone (10 s) fills 0–300,
/// the patched copy covers 60–180, so the cut at 100 leaves [60,100) and [100,180) on V2/A2.
final class TmuxTrackSelectorTests: TmuxTestCase {
    func testAltDigitsChooseTracksAndRazorCutsOnlyThose() throws {
        let clip = try makeTenSecondClip()
        let project = home.appendingPathComponent("tracks.termcut")
        try buildProject(project, script: """
            import \(clip.path)
            source clip.mp4
            append
            add-track video
            target video V2
            target audio A2
            source clip.mp4
            mark-in 0
            mark-out 119
            monitor record
            goto 60
            overwrite
            goto 0
            """)
        try openEditor(project)
        try send("M-2"); try waitFor("V2 chosen") { $0.contains("tracks: V2") }
        try send("M-6"); try waitFor("V2 and A2 chosen") { $0.contains("tracks: V2,A2") }
        try type("310"); try send("Enter"); try waitFor("frame 100 (3 s 10 f, typed as Avid keypad pairs)") { $0.contains("01:00:03:10") }
        try send("c"); try waitFor("the razor on V2 and A2 only") { $0.contains("razor V2,A2 at 01:00:03:10") }
        let dump = try saveQuitAndDump(project)
        func items(_ track: String) -> [String] { Self.trackItems(dump, track).map { String($0[0]) } }
        XCTAssertEqual(items("V1"), ["01:00:00:00-01:00:10:00"], dump)
        XCTAssertEqual(items("A1"), ["01:00:00:00-01:00:10:00"], dump)
        XCTAssertEqual(items("V2"), ["01:00:00:00-01:00:02:00", "01:00:02:00-01:00:03:10", "01:00:03:10-01:00:06:00"], dump)
        XCTAssertEqual(items("A2"), ["01:00:00:00-01:00:02:00", "01:00:02:00-01:00:03:10", "01:00:03:10-01:00:06:00"], dump)
    }
}
