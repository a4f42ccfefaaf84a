import App
import XCTest

/// The glue's small pure pieces: how the preview's keys, `--at` times and play speeds are read.
final class GlueTests: XCTestCase {
    @MainActor func testSDLKeyNamesMapToKeymapNames() {
        XCTAssertEqual(PreviewLink.keymapName(forSDLKey: "J"), "j")
        XCTAssertEqual(PreviewLink.keymapName(forSDLKey: "Space"), "space")
        XCTAssertEqual(PreviewLink.keymapName(forSDLKey: "Return"), "enter")
        XCTAssertEqual(PreviewLink.keymapName(forSDLKey: "Escape"), "esc")
        XCTAssertEqual(PreviewLink.keymapName(forSDLKey: "Left"), "left")
    }

    func testFrameTimeForms() throws {
        guard case .frameNumber(let n) = try FrameTime.parse("f120", frameRate: nil) else { return XCTFail("f120") }
        XCTAssertEqual(n, 120)
        guard case .seconds(let s) = try FrameTime.parse("3.5s", frameRate: nil) else { return XCTFail("3.5s") }
        XCTAssertEqual(s, 3.5)
        XCTAssertThrowsError(try FrameTime.parse("00:00:01:00", frameRate: nil), "a timecode needs a rate")
        XCTAssertThrowsError(try FrameTime.parse("-2s", frameRate: nil))
    }

    func testPlaySpeedsAndSizes() {
        XCTAssertEqual(PlaybackCLI.speed("-1").map { "\($0.numerator)/\($0.denominator)" }, "-1/1")
        XCTAssertEqual(PlaybackCLI.speed("1/4").map { "\($0.numerator)/\($0.denominator)" }, "1/4")
        XCTAssertNil(PlaybackCLI.speed("0"))
        XCTAssertNil(PlaybackCLI.speed("1/0"))
        XCTAssertEqual(PlaybackCLI.size("960x540").map { "\($0.0)x\($0.1)" }, "960x540")
        XCTAssertNil(PlaybackCLI.size("9x9"))
    }
}
