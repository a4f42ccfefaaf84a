import XCTest
@testable import TUI

/// A background job's progress (a render) shows in the status bar beside the transport,
/// and nothing shows when no job runs.
final class StatusBarJobTests: XCTestCase {
    func segments(job: String?) -> [String] {
        var model = Fixtures.model
        model.status.job = job
        let (theme, _) = Theme.load(name: "dark", searchDirectories: [])
        let (keymap, _) = Keymap.load(name: "default", userFile: nil, searchDirectories: [])
        let context = RenderContext(model: model, view: ViewState(), theme: theme, keymap: keymap, commands: Fixtures.catalog)
        return StatusBar().segments(context: context).left.map(\.0)
    }

    func testRenderProgressShowsOnlyWhileAJobRuns() {
        let line = "render out.mp4 120/300 frames  40% 96.0 fps 3.20x ETA 0:02"
        XCTAssertTrue(segments(job: line).contains(" \(line) "))
        XCTAssertFalse(segments(job: nil).contains { $0.contains("render") })
    }

    /// READ-ONLY is on the right and is the last segment a narrow bar gives up.
    func testReadOnlyShowsAndSurvivesANarrowBar() {
        var model = Fixtures.model
        model.status.readOnly = true
        let (theme, _) = Theme.load(name: "dark", searchDirectories: [])
        let (keymap, _) = Keymap.load(name: "default", userFile: nil, searchDirectories: [])
        let context = RenderContext(model: model, view: ViewState(), theme: theme, keymap: keymap, commands: Fixtures.catalog)
        XCTAssertEqual(StatusBar().segments(context: context).right.last?.0, " READ-ONLY ")
        var surface = Surface(width: 72, height: 1)
        StatusBar().render(area: Rect(x: 0, y: 0, width: 72, height: 1), surface: &surface, context: context)
        XCTAssertTrue(surface.lines()[0].contains("READ-ONLY") && !surface.lines()[0].contains("fps"), surface.lines()[0])
        model.status.readOnly = false
        let writable = RenderContext(model: model, view: ViewState(), theme: theme, keymap: keymap, commands: Fixtures.catalog)
        XCTAssertFalse(StatusBar().segments(context: writable).right.contains { $0.0.contains("READ-ONLY") })
    }
}
