import Foundation

/// What a text cell of a scope shows, for the TUI to map to a theme colour. Analysis never picks
/// colours: `trace` cells carry an intensity, overlay roles name what the mark is.
public enum ScopeRole: UInt8, Sendable, CaseIterable {
    case background
    /// Luma trace (waveform, vectorscope, luma histogram): colour by `intensity`.
    case trace
    /// The R′, G′ or B′ trace of the parade and RGB histogram.
    case red, green, blue
    /// Scale lines and axes.
    case graticule
    /// The legal-range lines: black (0 IRE) and white (100 IRE).
    case legalLimit
    /// A vectorscope colour target box.
    case target
    /// The vectorscope's skin-tone (I) line.
    case skinTone

    /// Which overlay wins when several fall in one cell: the most specific mark.
    var overlayPriority: Int {
        switch self {
        case .target: 4
        case .skinTone: 3
        case .legalLimit: 2
        case .graticule: 1
        default: 0
        }
    }
}

/// One terminal cell of a rendered scope.
public struct ScopeCell: Sendable, Equatable {
    public var character: Character
    public var role: ScopeRole
    /// For trace roles, how dense the brightest dot in the cell is, 1…255 on a log scale
    /// relative to the densest dot of the whole scope; 0 for empty and overlay cells.
    public var intensity: UInt8

    public init(character: Character, role: ScopeRole, intensity: UInt8) {
        self.character = character
        self.role = role
        self.intensity = intensity
    }

    public static let empty = ScopeCell(character: " ", role: .background, intensity: 0)
}

/// How dots become characters.
public enum ScopeTextMode: String, Sendable, CaseIterable {
    /// Unicode braille (U+2800…U+28FF): 2×4 dots per cell, the finest trace a terminal shows.
    case braille
    /// Upper/lower half blocks (▀ ▄ █): 1×2 dots per cell, for fonts without braille.
    case halfBlock

    /// Dots per cell across and down.
    public var dotsPerCell: (x: Int, y: Int) {
        switch self {
        case .braille: (2, 4)
        case .halfBlock: (1, 2)
        }
    }
}

/// A rendered scope: rows of cells, top row first.
public struct ScopeText: Sendable, Equatable {
    public let cells: [[ScopeCell]]
    /// The characters of each row, for tests, logs and plain-text output.
    public var lines: [String] { cells.map { String($0.map(\.character)) } }
}

/// A grid of dots between a scope's numbers and its text: each dot has a density (how many
/// samples fell on it), the trace it belongs to, and an optional overlay mark (graticule,
/// legal-range line, target box). Row 0 is the top. Both dots of a braille cell column and a
/// half block are square on a terminal whose cells are twice as tall as wide.
public struct ScopeRaster: Sendable {
    public let width: Int
    public let height: Int
    public private(set) var density: [UInt32]
    public private(set) var traceRole: [ScopeRole]
    public private(set) var overlay: [ScopeRole]

    public init(width: Int, height: Int) {
        self.width = max(width, 0)
        self.height = max(height, 0)
        let n = self.width * self.height
        density = Array(repeating: 0, count: n)
        traceRole = Array(repeating: .trace, count: n)
        overlay = Array(repeating: .background, count: n)
    }

    /// Adds `count` samples to the dot at (x, y); outside the raster does nothing.
    public mutating func add(x: Int, y: Int, count: UInt32, role: ScopeRole = .trace) {
        guard x >= 0, y >= 0, x < width, y < height, count > 0 else { return }
        let i = y * width + x
        density[i] &+= count
        traceRole[i] = role
    }

    /// Puts an overlay mark on the dot at (x, y) unless a more specific one is there.
    public mutating func mark(x: Int, y: Int, role: ScopeRole) {
        guard x >= 0, y >= 0, x < width, y < height else { return }
        let i = y * width + x
        if role.overlayPriority >= overlay[i].overlayPriority { overlay[i] = role }
    }

    /// Marks a straight line of dots; `dash` > 0 leaves gaps so a trace under it stays visible.
    public mutating func line(from a: (x: Double, y: Double), to b: (x: Double, y: Double), role: ScopeRole, dash: Int = 0) {
        let steps = max(Int(max(abs(b.x - a.x), abs(b.y - a.y)).rounded(.up)), 1)
        for s in 0...steps {
            if dash > 0, (s / dash) % 2 == 1 { continue }
            let t = Double(s) / Double(steps)
            mark(x: Int((a.x + (b.x - a.x) * t).rounded()), y: Int((a.y + (b.y - a.y) * t).rounded()), role: role)
        }
    }

    /// Renders the dots as text cells. A cell with any trace dot is a trace cell (its role is the
    /// densest dot's, its intensity that dot's density on a log scale); otherwise it takes the
    /// most specific overlay among its dots.
    public func text(_ mode: ScopeTextMode) -> ScopeText {
        let (dx, dy) = mode.dotsPerCell
        let columns = (width + dx - 1) / dx, rows = (height + dy - 1) / dy
        let peak = density.max() ?? 0
        let logPeak = log(1 + Double(peak))
        var out: [[ScopeCell]] = []
        out.reserveCapacity(rows)
        for cy in 0..<rows {
            var line: [ScopeCell] = []
            line.reserveCapacity(columns)
            for cx in 0..<columns {
                var bits = 0
                var best: UInt32 = 0
                var bestRole = ScopeRole.trace
                var mark = ScopeRole.background
                for j in 0..<dy {
                    for i in 0..<dx {
                        let x = cx * dx + i, y = cy * dy + j
                        guard x < width, y < height else { continue }
                        let k = y * width + x
                        let d = density[k]
                        if d > 0 || overlay[k] != .background {
                            bits |= Self.dotBit(mode: mode, x: i, y: j)
                        }
                        if d > best { best = d; bestRole = traceRole[k] }
                        if overlay[k].overlayPriority > mark.overlayPriority { mark = overlay[k] }
                    }
                }
                if bits == 0 {
                    line.append(.empty)
                    continue
                }
                let character = Self.character(mode: mode, bits: bits)
                if best > 0 {
                    let level = logPeak > 0 ? 1 + 254 * log(1 + Double(best)) / logPeak : 255
                    line.append(ScopeCell(character: character, role: bestRole, intensity: UInt8(min(level.rounded(), 255))))
                } else {
                    line.append(ScopeCell(character: character, role: mark, intensity: 0))
                }
            }
            out.append(line)
        }
        return ScopeText(cells: out)
    }

    /// The Unicode braille dot numbering (dots 1-2-3-7 down the left column, 4-5-6-8 down the
    /// right) as bits of U+2800 + n; half blocks use bit 0 for the top dot and bit 1 for the bottom.
    static func dotBit(mode: ScopeTextMode, x: Int, y: Int) -> Int {
        switch mode {
        case .braille:
            let left = [0x01, 0x02, 0x04, 0x40], right = [0x08, 0x10, 0x20, 0x80]
            return x == 0 ? left[y] : right[y]
        case .halfBlock:
            return y == 0 ? 1 : 2
        }
    }

    static func character(mode: ScopeTextMode, bits: Int) -> Character {
        switch mode {
        case .braille:
            return Character(Unicode.Scalar(UInt32(0x2800 + bits))!)
        case .halfBlock:
            switch bits {
            case 1: return "▀"
            case 2: return "▄"
            default: return "█"
            }
        }
    }
}
