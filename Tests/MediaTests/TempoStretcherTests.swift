import Foundation
import Media
import XCTest

/// atempo through `TempoStretcher`: a tone keeps its pitch (zero crossings) while its duration
/// scales by 1 / tempo (within 2%, or 20 ms: atempo loses part of a window at the ends).
final class TempoStretcherTests: XCTestCase {
    /// `seconds` of a 440 Hz sine on both channels at 48 kHz.
    func tone(seconds: Double, hz: Double = 440) -> [Float] {
        let frames = Int(seconds * 48_000)
        var out = [Float](repeating: 0, count: frames * 2)
        for n in 0..<frames {
            let v = Float(0.5 * sin(2 * Double.pi * hz * Double(n) / 48_000))
            out[2 * n] = v; out[2 * n + 1] = v
        }
        return out
    }

    /// The frequency from rising zero crossings of the left channel over its middle half.
    func frequency(_ interleaved: [Float]) -> Double {
        let left = stride(from: 0, to: interleaved.count, by: 2).map { interleaved[$0] }
        let part = left[(left.count / 4)..<(3 * left.count / 4)]
        var crossings: [Int] = []
        var previous = part.first!
        for (i, v) in zip(part.indices, part) {
            if previous < 0 && v >= 0 { crossings.append(i) }
            previous = v
        }
        guard let first = crossings.first, let last = crossings.last, crossings.count > 2 else { return 0 }
        return Double(crossings.count - 1) * 48_000 / Double(last - first)
    }

    func stretch(_ input: [Float], tempo: Double) throws -> [Float] {
        let stretcher = try TempoStretcher(tempo: tempo)
        var out: [Float] = []
        for start in stride(from: 0, to: input.count, by: 1920) {
            out += try stretcher.process(Array(input[start..<min(input.count, start + 1920)]))
        }
        return out + (try stretcher.finish())
    }

    func testTwiceAsFastHalvesTheDurationAndKeepsThePitch() throws {
        let input = tone(seconds: 2)
        XCTAssertEqual(frequency(input), 440, accuracy: 0.5)
        for (tempo, expectedSeconds) in [(2.0, 1.0), (4.0, 0.5), (0.25, 8.0), (8.0, 0.25)] {
            let out = try stretch(input, tempo: tempo)
            let seconds = Double(out.count / 2) / 48_000
            XCTAssertEqual(seconds, expectedSeconds, accuracy: max(expectedSeconds * 0.02, 0.02), "tempo \(tempo): \(seconds) s")
            XCTAssertEqual(frequency(out), 440, accuracy: 440 * 0.01, "tempo \(tempo) keeps the pitch")
        }
        XCTAssertEqual(TempoStretcher.stages(for: 0.25), [0.5, 0.5])
        XCTAssertThrowsError(try TempoStretcher(tempo: .nan))
    }
}
