import Editor
import TimelineModel
import XCTest

final class TransportCommandTests: XCTestCase {
    func testRepeatedLSpeedsUpAndKAlwaysStops() {
        let editor = Editor(project: Project(name: "t"))
        var speeds: [Double] = []
        for line in ["play-forward", "play-forward", "play-forward", "play-forward", "play-forward", "stop", "play-forward",
                     "play-reverse", "play-reverse", "stop", "play-slow-forward", "stop"] {
            editor.run(line)
            speeds.append(editor.transport.speed)
        }
        // L L L L L → 1 2 4 8 8; K → 0; L resumes at 1x, never at the old speed (LosslessCut #254).
        XCTAssertEqual(speeds, [1, 2, 4, 8, 8, 0, 1, -1, -2, 0, 0.25, 0])
    }

    func testPlayAroundReturnsToTheEditAndTransportIsNotAProjectChange() {
        let editor = Editor(project: Project(name: "t"))
        editor.playbackMoved(to: 100)
        let before = editor.project
        editor.run("play-around 10 20")
        XCTAssertEqual(editor.context.playhead, 90)
        XCTAssertEqual(editor.transport.range, FrameRange(start: 90, end: 120))
        XCTAssertEqual(editor.transport.returnTo, 100)
        XCTAssertEqual(editor.project, before)
        XCTAssertEqual(editor.undoDepth, 0)
    }
}
