import Foundation
import XCTest

/// Drives the real `termcut` editor screen in a detached tmux session the way a user's
/// terminal does: draw, resize below and back above 80x24, open help, quit, and check
/// the shell gets its terminal back (echo and canonical mode on).
final class TmuxShellTests: TmuxTestCase {
    func testEditorDrawsResizesShowsHelpQuitsAndRestoresTheTerminal() throws {
        try startShell()

        try tmux(["send-keys", "-t", "e2e", "\(editorCommand()); echo TERMCUT-EXIT=$?", "Enter"])
        // The whole first screen, status bar included: panes can be on screen a turn before it.
        let first = try waitFor("the editor screen with its status bar") {
            ($0.contains("Timeline") && $0.contains("Bins") && $0.contains("NORMAL")) || $0.contains("USAGE:")
                || Self.exitStatus(in: $0) != nil
        }
        if first.contains("USAGE:") || Self.exitStatus(in: first) != nil {
            XCTFail("`termcut` with no arguments did not open the editor screen; is TUIApp wired into Termcut? Pane:\n\(first)")
            return
        }
        XCTAssertTrue(first.contains("NORMAL"), "the status bar shows the mode:\n\(first)")
        for clip in ["countdown.mp4", "bars.mp4", "talk.mp4"] {
            XCTAssertTrue(first.contains(clip), "the bins list the demo media: \(clip)")
        }
        XCTAssertTrue(first.contains("1920x1080") && first.contains("h264"), "with size and codec")
        XCTAssertTrue(first.contains("┌") && first.contains("│"), "UTF-8 box drawing")

        try tmux(["resize-window", "-t", "e2e", "-x", "60", "-y", "20"])
        try waitFor("the too-small message") { $0.contains("termcut needs at least 80x24; this terminal is 60x20") }
        try tmux(["resize-window", "-t", "e2e", "-x", "120", "-y", "40"])
        let restored = try waitFor("the panes again") { $0.contains("Timeline") && !$0.contains("needs at least") }
        XCTAssertTrue(restored.contains("Scopes"))

        try tmux(["send-keys", "-t", "e2e", "?"])
        let help = try waitFor("the help overlay") { $0.contains("Keys · normal mode") }
        XCTAssertTrue(help.contains("add-marker") && help.contains("clip-gain-nudge"), "help lists the keymap's commands (alphabetically):\n\(help)")
        try tmux(["send-keys", "-t", "e2e", "q"])
        try waitFor("the help to close") { !$0.contains("Keys · normal mode") && $0.contains("Timeline") }
        try tmux(["send-keys", "-t", "e2e", "q"])
        let after = try waitFor("the shell after quitting") { Self.exitStatus(in: $0) != nil }
        XCTAssertEqual(Self.exitStatus(in: after), "0", after)
        XCTAssertFalse(after.contains("Timeline"), "the editor's screen is gone (alternate screen left)")

        try tmux(["send-keys", "-t", "e2e", "stty -a | tr ' ' '\\n' | grep -E '^-?(echo|icanon)$' | tr '\\n' ' '; echo STTY-$((6*7))", "Enter"])
        // The answer ends in STTY-42, which the typed command (STTY-$((6*7))) does not contain.
        func sttyAnswer(_ screen: String) -> Substring? {
            screen.split(separator: "\n").first { $0.hasSuffix("STTY-42") }
        }
        let stty = try waitFor("stty's answer") { sttyAnswer($0) != nil }
        let answer = sttyAnswer(stty) ?? ""
        XCTAssertTrue(answer.contains("icanon") && !answer.contains("-icanon"), "canonical input is back: \(answer)")
        XCTAssertTrue(answer.split(separator: " ").contains("echo"), "echo is back: \(answer)")
    }
}
