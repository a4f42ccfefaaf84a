/// The RGB parade: a waveform of R′, G′ and B′ side by side, each on the luma scale (same black,
/// white and IRE as Y′, so the legal-range lines mean the same thing).
///
/// For Y′CbCr frames the R′G′B′ values are derived with the frame's matrix in integer
/// fixed-point (see `FixedPointMatrix`). Like the waveform it is computed at pane resolution:
/// each channel has `columnsPerChannel` columns that count every pixel of their picture columns
/// exactly, so binning only drops horizontal detail finer than the pane. `rowStep` skips rows
/// when asked to (default: every row).
///
/// Speed (`termcut bench scopes`, one core, thread CPU time, medians of runs on a shared
/// machine): every row of 1080p takes about 3.0 ms at 8-bit 4:2:0, 3.7 ms at 10-bit 4:2:2 and
/// 4.4 ms at 10-bit 4:4:4 (the chroma terms then computed for every pixel), under the 5 ms
/// budget. `rowStep: 2` halves that during playback: each of the ~80 pane columns per channel
/// still counts ~13,000 samples.
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
        let step = max(rowStep, 1)
        // A column holds at most ⌈width/columns⌉ pixels of each counted row. When that fits 16
        // bits (1080p: 25 × 1080), count in UInt16 and widen once: half the grid's memory, and
        // the grid (three channels × columns × 2^bitDepth counters, 1 MB at 10 bits in UInt32)
        // is what the counting waits on.
        let rowsCounted = (image.height + step - 1) / step
        if (image.width + columns - 1) / columns * rowsCounted <= Int(UInt16.max) {
            let (r, g, b, rows) = count(UInt16.self, image, columns: columns, rowStep: step)
            return RGBParade(columnsPerChannel: columns, levels: image.levels, red: r.map(UInt32.init),
                             green: g.map(UInt32.init), blue: b.map(UInt32.init), sampledRows: rows)
        }
        let (r, g, b, rows) = count(UInt32.self, image, columns: columns, rowStep: step)
        return RGBParade(columnsPerChannel: columns, levels: image.levels, red: r, green: g, blue: b, sampledRows: rows)
    }

    /// The three column-major grids in `Counter`s, and the rows counted.
    @inline(__always)
    static func count<Counter: FixedWidthInteger & UnsignedInteger>(_: Counter.Type, _ image: ScopeImage, columns: Int,
                                                                    rowStep: Int) -> ([Counter], [Counter], [Counter], Int) {
        let codeCount = image.levels.codeCount
        var r = [Counter](repeating: 0, count: columns * codeCount)
        var g = r, b = r
        let columnBase = (0..<image.width).map { Int32(($0 * columns / image.width) * codeCount) }
        // Rows converted from Y′CbCr are clamped to the code range already; R′G′B′ planes are not.
        let clamped = if case .yCbCr = image.planes { true } else { false }
        let maxCode = UInt16(image.levels.maxCode)
        var rows = 0
        r.withUnsafeMutableBufferPointer { rg in g.withUnsafeMutableBufferPointer { gg in b.withUnsafeMutableBufferPointer { bg in
            columnBase.withUnsafeBufferPointer { base in
                let rgp = rg.baseAddress!, ggp = gg.baseAddress!, bgp = bg.baseAddress!, bp = base.baseAddress!
                image.forEachRGBRow(rowStep: rowStep) { rr, gr, br in
                    let rp = rr.baseAddress!, gp = gr.baseAddress!, bpp = br.baseAddress!
                    @inline(__always) func count(_ x: Int, clamp: Bool) {
                        let o = Int(bp[x])
                        if clamp {
                            rgp[o &+ Int(min(rp[x], maxCode))] &+= 1
                            ggp[o &+ Int(min(gp[x], maxCode))] &+= 1
                            bgp[o &+ Int(min(bpp[x], maxCode))] &+= 1
                        } else {
                            rgp[o &+ Int(rp[x])] &+= 1
                            ggp[o &+ Int(gp[x])] &+= 1
                            bgp[o &+ Int(bpp[x])] &+= 1
                        }
                    }
                    // Neighbouring pixels mostly hit the same counter, and each increment would
                    // wait for the store of the one before; four walks `lane` pixels apart (more
                    // than a column at pane widths, so other counters) make four independent
                    // chains. The distance is a constant, so every walk is addressed from the
                    // same pointers: with walks a quarter row apart (a run-time distance) the
                    // loop ran out of registers and reloaded a pointer from the stack for every
                    // sample. (Measured slower: indices first, then one channel at a time, as
                    // the waveform does: three passes over a grid three times the waveform's.)
                    @inline(__always) func walk(clamp: Bool) {
                        let lane = 32, block = 4 &* lane
                        var x = 0
                        while x &+ block <= rr.count {
                            for i in x..<(x &+ lane) {
                                count(i, clamp: clamp); count(i &+ lane, clamp: clamp)
                                count(i &+ 2 &* lane, clamp: clamp); count(i &+ 3 &* lane, clamp: clamp)
                            }
                            x &+= block
                        }
                        while x < rr.count { count(x, clamp: clamp); x &+= 1 }
                    }
                    if clamped { walk(clamp: false) } else { walk(clamp: true) }
                    rows += 1
                }
            }
        }}}
        return (r, g, b, rows)
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
