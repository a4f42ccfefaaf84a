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

/// `termcut frame PROJECT`: the timeline's picture, as an editor's Export Frame gives it.
final class ProjectFrameCLITests: XCTestCase {
    typealias H = MediaCLIHarness

    /// Record frame 10 of a clip cut from bikes.mp4 at 00:00:01:00 is the file's frame 35;
    /// with a title over it the lower third changes and the rest does not; a time past the
    /// sequence is a one-line error. Before, a project given to `frame` was read as media
    /// ("damaged TEDCAPTIONS file").
    func testAProjectsFrameIsTheTimelinesPicture() throws {
        let folder = try H.temporaryFolder(self)
        let video = try H.corpusFile("bikes.mp4")   // 640x272, 25 fps
        let project = folder.appendingPathComponent("cut.termcut")
        let script = folder.appendingPathComponent("cut.txt")
        try """
            import \(video.path)
            source bikes
            mark-in 00:00:01:00
            mark-out 00:00:03:00
            insert
            """.write(to: script, atomically: true, encoding: .utf8)
        let made = try H.run(["run", project.path, script.path])
        XCTAssertEqual(made.status, 0, made.standardError)

        func rgb(_ png: URL) throws -> [UInt8] {
            let decoded = try H.tool("ffmpeg", ["-v", "error", "-i", png.path, "-f", "rawvideo", "-pix_fmt", "rgb24", "-"])
            XCTAssertEqual(decoded.status, 0, decoded.standardError)
            return [UInt8](decoded.standardOutputData)
        }
        let ours = folder.appendingPathComponent("record-10.png"), theirs = folder.appendingPathComponent("source-35.png")
        for (arguments, out) in [([project.path, "--at", "f10"], ours), ([video.path, "--at", "f35"], theirs)] {
            let result = try H.run(["frame"] + arguments + ["-o", out.path])
            XCTAssertEqual(result.status, 0, result.standardError)
        }
        let a = try rgb(ours), b = try rgb(theirs)
        XCTAssertEqual(a.count, 640 * 272 * 3, "the sequence's size")
        XCTAssertEqual(a.count, b.count)
        let mean = Double(zip(a, b).map { abs(Int($0) - Int($1)) }.reduce(0, +)) / Double(max(1, a.count))
        XCTAssertLessThan(mean, 3, "the same picture, up to the RGB conversion's rounding")
        let neighbour = folder.appendingPathComponent("source-45.png")
        XCTAssertEqual(try H.run(["frame", video.path, "--at", "f45", "-o", neighbour.path]).status, 0)
        let far = Double(zip(a, try rgb(neighbour)).map { abs(Int($0) - Int($1)) }.reduce(0, +)) / Double(max(1, a.count))
        XCTAssertGreaterThan(far, mean, "closer to its own frame than to one ten frames on")

        try "goto f0\ntitle-add \"Take 字幕 שלום\" duration=1s".write(to: script, atomically: true, encoding: .utf8)
        XCTAssertEqual(try H.run(["run", project.path, script.path]).status, 0)
        let titled = folder.appendingPathComponent("titled.png")
        XCTAssertEqual(try H.run(["frame", project.path, "--at", "01:00:00:10", "-o", titled.path]).status, 0)
        let t = try rgb(titled)
        var changedTop = 0, changedLowerThird = 0
        for i in stride(from: 0, to: t.count, by: 3) where abs(Int(t[i]) - Int(a[i])) > 40 {
            if i / 3 / 640 < 136 { changedTop += 1 } else { changedLowerThird += 1 }
        }
        XCTAssertEqual(changedTop, 0, "the title does not touch the upper half")
        XCTAssertGreaterThan(changedLowerThird, 200, "the title's ink in the lower half")

        let late = try H.run(["frame", project.path, "--at", "99s", "-o", folder.appendingPathComponent("late.png").path])
        XCTAssertEqual(late.status, 1)
        XCTAssertEqual(late.standardError.split(separator: "\n").count, 1, late.standardError)
        XCTAssertTrue(late.standardError.contains("outside the timeline"), late.standardError)
    }
}
