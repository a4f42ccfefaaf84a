import Foundation
import XCTest

/// Media whose sound runs longer than its picture (phone recordings, `bigbuckbunny.mp4`): a clip
/// of the whole media reaches past the last video frame. The preview shows black there, as NLEs
/// do; the delivery must show the same, not stop with "past the end of the video".
final class RenderPastPictureEndCLITests: XCTestCase {
    typealias H = MediaCLIHarness

    /// One frame of `file` as 8-bit grey samples.
    func grey(_ file: URL, frame: Int) throws -> [UInt8] {
        let r = try H.tool("ffmpeg", ["-v", "error", "-i", file.path, "-vf", "select=eq(n\\,\(frame))", "-frames:v", "1",
                                      "-pix_fmt", "gray", "-f", "rawvideo", "-"])
        XCTAssertEqual(r.status, 0, r.standardError)
        return [UInt8](r.standardOutputData)
    }

    func testAClipWhoseSoundOutlastsItsPictureRendersBlackAfterTheLastFrame() throws {
        let folder = try H.temporaryFolder(self)
        let source = folder.appendingPathComponent("long-sound.mp4")
        // 30 frames of picture, 1.5 s of sound.
        let made = try H.tool("ffmpeg", ["-v", "error", "-y", "-f", "lavfi", "-i", "testsrc2=s=320x240:r=30:d=1",
                                         "-f", "lavfi", "-t", "1.5", "-i", "sine=f=440:sample_rate=48000",
                                         "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", source.path])
        XCTAssertEqual(made.status, 0, made.standardError)
        let project = try RenderCLITests.makeProject(folder, sources: [source], rate: (30, 1))
        let dump = try H.run(["dump", project.path])
        XCTAssertTrue(dump.standardOutput.contains("src 00:00:00:00-00:00:01:1"), "the clip covers the sound's length: \(dump.standardOutput)")

        let out = folder.appendingPathComponent("out.mp4")
        let result = try H.run(["render", project.path, "-o", out.path, "--quiet"])
        XCTAssertEqual(result.status, 0, "render refused the frames after the picture's end: \(result.standardError)")
        let streams = try RenderCLITests.streams(out)
        let frames = try XCTUnwrap(streams.first { $0["codec_type"] as? String == "video" }?["nb_read_frames"] as? String).flatMap { Int($0) }
        XCTAssertGreaterThan(frames ?? 0, 30, "the timeline runs past the picture's 30 frames")
        XCTAssertGreaterThan(try grey(out, frame: 29).max() ?? 0, 100, "the last frame of picture is the source's")
        XCTAssertLessThanOrEqual(try grey(out, frame: (frames ?? 1) - 1).max() ?? 255, 20, "after it: black")
    }
}
