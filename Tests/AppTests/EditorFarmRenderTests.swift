import App
import Editor
import Foundation
import TimelineModel
import XCTest

/// The editor's `render OUT … segments= farm= workers= partition= shared=`: options that do
/// not go together are refused with what to do, before anything is rendered.
final class EditorFarmRenderTests: XCTestCase {
    func testFarmOptionsAreCheckedBeforeTheRender() {
        let editor = Editor(project: Project(name: "t", bins: [Bin(name: "Media")]), registry: MeasureLoudness.registry)
        func refusal(_ line: String) -> String {
            let result = editor.execute(line)
            XCTAssertTrue(result.isError, "\(line): \(result.message)")
            return result.message
        }
        XCTAssertTrue(refusal("render out.mp4 farm=slurm").contains("go with segments=N"))
        XCTAssertTrue(refusal("render out.mp4 segments=0").contains("segments must be at least 1"))
        XCTAssertTrue(refusal("render out.mp4 segments=2 workers=0").contains("workers must be at least 1"))
        XCTAssertTrue(refusal("render out.mp4 segments=2 partition=gpu").contains("partition= goes with farm=slurm"))
        XCTAssertTrue(refusal("render out.mp4 copy segments=2").contains("not with copy"))
        XCTAssertTrue(refusal("render out.mp4 segments=2 farm=cluster").contains("farm must be one of local, slurm"))
        // Well-formed options get as far as the timeline, which is empty here.
        XCTAssertTrue(refusal("render out.mp4 segments=2 farm=slurm partition=gpu shared=/tmp").contains("the timeline is empty"))
    }
}
