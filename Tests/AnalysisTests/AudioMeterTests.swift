import Analysis
import XCTest

final class AudioMeterTests: XCTestCase {
    func block(_ samples: [Float], channels: Int = 2) throws -> AudioBlock {
        try AudioBlock(samples: samples, channelCount: channels, sampleRate: 48000)
    }

    func testSinePeakAndRMS() throws {
        var meter = AudioMeter(channelCount: 2, sampleRate: 48000)
        // Left −6 dBFS, right −20 dBFS, 1 s of 997 Hz.
        let left = sine(frequency: 997, amplitude: amplitude(dBFS: -6), seconds: 1, channels: 1)
        let right = sine(frequency: 997, amplitude: amplitude(dBFS: -20), seconds: 1, channels: 1)
        try meter.feed(block(zip(left, right).flatMap { [$0, $1] }))
        XCTAssertEqual(meter.levels[0].peak, -6, accuracy: 0.01)
        XCTAssertEqual(meter.levels[1].peak, -20, accuracy: 0.01)
        // Plain RMS of a sine is 3.01 dB below its peak.
        XCTAssertEqual(meter.levels[0].rms, -9.01, accuracy: 0.02)
        XCTAssertEqual(meter.levels[1].rms, -23.01, accuracy: 0.02)
        XCTAssertFalse(meter.levels[0].clipped)
        XCTAssertEqual(meter.framesFed, 48000)
    }

    func testPeakFallsHoldHoldsThenDropsAndRMSForgets() throws {
        var meter = AudioMeter(channelCount: 1, sampleRate: 48000)
        try meter.feed(block(sine(frequency: 1000, amplitude: 0.5, seconds: 0.5, channels: 1), channels: 1))
        let silence = [Float](repeating: 0, count: 4800)  // 100 ms
        for _ in 0..<10 { try meter.feed(block(silence, channels: 1)) }
        // After 1 s of silence: the bar fell 11.8 dB, the hold still shows the peak, RMS is silent.
        XCTAssertEqual(meter.levels[0].peak, -6.02 - 11.8, accuracy: 0.05)
        XCTAssertEqual(meter.levels[0].heldPeak, -6.02, accuracy: 0.01)
        XCTAssertEqual(meter.levels[0].rms, -.infinity)
        for _ in 0..<11 { try meter.feed(block(silence, channels: 1)) }
        // Past the 2 s hold: the hold line dropped to the falling bar.
        XCTAssertLessThan(meter.levels[0].heldPeak, -20)
        XCTAssertEqual(meter.levels[0].heldPeak, meter.levels[0].peak, accuracy: 1.2)
    }

    func testClipsLatchUntilReset() throws {
        var meter = AudioMeter(channelCount: 2, sampleRate: 48000)
        var samples = [Float](repeating: 0.1, count: 960)
        samples[101] = 1.2   // right channel over full scale (float audio can be)
        samples[103] = -1.0
        try meter.feed(block(samples))
        try meter.feed(block([Float](repeating: 0, count: 960)))
        XCTAssertFalse(meter.levels[0].clipped)
        XCTAssertTrue(meter.levels[1].clipped)
        XCTAssertEqual(meter.levels[1].clipCount, 2)
        XCTAssertEqual(meter.levels[1].heldPeak, 20 * log10(1.2), accuracy: 0.01)
        meter.resetClips()
        XCTAssertFalse(meter.levels[1].clipped)
        XCTAssertEqual(meter.levels[1].clipCount, 0)
    }

    func testWrongLayoutIsRefused() throws {
        var meter = AudioMeter(channelCount: 2, sampleRate: 48000)
        XCTAssertThrowsError(try meter.feed(AudioBlock(samples: [0, 0, 0], channelCount: 3, sampleRate: 48000)))
        XCTAssertThrowsError(try meter.feed(AudioBlock(samples: [0, 0], channelCount: 2, sampleRate: 44100)))
        XCTAssertThrowsError(try AudioBlock(samples: [0, 0, 0], channelCount: 2, sampleRate: 48000))
    }
}
