import App
import ArgumentParser
import Foundation
import Media
import TimelineModel

/// `termcut bench media [FILE]`: decoding speed against the ffmpeg tool, measured in the
/// same run on the same file. Meant for release builds (`swift build -c release`).
struct BenchMedia: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "media",
        abstract: "Measure video decoding: sequential, random access and cached frames, against ffmpeg.",
        discussion: """
            Without FILE, generates (once, with the ffmpeg tool, into termcut's cache folder) \
            a 20 s 1080p30 H.264 clip with a keyframe every 250 frames. Prints one JSON object:
            - sequential: frames/s decoding the whole file through VideoSource (no pixel \
            conversion) and ffmpeg -f null (wall time, process start included), and their ratio;
            - random_access_ms: per seeded frame, a fresh VideoSource (keyframe index already \
            stored, cache empty) opened and asked for it, against a whole \
            `ffmpeg -ss T -i FILE -frames:v 1 -f null -` process; medians, p95 and the ratio \
            of medians (ffmpeg / termcut: above 1 means termcut is faster);
            - cached_frame_ms: the same frames asked for a second time.
            Both decoders use libavcodec's automatic thread count.
            """
    )

    @Argument(help: "Video file (default: a generated 1080p30 H.264 clip).")
    var file: String?

    @Option(help: "Random frames to time.")
    var samples = 30

    @Option(help: "Seed for choosing the random frames.")
    var seed: UInt64 = 1

    func run() throws {
        let url = try file.map { URL(fileURLWithPath: $0) } ?? generatedClip()
        let report = try measure(url)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        print(String(decoding: try encoder.encode(report), as: UTF8.self))
    }

    // MARK: Measuring

    private func measure(_ url: URL) throws -> BenchMediaReport {
        // Opening once stores the keyframe index, so every later open finds it warm.
        let first = try VideoSource(url: url, cache: FrameCache(budgetBytes: 0), readAheadFrames: 0)
        let frames = first.index.frameCount
        let timeBase = first.index.timeBase

        // Sequential: every frame in order, nothing cached, no read-ahead (it would only move
        // the same decoding to another thread).
        let sequentialSource = try VideoSource(url: url, cache: FrameCache(budgetBytes: 0), readAheadFrames: 0)
        let sequentialSeconds = try timed {
            for number in 0..<frames { _ = try sequentialSource.frame(at: .frameNumber(number)) }
        }
        let ffmpegSequential = try timed { try runFFmpeg(["-v", "error", "-i", url.path, "-map", "0:v:0", "-f", "null", "-"]) }

        var generator = SplitMix64(seed: seed)  // the frames timed repeat with the seed
        let chosen = (0..<max(1, samples)).map { _ in Int(generator.next() % UInt64(frames)) }
        var opened: [Double] = [], decodeOnly: [Double] = [], ffmpeg: [Double] = [], cached: [Double] = []
        for number in chosen {
            let cache = FrameCache(budgetBytes: 256 << 20)
            var source: VideoSource?
            var decode = 0.0
            let total = try timed {
                let fresh = try VideoSource(url: url, cache: cache, readAheadFrames: 0)
                decode = try timed { _ = try fresh.frame(at: .frameNumber(number)) }
                source = fresh
            }
            opened.append(total * 1000)
            decodeOnly.append(decode * 1000)
            cached.append(try timed { _ = try source!.frame(at: .frameNumber(number)) } * 1000)

            let timestamp = first.index.frameTimestamps[number] - first.fileStartTimestamp   // -ss counts from the file's start
            let seconds = Double(timestamp) * Double(timeBase.numerator) / Double(timeBase.denominator)
            ffmpeg.append(try timed {
                try runFFmpeg(["-v", "error", "-ss", String(format: "%.6f", seconds), "-i", url.path,
                               "-map", "0:v:0", "-frames:v", "1", "-f", "null", "-"])
            } * 1000)
        }

        let termcutFPS = Double(frames) / sequentialSeconds
        let ffmpegFPS = Double(frames) / ffmpegSequential
        let termcut = Percentiles(opened), reference = Percentiles(ffmpeg)
        return BenchMediaReport(
            file: url.path, frames: frames,
            sequential: .init(termcutFPS: termcutFPS, ffmpegFPS: ffmpegFPS, ratio: termcutFPS / ffmpegFPS),
            randomAccessMs: .init(termcut: termcut, termcutDecodeOnly: Percentiles(decodeOnly), ffmpeg: reference,
                                  ratioMedian: reference.median / termcut.median, samples: chosen.count),
            cachedFrameMs: Percentiles(cached))
    }

    private func timed(_ body: () throws -> Void) throws -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    private func runFFmpeg(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["ffmpeg", "-nostdin"] + arguments
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        let errors = Pipe()
        process.standardError = errors
        do {
            try process.run()
        } catch {
            throw ValidationError("cannot run ffmpeg, needed as the reference: \(error.localizedDescription)")
        }
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw ValidationError("ffmpeg \(arguments.joined(separator: " ")) failed: \(String(decoding: message, as: UTF8.self).suffix(300))")
        }
    }

    /// The default clip, made once: 20 s of 1080p30 H.264, keyframes every 250 frames.
    private func generatedClip() throws -> URL {
        let folder = MediaCacheFolder.root.appendingPathComponent("bench", isDirectory: true)
        let url = folder.appendingPathComponent("bench-1080p30-h264-gop250-20s.mp4")
        if FileManager.default.fileExists(atPath: url.path) { return url }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let partial = folder.appendingPathComponent("partial-\(getpid()).mp4")
        FileHandle.standardError.write(Data("termcut: generating \(url.path) (once)\n".utf8))
        try runFFmpeg(["-v", "error", "-y", "-f", "lavfi", "-i", "testsrc2=size=1920x1080:rate=30:duration=20",
                       "-c:v", "libx264", "-preset", "medium", "-g", "250", "-keyint_min", "250", "-sc_threshold", "0",
                       "-pix_fmt", "yuv420p", partial.path])
        guard rename(partial.path, url.path) == 0 else {
            throw ValidationError("cannot store the generated clip at \(url.path)")
        }
        return url
    }
}

/// What `termcut bench media` prints.
struct BenchMediaReport: Encodable {
    struct Sequential: Encodable {
        var termcutFPS: Double
        var ffmpegFPS: Double
        var ratio: Double
        enum CodingKeys: String, CodingKey {
            case termcutFPS = "termcut_fps", ffmpegFPS = "ffmpeg_fps", ratio
        }
    }

    struct RandomAccess: Encodable {
        var termcut: Percentiles
        var termcutDecodeOnly: Percentiles
        var ffmpeg: Percentiles
        var ratioMedian: Double
        var samples: Int
        enum CodingKeys: String, CodingKey {
            case termcut, termcutDecodeOnly = "termcut_decode_only", ffmpeg, ratioMedian = "ratio_median", samples
        }
    }

    var file: String
    var frames: Int
    var sequential: Sequential
    var randomAccessMs: RandomAccess
    var cachedFrameMs: Percentiles
    enum CodingKeys: String, CodingKey {
        case file, frames, sequential, randomAccessMs = "random_access_ms", cachedFrameMs = "cached_frame_ms"
    }
}

/// Median and 95th percentile (nearest rank) of some timings.
struct Percentiles: Encodable {
    var median: Double
    var p95: Double

    init(_ values: [Double]) {
        let sorted = values.sorted()
        func rank(_ fraction: Double) -> Double {
            guard !sorted.isEmpty else { return 0 }
            return sorted[min(sorted.count - 1, max(0, Int((fraction * Double(sorted.count)).rounded(.up)) - 1))]
        }
        median = sorted.count % 2 == 1 || sorted.isEmpty ? rank(0.5) : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
        p95 = rank(0.95)
    }
}

