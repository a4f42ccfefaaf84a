/// Luma and RGB histograms: how many pixels have each code value (one bin per code value, so
/// 256 bins at 8 bits and 1024 at 10 bits; group them for display with `raster`).
///
/// Computed from every pixel by default (`rowStep` 1), so the counts add up to the pixel count;
/// `rowStep` > 1 counts every n-th row only, which keeps the shape (neighbouring rows are
/// strongly correlated) and scales the counts by about 1/n — `sampledPixels` says how many.
public struct LumaHistogram: Sendable {
    public let levels: VideoLevels
    /// `counts[code]`: pixels whose Y′ is `code`.
    public let counts: [UInt32]
    public let sampledPixels: Int

    public static func compute(_ image: ScopeImage, rowStep: Int = 1) -> LumaHistogram {
        var counts = [UInt32](repeating: 0, count: image.levels.codeCount)
        var pixels = 0
        let maxCode = UInt16(image.levels.maxCode)
        counts.withUnsafeMutableBufferPointer { c in
            let cp = c.baseAddress!
            image.forEachLumaRow(rowStep: max(rowStep, 1)) { row in
                countInto(cp, row, maxCode: maxCode)
                pixels += row.count
            }
        }
        return LumaHistogram(levels: image.levels, counts: counts, sampledPixels: pixels)
    }

    /// Bars for `width` dot columns (bins grouped evenly), heights linear in the fullest column.
    public func raster(width: Int, height: Int) -> ScopeRaster {
        var raster = ScopeRaster(width: width, height: height)
        drawBars(counts, role: .trace, into: &raster, y0: 0, height: height)
        return raster
    }
}

/// R′, G′ and B′ histograms on the luma code scale (see `RGBParade` for the conversion and for
/// speed: every row of 1080p is 6–8 ms on one core, `rowStep: 2` about 4 ms).
public struct RGBHistogram: Sendable {
    public let levels: VideoLevels
    public let red: [UInt32]
    public let green: [UInt32]
    public let blue: [UInt32]
    public let sampledPixels: Int

    public static func compute(_ image: ScopeImage, rowStep: Int = 1) -> RGBHistogram {
        var r = [UInt32](repeating: 0, count: image.levels.codeCount)
        var g = r, b = r
        var pixels = 0
        let maxCode = UInt16(image.levels.maxCode)
        r.withUnsafeMutableBufferPointer { rc in g.withUnsafeMutableBufferPointer { gc in b.withUnsafeMutableBufferPointer { bc in
            image.forEachRGBRow(rowStep: max(rowStep, 1)) { rr, gr, br in
                countInto(rc.baseAddress!, rr, maxCode: maxCode)
                countInto(gc.baseAddress!, gr, maxCode: maxCode)
                countInto(bc.baseAddress!, br, maxCode: maxCode)
                pixels += rr.count
            }
        }}}
        return RGBHistogram(levels: image.levels, red: r, green: g, blue: b, sampledPixels: pixels)
    }

    /// Three histograms stacked top to bottom (red, green, blue), each a third of the height.
    public func raster(width: Int, height: Int) -> ScopeRaster {
        var raster = ScopeRaster(width: width, height: height)
        let band = height / 3
        drawBars(red, role: .red, into: &raster, y0: 0, height: band)
        drawBars(green, role: .green, into: &raster, y0: band, height: band)
        drawBars(blue, role: .blue, into: &raster, y0: 2 * band, height: height - 2 * band)
        return raster
    }
}

/// Adds one row of samples to a histogram. Two interleaved partial histograms would break the
/// store-to-load chain on runs of equal values, but flat areas are not common enough in real
/// pictures to be worth it; measured in `termcut bench scopes`.
@inline(__always)
func countInto(_ counts: UnsafeMutablePointer<UInt32>, _ row: UnsafeBufferPointer<UInt16>, maxCode: UInt16) {
    let rp = row.baseAddress!
    for x in 0..<row.count {
        counts[Int(min(rp[x], maxCode))] &+= 1
    }
}

/// Groups `bins` into the raster's columns and draws each as a bar from the band's bottom.
func drawBars(_ bins: [UInt32], role: ScopeRole, into raster: inout ScopeRaster, y0: Int, height: Int) {
    let width = raster.width
    guard width > 0, height > 0, !bins.isEmpty else { return }
    var columns = [UInt64](repeating: 0, count: width)
    for (i, n) in bins.enumerated() { columns[i * width / bins.count] += UInt64(n) }
    let peak = columns.max() ?? 0
    guard peak > 0 else { return }
    for (x, n) in columns.enumerated() where n > 0 {
        let bar = max(1, Int((Double(n) / Double(peak) * Double(height)).rounded()))
        for j in 0..<bar { raster.add(x: x, y: y0 + height - 1 - j, count: 1, role: role) }
    }
}
