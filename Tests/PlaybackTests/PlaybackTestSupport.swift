import Foundation
import Media
import Playback
import Render
import TimelineModel
import XCTest

/// Interleaved stereo Float32 at 48 kHz from a raw file (`ffmpeg -f f32le -ac 2 -ar 48000`),
/// standing in for Media's `AudioSource` until it lands on main.
final class RawPCMAudio: AudioSourcing {
    let sampleRate = 48_000
    let channels = 2
    let samples: [Float]
    var sampleCount: Int64 { Int64(samples.count / 2) }

    init(url: URL) throws(MediaError) {
        guard let data = try? Data(contentsOf: url) else {
            throw MediaError(.fileNotFound, path: url.path, reason: "no such file")
        }
        samples = data.withUnsafeBytes { Array($0.bindMemory(to: Float.self)) }
    }

    func read(from start: Int64, count: Int) throws(MediaError) -> [Float] {
        var out = [Float](repeating: 0, count: count * 2)
        let first = max(0, start), last = min(sampleCount, start + Int64(count))
        guard first < last else { return out }
        for i in first..<last {
            out[Int(i - start) * 2] = samples[Int(i) * 2]
            out[Int(i - start) * 2 + 1] = samples[Int(i) * 2 + 1]
        }
        return out
    }
}

enum PlaybackFixture {
    static func folder(_ test: XCTestCase) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("termcut-playback-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        test.addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }

    /// Runs `ffmpeg -v error -y ARGS` (a generator only); skips the test without ffmpeg.
    static func ffmpeg(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["ffmpeg", "-nostdin", "-v", "error", "-y"] + arguments
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        // A missing or failing reference tool is a broken install: the test fails, never skips.
        if process.terminationStatus == 127 { throw ReferenceToolMissing(description: "ffmpeg is not installed (scripts/install-deps.sh)") }
        guard process.terminationStatus == 0 else { throw ReferenceToolMissing(description: "ffmpeg failed: \(message)") }
    }

    /// A moving test pattern (every frame differs), H.264, keyframe every 15 frames.
    static func pattern(_ folder: URL, name: String = "pattern.mp4", seconds: Int = 4, size: String = "320x180") throws -> URL {
        let url = folder.appendingPathComponent(name)
        try ffmpeg(["-f", "lavfi", "-i", "testsrc2=size=\(size):rate=30", "-t", "\(seconds)", "-c:v", "libx264", "-preset", "ultrafast",
                    "-g", "15", "-pix_fmt", "yuv420p", url.path])
        return url
    }

    static func media(_ id: String, url: URL, frames: Int64, width: Int = 320, height: Int = 180, audio: Bool = false) -> MediaReference {
        MediaReference(id: MediaID(id), name: url.lastPathComponent, path: url.path, duration: RationalTime(frames, .fps30),
                       video: width > 0 ? .init(width: width, height: height, rate: .fps30, codec: "h264") : nil,
                       audio: audio ? .init(sampleRate: 48_000, channels: 2, layout: "stereo", codec: "pcm_f32le") : nil)
    }

    static func clip(_ id: Int64, _ media: String, from start: Int64, frames: Int64) -> Item {
        .clip(Clip(id: ClipID(id), name: media, media: MediaID(media), source: FrameRange(start: start, duration: frames), available: 100_000))
    }

    /// Options for SDL's offscreen video driver and the given audio driver, preview at `width`×`height`.
    static func options(width: Int = 320, height: Int = 180, audioDriver: String = "dummy", diskFile: URL? = nil) -> PlaybackOptions {
        setenv("SDL_VIDEODRIVER", "offscreen", 1)
        setenv("SDL_AUDIODRIVER", audioDriver, 1)
        if let diskFile { setenv("SDL_DISKAUDIOFILE", diskFile.path, 1) }
        var options = PlaybackOptions()
        options.environment = ["SDL_VIDEODRIVER": "offscreen"]
        options.previewWidth = width
        options.previewHeight = height
        options.audioOpener = { reference throws(MediaError) in try RawPCMAudio(url: URL(fileURLWithPath: reference.path)) }
        return options
    }

    /// Pumps like a run loop until `done` or `seconds` pass; returns whether `done` came true.
    @discardableResult
    static func pump(_ engine: PlaybackEngine, for seconds: Double, until done: () -> Bool = { false }) -> Bool {
        let deadline = Date(timeIntervalSinceNow: seconds)
        while Date() < deadline {
            engine.pump()
            if done() { return true }
            usleep(1_000)
        }
        return done()
    }
}

/// Compares two pictures without printing megabytes.
func assertSamePicture(_ a: RGBAImage?, _ b: RGBAImage, _ message: @autoclosure () -> String = "",
                       file: StaticString = #filePath, line: UInt = #line) {
    guard let a else { return XCTFail("no picture: \(message())", file: file, line: line) }
    guard a.width == b.width, a.height == b.height else {
        return XCTFail("\(a.width)x\(a.height) vs \(b.width)x\(b.height): \(message())", file: file, line: line)
    }
    let differing = zip(a.bytes, b.bytes).reduce(0) { $0 + ($1.0 != $1.1 ? 1 : 0) }
    XCTAssertEqual(differing, 0, "bytes differing of \(a.bytes.count): \(message())", file: file, line: line)
}

/// The ffmpeg tool the test generates its media with is missing or failed.
struct ReferenceToolMissing: Error, CustomStringConvertible { var description: String }
