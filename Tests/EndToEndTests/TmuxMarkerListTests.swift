import Foundation
import XCTest

/// The marker list in the real editor under tmux, keys only: alt-m lists the markers, down and
/// enter jump to the second, alt-m again, `r` renames it in place, enter keeps the name; the
/// saved project's `dump` has the new name and the playhead went to the marker's timecode.
final class TmuxMarkerListTests: TmuxTestCase {
    func testJumpToAMarkerAndRenameItFromTheList() throws {
        let clip = home.appendingPathComponent("clip.mp4")
        let ffmpeg = try MediaCLIHarness.tool("ffmpeg", ["-nostdin", "-v", "error", "-f", "lavfi", "-i", "testsrc2=s=320x240:r=25:d=8",
                                              "-c:v", "libx264", "-pix_fmt", "yuv420p", clip.path])
        XCTAssertEqual(ffmpeg.status, 0, "ffmpeg (scripts/install-deps.sh --test): \(ffmpeg.standardError)")
        let project = home.appendingPathComponent("m.termcut")
        try buildProject(project, script: """
            import \(clip.path)
            source clip.mp4
            append
            add-marker intro at=f25 note="the first line"
            add-marker "hand off" at=f130 color=green
            goto 0
            """)
        try openEditor(project)
        try send("M-m")
        let list = try waitFor("the marker list") { $0.contains("Markers · 2") }
        XCTAssertTrue(list.contains("intro") && list.contains("the first line") && list.contains("green"), list)
        try send("Down"); try send("Enter")
        try waitFor("the playhead on hand off (frame 130 = 5 s 5 f at 25 fps)") { $0.contains(" 01:00:05:05 ") && !$0.contains("Markers · 2") }
        try send("M-m"); try waitFor("the list again") { $0.contains("Markers · 2") }
        try send("r"); try send("BSpace"); try send("BSpace"); try send("BSpace")
        try type("over"); try send("Enter")
        try waitFor("the rename") { $0.contains("hand over") }
        try send("Escape")
        let dump = try saveQuitAndDump(project)
        let markers = dump.split(separator: "\n").filter { $0.hasPrefix("marker ") }
        XCTAssertEqual(markers.count, 2, dump)
        XCTAssertTrue(markers.contains { $0.hasPrefix("marker 01:00:05:05 green \"hand over\"") }, dump)
        XCTAssertTrue(markers.contains { $0.hasPrefix("marker 01:00:01:00 red intro") }, dump)
    }
}
