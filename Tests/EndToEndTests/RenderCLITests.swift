import Foundation
import XCTest

/// `termcut render` drives the built binary on small generated timelines; `ffprobe`/`ffmpeg`
/// check what it wrote: frame counts, durations and start times, bit-exact pass-through,
/// loudness, and that no partial file ever sits under the final name.
final class RenderCLITests: XCTestCase {
    typealias H = MediaCLIHarness

    /// A small H.264/AAC clip tagged BT.709 (so it can pass through to a BT.709 output).
    static func makeSource(_ url: URL, rate: String, seconds: Double, tone: Int, pattern: String = "testsrc2",
                           audio: String? = nil) throws {
        let sound = audio ?? "sine=f=\(tone):sample_rate=48000"
        let result = try H.tool("ffmpeg", ["-v", "error", "-y", "-f", "lavfi", "-i", "\(pattern)=s=320x240:r=\(rate):d=\(seconds)",
                                           "-f", "lavfi", "-t", "\(seconds)", "-i", sound, "-ac", "2",
                                           "-c:v", "libx264", "-preset", "ultrafast", "-g", "12", "-pix_fmt", "yuv420p",
                                           "-colorspace", "bt709", "-color_primaries", "bt709", "-color_trc", "bt709", "-color_range", "tv",
                                           "-c:a", "aac", "-shortest", url.path])
        XCTAssertEqual(result.status, 0, result.standardError)
    }

    /// A project at `rate` (numerator/denominator) with `sources` appended in order on V1/A1.
    static func makeProject(_ folder: URL, sources: [URL], rate: (Int, Int)) throws -> URL {
        let project = folder.appendingPathComponent("p.termcut")
        let importing = sources.map { "import \($0.path)" }.joined(separator: "\n")
        let script = folder.appendingPathComponent("script.txt")
        try importing.write(to: script, atomically: true, encoding: .utf8)
        let imported = try H.run(["run", project.path, script.path])
        XCTAssertEqual(imported.status, 0, imported.standardError)
        // The sequence's rate is chosen before anything is cut into it (else the first clip sets it).
        let cutting = "sequence-settings rate=\(rate.0)/\(rate.1)\n"
            + sources.map { "source \($0.lastPathComponent)\nappend" }.joined(separator: "\n")
        try cutting.write(to: script, atomically: true, encoding: .utf8)
        let run = try H.run(["run", project.path, script.path])
        XCTAssertEqual(run.status, 0, run.standardError)
        return project
    }

    static func streams(_ file: URL) throws -> [[String: Any]] {
        let probe = try H.tool("ffprobe", ["-v", "error", "-count_frames", "-show_streams", "-of", "json", file.path])
        XCTAssertEqual(probe.status, 0, probe.standardError)
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: probe.standardOutputData) as? [String: Any])
        return try XCTUnwrap(json["streams"] as? [[String: Any]])
    }

    static func double(_ value: Any?) -> Double? { (value as? String).flatMap(Double.init) }

    func render(_ arguments: [String]) throws -> [String: Any] {
        let result = try H.run(["render"] + arguments + ["--json"])
        XCTAssertEqual(result.status, 0, result.standardError)
        return try XCTUnwrap(try JSONSerialization.jsonObject(with: result.standardOutputData) as? [String: Any], result.standardError)
    }

    /// Timelines at 25, 29.97 and 30 fps, whole and with --in/--out: the frame count is exact,
    /// both streams start at 0 and the sound ends within a frame of the picture.
    func testFramesDurationAndStartTimesAreExactAtSeveralRates() throws {
        for (rate, text) in [((25, 1), "25"), ((30000, 1001), "30000/1001"), ((30, 1), "30")] {
            let folder = try H.temporaryFolder(self)
            let a = folder.appendingPathComponent("a.mp4"), b = folder.appendingPathComponent("b.mp4")
            try Self.makeSource(a, rate: text, seconds: 2, tone: 440)
            try Self.makeSource(b, rate: text, seconds: 1.5, tone: 880, pattern: "smptebars")
            let project = try Self.makeProject(folder, sources: [a, b], rate: rate)
            let fps = Double(rate.0) / Double(rate.1)
            // The timeline holds both clips whole: as many frames as the sources have.
            let whole = try [a, b].reduce(0) { total, source in
                let video = try XCTUnwrap(try Self.streams(source).first { $0["codec_type"] as? String == "video" })
                return total + (try XCTUnwrap((video["nb_read_frames"] as? String).flatMap(Int.init)))
            }
            for (range, frames) in [([String](), whole), (["--in", "10", "--out", "70"], 60)] {
                let out = folder.appendingPathComponent("out.mp4")
                let report = try render([project.path, "-o", out.path, "--encoder-preset", "ultrafast"] + range)
                let label = "\(text) \(range)"
                XCTAssertEqual(report["frames"] as? Int, frames, label)
                let streams = try Self.streams(out)
                let video = try XCTUnwrap(streams.first { $0["codec_type"] as? String == "video" }, label)
                let audio = try XCTUnwrap(streams.first { $0["codec_type"] as? String == "audio" }, label)
                XCTAssertEqual((video["nb_read_frames"] as? String).flatMap(Int.init), frames, label)
                XCTAssertEqual(video["r_frame_rate"] as? String, "\(rate.0)/\(rate.1)", label)
                XCTAssertEqual(video["color_space"] as? String, "bt709", label)
                XCTAssertEqual(video["color_primaries"] as? String, "bt709", label)
                XCTAssertEqual(video["color_range"] as? String, "tv", label)
                let seconds = Double(frames) / fps
                XCTAssertEqual(try XCTUnwrap(Self.double(video["duration"]), label), seconds, accuracy: 0.0015, label)
                XCTAssertEqual(try XCTUnwrap(Self.double(video["start_time"]), label), 0, accuracy: 0.0005, label)
                XCTAssertEqual(try XCTUnwrap(Self.double(audio["start_time"]), label), 0, accuracy: 0.001, label)
                XCTAssertEqual(try XCTUnwrap(Self.double(audio["duration"]), label), seconds, accuracy: 1 / fps, label)
                XCTAssertEqual(audio["sample_rate"] as? String, "48000", label)
                XCTAssertEqual(audio["channels"] as? Int, 2, label)
            }
        }
    }

    /// The lossless archive of a cut of BT.709 clips at the output's size and pixel format:
    /// every frame passes through untouched, so the FFV1 file decodes to exactly the source's pictures.
    func testPassThroughIsBitExactWithTheSourceDecode() throws {
        let folder = try H.temporaryFolder(self)
        let a = folder.appendingPathComponent("a.mp4"), b = folder.appendingPathComponent("b.mp4")
        try Self.makeSource(a, rate: "25", seconds: 2, tone: 440)
        try Self.makeSource(b, rate: "25", seconds: 1, tone: 660, pattern: "smptebars")
        let project = try Self.makeProject(folder, sources: [a, b], rate: (25, 1))
        let out = folder.appendingPathComponent("archive.mkv")
        let report = try render([project.path, "-o", out.path, "--preset", "archive-ffv1", "--in", "5", "--out", "70"])
        XCTAssertEqual(report["frames"] as? Int, 65)
        XCTAssertEqual(report["passed_frames"] as? Int, 65)
        func raw(_ file: URL, _ extra: [String]) throws -> Data {
            let target = folder.appendingPathComponent(UUID().uuidString + ".yuv")
            let result = try H.tool("ffmpeg", ["-v", "error", "-i", file.path] + extra + ["-fps_mode", "passthrough", "-f", "rawvideo", "-pix_fmt", "yuv420p", target.path])
            XCTAssertEqual(result.status, 0, result.standardError)
            return try Data(contentsOf: target)
        }
        let rendered = try raw(out, [])
        let expected = try raw(a, ["-vf", "trim=start_frame=5"]) + raw(b, ["-vf", "trim=end_frame=20"])
        XCTAssertEqual(rendered.count, 65 * 320 * 240 * 3 / 2)
        XCTAssertTrue(rendered == expected, "the archive's pictures differ from the sources' decode")
        let check = try H.tool("ffmpeg", ["-v", "error", "-i", out.path, "-f", "null", "-"])
        XCTAssertEqual(check.standardError, "")
    }

    /// A 10-bit ramp scaled into a 10-bit ProRes master composites at 16 bits: a row keeps far
    /// more than the 220 levels an 8-bit composite could carry.
    func testTenBitOutputsCompositeAboveEightBits() throws {
        let folder = try H.temporaryFolder(self)
        let ramp = folder.appendingPathComponent("ramp.mov")
        let made = try H.tool("ffmpeg", ["-v", "error", "-f", "lavfi", "-i",
                                         "nullsrc=s=640x64:r=25:d=1,format=yuv422p10le,geq=lum='64+X*876/W':cb=512:cr=512",
                                         "-c:v", "prores_ks", "-profile:v", "3", "-colorspace", "bt709", "-color_primaries", "bt709",
                                         "-color_trc", "bt709", ramp.path])
        XCTAssertEqual(made.status, 0, made.standardError)
        let project = try Self.makeProject(folder, sources: [ramp], rate: (25, 1))
        let scaled = folder.appendingPathComponent("scaled.mov")
        let report = try render([project.path, "-o", scaled.path, "--preset", "prores-hq", "--size", "480x48"])
        XCTAssertEqual(report["composited_frames"] as? Int, 25)
        let target = folder.appendingPathComponent("frame.yuv")
        let decoded = try H.tool("ffmpeg", ["-v", "error", "-i", scaled.path, "-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "yuv422p10le", target.path])
        XCTAssertEqual(decoded.status, 0, decoded.standardError)
        let bytes = [UInt8](try Data(contentsOf: target))
        var row: [Int] = []
        for x in 0..<480 {
            let at: Int = (20 * 480 + x) * 2
            row.append(Int(bytes[at]) | (Int(bytes[at + 1]) << 8))
        }
        XCTAssertGreaterThan(Set(row).count, 400, "distinct 10-bit levels in a row of the ramp")
        let streams = try Self.streams(scaled)
        XCTAssertEqual(streams.first?["pix_fmt"] as? String, "yuv422p10le")
        XCTAssertEqual(streams.first?["profile"] as? String, "HQ")
    }

    /// H.264 at CRF 18 of a pass-through cut stays above 45 dB PSNR against the source decode.
    func testCRF18IsAbove45dBAgainstTheSource() throws {
        let folder = try H.temporaryFolder(self)
        let a = folder.appendingPathComponent("a.mp4")
        try Self.makeSource(a, rate: "30", seconds: 2, tone: 440, pattern: "smptebars")
        let project = try Self.makeProject(folder, sources: [a], rate: (30, 1))
        let out = folder.appendingPathComponent("out.mp4")
        _ = try render([project.path, "-o", out.path, "--crf", "18"])
        let psnr = try H.tool("ffmpeg", ["-v", "info", "-i", out.path, "-i", a.path, "-lavfi", "psnr", "-f", "null", "-"])
        let line = try XCTUnwrap(psnr.standardError.split(separator: "\n").last { $0.contains("PSNR") }, psnr.standardError)
        let average = try XCTUnwrap(line.split(separator: " ").first { $0.hasPrefix("average:") }.flatMap { Double($0.dropFirst(8)) }, String(line))
        XCTAssertGreaterThan(average, 45, String(line))
    }

    /// Podcast WAV (−16 LUFS, −1 dBTP): a quiet tone gets one gain; a quiet tone with loud clicks
    /// needs the limiter too. FFmpeg's own ebur128 filter checks the files.
    func testLoudnessTargetAndTruePeakCeilingAreMet() throws {
        for (name, sound, limited) in [("tone", "sine=f=1000:sample_rate=48000", false),
                                       ("clicks", "aevalsrc=0.03*sin(2*PI*440*t)+if(lt(mod(t\\,0.5)\\,0.002)\\,0.9\\,0):s=48000", true)] {
            let folder = try H.temporaryFolder(self)
            let a = folder.appendingPathComponent("\(name).mp4")
            try Self.makeSource(a, rate: "25", seconds: 6, tone: 1000, audio: sound)
            let project = try Self.makeProject(folder, sources: [a], rate: (25, 1))
            let out = folder.appendingPathComponent("\(name).wav")
            let report = try render([project.path, "-o", out.path])
            let loudness = try XCTUnwrap(report["loudness"] as? [String: Any], name)
            XCTAssertEqual(loudness["limiter_ceiling_dbfs"] is NSNull, !limited, "\(name): \(loudness)")
            let log = try H.tool("ffmpeg", ["-hide_banner", "-nostats", "-i", out.path, "-af", "ebur128=peak=true", "-f", "null", "-"]).standardError
            let summary = try XCTUnwrap(log.range(of: "Summary:"), log)
            var figures: [String: Double] = [:]
            for line in log[summary.upperBound...].split(separator: "\n") {
                let parts = line.split(separator: " ")
                if parts.count >= 2, ["I:", "Peak:"].contains(parts[0]) { figures[String(parts[0])] = Double(parts[1]) }
            }
            XCTAssertEqual(try XCTUnwrap(figures["I:"], log), -16, accuracy: 0.5, "\(name): \(figures)")
            XCTAssertLessThanOrEqual(try XCTUnwrap(figures["Peak:"], log), -1.0 + 0.1, "\(name): \(figures)")
        }
    }

    /// A render killed with SIGKILL halfway leaves nothing under the final name; the next render
    /// into the folder clears the dead one's partial file and delivers.
    func testKilledRenderLeavesNoFileUnderTheFinalName() throws {
        let folder = try H.temporaryFolder(self)
        let a = folder.appendingPathComponent("a.mp4")
        try Self.makeSource(a, rate: "25", seconds: 8, tone: 440)
        let project = try Self.makeProject(folder, sources: [a], rate: (25, 1))
        let out = folder.appendingPathComponent("master.mov")
        let process = Process()
        process.executableURL = H.binary
        process.arguments = ["render", project.path, "-o", out.path, "--size", "1920x1080", "--quiet"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        var partial: String?
        let deadline = Date().addingTimeInterval(120)
        while partial == nil, process.isRunning, Date() < deadline {
            let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            if let name = names.first(where: { $0.hasPrefix(".master.termcut-partial-") }),
               let size = try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent(name).path)[.size] as? Int,
               size > 1_000_000 {
                partial = name
            }
            usleep(20_000)
        }
        XCTAssertNotNil(partial, "the render never wrote its partial file")
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        XCTAssertFalse(FileManager.default.fileExists(atPath: out.path), "a killed render left \(out.lastPathComponent)")
        _ = try render([project.path, "-o", out.path, "--preset", "h264", "--encoder-preset", "ultrafast", "--out", "10"])
        XCTAssertTrue(FileManager.default.fileExists(atPath: out.path))
        let left = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.contains("termcut-partial") }
        XCTAssertEqual(left, [], "the dead render's partial file was not cleared")
    }

    /// ctrl-c (SIGINT) cancels: exit status 1, "cancelled", and neither the final file nor the
    /// partial one is left.
    func testInterruptCancelsAndRemovesThePartialFile() throws {
        let folder = try H.temporaryFolder(self)
        let a = folder.appendingPathComponent("a.mp4")
        try Self.makeSource(a, rate: "25", seconds: 8, tone: 440)
        let project = try Self.makeProject(folder, sources: [a], rate: (25, 1))
        let out = folder.appendingPathComponent("cut.mov")
        let process = Process()
        process.executableURL = H.binary
        process.arguments = ["render", project.path, "-o", out.path, "--size", "1920x1080", "--quiet"]
        let errors = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        try process.run()
        let deadline = Date().addingTimeInterval(120)
        var started = false
        while !started, process.isRunning, Date() < deadline {
            started = try FileManager.default.contentsOfDirectory(atPath: folder.path).contains { $0.hasPrefix(".cut.termcut-partial-") }
            usleep(20_000)
        }
        XCTAssertTrue(started, "the render never started writing")
        kill(process.processIdentifier, SIGINT)
        process.waitUntilExit()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        XCTAssertEqual(process.terminationStatus, 1, message)
        XCTAssertTrue(message.contains("cancelled"), message)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix("cut.") || $0.hasPrefix(".cut.") }, [])
    }

    /// Bad requests fail before writing, in one line naming what is wrong; a full disk fails
    /// during the render and removes what was written.
    func testErrorsAreClearAndLeaveNothingBehind() throws {
        let folder = try H.temporaryFolder(self)
        let a = folder.appendingPathComponent("a.mp4")
        try Self.makeSource(a, rate: "25", seconds: 2, tone: 440)
        let project = try Self.makeProject(folder, sources: [a], rate: (25, 1))
        let out = folder.appendingPathComponent("out.mp4").path
        for (arguments, words) in [
            (["-o", out, "--preset", "youtub"], "no preset named 'youtub'"),
            (["-o", out, "--video-codec", "nosuchcodec"], "no nosuchcodec encoder"),
            (["-o", out, "--pixel-format", "nonsense"], "unknown pixel format 'nonsense'"),
            (["-o", folder.appendingPathComponent("x.avi").path], "give --preset"),
            (["-o", "/sys/out.mp4"], "not allowed"),
            (["-o", folder.appendingPathComponent("missing/out.mp4").path], "does not exist"),
            (["-o", out, "--in", "40", "--out", "20"], "not a range"),
        ] {
            let result = try H.run(["render", project.path] + arguments + ["--quiet"])
            XCTAssertEqual(result.status, 1, "\(arguments)")
            XCTAssertTrue(result.standardError.contains(words), "\(arguments): \(result.standardError)")
            XCTAssertEqual(result.standardError.split(separator: "\n").count, 1, result.standardError)
            XCTAssertFalse(FileManager.default.fileExists(atPath: out))
        }
        // The output is the source itself, by its own name or through a link: refused, media untouched.
        let media = try Data(contentsOf: a)
        let link = folder.appendingPathComponent("link.mp4")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: a)
        for target in [a.path, folder.path + "/./a.mp4", link.path] {
            let result = try H.run(["render", project.path, "-o", target, "--quiet"])
            XCTAssertEqual(result.status, 1, target)
            XCTAssertTrue(result.standardError.contains("never writes over its sources"), "\(target): \(result.standardError)")
            XCTAssertEqual(try Data(contentsOf: a), media, "the source is unchanged")
        }
        try FileManager.default.removeItem(at: link)
        // Offline media: the clip is named with its track and timecode.
        try FileManager.default.moveItem(at: a, to: folder.appendingPathComponent("moved.mp4"))
        let offline = try H.run(["render", project.path, "-o", out, "--quiet"])
        XCTAssertEqual(offline.status, 1)
        XCTAssertTrue(offline.standardError.contains("clip 'a.mp4' on V1") && offline.standardError.contains("offline"), offline.standardError)
        try FileManager.default.moveItem(at: folder.appendingPathComponent("moved.mp4"), to: a)
        // A full disk: a 300 KiB tmpfs.
        let small = folder.appendingPathComponent("small")
        try FileManager.default.createDirectory(at: small, withIntermediateDirectories: true)
        let mount = try H.tool("mount", ["-t", "tmpfs", "-o", "size=300k", "tmpfs", small.path])
        XCTAssertEqual(mount.status, 0, "mounting a small tmpfs needs root: \(mount.standardError)")
        defer { _ = try? H.tool("umount", [small.path]) }
        let full = try H.run(["render", project.path, "-o", small.appendingPathComponent("out.mov").path, "--quiet"])
        XCTAssertEqual(full.status, 1)
        XCTAssertTrue(full.standardError.contains("disk is full"), full.standardError)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: small.path), [])
    }

    /// The editor's `render` command (synchronous in scripts) renders the marked range;
    /// `render-cancel` with nothing running says so.
    func testEditorRenderCommandRendersTheMarkedRange() throws {
        let folder = try H.temporaryFolder(self)
        let a = folder.appendingPathComponent("a.mp4")
        try Self.makeSource(a, rate: "25", seconds: 2, tone: 440)
        let project = try Self.makeProject(folder, sources: [a], rate: (25, 1))
        let out = folder.appendingPathComponent("marked.mp4")
        let script = folder.appendingPathComponent("render.txt")
        try "mark-in 10\nmark-out 39\nrender \(out.path)\n".write(to: script, atomically: true, encoding: .utf8)
        let run = try H.run(["run", project.path, script.path, "-v"])
        XCTAssertEqual(run.status, 0, run.standardError)
        XCTAssertTrue(run.standardOutput.contains("rendered marked.mp4: 30 frames"), run.standardOutput)
        let video = try XCTUnwrap(try Self.streams(out).first { $0["codec_type"] as? String == "video" })
        XCTAssertEqual(video["nb_read_frames"] as? String, "30")
        try "render-cancel\n".write(to: script, atomically: true, encoding: .utf8)
        let cancel = try H.run(["run", project.path, script.path])
        XCTAssertEqual(cancel.status, 1)
        XCTAssertTrue(cancel.standardError.contains("no render is running"), cancel.standardError)
    }

    func testPresetsListsBuiltInsAndUserOverrides() throws {
        let config = try H.temporaryFolder(self)
        let presets = config.appendingPathComponent("termcut/presets")
        try FileManager.default.createDirectory(at: presets, withIntermediateDirectories: true)
        try "description = \"my web cut\"\ncontainer = \"mp4\"\n[video]\ncodec = \"libx264\"\n"
            .write(to: presets.appendingPathComponent("youtube-1080p.toml"), atomically: true, encoding: .utf8)
        let result = try H.run(["presets"], environment: ["XDG_CONFIG_HOME": config.path])
        XCTAssertEqual(result.status, 0, result.standardError)
        for name in ["h264", "youtube-4k", "vertical-1080x1920", "prores-hq", "dnxhr-hq", "webm-vp9", "podcast-mp3", "podcast-wav", "archive-ffv1"] {
            XCTAssertTrue(result.standardOutput.contains(name), name)
        }
        XCTAssertTrue(result.standardOutput.contains("youtube-1080p") && result.standardOutput.contains("my web cut"), result.standardOutput)
    }
}
