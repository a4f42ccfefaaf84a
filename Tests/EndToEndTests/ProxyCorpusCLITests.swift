import Foundation
import XCTest

/// `termcut proxies` on real corpus media: each proxy mirrors its original stream by stream
/// (the video stream's frame count, rate and start, the audio stream's length) and frame N of
/// the proxy shows frame N of the original, checked by ffprobe and ffmpeg's psnr filter.
final class ProxyCorpusCLITests: XCTestCase {
    typealias H = MediaCLIHarness

    /// A corpus file and the proxy size it must get in a 480x270 box.
    struct Case { var name: String; var width: Int; var height: Int }

    func testCorpusProxiesMirrorTheOriginalsStreamsFrameForFrame() throws {
        let cases = [
            Case(name: "bigbuckbunny.mp4", width: 480, height: 270),   // 132 frames, sound 5.312 s (longer than the picture)
            Case(name: "bikes.mp4", width: 480, height: 204),          // 640x272, no sound: keeps its aspect in the box
            Case(name: "ChID-BLITS-EBU.mp4", width: 360, height: 270), // 8 fps, 44.1 kHz 5.1
            Case(name: "balle-jbart.mp4", width: 360, height: 270),    // 25 fps with sound, 720x576 of 16:15 pixels (4:3)
        ]
        let folder = try H.temporaryFolder(self)
        for c in cases {
            try FileManager.default.createSymbolicLink(at: folder.appendingPathComponent(c.name), withDestinationURL: try H.corpusFile(c.name))
        }
        let made = try H.run(["proxies", folder.path, "--size", "480x270", "--workers", "2"])
        XCTAssertEqual(made.status, 0, made.standardError)
        for c in cases {
            let original = try H.corpusFile(c.name)
            let proxy = try proxyFile(of: c.name, in: folder.appendingPathComponent("proxies"))
            try checkStreams(original: original, proxy: proxy, expected: c)
            try checkPictures(original: original, proxy: proxy, width: c.width, height: c.height)
        }
    }

    /// The proxy of `name` in `proxies`: named for its media (the file name's stem).
    func proxyFile(of name: String, in proxies: URL) throws -> URL {
        let stem = (name as NSString).deletingPathExtension
        let names = try FileManager.default.contentsOfDirectory(atPath: proxies.path)
        let found = try XCTUnwrap(names.first { ($0 as NSString).deletingPathExtension.hasPrefix(stem) }, "no proxy of \(name) in \(names)")
        return proxies.appendingPathComponent(found)
    }

    func checkStreams(original: URL, proxy: URL, expected: Case) throws {
        let o = try RenderCLITests.streams(original), p = try RenderCLITests.streams(proxy)
        func stream(_ s: [[String: Any]], _ kind: String) -> [String: Any]? { s.first { $0["codec_type"] as? String == kind } }
        let ov = try XCTUnwrap(stream(o, "video")), pv = try XCTUnwrap(stream(p, "video"), expected.name)
        XCTAssertEqual(pv["nb_read_frames"] as? String, ov["nb_read_frames"] as? String, "\(expected.name): video frames")
        XCTAssertEqual(pv["r_frame_rate"] as? String, ov["r_frame_rate"] as? String, "\(expected.name): frame rate")
        XCTAssertEqual(pv["avg_frame_rate"] as? String, ov["avg_frame_rate"] as? String, "\(expected.name): average frame rate")
        let ostart = try XCTUnwrap(RenderCLITests.double(ov["start_time"])), pstart = try XCTUnwrap(RenderCLITests.double(pv["start_time"]))
        XCTAssertEqual(pstart, ostart, accuracy: 0.001, "\(expected.name): the first frame's time")
        XCTAssertEqual(pv["width"] as? Int, expected.width, "\(expected.name): width in the box")
        XCTAssertEqual(pv["height"] as? Int, expected.height, "\(expected.name): height in the box")
        guard let oa = stream(o, "audio") else {
            XCTAssertNil(stream(p, "audio"), "\(expected.name): a silent original gets a silent proxy")
            return
        }
        let pa = try XCTUnwrap(stream(p, "audio"), "\(expected.name): the proxy has no sound")
        let oad = try XCTUnwrap(RenderCLITests.double(oa["duration"])), pad = try XCTUnwrap(RenderCLITests.double(pa["duration"]))
        // Within one audio frame (1024 samples of the proxy's 48 kHz AAC).
        XCTAssertEqual(pad, oad, accuracy: 1024.0 / 48_000, "\(expected.name): audio length")
    }

    /// Ten frames spread over the file, first and last included: each above 35 dB against the
    /// original frame of the same number, scaled to the proxy's size.
    func checkPictures(original: URL, proxy: URL, width: Int, height: Int) throws {
        let frames = try XCTUnwrap(Int(try XCTUnwrap(RenderCLITests.streams(original).first { $0["codec_type"] as? String == "video" }?["nb_read_frames"] as? String)))
        let picked = Array(Set((0..<10).map { $0 * (frames - 1) / 9 })).sorted()
        let select = "select='" + picked.map { "eq(n\\,\($0))" }.joined(separator: "+") + "',setpts=N/TB"
        let stats = FileManager.default.temporaryDirectory.appendingPathComponent("termcut-psnr-\(UUID().uuidString).log")
        defer { try? FileManager.default.removeItem(at: stats) }
        let graph = "[0:v]\(select)[p];[1:v]\(select),scale=\(width):\(height)[o];[p][o]psnr=stats_file=\(stats.path)"
        let run = try H.tool("ffmpeg", ["-v", "error", "-i", proxy.path, "-i", original.path, "-lavfi", graph, "-f", "null", "-"])
        XCTAssertEqual(run.status, 0, run.standardError)
        let lines = try String(contentsOf: stats, encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(lines.count, picked.count, "\(proxy.lastPathComponent): frames compared")
        for (index, line) in lines.enumerated() {
            let text = try XCTUnwrap(line.split(separator: " ").first { $0.hasPrefix("psnr_avg:") }).dropFirst("psnr_avg:".count)
            let value = text == "inf" ? Double.infinity : try XCTUnwrap(Double(text), String(line))
            XCTAssertGreaterThan(value, 35, "\(proxy.lastPathComponent): frame \(picked[min(index, picked.count - 1)])")
        }
    }
}
