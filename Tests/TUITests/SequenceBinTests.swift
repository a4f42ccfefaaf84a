import Editor
import TimelineModel
import XCTest
@testable import TUI

/// The project's other sequences are listed in a Sequences bin; enter on one opens it.
final class SequenceBinTests: XCTestCase {
    func testOtherSequencesAreListedAndEnterOpensOne() {
        var project = Project(name: "p", timeline: Timeline(name: "Main"))
        project.otherSequences = [Timeline(name: "Scene 2", rate: .fps25)]
        let rows = EditorBridge.binRows(project)
        XCTAssertEqual(rows.map(\.kind), [.bin, .sequence])
        XCTAssertEqual(rows.last?.name, "Scene 2")
        XCTAssertEqual(rows.last?.rate, "25")

        var model = Fixtures.model
        model.bins = rows
        let (session, target) = Fixtures.session(width: 120, height: 40, model: model)
        session.press("<tab>")
        XCTAssertTrue(Fixtures.screen(session).contains { $0.contains("≡ Scene 2") }, Fixtures.screen(session).joined(separator: "\n"))
        session.press("<down><enter>")
        XCTAssertEqual(target.executed, ["open-sequence \"Scene 2\""])
    }
}
