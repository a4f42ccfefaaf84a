import Foundation
@testable import Playback
import Render
import TimelineModel
import XCTest

/// Trim mode's two-up view: the outgoing clip's last frame on the left half, the incoming
/// clip's first frame on the right, each the half-size render of that frame.
final class TrimPairTests: XCTestCase {
    func testTheWindowShowsBothSidesOfTheCut() throws {
        let folder = try PlaybackFixture.folder(self)
        let url = try PlaybackFixture.pattern(folder)
        var project = Project(name: "pair", media: [PlaybackFixture.media("pattern", url: url, frames: 120)])
        project.timeline = Timeline(name: "T", rate: .fps30, tracks: [
            Track(kind: .video, name: "V1", items: ItemList([
                PlaybackFixture.clip(1, "pattern", from: 10, frames: 45), PlaybackFixture.clip(2, "pattern", from: 90, frames: 20),
            ])),
        ])
        let engine = PlaybackEngine(options: PlaybackFixture.options())
        defer { engine.close() }
        engine.load(project)
        let size = engine.renderSize
        engine.showTrimPair(outgoing: 44, incoming: 45)
        XCTAssertTrue(PlaybackFixture.pump(engine, for: 5) { engine.displayedFrame == 45 })
        let shown = try XCTUnwrap(engine.readPreviewPixels())
        let renderer = TimelineRenderer(project: project)
        let expected = TrimPair.compose(renderer.picture(at: 44, width: size.width / 2, height: size.height / 2),
                                        renderer.picture(at: 45, width: size.width / 2, height: size.height / 2),
                                        width: size.width, height: size.height)
        XCTAssertEqual(shown.bytes, expected.bytes, "the window holds the two-up picture")
        // The halves really are different frames (source 54 and 90), so the check names both sides.
        let left = renderer.picture(at: 44, width: size.width / 2, height: size.height / 2)
        let right = renderer.picture(at: 45, width: size.width / 2, height: size.height / 2)
        XCTAssertNotEqual(left.bytes, right.bytes)
        XCTAssertEqual(shown.pixel(x: size.width / 4, y: size.height / 2), left.pixel(x: left.width / 2, y: left.height / 2))
        XCTAssertEqual(shown.pixel(x: 3 * size.width / 4, y: size.height / 2), right.pixel(x: right.width / 2, y: right.height / 2))
    }
}
