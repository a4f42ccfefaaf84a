import Analysis
import Foundation
import XCTest

/// EBU Tech 3341 (V4, 2016) minimum requirements, with the signals generated here. Tech 3341
/// gives sine levels in dBFS of the peak amplitude, so a stereo 1 kHz sine of amplitude
/// 10^(−23/20) per channel is −23.0 LUFS: −3.01 dB (sine RMS) + 0.69 dB (K-weighting at 1 kHz)
/// − 0.691 (BS.1770 constant) + 3.01 dB (two channels summed).
final class LoudnessTests: XCTestCase {
    /// Stereo 1 kHz segments of (dBFS, seconds), concatenated.
    func stereoSine(_ segments: [(Double, Double)]) -> [Float] {
        segments.flatMap { sine(frequency: 1000, amplitude: amplitude(dBFS: $0.0), seconds: $0.1) }
    }

    func measure(_ samples: [Float], channels: Int = 2, rate: Int = 48000) throws -> LoudnessReading {
        try LoudnessMeter.measure([AudioBlock(samples: samples, channelCount: channels, sampleRate: rate)])
    }

    func testTech3341Case1And2SteadySine() throws {
        for level in [-23.0, -33.0] {
            let meter = try LoudnessMeter(channelCount: 2, sampleRate: 48000)
            try meter.add(AudioBlock(samples: stereoSine([(level, 20)]), channelCount: 2, sampleRate: 48000))
            let r = meter.reading()
            XCTAssertEqual(r.integrated, level, accuracy: 0.1, "I for \(level) dBFS")
            XCTAssertEqual(r.momentary, level, accuracy: 0.1, "M for \(level) dBFS")
            XCTAssertEqual(r.shortTerm, level, accuracy: 0.1, "S for \(level) dBFS")
            XCTAssertEqual(r.loudnessRange, 0, accuracy: 0.1)
            XCTAssertEqual(r.duration, 20, accuracy: 1e-9)
        }
    }

    func testTech3341Cases3To5GatingOfLevelChanges() throws {
        let cases: [[(Double, Double)]] = [
            [(-36, 10), (-23, 60), (-36, 10)],                      // case 3: relative gate removes −36
            [(-72, 10), (-36, 10), (-23, 60), (-36, 10), (-72, 10)], // case 4: absolute gate removes −72
            [(-26, 20), (-20, 20.1), (-26, 20)],                    // case 5
        ]
        for (index, segments) in cases.enumerated() {
            XCTAssertEqual(try measure(stereoSine(segments)).integrated, -23, accuracy: 0.1, "Tech 3341 case \(index + 3)")
        }
    }

    func testTech3341Case6FiveChannelWeighting() throws {
        // L, R −28 dBFS; C −24 dBFS; Ls, Rs −30 dBFS (weighted +1.5 dB) → −23.0 LUFS.
        let levels = [-28.0, -28, -24, -30, -30]
        let tone = sine(frequency: 1000, amplitude: 1, seconds: 20, channels: 1)
        var samples = [Float](repeating: 0, count: tone.count * 5)
        for n in 0..<tone.count {
            for c in 0..<5 { samples[n * 5 + c] = tone[n] * Float(amplitude(dBFS: levels[c])) }
        }
        XCTAssertEqual(try measure(samples, channels: 5).integrated, -23, accuracy: 0.1)
        // The same signal with every channel weighted 1.0 is louder by the lost 1.5 dB on the
        // surrounds' share, so the weighting really is applied.
        let flat = try LoudnessMeter.measure([AudioBlock(samples: samples, channelCount: 5, sampleRate: 48000)],
                                             channels: [.left, .right, .centre, .left, .right])
        XCTAssertLessThan(flat.integrated, -23.3)
    }

    func testTech3341TruePeakOfInterSampleSines() throws {
        // Cases 16–18: −6 dBFS sines whose samples miss the crest; true peak −6.0 dBTP (+0.2/−0.4).
        // The sines fade in over 10 ms: a sine switched on abruptly is a step, and the band-limited
        // signal between its first samples really does overshoot (by up to +0.65 dB here), which a
        // true-peak meter rightly reports.
        for (frequency, phaseDegrees) in [(12000.0, 45.0), (8000, 60), (6000, 67.5)] {
            var samples = sine(frequency: frequency, amplitude: amplitude(dBFS: -6), seconds: 1,
                               phase: phaseDegrees * .pi / 180)
            for n in 0..<480 { for c in 0..<2 { samples[2 * n + c] *= Float(n) / 480 } }
            let r = try measure(samples)
            XCTAssertEqual(r.truePeak, -6, accuracy: 0.3, "true peak of \(frequency) Hz at \(phaseDegrees)°")
            XCTAssertLessThan(r.samplePeak, r.truePeak - 0.5, "the samples miss the crest at \(frequency) Hz")
        }
        // A 1 kHz sine's true peak is its amplitude.
        XCTAssertEqual(try measure(sine(frequency: 1000, amplitude: 0.5, seconds: 2)).truePeak, -6.02, accuracy: 0.3)
    }

    func testFeedingInSmallBlocksMatchesTheWhole() throws {
        let samples = stereoSine([(-30, 5), (-20, 5)])
        let whole = try measure(samples)
        let live = try LoudnessMeter(channelCount: 2, sampleRate: 48000)
        var momentaryAfterLoudPart = -Double.infinity
        for start in stride(from: 0, to: samples.count, by: 960) {  // 10 ms playback buffers
            try samples[start..<min(start + 960, samples.count)].withUnsafeBufferPointer { try live.add(interleaved: $0) }
            if start == 48000 * 2 * 9 { momentaryAfterLoudPart = live.momentary }
        }
        XCTAssertEqual(live.reading(), whole)
        XCTAssertEqual(momentaryAfterLoudPart, -20, accuracy: 0.1)
    }

    func testSilenceAndBadInputs() throws {
        let silent = try measure([Float](repeating: 0, count: 48000 * 2))
        XCTAssertEqual(silent.integrated, -.infinity)
        XCTAssertEqual(silent.truePeak, -.infinity)
        XCTAssertThrowsError(try LoudnessMeter(channelCount: 0, sampleRate: 48000))
        XCTAssertThrowsError(try LoudnessMeter(channelCount: 2, sampleRate: 48000, channels: [.left]))
        let meter = try LoudnessMeter(channelCount: 2, sampleRate: 48000)
        XCTAssertThrowsError(try meter.add(AudioBlock(samples: [0, 0], channelCount: 1, sampleRate: 48000)))
        XCTAssertThrowsError(try LoudnessMeter.measure([AudioBlock]()))
    }
}
