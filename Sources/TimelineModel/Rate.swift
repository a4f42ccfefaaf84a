import Foundation

/// A frame (or sample) rate as an exact rational, e.g. 30000/1001 for NTSC 29.97.
///
/// Rates are compared by value (30/1 == 60/2), so two media with the same real rate match.
public struct Rate: Hashable, Codable, Sendable, CustomStringConvertible {
    public let numerator: Int64
    public let denominator: Int64

    public init(_ numerator: Int64, _ denominator: Int64 = 1) {
        precondition(numerator > 0 && denominator > 0, "a rate is positive")
        let g = Rate.gcd(numerator, denominator)
        self.numerator = numerator / g
        self.denominator = denominator / g
    }

    public static let fps23_976 = Rate(24000, 1001)
    public static let fps24 = Rate(24)
    public static let fps25 = Rate(25)
    public static let fps29_97 = Rate(30000, 1001)
    public static let fps30 = Rate(30)
    public static let fps50 = Rate(50)
    public static let fps59_94 = Rate(60000, 1001)
    public static let fps60 = Rate(60)
    public static let audio48k = Rate(48000)

    /// Frames per second as a number, for display only; never for edit arithmetic.
    public var framesPerSecond: Double { Double(numerator) / Double(denominator) }

    /// The whole-number frame count a timecode second holds: 30 for 29.97, 24 for 23.976 (SMPTE 12M).
    /// At least 1 (a rate below half a frame a second still counts one), and without overflow.
    public var timecodeBase: Int64 {
        let whole = numerator / denominator, rest = numerator % denominator
        return max(1, rest >= denominator - rest ? whole + 1 : whole)
    }

    /// Drop-frame timecode exists only for the NTSC rates 29.97 and 59.94 (SMPTE 12M).
    public var supportsDropFrame: Bool { denominator == 1001 && (numerator == 30000 || numerator == 60000) }

    public var description: String {
        denominator == 1 ? "\(numerator)" : "\(numerator)/\(denominator)"
    }

    /// Parses "30", "29.97", "30000/1001", "23.976" (the NTSC rates map to their exact rationals).
    public init?(parsing text: String) {
        let t = text.trimmingCharacters(in: .whitespaces)
        if let slash = t.firstIndex(of: "/") {
            guard let n = Int64(t[..<slash]), let d = Int64(t[t.index(after: slash)...]), n > 0, d > 0 else { return nil }
            self.init(n, d)
            return
        }
        switch t {
        case "23.976", "23.98": self = .fps23_976
        case "29.97": self = .fps29_97
        case "59.94": self = .fps59_94
        case "47.952": self = Rate(48000, 1001)
        case "119.88": self = Rate(120000, 1001)
        default:
            if let n = Int64(t), n > 0 { self.init(n); return }
            guard let v = Double(t), v > 0, v < 1_000_000 else { return nil }
            // Any other decimal rate: keep three decimals exactly.
            self.init(Int64((v * 1000).rounded()), 1000)
        }
    }

    enum CodingKeys: String, CodingKey { case numerator, denominator }

    /// Refuses a zero, negative or absurd rate in a file rather than dividing by it later.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let n = try c.decode(Int64.self, forKey: .numerator)
        let d = try c.decode(Int64.self, forKey: .denominator)
        guard n > 0, d > 0, n <= 1_000_000_000, d <= 1_000_000_000 else {
            throw DecodingError.dataCorruptedError(forKey: .numerator, in: c, debugDescription: "\(n)/\(d) is not a usable rate")
        }
        self.init(n, d)
    }

    static func gcd(_ a: Int64, _ b: Int64) -> Int64 {
        var (a, b) = (abs(a), abs(b))
        while b != 0 { (a, b) = (b, a % b) }
        return max(a, 1)
    }
}
