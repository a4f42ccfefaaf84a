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
        var pixels = 0
        let maxCode = UInt16(image.levels.maxCode)
        let partial = PartialHistograms(codeCount: image.levels.codeCount, channels: 1)
        defer { partial.deallocate() }
        image.forEachLumaRow(rowStep: max(rowStep, 1)) { row in
            countInto(partial.channel(0), row, maxCode: maxCode, clamped: false)
            pixels += row.count
        }
        return LumaHistogram(levels: image.levels, counts: partial.summed(0), sampledPixels: pixels)
    }

    /// Bars for `width` dot columns (bins grouped evenly), heights linear in the fullest column.
    public func raster(width: Int, height: Int) -> ScopeRaster {
        var raster = ScopeRaster(width: width, height: height)
        drawBars(counts, role: .trace, into: &raster, y0: 0, height: height)
        return raster
    }
}

/// R′, G′ and B′ histograms on the luma code scale (see `RGBParade` for the conversion).
/// `countInto` counts into four interleaved partial histograms: in flat areas consecutive
/// pixels hit the same counter, and one histogram makes each increment wait for the store of
/// the one before. Measured under heavy load (load average 8 on 2 cores), `bench scopes`
/// median at 8 bits went from 27–38 ms to 13.5–14 ms, at 10 bits from 31–39 to 26–29 ms.
public struct RGBHistogram: Sendable {
    public let levels: VideoLevels
    public let red: [UInt32]
    public let green: [UInt32]
    public let blue: [UInt32]
    public let sampledPixels: Int

    public static func compute(_ image: ScopeImage, rowStep: Int = 1) -> RGBHistogram {
        let codeCount = image.levels.codeCount
        var pixels = 0
        let maxCode = UInt16(image.levels.maxCode)
        let partial = PartialHistograms(codeCount: codeCount, channels: 3)
        defer { partial.deallocate() }
        // Rows converted from Y′CbCr are clamped to the code range already; R′G′B′ planes are not.
        let clamped = if case .yCbCr = image.planes { true } else { false }
        image.forEachRGBRow(rowStep: max(rowStep, 1)) { rr, gr, br in
            countInto(partial.channel(0), rr, maxCode: maxCode, clamped: clamped)
            countInto(partial.channel(1), gr, maxCode: maxCode, clamped: clamped)
            countInto(partial.channel(2), br, maxCode: maxCode, clamped: clamped)
            pixels += rr.count
        }
        return RGBHistogram(levels: image.levels, red: partial.summed(0), green: partial.summed(1), blue: partial.summed(2),
                            sampledPixels: pixels)
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

/// Four partial histograms per channel, side by side (`4 × codeCount` counters), that
/// `countInto` fills in turn and `summed` adds up.
struct PartialHistograms {
    let codeCount: Int
    let storage: UnsafeMutableBufferPointer<UInt32>

    init(codeCount: Int, channels: Int) {
        self.codeCount = codeCount
        storage = .allocate(capacity: 4 * codeCount * channels)
        storage.initialize(repeating: 0)
    }

    func channel(_ c: Int) -> UnsafeMutablePointer<UInt32> { storage.baseAddress! + 4 * codeCount * c }

    func summed(_ c: Int) -> [UInt32] {
        let p = channel(c), n = codeCount
        return [UInt32](unsafeUninitializedCapacity: n) { out, count in
            for i in 0..<n { out[i] = p[i] &+ p[n &+ i] &+ p[2 &* n &+ i] &+ p[3 &* n &+ i] }
            count = n
        }
    }

    func deallocate() { storage.deallocate() }
}

/// Adds one row of samples to four partial histograms at `counts` (each `maxCode + 1` long):
/// pixel x into partial x mod 4. In flat areas consecutive pixels have the same code, and one
/// histogram would make every increment wait for the store of the one before (a store-to-load
/// chain); four break it into four shorter chains that run side by side. A row known `clamped`
/// to the code range skips the clamp and reads four samples in one 64-bit load (lowest sample
/// in the low bits: little-endian, as every target Swift builds termcut for); measured with
/// `termcut bench scopes` on its bars-and-ramp frame.
@inline(__always)
func countInto(_ counts: UnsafeMutablePointer<UInt32>, _ row: UnsafeBufferPointer<UInt16>, maxCode: UInt16, clamped: Bool) {
    let rp = row.baseAddress!
    let n = row.count
    let stride = Int(maxCode) &+ 1
    let c0 = counts, c1 = counts + stride, c2 = counts + 2 &* stride, c3 = counts + 3 &* stride
    var x = 0
    if clamped {
        while x &+ 4 <= n {
            let four = UInt64(littleEndian: UnsafeRawPointer(rp + x).loadUnaligned(as: UInt64.self))
            c0[Int(truncatingIfNeeded: four & 0xFFFF)] &+= 1
            c1[Int(truncatingIfNeeded: (four &>> 16) & 0xFFFF)] &+= 1
            c2[Int(truncatingIfNeeded: (four &>> 32) & 0xFFFF)] &+= 1
            c3[Int(truncatingIfNeeded: four &>> 48)] &+= 1
            x &+= 4
        }
    }
    while x &+ 4 <= n {
        c0[Int(min(rp[x], maxCode))] &+= 1
        c1[Int(min(rp[x &+ 1], maxCode))] &+= 1
        c2[Int(min(rp[x &+ 2], maxCode))] &+= 1
        c3[Int(min(rp[x &+ 3], maxCode))] &+= 1
        x &+= 4
    }
    while x < n {
        c0[Int(min(rp[x], maxCode))] &+= 1
        x &+= 1
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
