import Foundation
import XCTest

final class FrameCLITests: XCTestCase {
    func testEveryTimeFormNamesTheSameFrameAndItLooksLikeFFmpegs() throws {
        let folder = try MediaCLIHarness.temporaryFolder(self)
        let video = try MediaCLIHarness.corpusFile("bikes.mp4")  // 25 fps, starts at 0
        var outputs: [Data] = []
        for (index, time) in ["f100", "#100", "4s", "4", "00:00:04:00", "4.02"].enumerated() {
            let png = folder.appendingPathComponent("\(index).png")
            let result = try MediaCLIHarness.run(["frame", video.path, "--at", time, "-o", png.path])
            XCTAssertEqual(result.status, 0, "\(time): \(result.standardError)")
            outputs.append(try Data(contentsOf: png))
        }
        for (index, data) in outputs.enumerated() {
            XCTAssertEqual(data, outputs[0], "form \(index) names frame 100 too (4.02 s lies inside its 40 ms)")
        }
        XCTAssertEqual(Array(outputs[0].prefix(8)), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], "a PNG")

        // Same picture as ffmpeg's frame 100, up to RGB conversion rounding.
        let reference = folder.appendingPathComponent("reference.png")
        let made = try MediaCLIHarness.tool("ffmpeg", ["-v", "error", "-i", video.path, "-vf", "select=eq(n\\,100)", "-frames:v", "1",
                                                       "-fps_mode", "passthrough", reference.path])
        XCTAssertEqual(made.status, 0, made.standardError)
        let ours = try Data(contentsOf: folder.appendingPathComponent("0.png"))
        let oursRGB = try MediaCLIHarness.tool("ffmpeg", ["-v", "error", "-i", folder.appendingPathComponent("0.png").path,
                                                          "-f", "rawvideo", "-pix_fmt", "rgb24", "-"])
        let theirsRGB = try MediaCLIHarness.tool("ffmpeg", ["-v", "error", "-i", reference.path, "-f", "rawvideo", "-pix_fmt", "rgb24", "-"])
        XCTAssertFalse(ours.isEmpty)
        let a = [UInt8](oursRGB.standardOutputData), b = [UInt8](theirsRGB.standardOutputData)
        XCTAssertEqual(a.count, 640 * 272 * 3)
        XCTAssertEqual(a.count, b.count)
        let meanDifference = Double(zip(a, b).map { abs(Int($0) - Int($1)) }.reduce(0, +)) / Double(max(1, a.count))
        XCTAssertLessThan(meanDifference, 3, "same frame, same colours")

        // And clearly not the neighbouring frame's content when the scene moves.
        let other = folder.appendingPathComponent("other.png")
        XCTAssertEqual(try MediaCLIHarness.run(["frame", video.path, "--at", "f140", "-o", other.path]).status, 0)
        XCTAssertNotEqual(try Data(contentsOf: other), ours)
    }

    func testErrorsAreOneLineAndExitOne() throws {
        let folder = try MediaCLIHarness.temporaryFolder(self)
        let out = folder.appendingPathComponent("x.png").path
        let video = try MediaCLIHarness.corpusFile("bikes.mp4").path
        let audio = try MediaCLIHarness.corpusFile("debian.wav").path
        let cases: [([String], String)] = [
            (["frame", folder.appendingPathComponent("missing.mp4").path, "--at", "1s", "-o", out], "no such file"),
            (["frame", audio, "--at", "1s", "-o", out], "no video stream"),
            (["frame", video, "--at", "soon", "-o", out], "cannot read time"),
            (["frame", video, "--at", "f9999", "-o", out], "does not exist"),
            (["frame", video, "--at", "99s", "-o", out], "past the end"),
        ]
        for (arguments, words) in cases {
            let result = try MediaCLIHarness.run(arguments)
            XCTAssertEqual(result.status, 1, arguments.joined(separator: " "))
            let lines = result.standardError.split(separator: "\n")
            XCTAssertEqual(lines.count, 1, result.standardError)
            XCTAssertTrue(result.standardError.hasPrefix("termcut: "), result.standardError)
            XCTAssertTrue(result.standardError.contains(words), "\(words): \(result.standardError)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: out), "nothing written on failure")
    }
}
