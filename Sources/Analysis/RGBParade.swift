/// The RGB parade: a waveform of R′, G′ and B′ side by side, each on the luma scale (same black,
/// white and IRE as Y′, so the legal-range lines mean the same thing).
///
/// For Y′CbCr frames the R′G′B′ values are derived with the frame's matrix in integer
/// fixed-point (see `FixedPointMatrix`). Like the waveform it is computed at pane resolution:
/// each channel has `columnsPerChannel` columns that count every pixel of their picture columns
/// exactly, so binning only drops horizontal detail finer than the pane. `rowStep` skips rows
/// when asked to (default: every row).
///
/// Speed (`termcut bench scopes`, one core): every row of 1080p takes 6–8 ms, over the 5 ms
/// budget, because each pixel needs a matrix conversion and three scattered counter increments.
/// During playback pass `rowStep: 2` (about 4 ms): each of the ~80 pane columns per channel
/// still counts ~13,000 samples, and neighbouring rows of real pictures differ by far less than
/// one dot of a 128-dot-high trace. Paused, compute every row.
public struct RGBParade: Sendable {
    public let columnsPerChannel: Int
    public let levels: VideoLevels
    /// Column-major counts per channel, laid out like `LumaWaveform.counts`.
    public let red: [UInt32]
    public let green: [UInt32]
    public let blue: [UInt32]
    public let sampledRows: Int

    public static func compute(_ image: ScopeImage, columnsPerChannel requested: Int, rowStep: Int = 1) -> RGBParade {
        let columns = min(max(requested, 1), image.width)
        let codeCount = image.levels.codeCount
        var r = [UInt32](repeating: 0, count: columns * codeCount)
        var g = r, b = r
        let columnBase = (0..<image.width).map { ($0 * columns / image.width) * codeCount }
        var rows = 0
        r.withUnsafeMutableBufferPointer { rg in g.withUnsafeMutableBufferPointer { gg in b.withUnsafeMutableBufferPointer { bg in
            columnBase.withUnsafeBufferPointer { base in
                let rgp = rg.baseAddress!, ggp = gg.baseAddress!, bgp = bg.baseAddress!, bp = base.baseAddress!
                image.forEachRGBRow(rowStep: max(rowStep, 1)) { rr, gr, br in
                    let rp = rr.baseAddress!, gp = gr.baseAddress!, bpp = br.baseAddress!
                    @inline(__always) func count(_ x: Int) {
                        let o = bp[x]
                        rgp[o &+ Int(rp[x])] &+= 1
                        ggp[o &+ Int(gp[x])] &+= 1
                        bgp[o &+ Int(bpp[x])] &+= 1
                    }
                    // Neighbouring pixels mostly hit the same counter, and each increment would
                    // wait for the store of the one before; pixels a quarter row apart lie in
                    // other columns, so four interleaved walks make four independent chains.
                    let quarter = rr.count / 4
                    for x in 0..<quarter {
                        count(x); count(x &+ quarter); count(x &+ 2 &* quarter); count(x &+ 3 &* quarter)
                    }
                    for x in (4 * quarter)..<rr.count { count(x) }
                    rows += 1
                }
            }
        }}}
        return RGBParade(columnsPerChannel: columns, levels: image.levels, red: r, green: g, blue: b, sampledRows: rows)
    }

    /// Pixels in `column` of one channel's grid with code `code`.
    public func count(_ channel: KeyPath<RGBParade, [UInt32]>, column: Int, code: Int) -> UInt32 {
        self[keyPath: channel][column * levels.codeCount + code]
    }

    /// Dots for the three channels left to right, `gap` dot columns apart.
    public func raster(height: Int, gap: Int = 2, graticule: Bool = true) -> ScopeRaster {
        let width = 3 * columnsPerChannel + 2 * gap
        var raster = ScopeRaster(width: width, height: height)
        guard height > 0 else { return raster }
        let codeCount = levels.codeCount
        for (index, (grid, role)) in [(red, ScopeRole.red), (green, .green), (blue, .blue)].enumerated() {
            let x0 = index * (columnsPerChannel + gap)
            for c in 0..<columnsPerChannel {
                let base = c * codeCount
                for code in 0..<codeCount where grid[base + code] > 0 {
                    raster.add(x: x0 + c, y: LumaWaveform.dotRow(ofCode: Double(code), levels: levels, height: height),
                               count: grid[base + code], role: role)
                }
            }
            if graticule { drawScale(on: &raster, xRange: x0 ..< x0 + columnsPerChannel, levels: levels) }
        }
        return raster
    }

    /// Columns per channel that fill a pane of `cells` text columns in `mode` with `gap` dots between.
    public static func columnsPerChannel(cells: Int, mode: ScopeTextMode, gap: Int = 2) -> Int {
        max((cells * mode.dotsPerCell.x - 2 * gap) / 3, 1)
    }
}
