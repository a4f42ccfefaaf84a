import Foundation
import XCTest
@testable import Media

/// Phone footage stores its pictures landscape with a display matrix that turns them: the
/// pictures must come out as ffmpeg's autorotate shows them (the same libavfilter turn, so the
/// same bytes), as tall as they are shown, and frame-accurate after seeks.
final class PictureRotationTests: XCTestCase {
    func testTurnedFilesDecodeUprightLikeFFmpeg() throws {
        let folder = try makeTemporaryFolder(self, "rotation")
        let plain = folder.appendingPathComponent("plain.mp4")
        _ = try ReferenceTool.succeed("ffmpeg", ["-v", "error", "-f", "lavfi", "-i", "testsrc2=size=96x64:rate=25", "-frames:v", "30",
                                                "-c:v", "libx264", "-preset", "ultrafast", "-bf", "2", "-g", "12", "-pix_fmt", "yuv420p", plain.path])
        for degrees in [90, 180, 270] {
            let url = folder.appendingPathComponent("rotate-\(degrees).mp4")
            _ = try ReferenceTool.succeed("ffmpeg", ["-v", "error", "-i", plain.path, "-c", "copy",
                                                    "-metadata:s:v:0", "rotate=\(degrees)", url.path])
            let source = try VideoSource(url: url, cache: FrameCache(budgetBytes: 0), readAheadFrames: 0)
            let quarter = degrees != 180
            XCTAssertEqual(source.stream.width, quarter ? 64 : 96, "rotate=\(degrees): width as shown")
            XCTAssertEqual(source.stream.height, quarter ? 96 : 64, "rotate=\(degrees): height as shown")
            // ffmpeg turns the picture by default (autorotate), with the same filters.
            let raw = try ReferenceTool.succeed("ffmpeg", ["-v", "error", "-i", url.path, "-f", "rawvideo", "-pix_fmt", "yuv420p", "-"])
            let size = 96 * 64 * 3 / 2
            XCTAssertEqual(raw.count, size * 30, "rotate=\(degrees): ffmpeg's frames")
            for number in [17, 3, 29, 0, 12] {
                let frame = try source.frame(at: .frameNumber(number))
                XCTAssertEqual([frame.width, frame.height], quarter ? [64, 96] : [96, 64], "rotate=\(degrees) frame \(number)")
                XCTAssertEqual(frame.timestamp, source.index.frameTimestamps[number], "rotate=\(degrees) frame \(number): timestamp")
                XCTAssertTrue(frame.packedPlanes() == [UInt8](raw[(number * size)..<((number + 1) * size)]),
                              "rotate=\(degrees): frame \(number) differs from ffmpeg's upright frame")
            }
        }
        let unturned = try VideoSource(url: plain, cache: FrameCache(budgetBytes: 0), readAheadFrames: 0)
        XCTAssertEqual([unturned.stream.width, unturned.stream.height], [96, 64])
    }

    func testQuarterTurnsFromTheDisplayMatrixAngle() {
        // av_display_rotation_get's counter-clockwise degrees → clockwise quarter turns.
        XCTAssertEqual(PictureRotation.quarterTurns(nil), 0)
        XCTAssertEqual(PictureRotation.quarterTurns(0), 0)
        XCTAssertEqual(PictureRotation.quarterTurns(-90), 1)
        XCTAssertEqual(PictureRotation.quarterTurns(90), 3)
        XCTAssertEqual(PictureRotation.quarterTurns(180), 2)
        XCTAssertEqual(PictureRotation.quarterTurns(-180), 2)
        XCTAssertEqual(PictureRotation.quarterTurns(89.6), 3)
        XCTAssertEqual(PictureRotation.quarterTurns(45), 0, "not a quarter turn: left alone")
        XCTAssertEqual(PictureRotation.quarterTurns(.nan), 0)
    }
}
