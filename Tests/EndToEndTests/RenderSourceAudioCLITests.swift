import Foundation
import XCTest

/// Sources whose sound is not 48 kHz stereo (44.1 kHz mono, 48 kHz 5.1) render to the
/// preset's 48 kHz stereo: resampled without a change of pitch or length, mono to both
/// sides equally, 5.1 folded down with each front channel on its own side.
final class RenderSourceAudioCLITests: XCTestCase {
    typealias H = MediaCLIHarness

    /// Per-channel RMS (dB) and the stream's sample rate, channels and duration, from ffmpeg/ffprobe.
    static func levels(_ file: URL) throws -> (rms: [Double], rate: String, channels: Int, duration: Double) {
        let stats = try H.tool("ffmpeg", ["-hide_banner", "-nostats", "-i", file.path, "-af", "astats=measure_overall=none", "-f", "null", "-"])
        var rms: [Double] = []
        for line in stats.standardError.split(separator: "\n") where line.contains("RMS level dB:") {
            let value = line.split(separator: ":").last.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
            rms.append(Double(value) ?? -.infinity)
        }
        let audio = try XCTUnwrap(try RenderCLITests.streams(file).first { $0["codec_type"] as? String == "audio" })
        return (rms, audio["sample_rate"] as? String ?? "", audio["channels"] as? Int ?? 0,
                try XCTUnwrap(RenderCLITests.double(audio["duration"])))
    }

    /// The strongest frequency of the left channel, by scanning band-passes (Hz, ±10).
    static func pitch(_ file: URL, candidates: [Int]) throws -> Int {
        var best = (0, -Double.infinity)
        for f in candidates {
            let run = try H.tool("ffmpeg", ["-hide_banner", "-nostats", "-i", file.path, "-af",
                                            "pan=mono|c0=c0,bandpass=f=\(f):width_type=q:w=30,astats=measure_overall=none", "-f", "null", "-"])
            let line = run.standardError.split(separator: "\n").first { $0.contains("RMS level dB:") }
            let level = line.flatMap { $0.split(separator: ":").last.flatMap { Double($0.trimmingCharacters(in: .whitespaces)) } } ?? -.infinity
            if level > best.1 { best = (f, level) }
        }
        return best.0
    }

    func testMonoAt44100AndFivePointOneRenderToStereoAt48k() throws {
        let folder = try H.temporaryFolder(self)
        let mono = folder.appendingPathComponent("mono.mp4"), surround = folder.appendingPathComponent("surround.mp4")
        let picture = ["-f", "lavfi", "-i", "testsrc2=s=320x240:r=25:d=2", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p"]
        var made = try H.tool("ffmpeg", ["-v", "error", "-y"] + picture.prefix(4) + ["-f", "lavfi", "-i", "sine=f=440:sample_rate=44100:d=2"]
                              + picture.suffix(from: 4) + ["-c:a", "aac", "-ac", "1", "-shortest", mono.path])
        XCTAssertEqual(made.status, 0, made.standardError)
        // 5.1 with a 440 Hz tone on the front left only and 880 Hz on the front right only.
        made = try H.tool("ffmpeg", ["-v", "error", "-y"] + picture.prefix(4)
                          + ["-f", "lavfi", "-i", "aevalsrc=0.5*sin(2*PI*440*t)|0.5*sin(2*PI*880*t)|0|0|0|0:s=48000:d=2:c=5.1"]
                          + picture.suffix(from: 4) + ["-c:a", "aac", "-shortest", surround.path])
        XCTAssertEqual(made.status, 0, made.standardError)
        for (source, name) in [(mono, "mono"), (surround, "surround")] {
            let sub = folder.appendingPathComponent(name, isDirectory: true)
            try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
            let project = try RenderCLITests.makeProject(sub, sources: [source], rate: (25, 1))
            let out = sub.appendingPathComponent("out.mp4")
            let result = try H.run(["render", project.path, "-o", out.path, "--encoder-preset", "ultrafast", "--quiet"])
            XCTAssertEqual(result.status, 0, result.standardError)
            let figures = try Self.levels(out)
            XCTAssertEqual(figures.rate, "48000", name)
            XCTAssertEqual(figures.channels, 2, name)
            XCTAssertEqual(figures.duration, 2, accuracy: 0.04, name)
            XCTAssertEqual(figures.rms.count, 2, name)
            XCTAssertEqual(try Self.pitch(out, candidates: [392, 415, 440, 466, 494]), 440, "\(name): the pitch moved")
            if name == "mono" {
                XCTAssertEqual(figures.rms[0], figures.rms[1], accuracy: 0.5, "mono is not equal on both sides: \(figures.rms)")
                XCTAssertGreaterThan(figures.rms[0], -30, "mono: silent \(figures.rms)")
            } else {
                // Each side holds its own front channel: left 440 Hz, right 880 Hz, both audible.
                XCTAssertGreaterThan(figures.rms[0], -30, "surround: \(figures.rms)")
                XCTAssertGreaterThan(figures.rms[1], -30, "surround: \(figures.rms)")
                let right = try H.tool("ffmpeg", ["-hide_banner", "-nostats", "-i", out.path, "-af",
                                                  "pan=mono|c0=c1,bandpass=f=440:width_type=q:w=30,astats=measure_overall=none", "-f", "null", "-"])
                let leak = right.standardError.split(separator: "\n").first { $0.contains("RMS level dB:") }
                    .flatMap { $0.split(separator: ":").last.flatMap { Double($0.trimmingCharacters(in: .whitespaces)) } } ?? -.infinity
                XCTAssertLessThan(leak, figures.rms[1] - 20, "the front left tone leaks into the right side")
            }
        }
    }
}
