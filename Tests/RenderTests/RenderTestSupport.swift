import Foundation
import Media
import Render
import TimelineModel
import XCTest

/// An audio source that hands out known samples: `value(channel, sample)` per sample.
final class SyntheticAudio: AudioSourcing {
    let sampleRate = 48_000
    let channels: Int
    let sampleCount: Int64
    private let value: @Sendable (Int, Int64) -> Float
    private(set) var reads: [(from: Int64, count: Int)] = []

    init(channels: Int = 2, sampleCount: Int64 = 48_000 * 60, value: @escaping @Sendable (Int, Int64) -> Float) {
        self.channels = channels
        self.sampleCount = sampleCount
        self.value = value
    }

    /// The same level on every sample and channel.
    convenience init(level: Float) { self.init { _, _ in level } }

    func read(from start: Int64, count: Int) throws(MediaError) -> [Float] {
        reads.append((start, count))
        var out = [Float](repeating: 0, count: count * channels)
        for i in 0..<count where start + Int64(i) >= 0 && start + Int64(i) < sampleCount {
            for c in 0..<channels { out[i * channels + c] = value(c, start + Int64(i)) }
        }
        return out
    }
}

enum Fixture {
    /// A media reference with picture and sound (the file need not exist).
    static func media(_ id: String, path: String? = nil, frames: Int64 = 3000, rate: Rate = .fps30,
                      width: Int = 1920, height: Int = 1080, audio: Bool = true, offline: Bool = false) -> MediaReference {
        MediaReference(id: MediaID(id), name: "\(id).mov", path: path ?? "/nonexistent/\(id).mov",
                       duration: RationalTime(frames, rate),
                       video: .init(width: width, height: height, rate: rate, codec: "h264"),
                       audio: audio ? .init(sampleRate: 48_000, channels: 2, layout: "stereo", codec: "aac") : nil,
                       isOffline: offline)
    }

    static func clip(_ id: Int64, _ media: String, from start: Int64, frames: Int64, enabled: Bool = true,
                     gainDB: Double = 0, transitionOut: Transition? = nil) -> Item {
        .clip(Clip(id: ClipID(id), name: media, media: MediaID(media), source: FrameRange(start: start, duration: frames),
                   available: 3000, enabled: enabled, transitionOut: transitionOut, gainDB: gainDB))
    }

    static func track(_ kind: TrackKind, _ name: String, _ items: [Item]) -> Track {
        Track(kind: kind, name: name, items: ItemList(items))
    }

    static func project(rate: Rate = .fps30, media: [MediaReference], tracks: [Track]) -> Project {
        var project = Project(name: "test", media: media)
        project.timeline = Timeline(name: "T", rate: rate, tracks: tracks)
        return project
    }

    static var corpus: URL {
        if let override = ProcessInfo.processInfo.environment["TERMCUT_CORPUS"] {
            return URL(fileURLWithPath: override).appendingPathComponent("media")
        }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("../shared/corpus/media").standardizedFileURL
    }

    static func corpusFile(_ name: String) throws -> URL {
        let url = corpus.appendingPathComponent(name)
        guard FileManager.default.fileExists(atPath: url.path) else { throw XCTSkip("corpus file \(name) not found") }
        return url
    }
}

/// Compares two pictures without printing megabytes: the size, then how many bytes differ.
func assertSamePicture(_ a: RGBAImage, _ b: RGBAImage, _ message: @autoclosure () -> String = "",
                       file: StaticString = #filePath, line: UInt = #line) {
    guard a.width == b.width, a.height == b.height else {
        XCTFail("\(a.width)x\(a.height) vs \(b.width)x\(b.height): \(message())", file: file, line: line)
        return
    }
    let differing = zip(a.bytes, b.bytes).reduce(0) { $0 + ($1.0 != $1.1 ? 1 : 0) }
    XCTAssertEqual(differing, 0, "bytes differing of \(a.bytes.count): \(message())", file: file, line: line)
}

func differingBytes(_ a: RGBAImage, _ b: RGBAImage) -> Int {
    guard a.width == b.width, a.height == b.height else { return Int.max }
    return zip(a.bytes, b.bytes).reduce(0) { $0 + ($1.0 != $1.1 ? 1 : 0) }
}

/// Generated media for tests: the ffmpeg command-line tool as a generator only.
enum Generated {
    static func folder(_ test: XCTestCase) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("termcut-render-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        test.addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }

    /// Runs `ffmpeg -v error -y ARGS`; fails the test when ffmpeg is not installed.
    static func ffmpeg(_ arguments: [String]) throws {
        _ = try run("ffmpeg", ["-nostdin", "-v", "error", "-y"] + arguments)
    }

    /// Runs `ffprobe -v error ARGS` and returns what it prints.
    static func ffprobe(_ arguments: [String]) throws -> String {
        try run("ffprobe", ["-v", "error"] + arguments)
    }

    private static func run(_ tool: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [tool] + arguments
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        // Both pipes are read while the tool runs: a full pipe would block it.
        final class Printed: @unchecked Sendable { var data = Data() }
        let printed = Printed(), reading = DispatchGroup()
        DispatchQueue.global().async(group: reading) { printed.data = output.fileHandleForReading.readDataToEndOfFile() }
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        reading.wait()
        process.waitUntilExit()
        // A missing or failing reference tool is a broken install: the test fails, never skips.
        if process.terminationStatus == 127 { throw ReferenceToolMissing(description: "\(tool) is not installed (scripts/install-deps.sh)") }
        guard process.terminationStatus == 0 else { throw ReferenceToolMissing(description: "\(tool) failed: \(message)") }
        return String(decoding: printed.data, as: UTF8.self)
    }
}

/// The ffmpeg tool the test generates its media with is missing or failed.
struct ReferenceToolMissing: Error, CustomStringConvertible { var description: String }
