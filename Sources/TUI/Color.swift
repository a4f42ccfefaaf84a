/// A colour as a theme names it. Which of these the terminal can show is decided
/// once, by `ColorDepth`, when the backend draws; themes never need to know.
public enum Color: Equatable, Hashable, Sendable {
    /// The terminal's own foreground or background.
    case `default`
    /// One of the 256 indexed colours (0–15 are the ANSI colours).
    case indexed(UInt8)
    case rgb(UInt8, UInt8, UInt8)

    /// The sixteen ANSI names, in index order. `bright-*` and `light-*` are the same colours.
    public static let ansiNames: [String] = [
        "black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
        "bright-black", "bright-red", "bright-green", "bright-yellow",
        "bright-blue", "bright-magenta", "bright-cyan", "bright-white",
    ]

    /// Parses `#rrggbb`, `#rgb`, an ANSI name (`red`, `bright-blue`, `gray`), `default`/`reset`,
    /// or a decimal index `0`–`255`. Returns nil for anything else.
    public init?(parsing text: String) {
        let lowered = text.lowercased().replacingOccurrences(of: "_", with: "-")
        if lowered == "default" || lowered == "reset" || lowered == "none" {
            self = .default
            return
        }
        if lowered.hasPrefix("#") {
            let hex = Array(lowered.dropFirst())
            func byte(_ s: String) -> UInt8? { UInt8(s, radix: 16) }
            if hex.count == 6,
               let r = byte(String(hex[0...1])), let g = byte(String(hex[2...3])), let b = byte(String(hex[4...5])) {
                self = .rgb(r, g, b)
                return
            }
            if hex.count == 3,
               let r = byte(String([hex[0], hex[0]])), let g = byte(String([hex[1], hex[1]])),
               let b = byte(String([hex[2], hex[2]])) {
                self = .rgb(r, g, b)
                return
            }
            return nil
        }
        let aliases = ["gray": "bright-black", "grey": "bright-black", "dark-gray": "bright-black",
                       "light-gray": "white", "light-grey": "white"]
        let name = aliases[lowered] ?? lowered.replacingOccurrences(of: "light-", with: "bright-")
        if let index = Color.ansiNames.firstIndex(of: name) {
            self = .indexed(UInt8(index))
            return
        }
        if let index = UInt8(lowered) {
            self = .indexed(index)
            return
        }
        return nil
    }

    /// The RGB value this colour has on a typical xterm (used for nearest-colour mapping).
    public var rgbValue: (r: Int, g: Int, b: Int)? {
        switch self {
        case .default: return nil
        case .rgb(let r, let g, let b): return (Int(r), Int(g), Int(b))
        case .indexed(let i): return Palette256.rgb(of: Int(i))
        }
    }
}

/// The xterm 256-colour palette: 16 ANSI colours, a 6×6×6 cube and 24 greys.
enum Palette256 {
    /// xterm's default values for the 16 ANSI colours.
    static let ansi: [(Int, Int, Int)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]
    static let cubeLevels = [0, 95, 135, 175, 215, 255]

    static func rgb(of index: Int) -> (r: Int, g: Int, b: Int) {
        if index < 16 { let c = ansi[index]; return (c.0, c.1, c.2) }
        if index < 232 {
            let i = index - 16
            return (cubeLevels[i / 36], cubeLevels[(i / 6) % 6], cubeLevels[i % 6])
        }
        let level = 8 + (index - 232) * 10
        return (level, level, level)
    }

    /// Squared distance with the usual "redmean" weights, which ranks greys and
    /// saturated colours closer to how eyes do than plain RGB distance.
    static func distance(_ a: (r: Int, g: Int, b: Int), _ b: (r: Int, g: Int, b: Int)) -> Int {
        let rmean = (a.r + b.r) / 2
        let dr = a.r - b.r, dg = a.g - b.g, db = a.b - b.b
        return (((512 + rmean) * dr * dr) >> 8) + 4 * dg * dg + (((767 - rmean) * db * db) >> 8)
    }

    /// The index in `0 ..< count` (16 or 256) nearest to the colour.
    static func nearest(to color: (r: Int, g: Int, b: Int), among count: Int) -> Int {
        var best = 0, bestDistance = Int.max
        for index in 0 ..< count {
            let d = distance(color, rgb(of: index))
            if d < bestDistance { best = index; bestDistance = d }
        }
        return best
    }
}
