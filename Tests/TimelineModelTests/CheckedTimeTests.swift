import Foundation
import TimelineModel
import XCTest

/// The time types' own arithmetic at the edges of Int64: nothing traps (a trap ends the test
/// run with signal 4), results that fit are exact, and results that do not are pinned to Int64's
/// ends or reported by the checked forms. Seeded; the seed is printed on failure.
final class CheckedTimeTests: XCTestCase {
    static let edges: [Int64] = [0, 1, -1, 2, -2, 1 << 40, -(1 << 40), 1 << 62, -(1 << 62), (1 << 62) - 1, .max, .min, .max - 1, .min + 1]
    static let rates: [Rate] = [.fps25, .fps29_97, .fps23_976, .audio48k, Rate(1, 3), Rate(1, Int64.max), Rate(Int64.max),
                                Rate(Int64.max, Int64.max - 1), Rate(Int64.max - 1, Int64.max), Rate(1 << 62, 3), Rate(3, 1 << 62)]

    var seed: UInt64 { UInt64(ProcessInfo.processInfo.environment["TERMCUT_SEED"] ?? "") ?? 0xC4EC_4ED }

    /// A value: an edge, an edge nudged, or anything.
    func value(_ rng: inout SplitMix64) -> Int64 {
        switch rng.next() % 3 {
        case 0: return Self.edges[Int(rng.next() % UInt64(Self.edges.count))]
        case 1: return Self.edges[Int(rng.next() % UInt64(Self.edges.count))].saturatingAdding(Int64(rng.next() % 5) - 2)
        default: return Int64(bitPattern: rng.next())
        }
    }

    func rate(_ rng: inout SplitMix64) -> Rate {
        if rng.next() % 2 == 0 { return Self.rates[Int(rng.next() % UInt64(Self.rates.count))] }
        // Huge rationals as well as ordinary ones.
        let n = Int64(rng.next() % UInt64(Int64.max)) + 1, d = Int64(rng.next() % UInt64(Int64.max)) + 1
        return rng.next() % 2 == 0 ? Rate(n, d) : Rate(n % 1_000_000 + 1, d % 1001 + 1)
    }

    /// Exact value × num / den as a Double check: used only to tell "clearly fits" from "clearly not".
    func approximate(_ t: RationalTime, to target: Rate) -> Double {
        Double(t.value) * (Double(target.numerator) / Double(t.rate.numerator)) * (Double(t.rate.denominator) / Double(target.denominator))
    }

    func testRescalingNeverTrapsIsExactWhereItFitsAndSaysSoWhereItDoesNot() {
        let seed = self.seed
        var rng = SplitMix64(seed: seed)
        for _ in 0..<20_000 {
            let t = RationalTime(value(&rng), rate(&rng))
            let target = rate(&rng)
            let estimate = approximate(t, to: target)
            for rounding in [RationalTime.Rounding.down, .nearest, .up] {
                let pinned = t.rescaled(to: target, rounding: rounding)
                let checked = try? t.checkedRescaled(to: target, rounding: rounding)
                if abs(estimate) < 0x1p62 {
                    XCTAssertNotNil(checked, "seed \(seed): \(t) → \(target) fits (≈\(estimate))")
                } else if abs(estimate) > 0x1p64 {
                    XCTAssertNil(checked, "seed \(seed): \(t) → \(target) cannot fit (≈\(estimate))")
                    XCTAssertEqual(pinned.value, estimate < 0 ? .min : .max, "seed \(seed): pinned to the end")
                }
                if let checked {
                    XCTAssertEqual(checked, pinned)
                    // Exact: the rounded value brackets the instant, at most one unit away.
                    let back = RationalTime(checked.value, target)
                    switch rounding {
                    case .down: XCTAssertTrue(back <= t, "seed \(seed): \(t) → \(checked)")
                    case .up: XCTAssertTrue(back >= t, "seed \(seed): \(t) → \(checked)")
                    case .nearest: break
                    }
                    if checked.value > .min + 1 && checked.value < .max - 1 {
                        XCTAssertTrue(RationalTime(checked.value - 1, target) < t || checked.value == .min, "seed \(seed)")
                        XCTAssertTrue(RationalTime(checked.value + 1, target) > t, "seed \(seed): \(t) → \(checked)")
                    }
                }
            }
        }
    }

    func testComparisonAndHashingAgreeAtTheEdges() {
        let seed = self.seed
        var rng = SplitMix64(seed: seed)
        for _ in 0..<20_000 {
            let a = RationalTime(value(&rng), rate(&rng)), b = RationalTime(value(&rng), rate(&rng))
            // Exactly one of <, ==, > holds, and the order is antisymmetric.
            let relations = [a < b, a == b, b < a].filter { $0 }.count
            XCTAssertEqual(relations, 1, "seed \(seed): \(a) vs \(b)")
            // The same instant at a multiple of its rate is equal and hashes alike.
            if let doubled = try? a.checkedRescaled(to: Rate(a.rate.numerator.multipliedReportingOverflow(by: 2).overflow ? a.rate.numerator : a.rate.numerator * 2, a.rate.denominator)),
               RationalTime(doubled.value, doubled.rate).rescaled(to: a.rate) == a, doubled == a {
                XCTAssertEqual(doubled.hashValue, a.hashValue, "seed \(seed): \(a) and \(doubled)")
            }
        }
        XCTAssertEqual(RationalTime(0, .fps25).hashValue, RationalTime(0, .fps30).hashValue, "zero hashes alike at every rate")
        XCTAssertTrue(RationalTime(.min, Rate(1, Int64.max)) < RationalTime(.max, Rate(Int64.max)))
        XCTAssertEqual(RationalTime(30, .fps29_97), RationalTime(1001, Rate(1000)), "30 frames of 29.97 are 1.001 s")
    }

    func testFrameRangesSaturateAndTheCheckedShiftSaysWhy() {
        let seed = self.seed
        var rng = SplitMix64(seed: seed)
        for _ in 0..<20_000 {
            let r = FrameRange(start: value(&rng), duration: value(&rng))
            let by = value(&rng)
            let exactEnd = Double(r.start) + Double(r.duration)
            XCTAssertEqual(Double(r.end), min(max(exactEnd, Double(Int64.min)), Double(Int64.max)), accuracy: 4096, "seed \(seed): \(r)")
            _ = r.shifted(by: by)
            _ = r.clamped(to: FrameRange(start: value(&rng), end: value(&rng)))
            _ = r.contains(value(&rng))
            _ = r.overlaps(FrameRange(start: value(&rng), duration: value(&rng)))
            let exactShift = Double(r.start) + Double(by)
            if abs(exactShift) < 0x1p62 && abs(exactShift + Double(r.duration)) < 0x1p62 {
                XCTAssertEqual(try? r.checkedShifted(by: by), FrameRange(start: r.start + by, duration: r.duration), "seed \(seed)")
            } else if abs(exactShift) > 0x1p63 + 4096 {
                XCTAssertThrowsError(try r.checkedShifted(by: by), "seed \(seed): \(r) by \(by)") { error in
                    XCTAssertTrue("\(error)".contains("out of range"), "\(error)")
                }
            }
            _ = TimeRange(r, rate: rate(&rng)).end
            _ = TimeRange(start: RationalTime(value(&rng), rate(&rng)), duration: RationalTime(value(&rng), rate(&rng))).frames(at: rate(&rng))
        }
    }

    func testTimecodeFormatsEveryEdgeAtEveryRate() {
        let seed = self.seed
        var rng = SplitMix64(seed: seed)
        for frame in Self.edges {
            for rate in Self.rates + [.fps29_97, .fps59_94] {
                for drop in [false, true] {
                    let label = Timecode.format(frame: frame, rate: rate, dropFrame: drop)
                    XCTAssertFalse(label.isEmpty)
                    XCTAssertEqual(label.hasPrefix("-"), frame < 0, "\(frame) at \(rate): \(label)")
                }
            }
        }
        for _ in 0..<5_000 {
            _ = Timecode.format(frame: value(&rng), rate: rate(&rng), dropFrame: rng.next() % 2 == 0)
        }
        // Ordinary labels are unchanged by the guards.
        XCTAssertEqual(Timecode.format(frame: 108_000, rate: .fps30, dropFrame: false), "01:00:00:00")
        XCTAssertEqual(Timecode.format(frame: 1800, rate: .fps29_97, dropFrame: true), "00:01:00;02")
        XCTAssertEqual(Rate(1, 3).timecodeBase, 1, "a rate below one frame a second still counts frames")
        XCTAssertEqual(Rate(Int64.max).timecodeBase, Int64.max)
    }
}
