import Analysis
import Foundation
import XCTest

/// Our meter (libebur128) against FFmpeg's own `ebur128` filter on the same 48 kHz float WAV:
/// integrated within 0.1 LU, loudness range within 0.5 LU, true peak within 0.3 dB.
/// FFmpeg prints one decimal, so its figures carry ±0.05 of rounding inside those margins.
final class FFmpegLoudnessTests: XCTestCase {
    struct Comparison {
        var name: String
        var ours: LoudnessReading
        var reference: FFmpegLoudness
    }

    /// Makes `wav` (48 kHz, float, at most `seconds`) from ffmpeg input arguments, then measures it both ways.
    func compare(name: String, input: [String], in directory: URL, seconds: Double = 30) throws -> Comparison {
        let wav = directory.appendingPathComponent("\(name).wav")
        try ffmpeg(input + ["-t", String(seconds), "-ar", "48000", "-c:a", "pcm_f32le", wav.path])
        let file = try WAVFile(contentsOf: wav)
        XCTAssertEqual(file.sampleRate, 48000)
        let ours = try LoudnessMeter.measure([try file.block])
        return Comparison(name: name, ours: ours, reference: try FFmpegLoudness.measure(wav))
    }

    func check(_ c: Comparison, compareRange: Bool = true, file: StaticString = #filePath, line: UInt = #line) {
        let o = c.ours, r = c.reference
        let summary = "\(c.name): ours I \(o.integrated) LRA \(o.loudnessRange) TP \(o.truePeak); "
            + "ffmpeg I \(r.integrated) LRA \(r.loudnessRange) TP \(r.truePeak)"
        print(summary)
        if r.integrated <= -70 {
            // FFmpeg prints −70.0 when everything is gated out; we say −infinity.
            XCTAssertTrue(o.integrated <= -70, summary, file: file, line: line)
        } else {
            XCTAssertEqual(o.integrated, r.integrated, accuracy: 0.1, "integrated — " + summary, file: file, line: line)
        }
        if compareRange {
            XCTAssertEqual(o.loudnessRange, r.loudnessRange, accuracy: 0.5, "LRA — " + summary, file: file, line: line)
        }
        XCTAssertEqual(o.truePeak, r.truePeak, accuracy: 0.3, "true peak — " + summary, file: file, line: line)
    }

    func testGeneratedTonesAndNoiseMatchFFmpeg() throws {
        try requireFFmpeg("the ffmpeg CLI is the reference")
        let dir = try scratchDirectory(self)
        // FFmpeg's sine source: amplitude 1/8, mono.
        check(try compare(name: "sine1k", input: ["-f", "lavfi", "-i", "sine=f=1000:d=10"], in: dir))
        // Stereo pink noise stepping between two levels every 5 s: a real loudness range.
        check(try compare(name: "pink-steps", input: [
            "-f", "lavfi", "-i", "anoisesrc=c=pink:a=0.5:d=30:s=48000:r=48000,volume='0.08+0.92*gte(mod(t\\,10)\\,5)':eval=frame",
            "-ac", "2"], in: dir))
        // 12 kHz at 48 kHz with a phase offset: the samples miss the crests, so true peak > sample peak.
        check(try compare(name: "intersample", input: [
            "-f", "lavfi", "-i", "aevalsrc='0.7*min(t/0.01\\,1)*sin(2*PI*12000*t+0.7)|0.3*sin(2*PI*440*t)':s=48000:d=8"],
            in: dir))
        // (The 10 ms fade-in matters: switched on abruptly, this tone's onset overshoots, and the two
        // meters' interpolators disagree about the overshoot by 0.5 dB: ours −3.0, FFmpeg −2.5 dBTP.)
    }

    /// Every audio-only file of the shared corpus (WAV, FLAC, Ogg, MP3: the MANIFEST rows with no
    /// video), plus the 5.1 EBU channel-identification clip, decoded by the ffmpeg CLI to 48 kHz
    /// float (the first 30 s) and measured by us and by FFmpeg's filter.
    func testCorpusAudioMatchesFFmpeg() throws {
        try requireFFmpeg("the ffmpeg CLI is the reference")
        let corpus = URL(fileURLWithPath: "/work/shared/corpus/media")
        let manifest = try String(contentsOf: CorpusFolder.require(corpus.appendingPathComponent("MANIFEST.tsv")), encoding: .utf8)
        // Columns: file, source, path_in_pkg, size, format, video, frames, audio, …
        var files = manifest.split(separator: "\n").dropFirst().compactMap { line -> String? in
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard columns.count > 7, columns[5] == "none", columns[7] != "none" else { return nil }
            return String(columns[0])
        }
        XCTAssertGreaterThanOrEqual(files.count, 8, "the corpus lists its audio files")
        files.append("ChID-BLITS-EBU.mp4")
        let dir = try scratchDirectory(self)
        for name in files {
            let c = try compare(name: name, input: ["-i", corpus.appendingPathComponent(name).path, "-vn"], in: dir)
            // Below 3 s there is no complete short-term block, and FFmpeg reports a loudness range
            // from its running short-term values (e.g. 20 LU for a steady 3 s tone), where the
            // EBU Tech 3342 definition, which libebur128 follows, has none to give.
            check(c, compareRange: c.ours.duration >= 4)
        }
    }
}
