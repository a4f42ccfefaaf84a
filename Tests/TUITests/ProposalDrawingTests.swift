import Editor
import TimelineModel
import XCTest
@testable import TUI

/// Proposed cuts (detect-silences) are drawn over the tick row and every track row in the
/// proposal role, the one under review in the stronger role, and nowhere else.
final class ProposalDrawingTests: XCTestCase {
    func testProposalsAreHighlightedAndTheCurrentOneStandsOut() {
        var model = EditorBridge.screenModel(state: EditorState(project: TimelineWindowTests.longProject(clips: 20)),
                                             projectName: "p", dirty: false)
        // One frame per column at zoom level 0: frames 10..<20 and 40..<45, the second under review.
        model.timeline.proposals = [10 ..< 20, 40 ..< 45]
        model.timeline.currentProposal = 1
        var view = ViewState()
        view.zoomLevel = 0
        let (theme, _) = Theme.load(name: "dark", searchDirectories: [])
        let (keymap, _) = Keymap.load(name: "default", userFile: nil, searchDirectories: [])
        let plainTheme = theme.adapted(to: .none)  // no colour: the roles' attributes tell them apart
        var surface = Surface(width: 120, height: 10)
        let context = RenderContext(model: model, view: view, theme: plainTheme, keymap: keymap, commands: CommandCatalog())
        TimelinePane().render(area: surface.area, surface: &surface, context: context)
        let geometry = TimelineGeometry(pane: surface.area, framesPerColumn: TimelineZoom.framesPerColumn(0), start: view.timelineStart)
        let proposal = context.style(ThemeRole.proposal).attributes
        let current = context.style(ThemeRole.proposalCurrent).attributes
        XCTAssertNotEqual(proposal, current)
        let trackRow = geometry.inner.y + TimelineGeometry.rulerRows  // the first track
        func attributes(frame: Int) -> Attributes { surface[geometry.columnsX + geometry.column(of: frame), trackRow].style.attributes }
        XCTAssertTrue(attributes(frame: 12).isSuperset(of: proposal), "inside the first proposal")
        XCTAssertFalse(attributes(frame: 12).isSuperset(of: current), "not the one under review")
        XCTAssertTrue(attributes(frame: 42).isSuperset(of: current), "the one under review")
        XCTAssertFalse(attributes(frame: 25).contains(.underline), "between proposals nothing is marked")
        XCTAssertFalse(attributes(frame: 20).contains(.underline), "the end is exclusive")
    }
}
