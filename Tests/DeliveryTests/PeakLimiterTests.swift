import Foundation
import XCTest
@testable import Delivery
import Render

/// The limiter never lets a sample over its ceiling, leaves quiet sound untouched (only
/// delayed by its look-ahead), and works the same whatever the block sizes.
final class PeakLimiterTests: XCTestCase {
    func stereo(_ count: Int, _ value: (Int) -> Float) -> [Float] {
        (0..<count).flatMap { [value($0), -value($0) * 0.5] }
    }

    func testLoudPeaksStayUnderTheCeiling() {
        let limiter = PeakLimiter(ceiling: 0.5, lookahead: 48, release: 480)
        // Quiet tone with bursts at 2.0 every 4800 samples.
        let input = stereo(48_000) { i in Float(0.1 * sin(Double(i) * 0.05)) + (i % 4800 < 20 ? 1.9 : 0) }
        let output = limiter.process(input) + limiter.flush()
        XCTAssertEqual(output.count, input.count)
        XCTAssertLessThanOrEqual(output.map(abs).max()!, 0.5 + 1e-5)
        XCTAssertLessThan(limiter.deepestReductionDB, -10)
    }

    func testQuietSoundPassesUnchangedAndBlocksDoNotMatter() {
        let input = stereo(10_000) { i in Float(0.3 * sin(Double(i) * 0.01)) }
        let whole = PeakLimiter(ceiling: 0.5, lookahead: 48)
        let out = whole.process(input) + whole.flush()
        XCTAssertTrue(out == input, "quiet sound changed")
        let pieces = PeakLimiter(ceiling: 0.5, lookahead: 48)
        var chunked: [Float] = []
        var at = 0
        var size = 2
        while at < input.count {
            let end = min(input.count, at + size)
            chunked += pieces.process(Array(input[at..<end]))
            at = end
            size = (size * 3 % 1_999 + 2) & ~1  // whole stereo pairs
        }
        chunked += pieces.flush()
        XCTAssertTrue(chunked == out, "block sizes changed the output")
    }
}
