import Editor
import TimelineModel
import XCTest
@testable import TUI

/// What trim mode and the source monitor show in the status bar, from the real editor.
final class TrimAndSourceDisplayTests: XCTestCase {
    static func project() -> Project {
        let rate = Rate.fps25
        let media = MediaReference(id: "interview", name: "interview.mov", path: "/nonexistent/interview.mov",
                                   duration: RationalTime(1500, rate), video: .init(width: 1920, height: 1080, rate: rate, codec: "prores"))
        let v1 = Track(kind: .video, name: "V1", items: ItemList([
            .clip(Clip(id: ClipID(1), name: "one", media: "interview", source: FrameRange(start: 0, duration: 100), available: 1500)),
            .clip(Clip(id: ClipID(2), name: "two", media: "interview", source: FrameRange(start: 500, duration: 50), available: 1500)),
        ]))
        return Project(name: "t", media: [media], bins: [Bin(name: "Footage", media: ["interview"])],
                       timeline: Timeline(name: "Cut", rate: rate, tracks: [v1]))
    }

    func session(_ editor: Editor) -> TUISession {
        let (keymap, _) = Keymap.load(name: "default", userFile: nil, searchDirectories: [])
        let (theme, _) = Theme.load(name: "dark", searchDirectories: [])
        return TUISession(target: EditorBridge(editor: editor), keymap: keymap, theme: theme, colorDepth: .none,
                          width: 160, height: 30)
    }

    func testTrimModeShowsTheFramesEitherSideOfTheEditAndHowFarEachSideMoved() {
        let editor = Editor(project: Self.project())
        let session = session(editor)
        session.dispatch("goto f98")
        session.press("t")
        XCTAssertEqual(session.model.status.mode, "trim", session.view.message.text)
        XCTAssertEqual(session.model.status.trimDetail, "A 00:00:03:24 +0 | B 00:00:20:00 +0")
        session.press("a[[[")
        XCTAssertEqual(session.model.status.trimDetail, "A 00:00:03:21 −3 | B 00:00:20:00 +0", session.view.message.text)
        session.press("b]]")
        XCTAssertEqual(session.model.status.trimDetail, "A 00:00:03:21 −3 | B 00:00:20:02 +2", session.view.message.text)
        let status = Fixtures.screen(session)[28]
        XCTAssertTrue(status.contains(" A 00:00:03:21 −3 | B 00:00:20:02 +2 "), status)
        session.press("t")
        XCTAssertNil(session.model.status.trimDetail)
        XCTAssertFalse(Fixtures.screen(session)[28].contains("A 00:00"), "gone when trim mode ends")
        session.press("t")
        XCTAssertEqual(session.model.status.trimDetail, "A 00:00:03:21 +0 | B 00:00:20:02 +0", "counts restart with trim mode")
    }

    func testSourceMonitorShowsItsMediaMarksAndPosition() {
        let editor = Editor(project: Self.project())
        let session = session(editor)
        XCTAssertNil(session.model.status.source, "nothing while keys act on the sequence")
        session.dispatch("source interview")
        session.dispatch("monitor source")
        XCTAssertEqual(session.model.status.source, "SRC interview.mov @00:00:00:00", session.view.message.text)
        session.dispatch("goto f100; mark-in; goto f149; mark-out")
        XCTAssertEqual(session.model.status.source, "SRC interview.mov [00:00:04:00–00:00:05:24] @00:00:05:24",
                       session.view.message.text)
        XCTAssertTrue(Fixtures.screen(session)[28].contains(" SRC interview.mov [00:00:04:00–00:00:05:24] @00:00:05:24 "))
        XCTAssertNil(editor.timeline.markIn, "the marks went to the source, not the sequence")
        session.dispatch("monitor record")
        XCTAssertNil(session.model.status.source)
    }
}
