import Foundation
import XCTest
@testable import Media

/// Frame-accurate decoding, compared bit for bit with ffmpeg's frame at the same time.
///
/// The reference is `ffmpeg -i FILE -ss T -frames:v 1` (-ss after -i: decode from the start
/// and drop frames before T, so it is exact). ffmpeg returns the first frame at or after T,
/// termcut the frame whose display interval contains the time; so for frame i we ask
/// termcut for frame i's own timestamp and ffmpeg for a time between frames i-1 and i.
final class VideoSourceTests: XCTestCase {
    static let videoFiles = ["bigbuckbunny.mp4", "bikes.mp4", "movie-hello.mp4", "movie-hello.avi", "movie-hello.mpeg",
                             "movie-hello.ogg", "VID_20191220_170832.mp4", "balle-jbart.mp4", "message-board.ogv",
                             "oa4_launch.webm", "gtk-logo.webm", "cityCC0.mpg", "ChID-BLITS-EBU.mp4", "underrun-pal.dv"]

    func testRandomFramesMatchFFmpegOnTheCorpus() throws {
        for name in Self.videoFiles {
            try assertFramesMatchReference(try TestCorpus.file(name), samples: 25, seed: 1)
        }
    }

    func testLongGOPWithBFramesMatchesFFmpeg() throws {
        let folder = try makeTemporaryFolder(self)
        let url = folder.appendingPathComponent("long-gop.mp4")
        _ = try ReferenceTool.succeed("ffmpeg", ["-v", "error", "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=30:duration=20",
                                                "-c:v", "libx264", "-preset", "ultrafast", "-g", "250", "-bf", "3",
                                                "-x264-params", "b-adapt=0", "-pix_fmt", "yuv420p", url.path])
        let source = try VideoSource(url: url, cache: FrameCache(budgetBytes: 0))
        XCTAssertEqual(source.index.keyframeTimestamps.count, 3, "keyframes at 0, 250, 500")
        try assertFramesMatchReference(url, samples: 25, seed: 2)
    }

    /// Compares `samples` frames at seeded random positions, in random order (seeking both
    /// ways), plus the frame after each (sequential decoding, no seek). One ffmpeg run
    /// decodes the file once and writes every reference frame (one output per time).
    func assertFramesMatchReference(_ url: URL, samples: Int, seed: UInt64, file: StaticString = #filePath, line: UInt = #line) throws {
        let name = url.lastPathComponent
        let source = try VideoSource(url: url, cache: FrameCache(budgetBytes: 0))
        let times = source.index.frameTimestamps
        // MPEG program streams carry timestamp discontinuities (AVFMT_TS_DISCONT) and the
        // ffmpeg tool re-bases them: its -ss clock is not the stream's, and in movie-hello.mpeg
        // its output frame n=141 is the picture with the stream's 143rd timestamp (checked by
        // hand: identical bytes). Exact comparison with ffmpeg is not achievable there; instead
        // every randomly sought frame must equal the same frame reached by decoding from the
        // start without seeking.
        let selfCheckOnly = try MediaProbe.probe(url).format == "mpeg"
        let timeBase = source.index.timeBase
        var generator = SeededGenerator(seed: seed)
        var numbers = (0..<samples).map { _ in Int.random(in: 0..<times.count, using: &generator) }
        numbers += [0, times.count - 1]
        var requests: [Int] = []
        for number in numbers {
            requests.append(number)
            if number + 1 < times.count { requests.append(number + 1) }
        }

        var ours: [VideoFrame] = []
        for (position, step) in requests.enumerated() {
            let seeksBefore = source.seekCount
            let frame = try source.frame(at: .timestamp(times[step]))
            if position > 0, requests[position - 1] + 1 == step {
                XCTAssertEqual(source.seekCount, seeksBefore, "\(name): frame \(step) after \(step - 1) must not seek", file: file, line: line)
            }
            XCTAssertEqual(frame.timestamp, times[step], "\(name) frame \(step)", file: file, line: line)
            ours.append(frame)
        }

        if selfCheckOnly {
            let walker = try VideoSource(url: url, cache: FrameCache(budgetBytes: 0))
            var walked: [Int64: [UInt8]] = [:]
            let wanted = Set(requests.map { times[$0] })
            for number in 0..<times.count {
                let frame = try walker.frame(at: .frameNumber(number))
                if wanted.contains(frame.timestamp) { walked[frame.timestamp] = frame.packedPlanes() }
            }
            XCTAssertEqual(walker.seekCount, 1, "\(name): walking from the start seeks once", file: file, line: line)
            for (position, step) in requests.enumerated() {
                XCTAssertEqual(ours[position].packedPlanes(), walked[times[step]], "\(name) frame \(step): seek vs walk", file: file, line: line)
            }
            return
        }

        let folder = try makeTemporaryFolder(self, "frames")
        // One decoding thread: ffmpeg's Theora frame threading is not deterministic.
        var arguments = ["-v", "error", "-threads", "1", "-i", url.path]
        var seconds: [Double] = []
        for (position, step) in requests.enumerated() {
            let previous = step > 0 ? times[step - 1] : times[step]
            // Three quarters of the way from frame i-1 to frame i: ffmpeg rounds -ss to the
            // stream time base, and where that base is one frame (Theora) a midpoint is a tie.
            let middle = Double(times[step]) - Double(times[step] - previous) / 4 - Double(source.fileStartTimestamp)   // -ss counts from the file's start
            // Frame 0 has no predecessor: ask for 0, since its own time printed to 6 digits may round past it.
            seconds.append(step == 0 ? 0 : max(0, middle * Double(timeBase.numerator) / Double(timeBase.denominator)))
            arguments += ["-ss", String(format: "%.6f", seconds[position]), "-frames:v", "1", "-fps_mode", "passthrough",
                          "-map", "0:\(source.stream.index)", "-f", "rawvideo", "-pix_fmt", ours[position].pixelFormatName,
                          folder.appendingPathComponent("\(position).raw").path]
        }
        _ = try ReferenceTool.succeed("ffmpeg", arguments)
        for (position, step) in requests.enumerated() {
            let reference = try Data(contentsOf: folder.appendingPathComponent("\(position).raw"))
            let planes = ours[position].packedPlanes()
            XCTAssertEqual(planes.count, reference.count, "\(name) frame \(step): size", file: file, line: line)
            if planes != [UInt8](reference) {
                let differing = zip(planes, reference).filter { $0 != $1 }.count
                XCTFail("\(name) frame \(step) (t=\(seconds[position])): \(differing) of \(planes.count) bytes differ", file: file, line: line)
            }
        }
    }
}
