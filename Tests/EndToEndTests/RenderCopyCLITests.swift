import Foundation
import XCTest

/// `termcut render --copy` (lossless stream copy) checked with ffprobe/ffmpeg only: every
/// video packet is the source's, byte for byte, in the source's decode order; each cut starts
/// on the source keyframe at or before the in point; the frame count and duration are exact;
/// the file decodes without a single error; the sound stays within half a packet.
final class RenderCopyCLITests: XCTestCase {
    typealias H = MediaCLIHarness

    /// A 30 fps H.264 (x264 veryfast: B-frames) + AAC source with a keyframe every `gop` frames.
    static func makeSource(_ url: URL, seconds: Int, gop: Int, size: String = "320x240") throws {
        let result = try H.tool("ffmpeg", ["-v", "error", "-y", "-f", "lavfi", "-i", "testsrc2=s=\(size):r=30:d=\(seconds)",
                                           "-f", "lavfi", "-t", "\(seconds)", "-i", "sine=f=440:sample_rate=48000", "-ac", "2",
                                           "-c:v", "libx264", "-preset", "veryfast", "-g", "\(gop)", "-pix_fmt", "yuv420p",
                                           "-c:a", "aac", "-shortest", url.path])
        XCTAssertEqual(result.status, 0, result.standardError)
    }

    /// A 30 fps project cutting `cuts` (source frames, in and out inclusive) from `source` on V1/A1.
    static func makeProject(_ folder: URL, source: URL, cuts: [(Int, Int)], extra: String = "") throws -> URL {
        let project = try RenderCLITests.makeProject(folder, sources: [], rate: (30, 1))
        var script = "import \(source.path)\n"
        for (first, last) in cuts { script += "source \(source.lastPathComponent)\nmark-in \(first)\nmark-out \(last)\nappend\n" }
        script += extra
        let file = folder.appendingPathComponent("cuts.txt")
        try script.write(to: file, atomically: true, encoding: .utf8)
        let run = try H.run(["run", project.path, file.path])
        XCTAssertEqual(run.status, 0, run.standardError)
        return project
    }

    struct ProbedPacket { var pts: Int64; var dts: Int64; var key: Bool; var hash: String }

    /// A stream's packets in file (decode) order with their data hashes, from ffprobe.
    static func packets(_ file: URL, _ stream: String) throws -> [ProbedPacket] {
        let probe = try H.tool("ffprobe", ["-v", "error", "-select_streams", stream, "-show_data_hash", "md5",
                                           "-show_entries", "packet=pts,dts,flags,data_hash", "-of", "json", file.path])
        XCTAssertEqual(probe.status, 0, probe.standardError)
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: probe.standardOutputData) as? [String: Any])
        let rows = try XCTUnwrap(json["packets"] as? [[String: Any]])
        return rows.map { row in
            let pts = Int64(row["pts"] as? Int ?? 0), dts = Int64(row["dts"] as? Int ?? Int(pts))
            return ProbedPacket(pts: pts, dts: dts, key: (row["flags"] as? String ?? "").hasPrefix("K"), hash: row["data_hash"] as? String ?? "")
        }
    }

    func copy(_ arguments: [String]) throws -> [String: Any] {
        let result = try H.run(["render"] + arguments + ["--copy", "--json"])
        XCTAssertEqual(result.status, 0, result.standardError)
        return try XCTUnwrap(try JSONSerialization.jsonObject(with: result.standardOutputData) as? [String: Any], result.standardError)
    }

    func testCopyIsPacketIdenticalSnapsToKeyframesAndDecodesCleanly() throws {
        let folder = try H.temporaryFolder(self)
        let source = folder.appendingPathComponent("src.mp4")
        try Self.makeSource(source, seconds: 12, gop: 30)
        // Off a keyframe, off a keyframe and ending mid-GOP, on a keyframe: 90 + 90 + 60 frames.
        let requested = [(15, 104), (195, 284), (300, 359)]
        let project = try Self.makeProject(folder, source: source, cuts: requested)
        let out = folder.appendingPathComponent("copy.mp4")

        // The source's keyframes in display order, from ffprobe.
        let sourceVideo = try Self.packets(source, "v:0")
        let display = sourceVideo.sorted { $0.pts < $1.pts }
        let keyframes = display.indices.filter { display[$0].key }
        let dry = try H.run(["render", project.path, "-o", out.path, "--copy", "--dry-run", "--json"])
        XCTAssertEqual(dry.status, 0, dry.standardError)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out.path), "a dry run wrote the file")
        let plan = try XCTUnwrap(try JSONSerialization.jsonObject(with: dry.standardOutputData) as? [String: Any])
        let cuts = try XCTUnwrap(plan["cuts"] as? [[String: Any]])
        XCTAssertEqual(cuts.count, 3)
        var expectedHashes: [String] = []
        var frames = 0, keys = 0
        for (cut, wanted) in zip(cuts, requested) {
            XCTAssertEqual(cut["requested_in_frame"] as? Int, wanted.0)
            XCTAssertEqual(cut["requested_out_frame"] as? Int, wanted.1 + 1)
            let first = try XCTUnwrap(cut["in_frame"] as? Int), end = try XCTUnwrap(cut["out_frame"] as? Int)
            // LosslessCut's keyframe cut: the last keyframe at or before the in point.
            XCTAssertEqual(first, keyframes.last { $0 <= wanted.0 }, "cut at \(wanted)")
            XCTAssertEqual(cut["frames_gained_at_start"] as? Int, wanted.0 - first)
            XCTAssertGreaterThanOrEqual(end, wanted.1 + 1, "the copy ends before the out point")
            XCTAssertLessThanOrEqual(end, wanted.1 + 1 + 3, "more than the reorder depth gained at the end")
            // The packets of exactly the frames first..<end, in the source's decode order.
            let shown = Set(display[first..<end].map(\.pts))
            expectedHashes += sourceVideo.filter { shown.contains($0.pts) }.map(\.hash)
            frames += end - first
            keys += keyframes.filter { (first..<end).contains($0) }.count
        }
        let report = try copy([project.path, "-o", out.path])
        XCTAssertEqual(report["frames"] as? Int, frames)

        let copied = try Self.packets(out, "v:0")
        XCTAssertEqual(copied.map(\.hash), expectedHashes, "the copied video packets are not the source's, in order")
        XCTAssertEqual(copied.filter(\.key).count, keys, "keyframe flags not kept")
        let decode = try H.tool("ffmpeg", ["-v", "error", "-i", out.path, "-f", "null", "-"])
        XCTAssertEqual(decode.status, 0)
        XCTAssertEqual(decode.standardError, "", "the copy does not decode cleanly")
        let streams = try RenderCLITests.streams(out)
        let video = try XCTUnwrap(streams.first { $0["codec_type"] as? String == "video" })
        let audio = try XCTUnwrap(streams.first { $0["codec_type"] as? String == "audio" })
        XCTAssertEqual(video["nb_read_frames"] as? String, "\(frames)")
        XCTAssertEqual(try XCTUnwrap(RenderCLITests.double(video["duration"])), Double(frames) / 30, accuracy: 0.0005)
        XCTAssertEqual(try XCTUnwrap(RenderCLITests.double(video["start_time"])), 0, accuracy: 0.0005)
        XCTAssertEqual(try XCTUnwrap(RenderCLITests.double(audio["start_time"])), 0, accuracy: 0.0005)
        XCTAssertEqual(try XCTUnwrap(RenderCLITests.double(audio["duration"])), Double(frames) / 30, accuracy: 1.0 / 30)
        // Sound: the source's packets unchanged, each cut's within half an AAC packet of its picture.
        let sourceAudio = Set(try Self.packets(source, "a:0").map(\.hash))
        let copiedAudio = try Self.packets(out, "a:0")
        XCTAssertTrue(copiedAudio.allSatisfy { sourceAudio.contains($0.hash) }, "an audio packet is not the source's")
        for cut in cuts {
            let offset = try XCTUnwrap(cut["audio_offset_ms"] as? Double)
            XCTAssertLessThanOrEqual(abs(offset), 1024.0 / 48 / 2 + 0.1, "sound off by \(offset) ms")
        }
    }

    func testCopyRefusesWhatItCannotDoAndWritesNothing() throws {
        let folder = try H.temporaryFolder(self)
        let a = folder.appendingPathComponent("a.mp4"), b = folder.appendingPathComponent("b.mp4")
        try Self.makeSource(a, seconds: 3, gop: 15)
        try Self.makeSource(b, seconds: 3, gop: 15, size: "352x288")
        let out = folder.appendingPathComponent("copy.mp4")
        let mixed = try RenderCLITests.makeProject(folder, sources: [a, b], rate: (30, 1))
        let refused = try H.run(["render", mixed.path, "-o", out.path, "--copy"])
        XCTAssertEqual(refused.status, 1)
        XCTAssertTrue(refused.standardError.contains("do not share codec parameters") && refused.standardError.contains("size 352x288 vs 320x240"),
                      refused.standardError)
        let sub = folder.appendingPathComponent("t", isDirectory: true)
        try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
        let dissolve = try Self.makeProject(sub, source: a, cuts: [(0, 29), (45, 74)], extra: "goto 30\nadd-transition 10\n")
        let transition = try H.run(["render", dissolve.path, "-o", out.path, "--copy"])
        XCTAssertEqual(transition.status, 1)
        XCTAssertTrue(transition.standardError.contains("dissolve") && transition.standardError.contains("cannot mix pictures"), transition.standardError)
        let smart = try H.run(["render", dissolve.path, "-o", out.path, "--copy", "--copy-snap", "smart"])
        XCTAssertEqual(smart.status, 1)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out.path))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.contains("termcut-partial") }, [])
    }

    /// The editor's copy-preview names the keyframe a cut snaps to; `render OUT copy` writes it.
    func testEditorCopyPreviewAndCopy() throws {
        let folder = try H.temporaryFolder(self)
        let source = folder.appendingPathComponent("src.mp4")
        try Self.makeSource(source, seconds: 4, gop: 30)
        let project = try Self.makeProject(folder, source: source, cuts: [(45, 89)])
        let out = folder.appendingPathComponent("ed.mp4")
        let script = folder.appendingPathComponent("copy.txt")
        try "copy-preview\nrender \(out.path) copy\n".write(to: script, atomically: true, encoding: .utf8)
        let run = try H.run(["run", project.path, script.path, "-v"])
        XCTAssertEqual(run.status, 0, run.standardError)
        // In at 45 snaps back to the keyframe at frame 30 (1.000 s): 15 frames gained.
        XCTAssertTrue(run.standardOutput.contains("keyframe 1.000 s 15/"), run.standardOutput)
        XCTAssertTrue(run.standardOutput.contains("copied ed.mp4"), run.standardOutput)
        let video = try XCTUnwrap(try RenderCLITests.streams(out).first { $0["codec_type"] as? String == "video" })
        XCTAssertGreaterThanOrEqual(Int(video["nb_read_frames"] as? String ?? "") ?? 0, 60)
        // `render OUT smart`: frame-exact where the copy snapped (45 frames, 45…89), decoding cleanly.
        let smart = folder.appendingPathComponent("smart.mp4")
        try "render \(smart.path) smart\n".write(to: script, atomically: true, encoding: .utf8)
        let smartRun = try H.run(["run", project.path, script.path, "-v"])
        XCTAssertEqual(smartRun.status, 0, smartRun.standardError)
        XCTAssertTrue(smartRun.standardOutput.contains("smart-rendered smart.mp4: 45 frames"), smartRun.standardOutput)
        let smartVideo = try XCTUnwrap(try RenderCLITests.streams(smart).first { $0["codec_type"] as? String == "video" })
        XCTAssertEqual(Int(smartVideo["nb_read_frames"] as? String ?? ""), 45)
        let decode = try H.tool("ffmpeg", ["-v", "error", "-i", smart.path, "-f", "null", "-"])
        XCTAssertEqual(decode.standardError, "", "the smart render decodes cleanly")
    }

    /// Decoded pictures (md5 per frame, display order), from ffmpeg.
    static func frameHashes(_ file: URL) throws -> [String] {
        let result = try H.tool("ffmpeg", ["-v", "error", "-i", file.path, "-an", "-f", "framemd5", "-"])
        XCTAssertEqual(result.status, 0, result.standardError)
        return result.standardOutput.split(separator: "\n").filter { !$0.hasPrefix("#") }
            .compactMap { $0.split(separator: ",").last.map { $0.trimmingCharacters(in: .whitespaces) } }
    }

    /// A smart render copies every whole GOP's packets (byte for byte, decode order) and
    /// re-encodes only from each off-keyframe in point to the next keyframe and the frames
    /// after the last closed point before each out point; the file decodes cleanly, holds
    /// exactly the timeline's frames, and the copied frames decode to the source's pictures.
    func testSmartRenderCopiesWholeGOPsAndReencodesOnlyTheCuts() throws {
        let folder = try H.temporaryFolder(self)
        let source = folder.appendingPathComponent("src.mp4")
        try Self.makeSource(source, seconds: 12, gop: 30)
        let requested = [(15, 104), (195, 284), (300, 359)]
        let project = try Self.makeProject(folder, source: source, cuts: requested)
        let out = folder.appendingPathComponent("smart.mp4")
        let result = try H.run(["render", project.path, "-o", out.path, "--smart", "--json"])
        XCTAssertEqual(result.status, 0, result.standardError)
        let report = try XCTUnwrap(try JSONSerialization.jsonObject(with: result.standardOutputData) as? [String: Any], result.standardError)
        XCTAssertEqual(report["frames"] as? Int, 240)
        let cuts = try XCTUnwrap(report["cuts"] as? [[String: Any]])
        let sourceVideo = try Self.packets(source, "v:0")
        let display = sourceVideo.sorted { $0.pts < $1.pts }
        let keyframes = Set(display.indices.filter { display[$0].key })
        var copiedFrames: [Int] = [], reencodedCount = 0, expectedHashes: [String] = []
        for (cut, wanted) in zip(cuts, requested) {
            XCTAssertEqual(cut["in_frame"] as? Int, wanted.0, "a smart cut lands where asked")
            XCTAssertEqual(cut["out_frame"] as? Int, wanted.1 + 1)
            let spans = try XCTUnwrap(cut["reencoded"] as? [[String: Any]])
            let reencoded = try spans.map { try XCTUnwrap($0["from_frame"] as? Int)..<(try XCTUnwrap($0["to_frame"] as? Int)) }
            // Off a keyframe: re-encoded from the in point to the next keyframe, which is copied.
            if !keyframes.contains(wanted.0) {
                let next = try XCTUnwrap(keyframes.filter { $0 > wanted.0 }.min())
                XCTAssertEqual(reencoded.first, wanted.0..<next, "cut at \(wanted)")
            } else {
                XCTAssertNotEqual(reencoded.first?.lowerBound, wanted.0, "a cut on a keyframe is copied from its first frame")
            }
            let copied = (wanted.0...wanted.1).filter { f in !reencoded.contains { $0.contains(f) } }
            XCTAssertGreaterThan(copied.count, 45, "most of each cut is copied")
            copiedFrames += copied
            reencodedCount += reencoded.reduce(0) { $0 + $1.count }
            let shown = Set(copied.map { display[$0].pts })
            expectedHashes += sourceVideo.filter { shown.contains($0.pts) }.map(\.hash)
        }
        XCTAssertEqual(report["reencoded_frames"] as? Int, reencodedCount)
        let decode = try H.tool("ffmpeg", ["-v", "error", "-i", out.path, "-f", "null", "-"])
        XCTAssertEqual(decode.status, 0)
        XCTAssertEqual(decode.standardError, "", "the smart render does not decode cleanly")
        let written = try Self.packets(out, "v:0")
        let sourceHashes = Set(sourceVideo.map(\.hash))
        XCTAssertEqual(written.filter { sourceHashes.contains($0.hash) }.map(\.hash), expectedHashes,
                       "the copied GOPs are not the source's packets, in order")
        XCTAssertEqual(written.count, expectedHashes.count + reencodedCount)
        // The output's frames, in order, are the timeline's: copied ones decode to the source's pictures.
        let pictures = try Self.frameHashes(out), sourcePictures = try Self.frameHashes(source)
        XCTAssertEqual(pictures.count, 240)
        let timeline = requested.flatMap { Array($0.0...$0.1) }
        for (n, f) in timeline.enumerated() where copiedFrames.contains(f) {
            XCTAssertEqual(pictures[n], sourcePictures[f], "output frame \(n) (source frame \(f)) differs")
        }
        let video = try XCTUnwrap(try RenderCLITests.streams(out).first { $0["codec_type"] as? String == "video" })
        XCTAssertEqual(try XCTUnwrap(RenderCLITests.double(video["duration"])), 8, accuracy: 0.0005)

        // A preset that does not match is refused, naming the difference.
        let refused = try H.run(["render", project.path, "-o", folder.appendingPathComponent("s.mp4").path, "--smart", "--size", "640x480"])
        XCTAssertEqual(refused.status, 1)
        XCTAssertTrue(refused.standardError.contains("size 640x480 vs 320x240"), refused.standardError)
    }

    /// A render killed with SIGKILL halfway over an existing file leaves that file as it was
    /// (the partial is under a hidden name until the rename).
    func testKilledRenderKeepsTheFileAlreadyUnderTheFinalName() throws {
        let folder = try H.temporaryFolder(self)
        let a = folder.appendingPathComponent("a.mp4")
        try RenderCLITests.makeSource(a, rate: "25", seconds: 8, tone: 440)
        let project = try RenderCLITests.makeProject(folder, sources: [a], rate: (25, 1))
        let out = folder.appendingPathComponent("master.mov")
        let before = Data("the previous delivery".utf8)
        try before.write(to: out)
        let process = Process()
        process.executableURL = H.binary
        process.arguments = ["render", project.path, "-o", out.path, "--size", "1920x1080", "--quiet"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        var writing = false
        let deadline = Date().addingTimeInterval(120)
        while !writing, process.isRunning, Date() < deadline {
            let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            if let name = names.first(where: { $0.hasPrefix(".master.termcut-partial-") }),
               let size = try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent(name).path)[.size] as? Int,
               size > 1_000_000 {
                writing = true
            }
            usleep(20_000)
        }
        XCTAssertTrue(writing, "the render never wrote its partial file")
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        XCTAssertEqual(try Data(contentsOf: out), before, "a killed render touched the file under the final name")
    }
}
