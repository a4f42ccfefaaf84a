import Foundation
import XCTest
@testable import Analysis
import Media

/// Silence detection on generated speech with known pauses, against the known ranges and
/// against ffmpeg's `silencedetect` on the same file.
final class SilenceDetectionTests: XCTestCase {
    private let tolerance = 0.005  // seconds

    private func fixture() throws -> (SpeechFixture, URL) {
        let folder = try scratchDirectory(self)
        let fixture = try SpeechFixture(in: folder)
        let url = folder.appendingPathComponent("speech.wav")
        try fixture.write(to: url)
        // The levels cached for this scratch file go with it.
        let identity = try MediaFileIdentity(path: url.path)
        addTeardownBlock { try? FileManager.default.removeItem(at: AudioLevels.cacheURL(for: identity, stream: 0)) }
        return (fixture, url)
    }

    private func detect(_ url: URL, _ settings: SilenceSettings) throws -> SilenceReport {
        let levels = try AudioLevels.loadOrCompute(url: url)
        let source = try AudioLevels.openSource(url)
        return try SilenceDetector.detect(levels, settings: settings, samples: AudioLevels.sampleReader(source))
    }

    func testFindsTheKnownPausesWithinFiveMilliseconds() throws {
        let (fixture, url) = try fixture()
        let report = try detect(url, SilenceSettings(threshold: .dBFS(-40), minimum: 0.5, padding: 0))
        let rate = Double(SpeechFixture.rate)
        // Gaps of 0.5 s and more, plus the lead-in and the tail (silence at the clip's ends).
        let expected = [0..<fixture.phrases[0].lowerBound]
            + fixture.gaps.filter { Double($0.count) / rate >= 0.5 }
            + [fixture.phrases.last!.upperBound..<fixture.samples.count]
        let message = "seed \(fixture.seed): found \(report.ranges.map { report.seconds(rate: rate, $0) }), "
            + "expected \(expected.map { (Double($0.lowerBound) / rate, Double($0.upperBound) / rate) })"
        XCTAssertEqual(report.ranges.count, expected.count, message)
        for (found, known) in zip(report.ranges, expected) {
            XCTAssertEqual(Double(found.start) / rate, Double(known.lowerBound) / rate, accuracy: tolerance, message)
            XCTAssertEqual(Double(found.end) / rate, Double(known.upperBound) / rate, accuracy: tolerance, message)
        }
        // Nothing inside words: no range overlaps a phrase by more than the tolerance.
        let slack = Int(tolerance * rate)
        for range in report.ranges {
            for phrase in fixture.phrases {
                let overlap = min(Int(range.end), phrase.upperBound - slack) - max(Int(range.start), phrase.lowerBound + slack)
                XCTAssertLessThanOrEqual(overlap, 0, "a silence inside speech: \(message)")
            }
        }
        // Sample exactness: the first sample of each inner range is silent, the one before it is not.
        let wav = fixture.quantised
        for range in report.ranges where range.start > 0 && range.end < report.sampleCount {
            XCTAssertGreaterThanOrEqual(abs(wav[Int(range.start) - 1]), SpeechFixture.threshold)
            XCTAssertLessThan(abs(wav[Int(range.start)]), SpeechFixture.threshold)
            XCTAssertGreaterThanOrEqual(abs(wav[Int(range.end)]), SpeechFixture.threshold)
        }
    }

    func testPaddingAndDeliberatePauses() throws {
        let (_, url) = try fixture()
        let plain = try detect(url, SilenceSettings(threshold: .dBFS(-40), minimum: 0.5, padding: 0))
        let padded = try detect(url, SilenceSettings(threshold: .dBFS(-40), minimum: 0.5, padding: 0.1, keepLongerThan: 2))
        let pad = Int64(0.1 * Double(SpeechFixture.rate))
        // The 2.2 s pause is kept as deliberate; every other silence shrinks by the padding next to speech.
        let kept = plain.silences.filter { Double($0.length) <= 2 * Double(plain.sampleRate) }
        XCTAssertEqual(padded.silences, kept)
        XCTAssertEqual(padded.ranges.count, kept.count)
        for (range, silence) in zip(padded.ranges, kept) {
            XCTAssertEqual(range.start, silence.start == 0 ? 0 : silence.start + pad)
            XCTAssertEqual(range.end, silence.end == plain.sampleCount ? silence.end : silence.end - pad)
        }
        XCTAssertEqual(padded.total, padded.ranges.reduce(0) { $0 + $1.length })
    }

    func testAgreesWithFFmpegSilencedetect() throws {
        try requireFFmpeg("silencedetect is the reference")
        let (_, url) = try fixture()
        for (noise, duration) in [(-40.0, 0.5), (-35.0, 0.25)] {
            let report = try detect(url, SilenceSettings(threshold: .dBFS(noise), minimum: duration, padding: 0))
            let log = try ffmpeg(["-i", url.path, "-af", "silencedetect=n=\(Int(noise))dB:d=\(duration)", "-f", "null", "-"])
            let starts = Self.values(after: "silence_start: ", in: log)
            let ends = Self.values(after: "silence_end: ", in: log)
            XCTAssertFalse(starts.isEmpty, log)
            // ffmpeg reports a silence running to the end of the file with no end (or the end): compare the pairs it closes.
            let ours = report.ranges.map { report.seconds(rate: 1, $0) }
            XCTAssertEqual(starts.count, ours.count, "ffmpeg \(starts) vs ours \(ours)")
            for (index, start) in starts.enumerated() where index < ours.count {
                XCTAssertEqual(ours[index].start, start, accuracy: 0.0005, "start \(index) at n=\(noise)")
                if index < ends.count {
                    XCTAssertEqual(ours[index].end, ends[index], accuracy: 0.0005, "end \(index) at n=\(noise)")
                }
            }
        }
    }

    /// Real speech from the corpus (a man reading, a woman saying "front centre"): the same
    /// silences as ffmpeg's `silencedetect` with the same threshold and minimum, within 5 ms.
    func testCorpusSpeechAgreesWithFFmpegSilencedetect() throws {
        try requireFFmpeg("silencedetect is the reference")
        for (name, noise, duration) in [("debian.wav", -35.0, 0.2), ("debian.wav", -30.0, 0.1), ("Front_Center.wav", -40.0, 0.3)] {
            let url = try CorpusFolder.require(CorpusFolder.media.appendingPathComponent(name))
            // The levels are cached under a scratch cache folder, never the user's.
            let cache = try scratchDirectory(self)
            setenv("XDG_CACHE_HOME", cache.path, 1)
            defer { unsetenv("XDG_CACHE_HOME") }
            let report = try detect(url, SilenceSettings(threshold: .dBFS(noise), minimum: duration, padding: 0))
            let log = try ffmpeg(["-i", url.path, "-af", "silencedetect=n=\(Int(noise))dB:d=\(duration)", "-f", "null", "-"])
            let starts = Self.values(after: "silence_start: ", in: log)
            let ends = Self.values(after: "silence_end: ", in: log)
            let ours = report.ranges.map { report.seconds(rate: 1, $0) }
            let label = "\(name) n=\(noise) d=\(duration): ffmpeg \(starts) – \(ends), ours \(ours)"
            XCTAssertFalse(starts.isEmpty, label)
            XCTAssertEqual(starts.count, ours.count, label)
            for (index, start) in starts.enumerated() where index < ours.count {
                XCTAssertEqual(ours[index].start, start, accuracy: tolerance, label)
                if index < ends.count { XCTAssertEqual(ours[index].end, ends[index], accuracy: tolerance, label) }
            }
        }
    }

    func testSecondRunWithOtherSettingsUsesTheCache() throws {
        let (_, url) = try fixture()
        let first = try detect(url, .default)
        let computed = AudioLevels.computeCount
        let second = try detect(url, SilenceSettings(threshold: .dBFS(-30), minimum: 0.3, padding: 0.05))
        XCTAssertEqual(AudioLevels.computeCount, computed, "the levels came from the cache")
        XCTAssertNotEqual(first, second)
        // A relative threshold measures the loudness once, then it is cached with the levels.
        let relative = try AudioLevels.loadOrCompute(url: url, loudness: true)
        XCTAssertNotNil(relative.integratedLoudness)
        XCTAssertEqual(try AudioLevels.loadOrCompute(url: url).integratedLoudness, relative.integratedLoudness)
        XCTAssertEqual(AudioLevels.computeCount, computed)
    }

    func testBlockEdgesAreRefinedToTheSample() throws {
        // A pure case: loud, 4321 silent samples, loud, at a rate whose blocks do not divide it.
        var samples = [Float](repeating: 0.5, count: 1000) + [Float](repeating: 0.001, count: 4321) + [Float](repeating: -0.5, count: 777)
        samples[999] = 0.02  // last loud sample just above −40 dBFS
        let levels = AudioLevels(samples: samples, channels: 1, sampleRate: 8000)
        let reader: SilenceDetector.SampleReader = { start, count in
            (0..<count).map { abs(samples[Int(start) + $0]) }
        }
        let report = try SilenceDetector.detect(levels, settings: SilenceSettings(threshold: .dBFS(-40), minimum: 0.5, padding: 0),
                                                samples: reader)
        XCTAssertEqual(report.ranges, [SilentRange(start: 1000, end: 5321)])
        let short = try SilenceDetector.detect(levels, settings: SilenceSettings(threshold: .dBFS(-40), minimum: 0.6, padding: 0),
                                               samples: reader)
        XCTAssertEqual(short.ranges, [], "4321 samples at 8 kHz are shorter than 0.6 s")
    }

    func testThresholdWords() throws {
        XCTAssertEqual(try SilenceSettings.parseThreshold("-40dB"), .dBFS(-40))
        XCTAssertEqual(try SilenceSettings.parseThreshold("−35.5dBFS"), .dBFS(-35.5))
        XCTAssertEqual(try SilenceSettings.parseThreshold("-20LU"), .relative(-20))
        XCTAssertThrowsError(try SilenceSettings.parseThreshold("loud")) { XCTAssertTrue("\($0)".contains("loud")) }
        XCTAssertThrowsError(try SilenceSettings.parseThreshold("10dB"))
        XCTAssertEqual(try SilenceSettings.parseDuration("500ms", "min"), 0.5)
        XCTAssertEqual(try SilenceSettings.parseDuration("1.5s", "min"), 1.5)
        XCTAssertThrowsError(try SilenceSettings.parseDuration("-1s", "min"))
        XCTAssertEqual(SilenceSettings.Threshold.relative(-20).level(integrated: -16), -36)
    }

    static func values(after marker: String, in log: String) -> [Double] {
        log.components(separatedBy: "\n").compactMap { line in
            guard let range = line.range(of: marker) else { return nil }
            return Double(line[range.upperBound...].prefix { $0 != " " && $0 != "|" })
        }
    }
}

extension SilenceReport {
    func seconds(rate: Double, _ range: SilentRange) -> (start: Double, end: Double) {
        (Double(range.start) / Double(sampleRate), Double(range.end) / Double(sampleRate))
    }
}
