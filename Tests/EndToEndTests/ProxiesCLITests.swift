import Foundation
import XCTest

/// `termcut proxies`: a proxy per media with the original's frame count, duration and sound,
/// the same pictures (PSNR against the scaled original), recorded in the project, kept on a re-run.
final class ProxiesCLITests: XCTestCase {
    typealias H = MediaCLIHarness

    func testProxyHasTheOriginalsFramesAndSoundAndIsKeptOnAReRun() throws {
        let folder = try H.temporaryFolder(self)
        let source = folder.appendingPathComponent("a.mp4")
        try RenderCLITests.makeSource(source, rate: "25", seconds: 2, tone: 440, pattern: "smptebars")
        let project = try RenderCLITests.makeProject(folder, sources: [source], rate: (25, 1))
        let made = try H.run(["proxies", project.path, "--size", "160x120"])
        XCTAssertEqual(made.status, 0, made.standardError)
        let proxy = folder.appendingPathComponent("proxies/a.mp4")
        XCTAssertTrue(FileManager.default.fileExists(atPath: proxy.path), made.standardError)
        let text = try String(contentsOf: project, encoding: .utf8)
        XCTAssertTrue(text.contains("\"proxies/a.mp4\""), "the project must record the proxy")

        let original = try RenderCLITests.streams(source), small = try RenderCLITests.streams(proxy)
        func stream(_ s: [[String: Any]], _ kind: String) throws -> [String: Any] { try XCTUnwrap(s.first { $0["codec_type"] as? String == kind }) }
        let ov = try stream(original, "video"), pv = try stream(small, "video")
        XCTAssertEqual(pv["nb_read_frames"] as? String, ov["nb_read_frames"] as? String)
        XCTAssertEqual(pv["r_frame_rate"] as? String, ov["r_frame_rate"] as? String)
        XCTAssertEqual(pv["width"] as? Int, 160)
        let ovd = try XCTUnwrap(RenderCLITests.double(ov["duration"])), pvd = try XCTUnwrap(RenderCLITests.double(pv["duration"]))
        XCTAssertEqual(pvd, ovd, accuracy: 0.04)
        let oad = try XCTUnwrap(RenderCLITests.double(try stream(original, "audio")["duration"]))
        let pad = try XCTUnwrap(RenderCLITests.double(try stream(small, "audio")["duration"]))
        XCTAssertEqual(pad, oad, accuracy: 0.04)

        // Frame N of the proxy is frame N of the original: every frame above 35 dB (min of the per-frame PSNR).
        let psnr = try H.tool("ffmpeg", ["-v", "info", "-i", proxy.path, "-i", source.path,
                                         "-lavfi", "[1:v]scale=160:120[o];[0:v][o]psnr", "-f", "null", "-"])
        XCTAssertEqual(psnr.status, 0, psnr.standardError)
        let line = try XCTUnwrap(psnr.standardError.split(separator: "\n").first { $0.contains("PSNR") }, psnr.standardError)
        let minimum = try XCTUnwrap(line.components(separatedBy: "min:").last.flatMap { Double($0.prefix { $0 == "." || $0.isNumber }) }, String(line))
        XCTAssertGreaterThan(minimum, 35, String(line))

        let before = try FileManager.default.attributesOfItem(atPath: proxy.path)[.modificationDate] as? Date
        let again = try H.run(["proxies", project.path, "--size", "160x120"])
        XCTAssertEqual(again.status, 0, again.standardError)
        XCTAssertTrue(again.standardError.contains("proxy done earlier, kept"), again.standardError)
        XCTAssertEqual(try FileManager.default.attributesOfItem(atPath: proxy.path)[.modificationDate] as? Date, before)
    }
}
