import XCTest
@testable import TUI

/// The marker list: every marker with timecode, colour, name and note; enter goes to one,
/// `r` renames in place, `d` removes, all as editor commands.
final class MarkerListTests: XCTestCase {
    func testListsGoesRenamesAndRemovesThroughCommands() {
        var model = Fixtures.model
        model.timeline.markers = [MarkerTick(frame: 50, name: "intro", colour: "green", note: "check the level"),
                                  MarkerTick(frame: 200, name: "cut here")]
        let (session, target) = Fixtures.session(width: 120, height: 40, model: model)
        session.press("<alt-m>")
        XCTAssertTrue(session.topLayer is MarkerList)
        let screen = Fixtures.screen(session).joined(separator: "\n")
        XCTAssertTrue(screen.contains("Markers · 2"), screen)
        let intro = Fixtures.screen(session).first { $0.contains("intro") } ?? ""
        XCTAssertTrue(intro.contains("00:00:02:00") && intro.contains("green") && intro.contains("check the level"), intro)
        // The playhead (frame 100) is past "intro": the list opens on it; down goes to "cut here".
        session.press("<down><enter>")
        XCTAssertFalse(session.topLayer is MarkerList, "enter closes the list")
        session.press("<alt-m><up>rX<backspace>Y<enter>")
        XCTAssertTrue(session.topLayer is MarkerList, "renaming keeps the list open")
        session.press("d<esc>")
        XCTAssertFalse(session.topLayer is MarkerList)
        XCTAssertEqual(target.executed, ["goto f200", "rename-marker introY f50", "remove-marker f50"])
    }
}
