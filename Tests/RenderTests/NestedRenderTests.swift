import Foundation
import Media
import Render
import TimelineModel
import XCTest

/// A nested sequence is drawn by rendering the inner sequence, with its own tracks, at the
/// mapped frame.
final class NestedRenderTests: XCTestCase {
    func testTheNestedClipShowsTheInnerSequencesFrame() throws {
        let folder = try Generated.folder(self)
        let file = folder.appendingPathComponent("count.mp4")
        // A counter that changes every frame, so a frame off by one shows.
        try Generated.ffmpeg(["-f", "lavfi", "-i", "testsrc2=size=96x54:rate=30:duration=4", "-pix_fmt", "yuv420p", "-c:v", "libx264",
                              "-g", "1", file.path])
        var media = Fixture.media("count", path: file.path, frames: 120, width: 96, height: 54, audio: false)
        media.name = "count.mp4"
        // Inner: V1 count 0–60; V2 over it from frame 20, count 90–100 (its own second track).
        var inner = Timeline(name: "Inner", rate: .fps30, tracks: [
            Fixture.track(.video, "V1", [Fixture.clip(1, "count", from: 0, frames: 60)]),
            Fixture.track(.video, "V2", [.gap(20), Fixture.clip(2, "count", from: 90, frames: 10)]),
        ])
        inner.nextID = 10
        // Outer: 5 frames of count 100–105, then Inner nested from its frame 15 for 20 frames.
        var nested = Clip(id: ClipID(3), name: "Inner", media: Clip.sequenceMedia, source: FrameRange(start: 15, duration: 20), available: 60)
        nested.sequence = "Inner"
        var project = Fixture.project(media: [media], tracks: [
            Fixture.track(.video, "V1", [Fixture.clip(4, "count", from: 100, frames: 5), .clip(nested)]),
        ])
        project.otherSequences = [inner]
        XCTAssertEqual(PictureComposition.at(5, in: project),
                       .layer(PictureLayer(track: 0, clip: ClipID(3), source: .sequence("Inner", frame: 15))))

        let outer = TimelineRenderer(project: project)
        let innerRenderer = TimelineRenderer(project: project.withSequenceOpen("Inner")!)
        for (record, innerFrame) in [(5, 15), (9, 19), (10, 20), (14, 24)] as [(Int64, Int64)] {
            let shown = outer.picture(at: record, width: 96, height: 54)
            assertSamePicture(shown, innerRenderer.picture(at: innerFrame, width: 96, height: 54))
            XCTAssertNil(outer.lastProblem, "record \(record)")
        }
        // Inner frame 20 is V2's clip (count 90), not V1's frame 20: the inner tracks are composed.
        let v2Frame = innerRenderer.picture(at: 20, width: 96, height: 54)
        let v1Only = TimelineRenderer(project: Fixture.project(media: [media], tracks: [
            Fixture.track(.video, "V1", [Fixture.clip(1, "count", from: 0, frames: 60)])])).picture(at: 20, width: 96, height: 54)
        XCTAssertNotEqual(v2Frame.bytes, v1Only.bytes)
        XCTAssertNotEqual(outer.picture(at: 5, width: 96, height: 54).bytes, outer.picture(at: 6, width: 96, height: 54).bytes,
                          "consecutive frames differ, so the comparison above can fail")
    }

    func testAMissingOrCyclicNestDrawsACardInsteadOfRecursing() {
        var loop = Clip(id: ClipID(1), name: "T", media: Clip.sequenceMedia, source: FrameRange(start: 0, duration: 10), available: 10)
        loop.sequence = "T"
        var missing = loop
        missing.id = ClipID(2)
        missing.sequence = "Gone"
        let project = Fixture.project(media: [], tracks: [Fixture.track(.video, "V1", [.clip(loop), .clip(missing)])])
        let renderer = TimelineRenderer(project: project)
        let card = renderer.picture(at: 0, width: 160, height: 90)
        assertSamePicture(card, OfflineCard.draw(width: 160, height: 90, title: "NESTING TOO DEEP", name: "T"))
        XCTAssertNotNil(renderer.lastProblem)
        assertSamePicture(renderer.picture(at: 10, width: 160, height: 90),
                          OfflineCard.draw(width: 160, height: 90, title: "SEQUENCE MISSING", name: "Gone"))
    }
}
