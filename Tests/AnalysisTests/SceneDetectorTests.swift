import XCTest
@testable import Analysis

/// The scene detector on synthetic frames: flat colours, a flash, a slow fade, a hard cut.
final class SceneDetectorTests: XCTestCase {
    private func frame(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> SceneDetector.Signature {
        SceneDetector.Signature(rgb: Array((0..<64).flatMap { _ in [r, g, b] }))
    }

    func testHSVMatchesOpenCVsScale() {
        let red = frame(255, 0, 0), green = frame(0, 255, 0), blue = frame(0, 0, 255)
        XCTAssertEqual(red.hue.first, 0)
        XCTAssertEqual(green.hue.first, 60)
        XCTAssertEqual(blue.hue.first, 120)
        XCTAssertEqual(frame(128, 128, 128).saturation.first, 0)
        XCTAssertEqual(frame(128, 128, 128).value.first, 128)
    }

    func testFlashAndFadeAreNotCutsAndTheCutIsExact() {
        var frames = (0..<30).map { _ in frame(40, 60, 200) }
        frames[12] = frame(255, 255, 255)  // a flash
        // A fade to red over 30 frames (small steps), then a hard cut to green at frame 60.
        for i in 0..<30 {
            let red = UInt8(40 + i * 7), blue = UInt8(200 - i * 6)
            frames.append(frame(red, 60, blue))
        }
        frames += (0..<30).map { _ in frame(20, 220, 40) }
        XCTAssertEqual(SceneDetector().cuts(frames), [60])
    }

    func testMinimumSceneLength() {
        let frames = (0..<20).map { _ in frame(0, 0, 200) } + (0..<5).map { _ in frame(200, 0, 0) } + (0..<20).map { _ in frame(0, 200, 0) }
        XCTAssertEqual(SceneDetector().cuts(frames), [20], "the second cut is 5 frames after the first")
        var settings = SceneDetector.Settings()
        settings.minimumLength = 5
        XCTAssertEqual(SceneDetector(settings: settings).cuts(frames), [20, 25])
    }
}
