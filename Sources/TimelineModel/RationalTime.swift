/// A point in time as an integer count of units at a rational rate.
///
/// Unlike OpenTimelineIO's pair of doubles, equality is exact: 1001 units at 30000/1001
/// equals 30 units at 30/1 because both are exactly one second.
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
    /// Rounding `down` gives the unit whose interval contains the instant.
    public func rescaled(to target: Rate, rounding: Rounding = .down) -> RationalTime {
        if target == rate { return self }
        // value * (target.num / target.den) / (rate.num / rate.den), in 128-bit to avoid overflow.
        let num = value.multipliedFullWidth(by: target.numerator * rate.denominator)
        let den = target.denominator * rate.numerator
        let wide = Int128Math.divide(num, by: den, rounding: rounding)
        return RationalTime(wide, target)
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
        let l = lhs.value.multipliedFullWidth(by: lhs.rate.denominator * rhs.rate.numerator)
        let r = rhs.value.multipliedFullWidth(by: rhs.rate.denominator * lhs.rate.numerator)
        return (l.high, l.low) < (r.high, r.low)
    }

    public static func == (lhs: RationalTime, rhs: RationalTime) -> Bool {
        if lhs.rate == rhs.rate { return lhs.value == rhs.value }
        return !(lhs < rhs) && !(rhs < lhs)
    }

    public func hash(into hasher: inout Hasher) {
        // Equal instants at different rates must hash alike: hash the reduced seconds fraction.
        let num = value * rate.denominator, den = rate.numerator
        let g = Rate.gcd(num == 0 ? 1 : num, den)
        hasher.combine(num / g)
        hasher.combine(den / g)
    }

    public var description: String { "\(value)@\(rate)" }
}

enum Int128Math {
    /// Divides a 128-bit signed value by a positive 64-bit divisor with the requested rounding.
    static func divide(_ n: (high: Int64, low: UInt64), by d: Int64, rounding: RationalTime.Rounding) -> Int64 {
        let negative = n.high < 0
        // Magnitude of the 128-bit value.
        var mag = (high: UInt64(bitPattern: n.high), low: n.low)
        if negative {
            mag.low = ~mag.low &+ 1
            mag.high = ~mag.high &+ (mag.low == 0 ? 1 : 0)
        }
        let divisor = UInt64(d)
        precondition(mag.high < divisor, "time value out of range")
        let (q, r) = divisor.dividingFullWidth((mag.high, mag.low))
        var quotient = Int64(q)
        let hasRemainder = r != 0
        switch rounding {
        case .down:
            if negative { quotient = -quotient - (hasRemainder ? 1 : 0) }
        case .up:
            if negative { quotient = -quotient } else if hasRemainder { quotient += 1 }
        case .nearest:
            let roundAway = r >= divisor - r
            if roundAway { quotient += 1 }
            if negative { quotient = -quotient }
        }
        return quotient
    }
}
