import Foundation
import XCTest

/// The mixer pane in the real editor under tmux: `X` shows a strip per audio track, alt-pageup
/// raises the selected fader by 3 dB, and `measure-loudness` then reports a programme 3 LU louder.
final class TmuxMixerTests: TmuxTestCase {
    /// The integrated loudness in the last "timeline: I −20.0 LUFS" message on the screen.
    static func integrated(_ screen: String) -> Double? {
        guard let line = screen.split(separator: "\n").last(where: { $0.contains("timeline: I ") }),
              let range = line.range(of: "timeline: I ") else { return nil }
        let number = line[range.upperBound...].prefix { "−-0123456789.".contains($0) }
        return Double(number.replacingOccurrences(of: "−", with: "-"))
    }

    func testStripsAndAFaderNudgeChangeTheMeasuredLoudness() throws {
        // Two audio tracks, a tone on A1: 10 s of 1 kHz at −20 dBFS (ffmpeg as a generator).
        let tone = home.appendingPathComponent("tone.wav")
        let ffmpeg = try MediaCLIHarness.tool("ffmpeg", ["-nostdin", "-v", "error", "-f", "lavfi", "-i", "sine=frequency=1000:sample_rate=48000:duration=10",
                                              "-af", "volume=-17dB", "-ac", "2", tone.path])
        XCTAssertEqual(ffmpeg.status, 0, "ffmpeg (scripts/install-deps.sh --test): \(ffmpeg.standardError)")
        let project = home.appendingPathComponent("mix.termcut")
        let script = home.appendingPathComponent("script.txt")
        try "import \(tone.path)\nsource tone\ninsert\n".write(to: script, atomically: true, encoding: .utf8)
        let run = try MediaCLIHarness.run(["run", project.path, script.path])
        XCTAssertEqual(run.status, 0, run.standardError)

        try startShell()
        try type("'\(MediaCLIHarness.binary.path)' open --no-mouse '\(project.path)'; echo TERMCUT-EXIT=$?")
        try send("Enter")
        try waitFor("the editor") { $0.contains("Timeline") && $0.contains("NORMAL") }
        try send("X")
        let mixer = try waitFor("the mixer pane") { $0.contains("Mixer") && $0.contains("A1") }
        XCTAssertTrue(mixer.contains("▸A1") && mixer.contains(" A2"), "a strip per audio track, A1 selected:\n\(mixer)")
        XCTAssertTrue(mixer.contains("0.0dB"), mixer)

        try type(":measure-loudness timeline")
        try send("Enter")
        let before = try XCTUnwrap(Self.integrated(try waitFor("the first reading") { Self.integrated($0) != nil }))
        try send("M-PPage")
        try waitFor("the fader at +3 dB") { $0.contains("A1 volume +3 dB") && $0.contains("+3.0dB") }
        try type(":measure-loudness timeline")
        try send("Enter")
        let after = try XCTUnwrap(Self.integrated(try waitFor("a new reading") { Self.integrated($0).map { abs($0 - before) > 0.05 } == true }))
        XCTAssertEqual(after - before, 3, accuracy: 0.1, "before \(before), after \(after) LUFS")
    }
}
