import Foundation
import XCTest

/// Grading mode in the real editor under tmux, on SMPTE HD bars: `g` enters it (GRADE and every
/// lift/gamma/gain value in the status bar, the scopes pane in view even where the mixer was),
/// alt-= raises master gain by 0.1 three times, the scopes pane's trace moves, esc leaves, and
/// the saved project's dump and `termcut scope --json` show the new grade.
final class TmuxGradeModeTests: TmuxTestCase {
    /// The inside of the scopes pane (`ScreenLayout` at 120×40: columns 66…119, rows 0…18).
    static func scopesPane(_ screen: String) -> String {
        let rows = screen.split(separator: "\n", omittingEmptySubsequences: false).map(Array.init)
        return rows.dropFirst().prefix(17).map { String($0.dropFirst(67).prefix(52)) }.joined(separator: "\n")
    }

    func testKeysNudgeGainAndTheScopesFollow() throws {
        let project = try GradeCLITests.project(in: home, grade: nil)
        try openEditor(project)
        try send("X")   // the mixer in the scopes' place: grading mode must bring the scopes back
        try waitFor("the mixer") { $0.contains("Mixer") }
        try send("g")
        let entered = try waitFor("grading mode") { $0.contains("GRADE") && $0.contains("gain 1.00/1.00/1.00/1.00") }
        XCTAssertTrue(entered.contains("grade mode on c1"), entered)
        let traced = try waitFor("the scopes traced") { $0.contains("Scopes ·") && !$0.contains("no picture yet") }
        // The trace is computed once per change of frame or project: let it settle, then keep it.
        Thread.sleep(forTimeInterval: 1)
        let before = Self.scopesPane(try screen())
        XCTAssertFalse(before.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, "a trace in the pane:\n\(traced)")
        for _ in 0..<3 { try send("M-=") }
        try waitFor("master gain at 1.3") { $0.contains("gain 1.00/1.00/1.00/1.30") }
        try waitFor("the scopes to move") { Self.scopesPane($0) != before }
        try send("Escape")
        try waitFor("normal mode") { $0.contains("NORMAL") && !$0.contains("GRADE") }
        let dump = try saveQuitAndDump(project)
        XCTAssertTrue(dump.contains("grade gain m1.3"), dump)
        // 75% bars × gain 1.3: the white bar's level moves from 0.75 to 0.975.
        let level = try GradeCLITests.whiteBarLevel(try GradeCLITests.scope("waveform", project, ["--width", "\(GradeCLITests.width)"]))
        XCTAssertEqual(level, 0.975, accuracy: 0.01)
    }
}
