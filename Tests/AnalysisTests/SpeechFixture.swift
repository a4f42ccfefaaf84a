import Foundation
import XCTest

/// Generated speech with known pauses: espeak-ng phrases, each trimmed to its first and last
/// sample at or above the threshold, laid end to end with gaps of known lengths filled with
/// room tone and a breath, and low room tone under everything. The known silences are the gaps
/// between trimmed phrases, worked out from the clean phrases, not from the detector.
struct SpeechFixture {
    static let rate = 22050  // espeak-ng's own rate
    static let threshold: Float = 0.01  // −40 dBFS

    var samples: [Float] = []
    /// Known silences (sample ranges) between phrases, in order.
    var gaps: [Range<Int>] = []
    /// Sample ranges of speech (from the first to the last loud sample of each phrase).
    var phrases: [Range<Int>] = []
    let seed: UInt64

    /// Phrases and the gaps after each but the last (seconds).
    static let phrases = [
        "The quick brown fox jumps over the lazy dog.",
        "Silence is golden, speech is silver.",
        "Every cut should be reviewed by an editor.",
        "Short pause here.",
        "And a long deliberate pause before the end.",
        "Thank you for listening.",
    ]
    static let gapSeconds = [0.7, 1.3, 0.3, 0.55, 2.2]

    init(in folder: URL, seed: UInt64 = 0x5EED_17) throws {
        self.seed = seed
        var random = SeededRandom(seed)
        let lead = Int(0.6 * Double(Self.rate))
        samples = (0..<lead).map { _ in random.roomTone() }
        for (index, text) in Self.phrases.enumerated() {
            let phrase = try Self.speak(text, in: folder, index: index)
            guard let first = phrase.firstIndex(where: { abs($0) >= Self.threshold }),
                  let last = phrase.lastIndex(where: { abs($0) >= Self.threshold }) else {
                throw MissingTool(description: "espeak-ng produced no sound for \(text)")
            }
            let start = samples.count
            samples += phrase[first...last].map { $0 + random.roomTone() }
            phrases.append(start..<samples.count)
            guard index < Self.gapSeconds.count else { break }
            let length = Int(Self.gapSeconds[index] * Double(Self.rate))
            var gap = (0..<length).map { _ in random.roomTone() }
            // A breath: 180 ms of noise under a Hann window, peaking at about −47 dBFS (below the threshold).
            let breath = Int(0.18 * Double(Self.rate))
            if length > breath * 2 {
                let at = length / 2 - breath / 2
                for i in 0..<breath {
                    let window = 0.5 - 0.5 * cos(2 * Double.pi * Double(i) / Double(breath))
                    gap[at + i] += Float(window) * 0.0045 * random.uniform()
                }
            }
            gaps.append(samples.count..<(samples.count + length))
            samples += gap
        }
        samples += (0..<lead).map { _ in random.roomTone() }
    }

    /// Writes the mix as 16-bit mono WAV.
    func write(to url: URL) throws {
        var data = Data()
        func u32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { data.append(contentsOf: $0) } }
        func u16(_ v: UInt16) { withUnsafeBytes(of: v.littleEndian) { data.append(contentsOf: $0) } }
        data.append(contentsOf: Array("RIFF".utf8)); u32(UInt32(36 + samples.count * 2))
        data.append(contentsOf: Array("WAVEfmt ".utf8)); u32(16); u16(1); u16(1)
        u32(UInt32(Self.rate)); u32(UInt32(Self.rate * 2)); u16(2); u16(16)
        data.append(contentsOf: Array("data".utf8)); u32(UInt32(samples.count * 2))
        for sample in samples {
            let value = Int16(max(-32768, min(32767, (sample * 32768).rounded())))
            withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) }
        }
        try data.write(to: url)
    }

    /// Samples as the WAV holds them (after 16-bit rounding), for checks at the threshold.
    var quantised: [Float] { samples.map { Float(Int16(max(-32768, min(32767, ($0 * 32768).rounded())))) / 32768 } }

    static func speak(_ text: String, in folder: URL, index: Int) throws -> [Float] {
        let path = "/usr/bin/espeak-ng"
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw MissingTool(description: "espeak-ng is not installed (generated speech); run scripts/install-deps.sh")
        }
        let url = folder.appendingPathComponent("phrase\(index).wav")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = ["-w", url.path, text]
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw MissingTool(description: "espeak-ng failed on \(text)") }
        return try readWAV16(url)
    }

    /// The samples of a 16-bit PCM WAV (mono), found by walking its chunks.
    static func readWAV16(_ url: URL) throws -> [Float] {
        let data = try Data(contentsOf: url)
        var offset = 12
        while offset + 8 <= data.count {
            let id = String(decoding: data[offset..<(offset + 4)], as: UTF8.self)
            var size = Int(data[offset + 4]) | Int(data[offset + 5]) << 8 | Int(data[offset + 6]) << 16 | Int(data[offset + 7]) << 24
            if id == "data" {
                size = min(size, data.count - offset - 8)
                return stride(from: offset + 8, to: offset + 8 + size - 1, by: 2).map {
                    Float(Int16(bitPattern: UInt16(data[$0]) | UInt16(data[$0 + 1]) << 8)) / 32768
                }
            }
            offset += 8 + size + (size & 1)
        }
        throw CocoaError(.fileReadCorruptFile)
    }
}

/// SplitMix64: the same sequence for a seed on every machine.
struct SeededRandom {
    private var state: UInt64
    init(_ seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    /// Uniform in −1…1.
    mutating func uniform() -> Float { Float(Double(next() >> 11) / Double(1 << 53) * 2 - 1) }
    /// Room tone: about −62 dBFS peak.
    mutating func roomTone() -> Float { 0.0008 * uniform() }
}
