/// How a title (or the subtitle track) is drawn: the words' font, size, colours, outline,
/// background box, place on the picture and fades.
///
/// Sizes are in pixels of a 1080-line picture and scale with the picture's height, so the
/// preview at 540 lines and the 1080p render agree (as Premiere's Essential Graphics sizes do).
/// Colours are 0xRRGGBBAA.
public struct TitleStyle: Hashable, Codable, Sendable {
    /// Where the text block sits. Presets keep inside the title-safe area (the centre 90%,
    /// SMPTE ST 2046-1's title-safe for 16:9); coordinates place the block's centre at
    /// fractions of the frame (0…1 from the top left).
    public enum Position: Hashable, Codable, Sendable, CustomStringConvertible {
        case lowerThird, centre, top
        case point(x: Double, y: Double)

        public static let presetNames = ["lower-third", "centre", "top"]

        /// `lower-third`, `centre` (or `center`), `top`, or `X,Y` in fractions of the frame.
        public init?(parsing text: String) {
            switch text.lowercased() {
            case "lower-third", "lowerthird", "lower": self = .lowerThird
            case "centre", "center", "middle": self = .centre
            case "top": self = .top
            default:
                let parts = text.split(separator: ",")
                guard parts.count == 2, let x = Double(parts[0]), let y = Double(parts[1]),
                      (0...1).contains(x), (0...1).contains(y) else { return nil }
                self = .point(x: x, y: y)
            }
        }

        public var description: String {
            switch self {
            case .lowerThird: return "lower-third"
            case .centre: return "centre"
            case .top: return "top"
            case .point(let x, let y): return "\(x),\(y)"
            }
        }

        public init(from decoder: Decoder) throws {
            let text = try decoder.singleValueContainer().decode(String.self)
            guard let p = Position(parsing: text) else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "title position '\(text)' is not lower-third, centre, top or X,Y"))
            }
            self = p
        }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.singleValueContainer()
            try c.encode(description)
        }
    }

    public var font: String
    public var size: Double
    public var colour: UInt32
    /// Outline width in pixels (of a 1080-line picture); 0 for none.
    public var outline: Double
    public var outlineColour: UInt32
    /// The box behind the text; nil for none.
    public var box: UInt32?
    public var position: Position
    /// Fade in from and out to transparent, in record frames.
    public var fadeIn: Int64
    public var fadeOut: Int64

    public init(font: String = "DejaVu Sans", size: Double = 64, colour: UInt32 = 0xFFFF_FFFF, outline: Double = 0,
                outlineColour: UInt32 = 0x0000_00FF, box: UInt32? = nil, position: Position = .lowerThird,
                fadeIn: Int64 = 0, fadeOut: Int64 = 0) {
        self.font = font; self.size = size; self.colour = colour; self.outline = outline
        self.outlineColour = outlineColour; self.box = box; self.position = position
        self.fadeIn = fadeIn; self.fadeOut = fadeOut
    }

    /// The subtitle default: white with a black outline at the bottom (as players draw SRT).
    public static let subtitle = TitleStyle(size: 48, outline: 3, position: .point(x: 0.5, y: 0.88))

    /// Opacity 0…1 at record frame `offset` of a clip `duration` frames long (the fades).
    public func opacity(at offset: Int64, duration: Int64) -> Double {
        Self.fadeOpacity(at: offset, duration: duration, fadeIn: fadeIn, fadeOut: fadeOut)
    }

    /// Opacity 0…1 at record frame `offset` of a clip `duration` frames long with fades of
    /// `fadeIn` and `fadeOut` frames (titles and image clips fade alike).
    public static func fadeOpacity(at offset: Int64, duration: Int64, fadeIn: Int64, fadeOut: Int64) -> Double {
        var a = 1.0
        if fadeIn > 0, offset < fadeIn { a = min(a, (Double(offset) + 0.5) / Double(fadeIn)) }
        let fromEnd = duration - offset
        if fadeOut > 0, fromEnd <= fadeOut { a = min(a, (Double(fromEnd) - 0.5) / Double(fadeOut)) }
        return max(0, min(1, a))
    }

    /// `#RRGGBB`, `#RRGGBBAA`, or a few names → 0xRRGGBBAA.
    public static func colour(parsing text: String) -> UInt32? {
        let names: [String: UInt32] = ["white": 0xFFFF_FFFF, "black": 0x0000_00FF, "red": 0xFF00_00FF, "green": 0x00FF_00FF,
                                       "blue": 0x0000_FFFF, "yellow": 0xFFFF_00FF, "grey": 0x8080_80FF, "gray": 0x8080_80FF]
        let lower = text.lowercased()
        if let named = names[lower] { return named }
        var hex = Substring(lower)
        if hex.hasPrefix("#") { hex = hex.dropFirst() } else if hex.hasPrefix("0x") { hex = hex.dropFirst(2) }
        guard hex.count == 6 || hex.count == 8, let value = UInt32(hex, radix: 16) else { return nil }
        return hex.count == 6 ? value << 8 | 0xFF : value
    }

    public static func colourText(_ value: UInt32) -> String {
        let hex = String(value, radix: 16, uppercase: true)
        return "#" + String(repeating: "0", count: 8 - hex.count) + hex
    }

    /// "font=DejaVu Sans size=64 colour=#FFFFFFFF …", as `dump` and the status line show it.
    public var summary: String {
        var parts = ["font=\(font)", "size=\(Self.number(size))", "colour=\(Self.colourText(colour))", "at=\(position)"]
        if outline > 0 { parts.append("outline=\(Self.number(outline)) \(Self.colourText(outlineColour))") }
        if let box { parts.append("box=\(Self.colourText(box))") }
        if fadeIn > 0 { parts.append("fade-in=\(fadeIn)") }
        if fadeOut > 0 { parts.append("fade-out=\(fadeOut)") }
        return parts.joined(separator: " ")
    }

    static func number(_ v: Double) -> String { v == v.rounded() ? String(Int64(v)) : String(v) }
}
