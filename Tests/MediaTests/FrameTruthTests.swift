import Foundation
import XCTest
@testable import Media

/// Frame truth on hard files, generated with ffmpeg in the shapes that break naive seeking:
/// open GOP, B-frames, High 4:4:4 from an old x264, MPEG-4 Part 2 in AVI (packed and
/// not), MP4 edit lists, a stream that starts after the container, VFR, 10-bit.
///
/// For each clip, frames asked for at random (seeking both ways, first and last included)
/// must equal the same frame numbers reached by a sequential decode from the start, and
/// the sequential decode must equal ffmpeg's (`-fps_mode passthrough`, frames in order).
/// Seeded; `TERMCUT_FRAME_TRUTH_SEEDS=N` runs N seeds (the clip parameters vary with it).
final class FrameTruthTests: XCTestCase {
    struct Shape {
        var name: String
        /// ffmpeg arguments after the input, before the output path.
        var encode: [String]
        /// A stream copy applied afterwards (edit lists), arguments before the output path.
        var remux: [String]? = nil
        /// Rewrites the file's bytes afterwards (old x264 version SEI).
        var patch: ((inout Data) -> Void)? = nil
        var input = "testsrc2=size=96x64:rate=24000/1001"
    }

    static func shapes(_ generator: inout SeededGenerator) -> [Shape] {
        let gop = Int.random(in: 9...17, using: &generator)
        let bframes = Int.random(in: 1...3, using: &generator)
        let x264 = ["-c:v", "libx264", "-preset", "ultrafast", "-bf", "\(bframes)"]
        let openGOP = "keyint=\(gop):min-keyint=3:open_gop=1:scenecut=0:b-adapt=0:bframes=\(bframes)"
        let cut = String(format: "%.3f", Double.random(in: 0.3...1.2, using: &generator))
        return [
            Shape(name: "high444-opengop.mp4",
                  encode: ["-c:v", "libx264", "-profile:v", "high444", "-pix_fmt", "yuv444p", "-x264-params", openGOP]),
            Shape(name: "high444-opengop-edit-list.mp4",
                  encode: ["-c:v", "libx264", "-profile:v", "high444", "-pix_fmt", "yuv444p", "-x264-params", openGOP],
                  remux: ["-ss", cut, "-c", "copy"]),
            Shape(name: "opengop.mkv", encode: ["-c:v", "libx264", "-pix_fmt", "yuv420p", "-x264-params", openGOP]),
            Shape(name: "edit-list.mp4", encode: x264 + ["-pix_fmt", "yuv420p", "-g", "\(gop)"],
                  remux: ["-ss", cut, "-c", "copy"]),
            Shape(name: "ten-bit.mp4", encode: x264 + ["-pix_fmt", "yuv420p10le", "-g", "\(gop)"]),
            Shape(name: "mpeg4-bframes.avi", encode: ["-c:v", "mpeg4", "-vtag", "XVID", "-bf", "2", "-g", "\(gop)"]),
            Shape(name: "xvid-packed.avi", encode: ["-c:v", "libxvid", "-bf", "2", "-g", "\(gop)"]),
            Shape(name: "xvid-unpacked.avi", encode: ["-c:v", "libxvid", "-bf", "2", "-g", "\(gop)"],
                  remux: ["-c", "copy", "-bsf:v", "mpeg4_unpack_bframes"]),
            Shape(name: "late-start.mp4", encode: x264 + ["-pix_fmt", "yuv420p", "-g", "\(gop)", "-output_ts_offset", "0.4"]),
            Shape(name: "late-start.ts", encode: x264 + ["-pix_fmt", "yuv420p", "-g", "\(gop)"]),
            // Opus in Matroska starts 7 ms before the container's zero, the video 7 ms after it:
            // time 0 of the file lies before every video frame and every keyframe.
            Shape(name: "early-opus.mkv", encode: x264 + ["-pix_fmt", "yuv420p", "-g", "\(gop)", "-c:a", "libopus", "-shortest"],
                  input: "testsrc2=size=96x64:rate=24000/1001[out0];sine=f=300:sample_rate=44100[out1]"),
            Shape(name: "vfr.mkv", encode: x264 + ["-pix_fmt", "yuv420p", "-g", "\(gop)", "-fps_mode", "vfr",
                                                   "-vf", "setpts='N/24/TB+0.013*mod(N*N,7)/TB'"]),
        ]
    }

    func testRandomFramesEqualASequentialDecode() throws {
        let environment = ProcessInfo.processInfo.environment
        let seeds = max(1, Int(environment["TERMCUT_FRAME_TRUTH_SEEDS"] ?? "") ?? 1)
        let firstSeed = UInt64(environment["TERMCUT_FRAME_TRUTH_SEED"] ?? "") ?? 20261205
        for seed in firstSeed..<(firstSeed + UInt64(seeds)) {
            try checkShapes(seed: seed)
        }
    }

    private func checkShapes(seed: UInt64) throws {
        var generator = SeededGenerator(seed: seed)
        let folder = try makeTemporaryFolder(self, "frame-truth")
        let frames = Int.random(in: 40...70, using: &generator)
        for shape in Self.shapes(&generator) {
            let context = "seed \(seed), \(shape.name), \(frames) frames \(shape.encode) (replay: TERMCUT_FRAME_TRUTH_SEED=\(seed))"
            let url = folder.appendingPathComponent(shape.name)
            let encoded = shape.remux == nil ? url : folder.appendingPathComponent("encoded-" + shape.name)
            _ = try ReferenceTool.succeed("ffmpeg", ["-v", "error", "-y", "-f", "lavfi", "-i", shape.input,
                                                    "-frames:v", "\(frames)"] + shape.encode + [encoded.path])
            if let remux = shape.remux {
                // "-ss" goes before the input (a stream copy from the keyframe before, with an
                // edit list starting at the time); other options after it.
                let before = remux.first == "-ss" ? Array(remux.prefix(2)) : []
                _ = try ReferenceTool.succeed("ffmpeg", ["-v", "error", "-y"] + before + ["-i", encoded.path]
                                                + remux.dropFirst(before.count) + [url.path])
            }
            if let patch = shape.patch {
                var data = try Data(contentsOf: url)
                patch(&data)
                try data.write(to: url)
            }
            do {
                try check(url, context: context, generator: &generator)
            } catch {
                XCTFail("\(context): \(error)")
            }
        }
    }

    private func check(_ url: URL, context: String, generator: inout SeededGenerator) throws {
        let walker = try VideoSource(url: url, cache: FrameCache(budgetBytes: 0), readAheadFrames: 0)
        let count = walker.index.frameCount
        var walked: [[UInt8]] = []
        for number in 0..<count {
            let frame = try walker.frame(at: .frameNumber(number))
            XCTAssertEqual(frame.timestamp, walker.index.frameTimestamps[number], "\(context): frame \(number) timestamp")
            walked.append(frame.packedPlanes())
        }
        XCTAssertEqual(walker.seekCount, 1, "\(context): a walk from the start seeks once")
        for number in 1..<count where walked[number] == walked[number - 1] {
            XCTFail("\(context): frames \(number - 1) and \(number) are the same picture")
        }

        // ffmpeg's sequential decode, every frame in order.
        let format = try walker.frame(at: .frameNumber(0)).pixelFormatName
        let raw = try ReferenceTool.succeed("ffmpeg", ["-v", "error", "-threads", "1", "-i", url.path, "-map", "0:v:0",
                                                       "-fps_mode", "passthrough", "-f", "rawvideo", "-pix_fmt", format, "-"])
        let size = walked[0].count
        XCTAssertEqual(raw.count, size * count, "\(context): ffmpeg decodes \(raw.count / max(1, size)) frames, termcut indexes \(count)")
        for number in 0..<min(count, raw.count / max(1, size)) where [UInt8](raw[(number * size)..<((number + 1) * size)]) != walked[number] {
            XCTFail("\(context): frame \(number) differs from ffmpeg's sequential decode")
            break
        }

        let source = try VideoSource(url: url, cache: FrameCache(budgetBytes: 0), readAheadFrames: 0)
        // Second 0 of the file, asked first (as a render or the preview does): the first frame,
        // whether the container starts with the video, before it (early audio) or is cut (edit list).
        XCTAssertTrue(try source.frame(at: .seconds(0)).packedPlanes() == walked[0], "\(context): the frame at 0 s is not frame 0")
        var numbers = (0..<12).map { _ in Int.random(in: 0..<count, using: &generator) } + [count - 1, 0, count - 1]
        numbers.shuffle(using: &generator)
        for (position, number) in numbers.enumerated() {
            let frame = try source.frame(at: .frameNumber(number))
            let asked = "frame \(number) (after frames \(numbers.prefix(position)))"
            XCTAssertEqual(frame.timestamp, source.index.frameTimestamps[number], "\(context): \(asked): timestamp")
            if frame.packedPlanes() != walked[number] {
                XCTFail("\(context): \(asked) differs from the sequential decode")
            }
        }
    }

    /// x264 open GOP whose last I-frame is followed (in decode order) by one P-frame: decoding
    /// from that I-frame, libavcodec drops the P-frame (its references reach into the GOP
    /// before), so the stream seemed to end a frame early and the last frame was "past the
    /// end" after any seek (seeds 794 and 803 of the generated run found it). Each order of
    /// asking must reach the last frame, equal to the sequential decode.
    func testTheLastFrameAfterAnOpenGOPKeyframeIsReachedAfterSeeks() throws {
        let folder = try makeTemporaryFolder(self, "open-gop-end")
        let url = folder.appendingPathComponent("open-gop-end.mkv")
        _ = try ReferenceTool.succeed("ffmpeg", ["-v", "error", "-f", "lavfi", "-i", "testsrc2=size=96x64:rate=24000/1001", "-frames:v", "67",
                                                "-c:v", "libx264", "-pix_fmt", "yuv420p", "-x264-params",
                                                "keyint=13:min-keyint=3:open_gop=1:scenecut=0:b-adapt=0:bframes=3", url.path])
        let walker = try VideoSource(url: url, cache: FrameCache(budgetBytes: 0), readAheadFrames: 0)
        let count = walker.index.frameCount
        XCTAssertEqual(count, 67)
        let walked = try (0..<count).map { try walker.frame(at: .frameNumber($0)).packedPlanes() }
        for first in [0, count - 3, count - 2, count - 1] {
            let source = try VideoSource(url: url, cache: FrameCache(budgetBytes: 0), readAheadFrames: 0)
            XCTAssertTrue(try source.frame(at: .frameNumber(first)).packedPlanes() == walked[first], "frame \(first)")
            let last = try source.frame(at: .frameNumber(count - 1))
            XCTAssertEqual(last.timestamp, walker.index.frameTimestamps[count - 1], "the last frame after frame \(first)")
            XCTAssertTrue(last.packedPlanes() == walked[count - 1], "the last frame after frame \(first) is the sequential decode's")
        }
    }

    /// libavcodec decodes x264's 4:4:4 output differently before build 151 (an encoder bug
    /// it works around), and learns the build from a SEI only the first keyframe carries.
    /// A real old file cannot be made with today's x264, so this one is the reverse: a new
    /// lossless 4:4:4 encode whose SEI claims core 142. Decoded from the start it meets
    /// errors (the workaround does not fit the stream); a decoder that starts after a seek
    /// must apply the same workaround, so the same frames come out damaged, where without
    /// it they would come out clean and differ from the sequential decode.
    func testSeekDecodesWithTheX264BuildOfTheFirstKeyframe() throws {
        let folder = try makeTemporaryFolder(self, "old-x264")
        let url = folder.appendingPathComponent("old-x264-444.mp4")
        _ = try ReferenceTool.succeed("ffmpeg", ["-v", "error", "-f", "lavfi", "-i", "testsrc2=size=96x64:rate=24", "-frames:v", "48",
                                                "-c:v", "libx264", "-preset", "veryfast", "-qp", "0", "-profile:v", "high444",
                                                "-pix_fmt", "yuv444p", "-x264-params", "keyint=12:bframes=0", url.path])
        var data = try Data(contentsOf: url)
        Self.rewriteX264Core(&data, to: "142")
        try data.write(to: url)

        let walker = try VideoSource(url: url, cache: FrameCache(budgetBytes: 0), threads: 1, readAheadFrames: 0)
        XCTAssertEqual(walker.index.x264Build, 142)
        let damaged = try (0..<walker.index.frameCount).map { try walker.frame(at: .frameNumber($0)).isDamaged }
        XCTAssertTrue(damaged.contains(true), "the claimed old build must change how the stream decodes")
        for keyframe in walker.index.keyframeTimestamps.dropFirst() {
            let number = try XCTUnwrap(walker.index.frameNumber(containing: keyframe))
            let seeker = try VideoSource(url: url, cache: FrameCache(budgetBytes: 0), threads: 1, readAheadFrames: 0)
            XCTAssertEqual(try seeker.frame(at: .frameNumber(number)).isDamaged, damaged[number],
                           "keyframe frame \(number) after a seek decodes as from the start")
        }
    }

    /// Replaces the version in x264's SEI text ("x264 - core 164 ...") by `core` (3 digits,
    /// so the NAL keeps its length).
    static func rewriteX264Core(_ data: inout Data, to core: String) {
        let marker = Array("x264 - core ".utf8)
        let bytes = [UInt8](data)
        guard bytes.count > marker.count,
              let start = (0...(bytes.count - marker.count)).first(where: { Array(bytes[$0..<($0 + marker.count)]) == marker }) else { return }
        for (offset, digit) in core.utf8.enumerated() { data[data.startIndex + start + marker.count + offset] = digit }
    }
}
