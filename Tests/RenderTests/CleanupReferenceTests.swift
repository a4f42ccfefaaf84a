import Foundation
import Media
import Render
import TimelineModel
import XCTest

/// A clip's clean-up against FFmpeg's own filters on the same source: `highpass=f=…` and
/// `afftdn=nr=…` (the same libavfilter code, so the residual must be below −60 dB of the
/// reference's energy); the bypass restores the untouched samples exactly; chunked playback
/// gives the same samples as one request; the master limiter holds its ceiling as FFmpeg's
/// `ebur128` true-peak meter measures it.
final class CleanupReferenceTests: XCTestCase {
    static let seconds = 3
    static var count: Int { seconds * 48_000 }

    /// A stereo float WAV: hum and a tone under seeded noise, different on each side.
    func source(_ folder: URL, amplitude: Double = 0.3) throws -> URL {
        let url = folder.appendingPathComponent("noisy.wav")
        try Generated.ffmpeg(["-f", "lavfi", "-i",
                              "aevalsrc=\(amplitude)*sin(2*PI*440*t)+0.2*sin(2*PI*50*t)|\(amplitude)*sin(2*PI*660*t)+0.2*sin(2*PI*60*t):s=48000:d=\(Self.seconds)",
                              "-f", "lavfi", "-i", "anoisesrc=r=48000:d=\(Self.seconds):a=0.05:seed=7",
                              "-filter_complex", "[1]aformat=channel_layouts=stereo[n];[0][n]amix=inputs=2:normalize=0",
                              "-c:a", "pcm_f32le", url.path])
        return url
    }

    func reference(_ url: URL, _ filters: String) throws -> [Float] {
        let out = url.deletingLastPathComponent().appendingPathComponent("ref-\(UUID().uuidString).raw")
        try Generated.ffmpeg(["-i", url.path, "-af", filters, "-f", "f32le", "-ac", "2", "-ar", "48000", out.path])
        return try Data(contentsOf: out).withUnsafeBytes { Array($0.bindMemory(to: Float.self)) }
    }

    func project(_ url: URL, _ change: (inout Clip, inout Timeline) -> Void) -> Project {
        let frames = Int64(Self.seconds * 30)
        var clip = Clip(id: ClipID(1), name: "noisy", media: MediaID("noisy"), source: FrameRange(start: 0, duration: frames), available: frames)
        var timeline = Timeline(name: "T", rate: .fps30, tracks: [Track(kind: .audio, name: "A1")])
        change(&clip, &timeline)
        timeline.tracks[0].items = ItemList([.clip(clip)])
        var project = Project(name: "test", media: [Fixture.media("noisy", path: url.path, frames: frames)])
        project.timeline = timeline
        return project
    }

    func renderer(_ project: Project) -> TimelineRenderer {
        let pool = MediaPool(audio: { reference throws(MediaError) in try AudioSource(url: URL(fileURLWithPath: reference.path)) },
                             audioDelay: { _ in 0 })
        return TimelineRenderer(project: project, pool: pool)
    }

    /// The energy of `a − b` against that of `b`, in dB, over stereo samples `range`.
    func residualDB(_ a: [Float], _ b: [Float], _ range: Range<Int>) -> Double {
        var difference = 0.0, energy = 0.0
        for i in range {
            for c in 0..<2 {
                let x = Double(a[i * 2 + c]), y = Double(b[i * 2 + c])
                difference += (x - y) * (x - y); energy += y * y
            }
        }
        return 10 * log10(max(difference, 1e-30) / energy)
    }

    func assertMatchesFFmpeg(_ cleanup: ClipCleanup, file: StaticString = #filePath, line: UInt = #line) throws {
        let url = try source(try Generated.folder(self))
        let mixed = renderer(project(url) { clip, _ in clip.cleanup = cleanup }).sound(from: 0, count: Self.count)
        let ffmpeg = try reference(url, cleanup.filterChain)
        // FFmpeg's output carries the chain's lag; termcut drops it to stay in sync with the picture.
        let lag = try AudioFilterGraph.latency(chain: cleanup.filterChain, sampleRate: 48_000, channels: 2)
        let compared = 0..<(Self.count - lag - 8_192)
        let shifted = Array(ffmpeg[(lag * 2)...])
        let residual = residualDB(mixed, shifted, compared)
        XCTAssertLessThan(residual, -60, "\(cleanup.filterChain): residual \(residual) dB (lag \(lag))", file: file, line: line)
        // And the filter did something: the processed sound is not the source.
        let untouched = renderer(project(url) { _, _ in }).sound(from: 0, count: Self.count)
        XCTAssertGreaterThan(residualDB(untouched, mixed, compared), -50, "\(cleanup.filterChain) changed nothing", file: file, line: line)
    }

    func testHighpassMatchesFFmpegHighpass() throws {
        try assertMatchesFFmpeg(ClipCleanup(highpassHz: 120))
    }

    func testDenoiseMatchesFFmpegAfftdn() throws {
        try assertMatchesFFmpeg(ClipCleanup(denoiseDB: 20))
    }

    func testBothInOrderMatchFFmpegChain() throws {
        try assertMatchesFFmpeg(ClipCleanup(denoiseDB: 12, highpassHz: 80))
    }

    func testBypassRestoresTheUntouchedSoundExactly() throws {
        let url = try source(try Generated.folder(self))
        let untouched = renderer(project(url) { _, _ in }).sound(from: 0, count: Self.count)
        let bypassed = renderer(project(url) { clip, _ in clip.cleanup = ClipCleanup(denoiseDB: 12, highpassHz: 80, bypass: true) })
            .sound(from: 0, count: Self.count)
        XCTAssertEqual(untouched, bypassed)
    }

    /// Playback asks in chunks; they continue one chain, so the result is one request's.
    func testChunkedRequestsGiveTheSameSamples() throws {
        let url = try source(try Generated.folder(self))
        let p = project(url) { clip, timeline in
            clip.cleanup = ClipCleanup(denoiseDB: 12, highpassHz: 80)
            timeline.masterLimiter = MasterLimiter(ceilingDB: -6)
        }
        let whole = renderer(p).sound(from: 0, count: 48_000)
        let chunked = renderer(p)
        var pieces: [Float] = []
        var at: Int64 = 0
        for size in [1_000, 4_800, 17, 20_000, 22_183] {
            pieces += chunked.sound(from: at, count: size)
            at += Int64(size)
        }
        XCTAssertEqual(at, 48_000)
        XCTAssertEqual(whole, pieces)
    }

    func testMasterLimiterHoldsTheCeilingByTruePeak() throws {
        let folder = try Generated.folder(self)
        let url = try source(folder, amplitude: 0.7)
        // +12 dB of clip gain drives the mix far over full scale; the limiter holds −3 dBFS.
        let mixed = renderer(project(url) { clip, timeline in
            clip.gainDB = 12
            timeline.masterLimiter = MasterLimiter(ceilingDB: -3)
        }).sound(from: 0, count: Self.count)
        let samplePeak = mixed.map { abs($0) }.max()!
        XCTAssertLessThanOrEqual(20 * log10(Double(samplePeak)), -3 + 1e-4)
        let raw = folder.appendingPathComponent("limited.raw")
        try mixed.withUnsafeBytes { try Data($0).write(to: raw) }
        let truePeak = try ffmpegTruePeak(raw)
        XCTAssertLessThanOrEqual(truePeak, -3 + 0.1, "true peak \(truePeak) dBTP over a -3 dB ceiling")
        // The limiter only turns down: without it the same mix peaks far above.
        let loud = renderer(project(url) { clip, _ in clip.gainDB = 12 }).sound(from: 0, count: Self.count)
        XCTAssertGreaterThan(20 * log10(Double(loud.map { abs($0) }.max()!)), 3)
    }

    /// FFmpeg's ebur128 true peak (dBTP) of raw stereo float samples.
    func ffmpegTruePeak(_ raw: URL) throws -> Double {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["ffmpeg", "-nostdin", "-hide_banner", "-f", "f32le", "-ar", "48000", "-ac", "2", "-i", raw.path,
                             "-af", "ebur128=peak=true", "-f", "null", "-"]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        if process.terminationStatus == 127 { throw ReferenceToolMissing(description: "ffmpeg is not installed (scripts/install-deps.sh)") }
        // The summary's "True peak:" section ends with "Peak:      -3.1 dBFS".
        guard let section = text.range(of: "True peak:", options: .backwards),
              let peakLine = text[section.upperBound...].split(separator: "\n").first(where: { $0.contains("Peak:") }),
              let value = peakLine.split(separator: " ").compactMap({ Double($0) }).first else {
            throw ReferenceToolMissing(description: "no true peak in ffmpeg's ebur128 output: \(text.suffix(400))")
        }
        return value
    }
}
