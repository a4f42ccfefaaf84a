import Analysis
import Foundation
import XCTest

/// Runs the ffmpeg CLI (the reference tool the tests compare against) and returns its stderr,
/// where ffmpeg prints filter summaries. Fails the test with ffmpeg's own message on error.
@discardableResult
func ffmpeg(_ arguments: [String], file: StaticString = #filePath, line: UInt = #line) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/ffmpeg")
    process.arguments = ["-hide_banner", "-nostats", "-nostdin", "-y"] + arguments
    let errors = Pipe()
    process.standardError = errors
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
        XCTFail("ffmpeg \(arguments.joined(separator: " ")) failed:\n\(text.suffix(2000))", file: file, line: line)
        throw CocoaError(.fileReadUnknown)
    }
    return text
}

func ffmpegAvailable() -> Bool { FileManager.default.isExecutableFile(atPath: "/usr/bin/ffmpeg") }

/// Fails (never skips) when the ffmpeg tool is missing: CI installs it, so its absence is a
/// broken install step that a skip would hide.
func requireFFmpeg(_ why: String) throws {
    guard ffmpegAvailable() else { throw MissingTool(description: "ffmpeg is not installed (\(why)); run scripts/install-deps.sh") }
}

struct MissingTool: Error, CustomStringConvertible { var description: String }

/// A fresh scratch directory, removed when the test ends.
func scratchDirectory(_ test: XCTestCase) throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("termcut-analysis-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    test.addTeardownBlock { try? FileManager.default.removeItem(at: url) }
    return url
}

/// What ffmpeg's `ebur128=peak=true` filter prints in its summary.
struct FFmpegLoudness {
    var integrated: Double
    var loudnessRange: Double
    var truePeak: Double

    /// Parses the "Summary:" block: `I: -23.0 LUFS`, `LRA: 0.0 LU`, `Peak: -23.0 dBFS`.
    static func parse(_ log: String) -> FFmpegLoudness? {
        guard let summary = log.range(of: "Summary:") else { return nil }
        var values: [String: Double] = [:]
        for line in log[summary.upperBound...].split(separator: "\n") {
            let parts = line.split(separator: " ", omittingEmptySubsequences: true)
            guard parts.count >= 2, ["I:", "LRA:", "Peak:"].contains(parts[0]) else { continue }
            values[String(parts[0])] = parts[1] == "-inf" ? -.infinity : Double(parts[1])
        }
        guard let i = values["I:"], let lra = values["LRA:"], let peak = values["Peak:"] else { return nil }
        return FFmpegLoudness(integrated: i, loudnessRange: lra, truePeak: peak)
    }

    static func measure(_ wav: URL) throws -> FFmpegLoudness {
        let log = try ffmpeg(["-i", wav.path, "-af", "ebur128=peak=true", "-f", "null", "-"])
        guard let result = parse(log) else {
            XCTFail("no ebur128 summary in ffmpeg's output:\n\(log.suffix(1500))")
            throw CocoaError(.fileReadCorruptFile)
        }
        return result
    }
}

/// A minimal RIFF/WAVE reader for test inputs: PCM 16-bit and IEEE float 32-bit, interleaved.
/// Tests only; Media does real decoding.
struct WAVFile {
    var samples: [Float]
    var channelCount: Int
    var sampleRate: Int

    init(contentsOf url: URL) throws {
        let data = try Data(contentsOf: url)
        func u16(_ o: Int) -> Int { Int(data[o]) | Int(data[o + 1]) << 8 }
        func u32(_ o: Int) -> Int { u16(o) | u16(o + 2) << 16 }
        guard data.count >= 12, data.prefix(4) == Data("RIFF".utf8), data[8..<12] == Data("WAVE".utf8) else {
            throw WAVError("\(url.lastPathComponent): not a RIFF/WAVE file")
        }
        var offset = 12
        var format = 0, channels = 0, rate = 0, bits = 0
        var payload: Range<Int>?
        while offset + 8 <= data.count {
            let id = String(decoding: data[offset..<offset + 4], as: UTF8.self)
            var size = u32(offset + 4)
            let body = offset + 8
            if id == "data" && (size == 0 || size == 0xFFFF_FFFF || body + size > data.count) { size = data.count - body }
            if id == "fmt " {
                format = u16(body)
                channels = u16(body + 2)
                rate = u32(body + 4)
                bits = u16(body + 14)
                if format == 0xFFFE, size >= 26 { format = u16(body + 24) }  // WAVE_FORMAT_EXTENSIBLE subformat
            } else if id == "data" {
                payload = body..<body + size
            }
            offset = body + size + (size & 1)
        }
        guard let payload, channels > 0 else { throw WAVError("\(url.lastPathComponent): no fmt or data chunk") }
        let bytes = data[payload]
        switch (format, bits) {
        case (3, 32):
            samples = bytes.withUnsafeBytes { raw in
                (0..<raw.count / 4).map { Float(bitPattern: raw.loadUnaligned(fromByteOffset: $0 * 4, as: UInt32.self).littleEndian) }
            }
        case (1, 16):
            samples = bytes.withUnsafeBytes { raw in
                (0..<raw.count / 2).map { Float(Int16(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 2, as: Int16.self))) / 32768 }
            }
        default:
            throw WAVError("\(url.lastPathComponent): format \(format) at \(bits) bits is not read by the test reader")
        }
        samples.removeLast(samples.count % channels)
        channelCount = channels
        sampleRate = rate
    }

    var block: AudioBlock { get throws { try AudioBlock(samples: samples, channelCount: channelCount, sampleRate: sampleRate) } }
}

struct WAVError: Error, CustomStringConvertible {
    let description: String
    init(_ d: String) { description = d }
}

/// Interleaved sine of `amplitude` (peak, 1.0 = full scale) on every channel.
func sine(frequency: Double, amplitude: Double, seconds: Double, sampleRate: Int = 48000, channels: Int = 2,
          phase: Double = 0) -> [Float] {
    let frames = Int((seconds * Double(sampleRate)).rounded())
    var out = [Float](repeating: 0, count: frames * channels)
    let w = 2 * Double.pi * frequency / Double(sampleRate)
    for n in 0..<frames {
        let v = Float(amplitude * sin(w * Double(n) + phase))
        for c in 0..<channels { out[n * channels + c] = v }
    }
    return out
}

/// Amplitude of a level in dBFS (peak).
func amplitude(dBFS: Double) -> Double { pow(10, dBFS / 20) }

/// Reads a raw planar Y′CbCr picture (ffmpeg `-f rawvideo`, 8-bit or 16-bit little-endian samples).
func loadRawYCbCr(_ url: URL, width: Int, height: Int, bitDepth: Int, subsampling: ChromaSubsampling,
                  range: ColourRange = .limited, matrix: ColourMatrix = .bt709) throws -> ScopeImage {
    let data = try Data(contentsOf: url)
    let (cw, ch) = ScopeImage.chromaSize(width: width, height: height, subsampling: subsampling)
    let bytesPerSample = bitDepth > 8 ? 2 : 1
    let counts = [width * height, cw * ch, cw * ch]
    XCTAssertEqual(data.count, counts.reduce(0, +) * bytesPerSample, "raw frame size")
    var planes: [[UInt16]] = []
    var offset = 0
    data.withUnsafeBytes { raw in
        for n in counts {
            if bytesPerSample == 1 {
                planes.append((0..<n).map { UInt16(raw[offset + $0]) })
            } else {
                planes.append((0..<n).map { UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: offset + 2 * $0, as: UInt16.self)) })
            }
            offset += n * bytesPerSample
        }
    }
    return try ScopeImage(width: width, height: height, bitDepth: bitDepth, range: range, matrix: matrix,
                          planes: .yCbCr(y: planes[0], cb: planes[1], cr: planes[2], subsampling: subsampling))
}
