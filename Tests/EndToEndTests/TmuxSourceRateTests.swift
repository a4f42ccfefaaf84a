import Foundation
import XCTest

/// A 25 fps clip (made here by ffmpeg) in a 30 fps sequence, with the keys, in the real binary
/// under tmux: the source monitor steps one 25 fps frame per key, the status bar and the message
/// line show 25 fps source timecode, marks and insert keep it, and `termcut dump` shows it.
///
/// Worked by hand. The sequence is set to 30 fps first (`sequence-settings rate=30`), so the
/// clip's first frame does not set it. Sequence frame f shows media frame floor(f × 25/30); one
/// step goes to the next media frame m, at sequence frame ceil(1.2 m).
/// - 5 × Right: m = 5 → "source 00:00:00:05" (the 30 fps count would have said 00:00:00:05 for
///   sequence frame 5, which shows m = 4: here the position is sequence frame 6).
/// - i: in at m = 5 (sequence frame 6).
/// - 24 × Right: m = 29 → "source 00:00:01:04" (29 = 1 s + 4 frames at 25; 30 fps counting
///   would say 00:00:01:05 at sequence frame 35, and frame 29 of a 30 fps count, 00:00:00:29,
///   does not exist at 25).
/// - o: out at m = 29 inclusive: the last sequence frame showing it, ceil(1.2 × 30) − 1 = 35.
/// - , (insert): sequence frames 6…35 = 30 frames = 1 s at record 01:00:00:00–01:00:01:00,
///   showing media frames floor(6 × 25/30) = 5 … floor(35 × 25/30) = 29: source
///   00:00:00:05–00:00:01:05 (out exclusive: 30 = 1 s 5 f), marked `@25`.
final class TmuxSourceRateTests: TmuxTestCase {
    func testA25FpsClipStepsMarksAndInsertsIn25FpsTimecodeInA30FpsSequence() throws {
        let folder = try MediaCLIHarness.temporaryFolder(self)
        let clip = folder.appendingPathComponent("pal25.mp4")
        let made = try MediaCLIHarness.tool("ffmpeg", ["-v", "error", "-y", "-f", "lavfi", "-i", "testsrc2=s=320x240:r=25:d=4",
                                                       "-c:v", "libx264", "-preset", "ultrafast", "-g", "12", "-pix_fmt", "yuv420p", clip.path])
        XCTAssertEqual(made.status, 0, "ffmpeg is needed to make the clip: \(made.standardError)")
        guard made.status == 0 else { return }

        let project = home.appendingPathComponent("p.termcut")
        try startShell()
        try type("'\(MediaCLIHarness.binary.path)' open --keymap default --no-mouse '\(project.path)'; echo TERMCUT-EXIT=$?")
        try send("Enter")
        try waitFor("the editor") { $0.contains("Timeline") && $0.contains("NORMAL") }
        try type(":sequence-settings rate=30")
        try send("Enter")
        try waitFor("the settings") { $0.contains("sequence settings: 30 fps") }
        try type(":import \(clip.path)")
        try send("Enter")
        try waitFor("the import") { $0.contains("imported 1 file into Media") }
        try send("Tab")
        try waitFor("the bins") { $0.contains("BINS") }
        try send("Down")
        Thread.sleep(forTimeInterval: 0.1)
        try send("Enter")
        try waitFor("the source") { $0.contains("source: pal25.mp4") }

        // One key, one 25 fps frame: message and status bar agree after every step.
        for m in 1...5 {
            try send("Right")
            let tc = String(format: "00:00:00:%02d", m)
            let seen = try waitFor("step to \(tc)") { $0.contains("source \(tc)") && $0.contains("@\(tc)") }
            XCTAssertTrue(seen.contains("SRC pal25.mp4"), seen)
        }
        try send("i")
        try waitFor("mark in") { $0.contains("source in 00:00:00:05") }
        for m in 6...29 {
            try send("Right")
            let tc = String(format: "00:00:%02d:%02d", m / 25, m % 25)
            try waitFor("step to \(tc)") { $0.contains("source \(tc)") }
        }
        let atOut = try waitFor("the status bar at 00:00:01:04") { $0.contains("@00:00:01:04") }
        XCTAssertFalse(atOut.contains(":25") || atOut.contains(":29"), "no 30 fps source timecode: \(atOut)")
        try send("o")
        try waitFor("mark out") { $0.contains("source out 00:00:01:04") && $0.contains("[00:00:00:05–00:00:01:04]") }
        try send(",")
        try waitFor("the insert") { $0.contains("inserted pal25.mp4") }
        try send("C-s")
        try waitFor("the save") { $0.contains("saved p.termcut") }
        try send("q")
        let after = try waitFor("the shell after quitting") { Self.exitStatus(in: $0) != nil }
        XCTAssertEqual(Self.exitStatus(in: after), "0", after)

        let dump = try MediaCLIHarness.run(["dump", project.path])
        XCTAssertEqual(dump.status, 0, dump.standardError)
        let lines = dump.standardOutput.split(separator: "\n").map(String.init)
        XCTAssertTrue(lines.first?.contains("rate 30 ") == true, dump.standardOutput)
        let v1 = lines.drop { $0 != "V1" }.dropFirst().prefix { $0.hasPrefix("  ") }
            .map { line -> String in
                let words = line.split(separator: " ")
                return ([words[0]] + words[2...]).joined(separator: " ")
            }
        XCTAssertEqual(v1, ["01:00:00:00-01:00:01:00 pal25.mp4 src 00:00:00:05-00:00:01:05 @25"], dump.standardOutput)
    }
}
