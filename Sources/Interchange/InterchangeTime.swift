import Foundation
import TimelineModel

/// Time arithmetic for untrusted input: every conversion is bounded so that a file holding
/// `9999999999999999999999` frames produces a problem, never an overflow trap.
enum InterchangeTime {
    /// Largest frame count (position or duration) a reader accepts: 2^40 frames is 36 years at 1000 fps.
    static let maxFrames: Int64 = 1 << 40

    /// Rates a reader accepts, in frames (or samples) per second.
    static let maxRate: Double = 1_000_000

    /// The exact rate meant by a floating-point rate from OpenTimelineIO JSON: 23.976023976023978
    /// is 24000/1001, 29.97 and 29.97002997 are 30000/1001, integral values are themselves.
    static func rate(fromDouble r: Double) -> Rate? {
        guard r.isFinite, r > 0, r <= maxRate else { return nil }
        let rounded = r.rounded()
        if abs(r - rounded) < 1e-9 * max(1, r), rounded >= 1 { return Rate(Int64(rounded)) }
        // NTSC-style rates n*1000/1001 (also when written with two decimals, 29.97).
        let n = (r * 1001 / 1000).rounded()
        if n >= 1, abs(r - n * 1000 / 1001) < 0.006 { return Rate(Int64(n) * 1000, 1001) }
        let milli = (r * 1000).rounded()
        guard milli >= 1 else { return nil }
        return Rate(Int64(milli), 1000)
    }

    /// `value` units at `from` counted at `to`, or nil when the result would leave ±maxFrames.
    static func rescale(_ value: Int64, from: Rate, to: Rate, rounding: RationalTime.Rounding = .nearest) -> Int64? {
        guard abs(value) <= maxFrames * 1_000_000 else { return nil }
        let estimate = Double(value) * Double(to.numerator) * Double(from.denominator)
            / (Double(to.denominator) * Double(from.numerator))
        guard estimate.isFinite, abs(estimate) <= Double(maxFrames) else { return nil }
        return RationalTime(value, from).rescaled(to: to, rounding: rounding).value
    }

    /// Whether `value` at `from` is a whole number of units at `to`.
    static func rescalesExactly(_ value: Int64, from: Rate, to: Rate) -> Bool {
        guard let down = rescale(value, from: from, to: to, rounding: .down),
              let up = rescale(value, from: from, to: to, rounding: .up) else { return false }
        return down == up
    }

    /// A floating-point time (OTIO's `value` at `rate`) as whole units at `target`, rounded to
    /// the nearest; nil when not finite or out of range.
    static func units(_ value: Double, rate: Rate, at target: Rate) -> Int64? {
        guard value.isFinite else { return nil }
        if value == value.rounded(), abs(value) <= Double(maxFrames) * 1000 {
            return rescale(Int64(value), from: rate, to: target)
        }
        // Fractional frames: count in thousandths of a frame first.
        let milli = (value * 1000).rounded()
        guard abs(milli) <= Double(maxFrames) * 1000, rate.numerator <= Int64.max / 1000 else { return nil }
        return rescale(Int64(milli), from: Rate(rate.numerator * 1000, rate.denominator), to: target)
    }
}
