/// A point in time as an integer count of units at a rational rate.
///
/// Unlike OpenTimelineIO's pair of doubles, equality is exact: 30 units at 30000/1001
/// equals 1001 units at 1000/1 because both are exactly 1.001 seconds.
public struct RationalTime: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    public var value: Int64
    public var rate: Rate

    public init(_ value: Int64, _ rate: Rate) {
        self.value = value
        self.rate = rate
    }

    public static func zero(_ rate: Rate) -> RationalTime { RationalTime(0, rate) }

    public enum Rounding: Sendable { case down, nearest, up }

    /// The same instant counted at another rate. This is the one place where time bases meet:
    /// media stream time bases, sample rates and the timeline rate all convert through here.
    /// Rounding `down` gives the unit whose interval contains the instant. A result beyond
    /// Int64 is pinned to its end (never a trap); `checkedRescaled` says so instead.
    public func rescaled(to target: Rate, rounding: Rounding = .down) -> RationalTime {
        if target == rate { return self }
        if let value = rescaledValue(to: target, rounding: rounding) { return RationalTime(value, target) }
        return RationalTime(value < 0 ? .min : .max, target)
    }

    /// `rescaled`, or a `TimeOverflow` when the instant cannot be counted at `target` in an Int64.
    public func checkedRescaled(to target: Rate, rounding: Rounding = .down) throws(TimeOverflow) -> RationalTime {
        if target == rate { return self }
        guard let value = rescaledValue(to: target, rounding: rounding) else {
            throw TimeOverflow("\(self.value) at \(rate) counted at \(target)")
        }
        return RationalTime(value, target)
    }

    /// value × (target.num × rate.den) / (target.den × rate.num), exactly, in 256 bits.
    private func rescaledValue(to target: Rate, rounding: Rounding) -> Int64? {
        WideMath.mulDiv(value, WideMath.product(target.numerator, rate.denominator),
                        WideMath.product(target.denominator, rate.numerator), rounding: rounding)
    }

    /// Converts a timestamp in a libav-style time base (seconds per unit = tbNum/tbDen).
    public static func fromTimeBase(_ pts: Int64, num tbNum: Int64, den tbDen: Int64, to target: Rate,
                                    rounding: Rounding = .down) -> RationalTime {
        // A time base of tbNum/tbDen seconds per unit is a rate of tbDen/tbNum units per second.
        RationalTime(pts, Rate(tbDen, tbNum)).rescaled(to: target, rounding: rounding)
    }

    /// Seconds as a Double, for display and for handing to APIs that want seconds. Never for edits.
    public var seconds: Double { Double(value) * Double(rate.denominator) / Double(rate.numerator) }

    public static func < (lhs: RationalTime, rhs: RationalTime) -> Bool {
        if lhs.rate == rhs.rate { return lhs.value < rhs.value }
        return WideMath.compare(lhs.value, WideMath.product(lhs.rate.denominator, rhs.rate.numerator),
                                rhs.value, WideMath.product(rhs.rate.denominator, lhs.rate.numerator)) < 0
    }

    public static func == (lhs: RationalTime, rhs: RationalTime) -> Bool {
        if lhs.rate == rhs.rate { return lhs.value == rhs.value }
        return !(lhs < rhs) && !(rhs < lhs)
    }

    public func hash(into hasher: inout Hasher) {
        // Equal instants at different rates must hash alike: hash the reduced seconds fraction
        // (in 128 bits: value × denominator may not fit in 64).
        let num = WideMath.magnitude(value) * UInt128(rate.denominator), den = UInt128(rate.numerator)
        guard num != 0 else { hasher.combine(0 as UInt128); return }  // zero is zero at every rate
        let g = WideMath.gcd(num, den)
        hasher.combine(value.signum())
        hasher.combine(num / g)
        hasher.combine(den / g)
    }

    public var description: String { "\(value)@\(rate)" }
}
