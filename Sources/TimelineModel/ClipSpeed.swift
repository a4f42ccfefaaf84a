/// A clip's constant speed change or freeze frame.
///
/// A speed is a positive rational `numerator/denominator`: media frames per record frame
/// (2/1 plays at 200%, 1/2 at 50%). A freeze holds one media frame (`freezeFrame`, timeline-rate
/// frames from the media's first frame) for the clip's whole record duration; its rational is 0/1.
///
/// The clip counts `source` and `available` in record *units* (see `Clip`), and
/// `mediaFrame(atUnit:)` is the one place that turns a unit into a media frame.
public struct ClipSpeed: Hashable, Codable, Sendable, CustomStringConvertible {
    /// Media frames per record frame, as a reduced fraction; 0/1 for a freeze.
    public private(set) var numerator: Int64
    public private(set) var denominator: Int64
    /// The media frame a freeze holds; nil for a moving speed.
    public private(set) var freezeFrame: Int64?
    /// For a reverse speed (−100%, −50%…): the media's last frame (timeline-rate frames from
    /// its first), which unit 0 mirrors onto. Units still run forward through the media read
    /// from its end, so trims, razors and clamps work on reversed clips unchanged.
    public private(set) var reversedFrom: Int64?
    /// Frame blending (as Premiere's Frame Blending): below 100% a record frame that falls
    /// between two media frames shows their mix, weighted by where it falls (`blend(atUnit:)`),
    /// instead of repeating the earlier one. Off unless asked for; stored only when on, so
    /// projects saved before it load unchanged.
    public var frameBlend = false

    /// A moving speed of `numerator/denominator` (reduced); nil unless both are positive.
    public init?(numerator: Int64, denominator: Int64) {
        guard numerator > 0, denominator > 0 else { return nil }
        let g = Self.gcd(numerator, denominator)
        self.numerator = numerator / g
        self.denominator = denominator / g
        self.freezeFrame = nil
        self.reversedFrom = nil
    }

    /// A reverse speed of `numerator/denominator` through media whose last frame is `lastFrame`.
    public init?(numerator: Int64, denominator: Int64, reversedFrom lastFrame: Int64) {
        guard lastFrame >= 0 else { return nil }
        self.init(numerator: numerator, denominator: denominator)
        reversedFrom = lastFrame
    }

    /// The same speed forwards (the unit arithmetic of `firstUnit`, `units` and `mediaSpan`).
    public var forward: ClipSpeed { var s = self; s.reversedFrom = nil; return s }
    public var isReversed: Bool { reversedFrom != nil }

    /// A freeze of media frame `frame`.
    public init(freezeFrame frame: Int64) {
        numerator = 0; denominator = 1; freezeFrame = frame; reversedFrom = nil
    }

    public var isFreeze: Bool { freezeFrame != nil }
    /// True for the normal speed 1/1 (which a clip stores as no speed at all).
    public var isNormal: Bool { freezeFrame == nil && reversedFrom == nil && numerator == denominator }
    /// Media frames per record frame as a number (OpenTimelineIO's `time_scalar`; 0 for a
    /// freeze, negative in reverse).
    public var scalar: Double { Double(numerator) / Double(denominator) * (isReversed ? -1 : 1) }
    /// The speed in percent (0 for a freeze, negative in reverse).
    public var percent: Double { Double(numerator) * 100 / Double(denominator) * (isReversed ? -1 : 1) }

    /// The media frame shown at clip unit `unit`: floor(unit × speed), the frozen frame, or in
    /// reverse the mirror of the forward frame about the media's last frame.
    public func mediaFrame(atUnit unit: Int64) -> Int64 {
        if let freezeFrame { return freezeFrame }
        let forwardFrame = Self.floorDivide(unit * numerator, denominator)
        if let reversedFrom { return reversedFrom - forwardFrame }
        return forwardFrame
    }

    /// The mix a blended slow clip shows at `unit`: the media frame after `mediaFrame(atUnit:)`
    /// in playing order (the one before it in reverse) and its weight, the fractional part of
    /// unit × speed, as a reduced fraction (1/2 at 50% on odd units; 1/3 and 2/3 at 33.3%).
    /// Nil where the unit lands exactly on a media frame, or with blending off, at 100% or
    /// faster, or frozen.
    public func blend(atUnit unit: Int64) -> (nextFrame: Int64, weightNumerator: Int64, weightDenominator: Int64)? {
        guard frameBlend, freezeFrame == nil, numerator < denominator else { return nil }
        let product = unit * numerator
        let remainder = product - Self.floorDivide(product, denominator) * denominator
        guard remainder != 0 else { return nil }
        let g = Self.gcd(remainder, denominator)
        let shown = mediaFrame(atUnit: unit)
        return (isReversed ? shown - 1 : shown + 1, remainder / g, denominator / g)
    }

    /// The first unit whose media frame is at or after `mediaFrame`: ceil(mediaFrame / speed).
    /// A clip starting on that unit shows `mediaFrame` first (floor(ceil(m/s)·s) = m when
    /// 1/s is whole, and the nearest frame at or after m otherwise).
    public func firstUnit(atOrAfterMediaFrame mediaFrame: Int64) -> Int64 {
        precondition(freezeFrame == nil, "a freeze has no units")
        return -Self.floorDivide(-mediaFrame * denominator, numerator)
    }

    /// The media frames `units` record frames run through: ceil(units × speed).
    public func mediaSpan(units: Int64) -> Int64 {
        precondition(freezeFrame == nil, "a freeze has no units")
        return -Self.floorDivide(-(units * numerator), denominator)
    }

    /// The units a media of `mediaFrames` frames holds at this speed: floor(mediaFrames / speed),
    /// so that every unit in `0..<units` maps to a frame inside the media.
    public func units(inMediaFrames mediaFrames: Int64) -> Int64 {
        precondition(freezeFrame == nil, "a freeze has no units")
        // Unit u is inside when floor(u·n/d) ≤ m − 1, i.e. u·n < m·d, i.e. u < m·d/n.
        return -Self.floorDivide(-(mediaFrames * denominator), numerator)
    }

    /// The nearest fraction with a denominator of at most `maxDenominator` to a positive `value`
    /// (best rational approximation by continued fractions): 2.0 → 2/1, 0.5 → 1/2,
    /// 1.5 → 3/2, 0.333… → 1/3. Nil outside 0.1% … 100 000% (zero, negative, non-finite, or so
    /// fast that unit × speed could overflow on long media).
    public static func approximating(_ value: Double, maxDenominator: Int64 = 1000) -> ClipSpeed? {
        guard value.isFinite, value >= 0.001, value <= 1000 else { return nil }
        // Convergents h/k of the continued fraction of value.
        var (h0, h1): (Int64, Int64) = (0, 1)
        var (k0, k1): (Int64, Int64) = (1, 0)
        var x = value
        var best: (Int64, Int64)? = nil
        for _ in 0..<64 {
            let a = Int64(x.rounded(.down))
            let h2 = a * h1 + h0, k2 = a * k1 + k0
            if k2 > maxDenominator {
                // The best semiconvergent below the limit, if closer than the last convergent.
                let m = (maxDenominator - k0) / k1
                let hs = m * h1 + h0, ks = m * k1 + k0
                if let (bh, bk) = best, ks > 0,
                   abs(Double(hs) / Double(ks) - value) < abs(Double(bh) / Double(bk) - value) {
                    best = (hs, ks)
                }
                break
            }
            (h0, h1) = (h1, h2); (k0, k1) = (k1, k2)
            best = (h2, k2)
            let frac = x - Double(a)
            if frac < 1e-12 || abs(Double(h2) / Double(k2) - value) < 1e-12 { break }
            x = 1 / frac
        }
        guard let (h, k) = best else { return nil }
        return ClipSpeed(numerator: h, denominator: k)
    }

    public var description: String {
        if let freezeFrame { return "freeze \(freezeFrame)" }
        let blended = frameBlend ? " blended" : ""
        if let reversedFrom { return "-\(numerator)/\(denominator) from \(reversedFrom)\(blended)" }
        return "\(numerator)/\(denominator)\(blended)"
    }

    static func gcd(_ a: Int64, _ b: Int64) -> Int64 {
        var (a, b) = (abs(a), abs(b))
        while b != 0 { (a, b) = (b, a % b) }
        return max(a, 1)
    }

    /// Division rounding towards minus infinity (Swift's `/` rounds towards zero).
    static func floorDivide(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }

    enum CodingKeys: String, CodingKey { case numerator, denominator, freezeFrame, reversedFrom, frameBlend }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        if let frame = try c.decodeIfPresent(Int64.self, forKey: .freezeFrame) {
            self.init(freezeFrame: frame)
        } else {
            let n = try c.decode(Int64.self, forKey: .numerator), d = try c.decode(Int64.self, forKey: .denominator)
            guard let speed = ClipSpeed(numerator: n, denominator: d) else {
                throw DecodingError.dataCorruptedError(forKey: .numerator, in: c, debugDescription: "speed \(n)/\(d) is not positive")
            }
            self = speed
            if let last = try c.decodeIfPresent(Int64.self, forKey: .reversedFrom) {
                guard last >= 0 else {
                    throw DecodingError.dataCorruptedError(forKey: .reversedFrom, in: c, debugDescription: "reverse from frame \(last) is negative")
                }
                reversedFrom = last
            }
            frameBlend = try c.decodeIfPresent(Bool.self, forKey: .frameBlend) ?? false
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        if let freezeFrame {
            try c.encode(freezeFrame, forKey: .freezeFrame)
        } else {
            try c.encode(numerator, forKey: .numerator)
            try c.encode(denominator, forKey: .denominator)
            try c.encodeIfPresent(reversedFrom, forKey: .reversedFrom)
            if frameBlend { try c.encode(true, forKey: .frameBlend) }
        }
    }
}
