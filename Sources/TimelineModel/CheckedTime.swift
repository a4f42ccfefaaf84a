/// Time arithmetic that cannot trap.
///
/// Numbers from outside are range-checked where they enter (`TimeLimits`), but the arithmetic
/// on times is the last line: a future entry point that forgets the check must get a clear
/// error or a clamped value, never Swift's overflow trap (exit 132, and the session gone).
/// `RationalTime`, `FrameRange`, `TimeRange` and `Timecode` compute through here: products of
/// rates and values in 256 bits, sums saturating at Int64's ends.
public struct TimeOverflow: Error, Equatable, Sendable, CustomStringConvertible {
    public var what: String
    public init(_ what: String) { self.what = what }
    public var description: String {
        "\(what) is out of range (times are at most ±\(TimeLimits.maxFrames) frames); check the numbers given"
    }
}

extension Int64 {
    /// `self + other`, pinned to Int64's ends instead of trapping.
    @inline(__always)
    public func saturatingAdding(_ other: Int64) -> Int64 {
        let (sum, overflow) = addingReportingOverflow(other)
        return overflow ? (other > 0 ? .max : .min) : sum
    }

    /// `self - other`, pinned to Int64's ends instead of trapping.
    @inline(__always)
    public func saturatingSubtracting(_ other: Int64) -> Int64 {
        let (difference, overflow) = subtractingReportingOverflow(other)
        return overflow ? (other < 0 ? .max : .min) : difference
    }

    /// `self + other`, or a `TimeOverflow` naming `what`.
    public func checkedAdding(_ other: Int64, _ what: @autoclosure () -> String) throws(TimeOverflow) -> Int64 {
        let (sum, overflow) = addingReportingOverflow(other)
        if overflow { throw TimeOverflow(what()) }
        return sum
    }
}

enum WideMath {
    /// |v| without trapping on Int64.min.
    @inline(__always)
    static func magnitude(_ v: Int64) -> UInt128 { UInt128(v.magnitude) }

    /// The product of two positive Int64s (below 2¹²⁶: always fits).
    @inline(__always)
    static func product(_ a: Int64, _ b: Int64) -> UInt128 { UInt128(a.magnitude) * UInt128(b.magnitude) }

    /// `v × x / y` rounded as asked, or nil when it does not fit in an Int64 (x, y > 0).
    static func mulDiv(_ v: Int64, _ x: UInt128, _ y: UInt128, rounding: RationalTime.Rounding) -> Int64? {
        precondition(x > 0 && y > 0)
        let negative = v < 0
        let wide = magnitude(v).multipliedFullWidth(by: x)
        guard wide.high < y else { return nil }
        let (q, r) = y.dividingFullWidth((wide.high, wide.low))
        var quotient = q
        if r != 0 {
            switch rounding {
            // Toward −∞ for down, +∞ for up: the magnitude grows when the sign points that way.
            case .down: if negative { quotient += 1 }
            case .up: if !negative { quotient += 1 }
            case .nearest: if r >= y - r { quotient += 1 }
            }
        }
        if negative {
            guard quotient <= UInt128(Int64.max) + 1 else { return nil }
            return quotient == UInt128(Int64.max) + 1 ? .min : -Int64(quotient)
        }
        guard quotient <= UInt128(Int64.max) else { return nil }
        return Int64(quotient)
    }

    /// Orders `a × x` against `b × y` exactly (x, y > 0).
    static func compare(_ a: Int64, _ x: UInt128, _ b: Int64, _ y: UInt128) -> Int {
        let sa = a.signum(), sb = b.signum()
        if sa != sb { return sa < sb ? -1 : 1 }
        if sa == 0 { return 0 }
        let l = magnitude(a).multipliedFullWidth(by: x), r = magnitude(b).multipliedFullWidth(by: y)
        let byMagnitude = (l.high, l.low) < (r.high, r.low) ? -1 : ((l.high, l.low) == (r.high, r.low) ? 0 : 1)
        return sa > 0 ? byMagnitude : -byMagnitude
    }

    static func gcd(_ a: UInt128, _ b: UInt128) -> UInt128 {
        var (a, b) = (a, b)
        while b != 0 { (a, b) = (b, a % b) }
        return max(a, 1)
    }
}
