import TUI
import XCTest

/// Quitting with unsaved changes asks; y saves first, n leaves them to the journal, esc stays.
final class QuitQuestionTests: XCTestCase {
    final class Unsaved: CommandTarget {
        var catalog = CommandCatalog()
        var executed: [String] = []
        var hasUnsavedChanges = true
        func execute(_ line: String) -> CommandReply {
            executed.append(line)
            if line == "save" { hasUnsavedChanges = false }
            return .ok(line)
        }
        func screenModel() -> ScreenModel { Fixtures.model }
    }

    func session(_ target: Unsaved) -> TUISession {
        let (keymap, _) = Keymap.load(name: "default", userFile: nil, searchDirectories: [])
        let (theme, _) = Theme.load(name: "dark", searchDirectories: [])
        return TUISession(target: target, keymap: keymap, theme: theme, colorDepth: .none, width: 120, height: 30)
    }

    func testQuittingWithUnsavedChangesAsks() {
        let target = Unsaved()
        let s = session(target)
        s.press("q")
        XCTAssertFalse(s.quitRequested)
        XCTAssertTrue(s.topLayer is QuitQuestion)
        XCTAssertTrue(Fixtures.screen(s).last?.hasPrefix("Unsaved changes. Save before quitting?") ?? false)
        s.press("<esc>")
        XCTAssertFalse(s.quitRequested, "esc stays")
        XCTAssertFalse(s.topLayer is QuitQuestion)
        s.press("qn")
        XCTAssertTrue(s.quitRequested, "n quits without saving")
        XCTAssertEqual(target.executed, [])

        let saving = Unsaved()
        let t = session(saving)
        t.press("qy")
        XCTAssertEqual(saving.executed, ["save"])
        XCTAssertTrue(t.quitRequested, "y saves, then quits")

        let clean = Unsaved()
        clean.hasUnsavedChanges = false
        let u = session(clean)
        u.press("q")
        XCTAssertTrue(u.quitRequested, "nothing unsaved: no question")
    }
}
