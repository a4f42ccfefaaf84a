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
}
