import Foundation
import XCTest
@testable import Media

/// The generated demo clips, checked with ffprobe/ffmpeg as the reference.
final class DemoMediaTests: XCTestCase {
    /// Generated once for the whole class (about 10 s in a debug build).
    private static let generated: Result<[URL], MediaError> = {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("termcut-demo-tests-\(getpid())")
        return Result { () throws(MediaError) -> [URL] in try DemoMedia.ensure(in: folder) }
    }()

    override class func tearDown() {
        if case .success(let urls) = generated, let folder = urls.first?.deletingLastPathComponent() {
            try? FileManager.default.removeItem(at: folder)
        }
        super.tearDown()
    }

    private func clip(_ name: String) throws -> URL {
        let urls = try Self.generated.get()
        return try XCTUnwrap(urls.first { $0.lastPathComponent == name })
    }

    func testClipsAreValid1080p30H264AndStereoAAC() throws {
        let urls = try Self.generated.get()
        XCTAssertEqual(urls.map(\.lastPathComponent), ["countdown.mp4", "bars.mp4", "talk.mp4"])
        for url in urls {
            let name = url.lastPathComponent
            let probe = try ReferenceTool.ffprobe(url)
            let streams = try XCTUnwrap(probe["streams"] as? [[String: Any]])
            let video = try XCTUnwrap(streams.first { $0["codec_type"] as? String == "video" }, name)
            let audio = try XCTUnwrap(streams.first { $0["codec_type"] as? String == "audio" }, name)
            XCTAssertEqual(video["codec_name"] as? String, "h264", name)
            XCTAssertEqual(video["width"] as? Int, 1920, name)
            XCTAssertEqual(video["height"] as? Int, 1080, name)
            XCTAssertEqual(video["pix_fmt"] as? String, "yuv420p", name)
            XCTAssertEqual(video["avg_frame_rate"] as? String, "30/1", name)
            XCTAssertEqual(video["color_space"] as? String, "bt709", name)
            XCTAssertEqual(video["color_range"] as? String, "tv", name)
            XCTAssertEqual(audio["codec_name"] as? String, "aac", name)
            XCTAssertEqual(audio["sample_rate"] as? String, "48000", name)
            XCTAssertEqual(audio["channels"] as? Int, 2, name)
            XCTAssertEqual(audio["channel_layout"] as? String, "stereo", name)

            let videoDuration = try XCTUnwrap((video["duration"] as? String).flatMap(Double.init), name)
            let audioDuration = try XCTUnwrap((audio["duration"] as? String).flatMap(Double.init), name)
            XCTAssertTrue((10...20).contains(videoDuration), "\(name): \(videoDuration) s")
            XCTAssertEqual(audioDuration, videoDuration, accuracy: 1.0 / 30, "\(name): audio vs video duration")

            // Frames actually present (counted by demuxing), not just the header's claim.
            let counted = try ReferenceTool.succeed("ffprobe", ["-v", "error", "-select_streams", "v:0", "-count_packets",
                                                               "-show_entries", "stream=nb_read_packets", "-of", "csv=p=0", url.path])
            let packets = Int(String(decoding: counted, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
            XCTAssertEqual(packets, Int((videoDuration * 30).rounded()), "\(name): frame count = duration × 30")

            let info = try MediaProbe.probe(url)
            XCTAssertEqual(info.primaryVideo?.keyframeInterval, 30, name)
            XCTAssertEqual(info.primaryVideo?.isVariableFrameRate, false, name)
        }
    }

    func testBarsAreSeventyFivePercentBT709Bars() throws {
        let url = try clip("bars.mp4")
        // The reference decoder converts to RGB with the stream's signalled BT.709 matrix.
        let rgb = try ReferenceTool.succeed("ffmpeg", ["-v", "error", "-i", url.path, "-ss", "2", "-frames:v", "1",
                                                      "-f", "rawvideo", "-pix_fmt", "rgb24", "-"])
        XCTAssertEqual(rgb.count, 1920 * 1080 * 3)
        // White, yellow, cyan, green, magenta, red, blue at 75 % of 255.
        let expected: [(Bool, Bool, Bool)] = [(true, true, true), (true, true, false), (false, true, true),
                                              (false, true, false), (true, false, true), (true, false, false), (false, false, true)]
        for (bar, lit) in expected.enumerated() {
            let x = Int((Double(bar) + 0.5) * 1920 / 7)
            let offset = (300 * 1920 + x) * 3
            let pixel = [rgb[offset], rgb[offset + 1], rgb[offset + 2]].map(Int.init)
            for (channel, on) in [lit.0, lit.1, lit.2].enumerated() {
                XCTAssertEqual(Double(pixel[channel]), on ? 191.25 : 0, accuracy: 6, "bar \(bar) channel \(channel): \(pixel)")
            }
        }
    }

    func testBarsToneIsOneKilohertzAtMinus20dBFS() throws {
        let samples = try decodeLeft(try clip("bars.mp4"))
        let second = Array(samples[48_000..<96_000])
        let peak = second.map { abs($0) }.max() ?? 0
        let rms = (second.map { Double($0) * Double($0) }.reduce(0, +) / Double(second.count)).squareRoot()
        XCTAssertEqual(Double(peak), 0.1, accuracy: 0.01, "peak of a -20 dBFS sine")
        XCTAssertEqual(20 * log10(rms * 2.squareRoot()), -20, accuracy: 0.5, "level in dBFS (sine-referenced)")
        let crossings = zip(second, second.dropFirst()).filter { $0 < 0 && $1 >= 0 }.count
        XCTAssertEqual(crossings, 1000, accuracy: 3, "1 kHz")
    }

    func testTalkHasBurstsBetweenDigitalSilences() throws {
        let samples = try decodeLeft(try clip("talk.mp4"))
        var silences: [Double] = []
        var run = 0
        for value in samples + [1] {
            if value == 0 { run += 1 } else {
                if run >= 48_000 * 3 / 10 { silences.append(Double(run) / 48_000) }
                run = 0
            }
        }
        XCTAssertGreaterThanOrEqual(silences.count, 3, "stretches of exact digital silence: \(silences)")
        for silence in silences { XCTAssertLessThanOrEqual(silence, 1.6) }
        let loud = samples.filter { abs($0) > 0.05 }.count
        XCTAssertGreaterThan(Double(loud) / 48_000, 1.0, "there is sound between the silences")

        // The reference's own silence detector agrees.
        let detected = try ReferenceTool.run("ffmpeg", ["-i", try clip("talk.mp4").path, "-af", "silencedetect=noise=-60dB:d=0.4",
                                                        "-f", "null", "-"])
        XCTAssertEqual(detected.standardError.components(separatedBy: "silence_end").count - 1, silences.count)
    }

    func testExistingClipsAreReusedAndBrokenOnesRegenerated() throws {
        let urls = try Self.generated.get()
        let folder = try XCTUnwrap(urls.first).deletingLastPathComponent()
        let before = try urls.map { try FileManager.default.attributesOfItem(atPath: $0.path)[.modificationDate] as? Date }
        XCTAssertEqual(try DemoMedia.ensure(in: folder), urls)
        let after = try urls.map { try FileManager.default.attributesOfItem(atPath: $0.path)[.modificationDate] as? Date }
        XCTAssertEqual(before, after, "valid clips are not regenerated")

        let bars = try clip("bars.mp4")
        let data = try Data(contentsOf: bars)
        try data.prefix(data.count / 2).write(to: bars)
        XCTAssertThrowsError(try MediaProbe.probe(bars))
        let clips = try DemoMedia.ensureClips(in: folder)
        XCTAssertEqual(clips.map(\.name), ["countdown.mp4", "bars.mp4", "talk.mp4"])
        XCTAssertEqual(clips[1].info.primaryVideo?.width, 1920, "bars regenerated")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.contains("partial") }
        XCTAssertEqual(leftovers, [], "no temporary files left behind")
    }

    /// The left channel as decoded by ffmpeg (no downmix: ffmpeg's stereo-to-mono adds gain).
    private func decodeLeft(_ url: URL) throws -> [Float] {
        let data = try ReferenceTool.succeed("ffmpeg", ["-v", "error", "-i", url.path, "-f", "f32le", "-ac", "2", "-ar", "48000", "-"])
        let interleaved = data.withUnsafeBytes { Array($0.bindMemory(to: Float.self)) }
        return stride(from: 0, to: interleaved.count, by: 2).map { interleaved[$0] }
    }
}
