/// The numbers behind the scopes, for reports and tests: levels per column, how much of the
/// picture lies outside the legal range, which colour targets hold chroma.

/// The lowest, highest and mean code value in one column of a waveform or parade.
public struct ColumnLevels: Sendable, Equatable {
    public var min: Int
    public var max: Int
    public var mean: Double
    /// The commonest code value (the brightest trace on the scope); the lowest on a tie.
    public var mode: Int
    public var count: Int
}

/// Samples below reference black, inside the legal range, and above reference white (all
/// zero outside the legal range in full-range pictures, whose codes cannot leave it).
public struct LegalRangeCounts: Sendable, Equatable {
    public var below: Int
    public var legal: Int
    public var above: Int

    public var total: Int { below + legal + above }
}

/// Min, max and mean of code-value counts (one count per code value from 0).
func columnLevels(_ counts: ArraySlice<UInt32>) -> ColumnLevels? {
    var n = 0, sum = 0.0, low = -1, high = -1, mode = 0, modeCount: UInt32 = 0
    for (code, c) in zip(0..., counts) where c > 0 {
        if low < 0 { low = code }
        if c > modeCount { mode = code; modeCount = c }
        high = code
        n += Int(c)
        sum += Double(code) * Double(c)
    }
    guard n > 0 else { return nil }
    return ColumnLevels(min: low, max: high, mean: sum / Double(n), mode: mode, count: n)
}

func legalRange(_ counts: [UInt32], levels: VideoLevels) -> LegalRangeCounts {
    let black = Int(levels.black.rounded()), white = Int(levels.white.rounded())
    var out = LegalRangeCounts(below: 0, legal: 0, above: 0)
    for (i, c) in counts.enumerated() where c > 0 {
        let code = i % levels.codeCount
        if code < black { out.below += Int(c) } else if code > white { out.above += Int(c) } else { out.legal += Int(c) }
    }
    return out
}

extension LumaWaveform {
    /// Y′ levels of one column; nil for a column no pixel fell into.
    public func levels(ofColumn column: Int) -> ColumnLevels? {
        columnLevels(counts[column * levels.codeCount ..< (column + 1) * levels.codeCount])
    }

    /// Every counted pixel by where its Y′ lies against the legal range (16…235 at 8 bits).
    public var legalRangeCounts: LegalRangeCounts { legalRange(counts, levels: levels) }
}

extension RGBParade {
    /// R′, G′ or B′ levels of one column of one channel's grid.
    public func levels(_ channel: KeyPath<RGBParade, [UInt32]>, column: Int) -> ColumnLevels? {
        columnLevels(self[keyPath: channel][column * levels.codeCount ..< (column + 1) * levels.codeCount])
    }

    public func legalRangeCounts(_ channel: KeyPath<RGBParade, [UInt32]>) -> LegalRangeCounts {
        legalRange(self[keyPath: channel], levels: levels)
    }
}

extension LumaHistogram {
    public var legalRangeCounts: LegalRangeCounts { legalRange(counts, levels: levels) }
}

extension Vectorscope {
    /// How many sampled chroma values fall in each target box of `saturation` (0.75 or 1), in the
    /// graticule's order, with the small boxes (±3°, ±5%) by default.
    public func targetCounts(saturation: Double, phase: Double = 3, amplitude: Double = 0.05)
        -> [(target: VectorscopeTarget, count: Int)] {
        VectorscopeTarget.all(saturation: saturation, matrix: matrix).map {
            ($0, count(inside: $0, phase: phase, amplitude: amplitude))
        }
    }
}
