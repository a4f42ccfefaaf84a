import Foundation
import Render
import TimelineModel
import XCTest

/// An adjustment layer on V2 over frames 2 and 3 of a clip on V1 (GradeRenderTests' FFV1
/// pattern, 6 frames): where it is, the picture equals the clip graded directly, bit for bit
/// at 16 bits and within 8-bit rounding in the preview; where it is not, the picture is the
/// ungraded clip's, exactly; and export may not pass those frames through untouched.
final class AdjustmentLayerRenderTests: XCTestCase {
    let width = GradeRenderTests.width, height = GradeRenderTests.height

    var grade: Grade {
        var g = Grade()
        g.lift = ChannelValues(red: 0.02, green: 0, blue: -0.01, master: 0.01)
        g.gamma.master = 1.1
        g.gain = ChannelValues(red: 1.05, green: 1, blue: 0.95, master: 1.1)
        g.saturation = 1.3
        return g
    }

    func projects() throws -> (adjusted: Project, direct: Project, plain: Project) {
        let url = try GradeRenderTests.source(in: try Generated.folder(self))
        let media = [Fixture.media("pattern", path: url.path, frames: 6, width: width, height: height, audio: false)]
        let clip = Clip(id: ClipID(1), name: "pattern", media: MediaID("pattern"), source: FrameRange(start: 0, duration: 6), available: 6)
        var layer = Clip(id: ClipID(2), name: Clip.adjustmentLayerName, media: Clip.generatedMedia,
                         source: FrameRange(start: 0, duration: 2), available: nil)
        layer.grade = grade
        XCTAssertTrue(layer.isAdjustmentLayer)
        var graded = clip
        graded.grade = grade
        return (Fixture.project(media: media, tracks: [Fixture.track(.video, "V1", [.clip(clip)]),
                                                       Fixture.track(.video, "V2", [.gap(2), .clip(layer)])]),
                Fixture.project(media: media, tracks: [Fixture.track(.video, "V1", [.clip(graded)])]),
                Fixture.project(media: media, tracks: [Fixture.track(.video, "V1", [.clip(clip)])]))
    }

    func testTheLayerGradesWhatIsBelowItAndNothingElse() throws {
        let (adjusted, direct, plain) = try projects()
        let renderer = TimelineRenderer(project: adjusted)
        let graded = TimelineRenderer(project: direct), ungraded = TimelineRenderer(project: plain)
        for frame: Int64 in 0..<6 {
            let inside = frame == 2 || frame == 3
            let deep = renderer.deepPicture(at: frame, width: width, height: height)
            XCTAssertTrue(deep == (inside ? graded : ungraded).deepPicture(at: frame, width: width, height: height),
                          "frame \(frame): \(inside ? "graded as the clip itself" : "untouched") at 16 bits")
            XCTAssertEqual(renderer.hasOverlays(at: frame), inside, "frame \(frame): no pass-through under the layer")
            let preview = renderer.picture(at: frame, width: 640, height: 360)
            if inside {
                // The preview widens its 8-bit composite before grading: within rounding of the clip's own grade.
                let reference = graded.picture(at: frame, width: 640, height: 360)
                let worst = zip(preview.bytes, reference.bytes).map { abs(Int($0) - Int($1)) }.max() ?? 0
                XCTAssertLessThanOrEqual(worst, 3, "frame \(frame): preview within 3 of 255 of the directly graded one")
                XCTAssertGreaterThan(differingBytes(preview, ungraded.picture(at: frame, width: 640, height: 360)), preview.bytes.count / 4,
                                     "frame \(frame): the layer changed the preview")
            } else {
                assertSamePicture(preview, ungraded.picture(at: frame, width: 640, height: 360), "frame \(frame): preview untouched")
            }
        }
        XCTAssertNil(renderer.lastProblem)
    }

    /// Bypassed, or on a track the picture comes from above, the layer changes nothing.
    func testBypassedOrCoveredLayersChangeNothing() throws {
        let (adjusted, _, plain) = try projects()
        var bypassed = adjusted
        bypassed.timeline.tracks[1].items = ItemList(bypassed.timeline.tracks[1].items.map { item in
            guard case .clip(var c) = item else { return item }
            c.grade?.bypass = true
            return .clip(c)
        })
        var covered = adjusted
        covered.timeline.tracks.swapAt(0, 1)   // the layer on V1, the picture on V2 above it
        let ungraded = TimelineRenderer(project: plain).deepPicture(at: 2, width: width, height: height)
        XCTAssertTrue(TimelineRenderer(project: bypassed).deepPicture(at: 2, width: width, height: height) == ungraded, "bypassed")
        XCTAssertTrue(TimelineRenderer(project: covered).deepPicture(at: 2, width: width, height: height) == ungraded, "under the picture")
    }
}
