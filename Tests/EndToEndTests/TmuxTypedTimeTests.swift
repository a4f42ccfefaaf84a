import Foundation
import XCTest

/// Avid's keypad habit in the real binary under tmux: with the keys only, load a clip (the
/// status bar says SOURCE), insert 31 frames (RECORD again), type `15` enter to go to
/// 00:00:00:15 of the sequence (01:00:00:15), `+5` enter to move 5 frames on, razor there.
/// The new project's sequence takes bikes.mp4's 25 fps from the first clip cut into it, so
/// marks 0…25 (in at 0, out at 1 s, inclusive) give 26 record frames, cut at 20 into [0,20)
/// and [20,26), whose sources are the same frames (01:00:01:01 is frame 26 at 25 fps).
final class TmuxTypedTimeTests: TmuxTestCase {
    func testTypingATimeMovesThePlayheadThenRazor() throws {
        let corpus = try MediaCLIHarness.corpusFile("bikes.mp4")
        let project = home.appendingPathComponent("t.termcut")
        try startShell()
        try type("'\(MediaCLIHarness.binary.path)' open --no-mouse '\(project.path)'; echo TERMCUT-EXIT=$?")
        try send("Enter")
        try waitFor("the editor on the record monitor") { $0.contains("Timeline · RECORD") && $0.contains(" RECORD ") }
        try type(":import \(corpus.path)")
        try send("Enter")
        try waitFor("the import") { $0.contains("imported 1 file into Media") }
        try send("Tab"); try waitFor("bins") { $0.contains("BINS") }
        try send("Down"); Thread.sleep(forTimeInterval: 0.05)
        try send("Enter"); try waitFor("the source") { $0.contains("source: bikes.mp4") && $0.contains(" SOURCE ") }
        try send("Tab"); try waitFor("normal") { $0.contains("NORMAL") }
        try send("i"); try waitFor("mark in") { $0.contains("source in 00:00:00:00") }
        try type("100"); try waitFor("the time entry on the source") { $0.contains("go to (SOURCE): 100") }
        try send("Enter"); try waitFor("source at one second") { $0.contains("source 00:00:01:00") }
        try send("o"); try waitFor("mark out") { $0.contains("source out 00:00:01:00") }
        try send(","); try waitFor("the insert, back on record") { $0.contains("inserted bikes.mp4") && $0.contains(" RECORD ") }
        try type("15"); try waitFor("the time entry") { $0.contains("go to (RECORD): 15") }
        try send("Enter"); try waitFor("01:00:00:15") { $0.contains("01:00:00:15") }
        try type("+5"); try send("Enter"); try waitFor("01:00:00:20") { $0.contains("01:00:00:20") }
        try send("C-k"); try waitFor("the razor") { $0.contains("razor V1 at 01:00:00:20") }
        let dump = try saveQuitAndDump(project)
        let v1 = Self.trackItems(dump, "V1").map { words in ([words[0]] + words[2...]).joined(separator: " ") }
        XCTAssertEqual(v1, [
            "01:00:00:00-01:00:00:20 bikes.mp4 src 00:00:00:00-00:00:00:20",
            "01:00:00:20-01:00:01:01 bikes.mp4 src 00:00:00:20-00:00:01:01",
        ], dump)
    }
}
