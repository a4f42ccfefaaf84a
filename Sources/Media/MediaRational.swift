import CFFmpeg

/// An exact ratio such as a frame rate (30000/1001) or a stream time base (1/90000),
/// as libav reports it. Media keeps libav's rationals exact; turning them into the
/// timeline's rate is the job of one conversion function in the layer above.
///
/// Encoded as the text `"num/den"`, the way ffprobe prints rationals.
public struct MediaRational: Hashable, Sendable, CustomStringConvertible {
    public var numerator: Int
    public var denominator: Int

    public init(_ numerator: Int, _ denominator: Int) {
        self.numerator = numerator
        self.denominator = denominator
    }

    init(_ q: AVRational) {
        self.init(Int(q.num), Int(q.den))
    }

    var avRational: AVRational { AVRational(num: Int32(numerator), den: Int32(denominator)) }

    /// `nil` for libav's "unknown" rationals (0/0, n/0, 0/n).
    public var isValid: Bool { numerator != 0 && denominator != 0 }

    /// The value as a double, or `nil` when the rational is unknown.
    public var doubleValue: Double? {
        isValid ? Double(numerator) / Double(denominator) : nil
    }

    public var inverted: MediaRational { MediaRational(denominator, numerator) }

    public var description: String { "\(numerator)/\(denominator)" }
}

extension MediaRational: Codable {
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        let parts = text.split(separator: "/")
        guard parts.count == 2, let n = Int(parts[0]), let d = Int(parts[1]) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: "expected \"num/den\", got \"\(text)\""))
        }
        self.init(n, d)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
