import Editor
import TimelineModel
import XCTest
@testable import TUI

/// The grade of the clip under the playhead shows in the status bar, and goes when it is reset.
final class GradeStatusTests: XCTestCase {
    func testStatusBarShowsTheGradeUnderThePlayhead() {
        let editor = Editor(project: EditorBridgeTests.project())
        let bridge = EditorBridge(editor: editor)
        let (keymap, _) = Keymap.load(name: "default", userFile: nil, searchDirectories: [])
        let (theme, _) = Theme.load(name: "dark", searchDirectories: [])
        let session = TUISession(target: bridge, keymap: keymap, theme: theme, colorDepth: .none, width: 200, height: 30)
        session.press(":grade gain=1.1 saturation=0.8 clip=c1<enter>")
        XCTAssertFalse(session.view.message.isError, session.view.message.text)
        XCTAssertEqual(bridge.screenModel().status.grade, "c1 grade: gain m1.1 sat 0.8")
        XCTAssertTrue(Fixtures.screen(session)[28].contains("c1 grade: gain m1.1 sat 0.8"), Fixtures.screen(session)[28])
        // Over the gap (frame 110) there is no picture and no grade.
        session.press(":goto 110<enter>")
        XCTAssertNil(bridge.screenModel().status.grade)
        session.press(":goto 0<enter>:grade-bypass on c1<enter>")
        XCTAssertEqual(bridge.screenModel().status.grade, "c1 grade: BYPASS gain m1.1 sat 0.8")
        session.press(":grade-reset c1<enter>")
        XCTAssertNil(bridge.screenModel().status.grade)
    }
}
