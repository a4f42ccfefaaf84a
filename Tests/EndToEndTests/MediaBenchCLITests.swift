import Foundation
import XCTest

/// `termcut bench media FILE`: the JSON has its figures, all positive. Timings themselves
/// are not asserted (they belong to release builds on a quiet machine).
final class MediaBenchCLITests: XCTestCase {
    func testBenchMediaPrintsEveryFigure() throws {
        let folder = try MediaCLIHarness.temporaryFolder(self)
        let clip = folder.appendingPathComponent("short.mp4")
        let made = try MediaCLIHarness.tool("ffmpeg", ["-v", "error", "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=30:duration=2",
                                                       "-c:v", "libx264", "-preset", "ultrafast", "-g", "25", "-pix_fmt", "yuv420p", clip.path])
        XCTAssertEqual(made.status, 0, made.standardError)
        let result = try MediaCLIHarness.run(["bench", "media", clip.path, "--samples", "3"])
        XCTAssertEqual(result.status, 0, result.standardError)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: result.standardOutputData) as? [String: Any], result.standardOutput)
        XCTAssertEqual(json["file"] as? String, clip.path)
        XCTAssertEqual(json["frames"] as? Int, 60)
        let sequential = try XCTUnwrap(json["sequential"] as? [String: Double])
        for key in ["termcut_fps", "ffmpeg_fps", "ratio"] {
            XCTAssertGreaterThan(sequential[key] ?? 0, 0, "sequential.\(key)")
        }
        let random = try XCTUnwrap(json["random_access_ms"] as? [String: Any])
        XCTAssertGreaterThan(random["ratio_median"] as? Double ?? 0, 0)
        XCTAssertEqual(random["samples"] as? Int, 3)
        for key in ["termcut", "termcut_decode_only", "ffmpeg"] {
            let figures = try XCTUnwrap(random[key] as? [String: Double], key)
            XCTAssertGreaterThan(figures["median"] ?? 0, 0, "\(key).median")
            XCTAssertGreaterThanOrEqual(figures["p95"] ?? 0, figures["median"] ?? .infinity, "\(key): p95 ≥ median")
        }
        let cached = try XCTUnwrap(json["cached_frame_ms"] as? [String: Double])
        XCTAssertGreaterThan(cached["median"] ?? 0, 0)
        XCTAssertGreaterThanOrEqual(cached["p95"] ?? 0, cached["median"] ?? .infinity)
    }

    func testBenchMediaRefusesAFileWithoutVideo() throws {
        let audio = try MediaCLIHarness.corpusFile("debian.wav")
        let result = try MediaCLIHarness.run(["bench", "media", audio.path, "--samples", "1"])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.standardError.contains("no video stream"), result.standardError)
    }
}
