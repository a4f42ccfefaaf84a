import Foundation
import XCTest

/// `termcut render --video-frames N --audio-samples N`: each stream ends on its own (what a
/// proxy needs to mirror a source whose sound outlasts its picture, or stops short of it).
final class RenderStreamLengthCLITests: XCTestCase {
    typealias H = MediaCLIHarness

    func testEachStreamEndsWhereAskedAndOutOfRangeIsRefused() throws {
        let folder = try H.temporaryFolder(self)
        let source = folder.appendingPathComponent("a.mp4")
        try RenderCLITests.makeSource(source, rate: "25", seconds: 2, tone: 440)
        let project = try RenderCLITests.makeProject(folder, sources: [source], rate: (25, 1))
        func streams(_ url: URL) throws -> (frames: String?, audio: Double?) {
            let s = try RenderCLITests.streams(url)
            return (s.first { $0["codec_type"] as? String == "video" }?["nb_read_frames"] as? String,
                    RenderCLITests.double(s.first { $0["codec_type"] as? String == "audio" }?["duration"]))
        }

        // Sound outlasting the picture: 40 frames (1.6 s), 1.875 s of sound.
        let longer = folder.appendingPathComponent("longer.mp4")
        let a = try H.run(["render", project.path, "-o", longer.path, "--quiet", "--video-frames", "40", "--audio-samples", "90000"])
        XCTAssertEqual(a.status, 0, a.standardError)
        let l = try streams(longer)
        XCTAssertEqual(l.frames, "40")
        XCTAssertEqual(try XCTUnwrap(l.audio), 1.875, accuracy: 1024.0 / 48_000)

        // Sound stopping short of the picture: all 50 frames, 0.5 s of sound.
        let shorter = folder.appendingPathComponent("shorter.mp4")
        let b = try H.run(["render", project.path, "-o", shorter.path, "--quiet", "--audio-samples", "24000"])
        XCTAssertEqual(b.status, 0, b.standardError)
        let s = try streams(shorter)
        XCTAssertEqual(s.frames, "50")
        XCTAssertEqual(try XCTUnwrap(s.audio), 0.5, accuracy: 1024.0 / 48_000)

        // More than the range holds: a clear error and no file.
        let refused = folder.appendingPathComponent("refused.mp4")
        let c = try H.run(["render", project.path, "-o", refused.path, "--quiet", "--video-frames", "51"])
        XCTAssertNotEqual(c.status, 0)
        XCTAssertTrue(c.standardError.contains("--video-frames: 51 is not 1…50"), c.standardError)
        let d = try H.run(["render", project.path, "-o", refused.path, "--quiet", "--audio-samples", "96001"])
        XCTAssertNotEqual(d.status, 0)
        XCTAssertTrue(d.standardError.contains("--audio-samples: 96001 is not 1…96000"), d.standardError)
        XCTAssertFalse(FileManager.default.fileExists(atPath: refused.path))
    }
}
