/// The RGB parade: a waveform of R′, G′ and B′ side by side, each on the luma scale (same black,
/// white and IRE as Y′, so the legal-range lines mean the same thing).
///
/// For Y′CbCr frames the R′G′B′ values are derived with the frame's matrix in integer
/// fixed-point (see `FixedPointMatrix`). Like the waveform it is computed at pane resolution:
/// each channel has `columnsPerChannel` columns that count every pixel of their picture columns
/// exactly, so binning only drops horizontal detail finer than the pane. `rowStep` skips rows
/// when asked to (default: every row).
///
/// Speed (`termcut bench scopes`, one core): each pixel needs a matrix conversion and three
/// scattered counter increments. In flat areas (bars, skies, titles) consecutive pixels hit the
/// same counter, and each increment then waits for the store of the one before (a
/// store-to-load chain of ~5 cycles): that made every row of 1080p take 6–8 ms. Even and odd
/// pixels now count into two grids, summed at the end, so a flat run forms two chains of half
/// the length that run side by side. `rowStep: 2` halves the work again for playback.
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
        let cells = columns * codeCount
        // Six grids in one allocation: R, G, B for even pixels, then for odd pixels.
        let grids = UnsafeMutableBufferPointer<UInt32>.allocate(capacity: 6 * cells)
        defer { grids.deallocate() }
        grids.initialize(repeating: 0)
        let columnBase = (0..<image.width).map { ($0 * columns / image.width) * codeCount }
        var rows = 0
        columnBase.withUnsafeBufferPointer { base in
            let r0 = grids.baseAddress!, g0 = r0 + cells, b0 = r0 + 2 * cells
            let r1 = r0 + 3 * cells, g1 = r0 + 4 * cells, b1 = r0 + 5 * cells
            let bp = base.baseAddress!
            image.forEachRGBRow(rowStep: max(rowStep, 1)) { rr, gr, br in
                let rp = rr.baseAddress!, gp = gr.baseAddress!, bpp = br.baseAddress!
                let n = rr.count
                var x = 0
                while x &+ 2 <= n {
                    let o0 = bp[x], o1 = bp[x &+ 1]
                    r0[o0 &+ Int(rp[x])] &+= 1
                    g0[o0 &+ Int(gp[x])] &+= 1
                    b0[o0 &+ Int(bpp[x])] &+= 1
                    r1[o1 &+ Int(rp[x &+ 1])] &+= 1
                    g1[o1 &+ Int(gp[x &+ 1])] &+= 1
                    b1[o1 &+ Int(bpp[x &+ 1])] &+= 1
                    x &+= 2
                }
                if x < n {
                    let o = bp[x]
                    r0[o &+ Int(rp[x])] &+= 1
                    g0[o &+ Int(gp[x])] &+= 1
                    b0[o &+ Int(bpp[x])] &+= 1
                }
                rows += 1
            }
        }
        let first = grids.baseAddress!, second = first + 3 * cells
        func summed(_ channel: Int) -> [UInt32] {
            [UInt32](unsafeUninitializedCapacity: cells) { out, count in
                let a = first + channel * cells, b = second + channel * cells
                for i in 0..<cells { out[i] = a[i] &+ b[i] }
                count = cells
            }
        }
        return RGBParade(columnsPerChannel: columns, levels: image.levels, red: summed(0), green: summed(1), blue: summed(2),
                         sampledRows: rows)
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
