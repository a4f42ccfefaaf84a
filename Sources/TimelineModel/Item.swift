/// One thing on a track: a clip or a stretch of empty record time.
public enum Item: Hashable, Codable, Sendable {
    case clip(Clip)
    case gap(Int64)

    public var duration: Int64 {
        switch self {
        case .clip(let c): return c.duration
        case .gap(let d): return d
        }
    }

    public var clip: Clip? {
        if case .clip(let c) = self { return c }
        return nil
    }

    public var isGap: Bool {
        if case .gap = self { return true }
        return false
    }

    enum CodingKeys: String, CodingKey { case clip, gap }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        if let clip = try c.decodeIfPresent(Clip.self, forKey: .clip) {
            self = .clip(clip)
        } else {
            self = .gap(try c.decode(Int64.self, forKey: .gap))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .clip(let clip): try c.encode(clip, forKey: .clip)
        case .gap(let d): try c.encode(d, forKey: .gap)
        }
    }
}
