import TimelineModel
import XCTest

/// Motion keyframes in the model: each property interpolates between the keyframes that set
/// it, with the earlier keyframe's ease; values worked by hand.
final class MotionKeyframeTests: XCTestCase {
    func testEasesAtAQuarterAndAHalf() {
        XCTAssertEqual(MotionEase.linear.progress(0.25), 0.25)
        XCTAssertEqual(MotionEase.easeIn.progress(0.5), 0.25)           // t²
        XCTAssertEqual(MotionEase.easeOut.progress(0.5), 0.75)          // 1 − (1 − t)²
        XCTAssertEqual(MotionEase.easeInOut.progress(0.25), 0.15625)    // 3/16 − 2/64
        XCTAssertEqual(MotionEase.easeInOut.progress(0.5), 0.5)
        XCTAssertEqual(MotionEase.easeIn.progress(2), 1, "clamped")
    }

    func testEachPropertyAnimatesBetweenTheKeyframesThatSetIt() {
        let keys = [MotionKeyframe(frame: 10, x: 0.2, opacity: 0, ease: .easeOut),
                    MotionKeyframe(frame: 20, scale: 2),
                    MotionKeyframe(frame: 30, x: 0.6, opacity: 1)]
        XCTAssertEqual(keys.state(at: 0), MotionState(x: 0.2, scale: 2, opacity: 0), "held before the first")
        // Frame 20 is half way from 10 to 30 for x and opacity: ease-out ¾ of the way.
        let mid = keys.state(at: 20)
        XCTAssertEqual(mid.x!, 0.2 + 0.4 * 0.75, accuracy: 1e-12)
        XCTAssertEqual(mid.opacity!, 0.75, accuracy: 1e-12)
        XCTAssertEqual(mid.scale, 2, "one keyframe sets scale: held everywhere")
        XCTAssertNil(mid.y, "no keyframe sets y: the clip's own placement")
        XCTAssertEqual(keys.state(at: 40), MotionState(x: 0.6, scale: 2, opacity: 1), "held after the last")
        XCTAssertEqual(([] as [MotionKeyframe]).state(at: 5), MotionState())
    }

    func testKeyframesMergeAndRefuseWhatCannotBe() throws {
        var t = Timeline(name: "T", rate: .fps30, tracks: [Track(kind: .video, name: "V1", items: ItemList([.gap(100)]))])
        let image = try XCTUnwrap(try t.addImage(ImageOverlay(path: "/tmp/logo.png"), at: 10, duration: 50, track: nil).created.first)
        try t.addMotionKeyframe(clip: image, MotionKeyframe(frame: 5, x: 0.3))
        try t.addMotionKeyframe(clip: image, MotionKeyframe(frame: 5, opacity: 0.5, ease: .easeIn))
        XCTAssertEqual(t.clip(image)?.clip.motion, [MotionKeyframe(frame: 5, x: 0.3, opacity: 0.5, ease: .easeIn)])
        XCTAssertThrowsError(try t.addMotionKeyframe(clip: image, MotionKeyframe(frame: 50, x: 0.3)), "past the clip's end")
        XCTAssertThrowsError(try t.addMotionKeyframe(clip: image, MotionKeyframe(frame: 1, scale: 0)))
        XCTAssertThrowsError(try t.deleteMotionKeyframe(clip: image, at: 6))
        try t.deleteMotionKeyframe(clip: image, at: 5)
        XCTAssertEqual(t.clip(image)?.clip.motion, [])
        XCTAssertFalse(t.clip(image)!.clip.isAdjustmentLayer)
    }
}
