/// Row-at-a-time access to a `ScopeImage` in the form each scope wants (Y′, R′G′B′ or Cb/Cr),
/// converting with integer fixed-point maths into reusable row buffers. Every scope loops over
/// these rows, so this file is where the speed is: contiguous buffers, no per-pixel allocation,
/// no floating point, no bounds checks in the inner loops.

/// The Y′CbCr ↔ R′G′B′ conversions of one matrix and range as integers scaled by 2^14.
///
/// R′G′B′ come out in the luma code domain (same black, white and IRE as Y′), so the parade and
/// the RGB histogram share the waveform's scale and legal-range lines. From BT.709 §3 / BT.601 §2.5:
/// R′ = Y′ + 2(1−K_R)·Cr, B′ = Y′ + 2(1−K_B)·Cb, G′ = Y′ − (2K_B(1−K_B)·Cb + 2K_R(1−K_R)·Cr)/K_G,
/// with chroma codes rescaled by 219/224 in limited range (luma and chroma excursions differ).
/// Every coefficient is under 2^15 (the largest, B′ from Cb in full range, is 1.856 × 2^14), so
/// the vector loops multiply in 16 bits.
struct FixedPointMatrix {
    static let shift = 14
    static let one = 1 << shift
    static let half = 1 << (shift - 1)

    let maxCode: Int32
    let chromaCentre: Int32
    let crToR: Int32, cbToG: Int32, crToG: Int32, cbToB: Int32
    let yFromR: Int32, yFromG: Int32, yFromB: Int32
    let cbFromBY: Int32, crFromRY: Int32

    init(matrix: ColourMatrix, levels: VideoLevels) {
        let ratio = levels.lumaExcursion / levels.chromaExcursion
        func q(_ v: Double) -> Int32 { Int32((v * Double(Self.one)).rounded()) }
        let kr = matrix.kr, kb = matrix.kb, kg = matrix.kg
        maxCode = Int32(levels.maxCode)
        chromaCentre = Int32(levels.chromaCentre)
        crToR = q(ratio * 2 * (1 - kr))
        cbToB = q(ratio * 2 * (1 - kb))
        cbToG = q(ratio * 2 * kb * (1 - kb) / kg)
        crToG = q(ratio * 2 * kr * (1 - kr) / kg)
        yFromR = q(kr)
        yFromB = q(kb)
        yFromG = Int32(Self.one) - q(kr) - q(kb)
        cbFromBY = q(1 / (ratio * 2 * (1 - kb)))
        crFromRY = q(1 / (ratio * 2 * (1 - kr)))
    }

    @inline(__always) func clamp(_ v: Int32) -> UInt16 {
        UInt16(truncatingIfNeeded: min(max(v, 0), maxCode))
    }
}

extension ScopeImage {
    /// Calls `body` with Y′ of every `rowStep`-th row (rows 0, rowStep, 2·rowStep, …).
    func forEachLumaRow(rowStep: Int, _ body: (UnsafeBufferPointer<UInt16>) -> Void) {
        let width = self.width
        switch planes {
        case let .yCbCr(y, _, _, _):
            y.withUnsafeBufferPointer { yp in
                for row in Swift.stride(from: 0, to: height, by: rowStep) {
                    body(UnsafeBufferPointer(rebasing: yp[row * width ..< (row + 1) * width]))
                }
            }
        case let .rgb(r, g, b):
            let m = FixedPointMatrix(matrix: matrix, levels: levels)
            let out = UnsafeMutableBufferPointer<UInt16>.allocate(capacity: width)
            defer { out.deallocate() }
            r.withUnsafeBufferPointer { rp in g.withUnsafeBufferPointer { gp in b.withUnsafeBufferPointer { bp in
                for row in Swift.stride(from: 0, to: height, by: rowStep) {
                    let base = row * width
                    for x in 0..<width {
                        let v = m.yFromR &* Int32(rp[base &+ x]) &+ m.yFromG &* Int32(gp[base &+ x])
                            &+ m.yFromB &* Int32(bp[base &+ x]) &+ Int32(FixedPointMatrix.half)
                        out[x] = m.clamp(v >> Int32(FixedPointMatrix.shift))
                    }
                    body(UnsafeBufferPointer(out))
                }
            }}}
        }
    }

    /// Calls `body` with R′, G′, B′ (luma code domain) of every `rowStep`-th row. Subsampled chroma
    /// is repeated (nearest sample): a scope bins values per column or per level, so the
    /// interpolation a display would do changes nothing visible at scope resolution.
    func forEachRGBRow(rowStep: Int,
                       _ body: (UnsafeBufferPointer<UInt16>, UnsafeBufferPointer<UInt16>, UnsafeBufferPointer<UInt16>) -> Void) {
        let width = self.width
        switch planes {
        case let .rgb(r, g, b):
            r.withUnsafeBufferPointer { rp in g.withUnsafeBufferPointer { gp in b.withUnsafeBufferPointer { bp in
                for row in Swift.stride(from: 0, to: height, by: rowStep) {
                    let range = row * width ..< (row + 1) * width
                    body(UnsafeBufferPointer(rebasing: rp[range]), UnsafeBufferPointer(rebasing: gp[range]),
                         UnsafeBufferPointer(rebasing: bp[range]))
                }
            }}}
        case let .yCbCr(y, cb, cr, subsampling):
            let m = FixedPointMatrix(matrix: matrix, levels: levels)
            let (sx, sy) = subsampling.shift
            let chromaWidth = Self.chromaSize(width: width, height: height, subsampling: subsampling).width
            let rgb = UnsafeMutableBufferPointer<UInt16>.allocate(capacity: width * 3)
            defer { rgb.deallocate() }
            let ro = rgb.baseAddress!, go = ro + width, bo = ro + 2 * width
            // Chroma terms (R′−Y′, G′−Y′, B′−Y′) of the current chroma row, once per chroma sample
            // (reused while sy repeats the row).
            let buffers = UnsafeMutableBufferPointer<Int16>.allocate(capacity: chromaWidth * 3 + 8)
            defer { buffers.deallocate() }
            let tr = buffers.baseAddress!, tg = tr + chromaWidth, tb = tg + chromaWidth
            let coefficients = UnsafeMutablePointer<SIMD8<Int16>>.allocate(capacity: 5)
            defer { coefficients.deallocate() }
            for (i, k) in [m.crToR, m.cbToB, m.cbToG, m.crToG, m.chromaCentre].enumerated() {
                (coefficients + i).initialize(to: SIMD8(repeating: Int16(k)))
            }
            var termsRow = -1
            let maxCode = m.maxCode
            let zero = SIMD8<Int16>(repeating: 0), top = SIMD8<Int16>(repeating: Int16(maxCode))
            /// Eight pixels' terms from `chroma`: eight samples, or four each doubled (4:2:x).
            @inline(__always) func pixelTerms(_ chroma: UnsafeMutablePointer<Int16>, _ x: Int) -> SIMD8<Int16> {
                if sx == 0 { return UnsafeRawPointer(chroma + x).loadUnaligned(as: SIMD8<Int16>.self) }
                let four = SIMD4<UInt32>(truncatingIfNeeded: UnsafeRawPointer(chroma + (x >> 1)).loadUnaligned(as: SIMD4<UInt16>.self))
                return unsafeBitCast(four | (four &<< 16), to: SIMD8<Int16>.self)
            }
            y.withUnsafeBufferPointer { yp in cb.withUnsafeBufferPointer { cbp in cr.withUnsafeBufferPointer { crp in
                for row in Swift.stride(from: 0, to: height, by: rowStep) {
                    let yRow = yp.baseAddress! + row * width
                    if row >> sy != termsRow {
                        termsRow = row >> sy
                        let cRow = termsRow * chromaWidth
                        terms(m, coefficients: coefficients, cb: cbp.baseAddress! + cRow, cr: crp.baseAddress! + cRow, count: chromaWidth, r: tr, g: tg, b: tb)
                    }
                    // R′G′B′ = clamp(Y′ + term), eight pixels at a time in 16-bit lanes (codes ≤ 4095
                    // plus terms of at most ±2·4095 fit), which plain SSE2 does with
                    // paddw/pmaxsw/pminsw; subsampled terms are doubled in registers (punpcklwd).
                    var x = 0
                    while x &+ 8 <= width {
                        let l = SIMD8<Int16>(truncatingIfNeeded: UnsafeRawPointer(yRow + x).loadUnaligned(as: SIMD8<UInt16>.self))
                        let r = (l &+ pixelTerms(tr, x)).clamped(lowerBound: zero, upperBound: top)
                        let g = (l &+ pixelTerms(tg, x)).clamped(lowerBound: zero, upperBound: top)
                        let b = (l &+ pixelTerms(tb, x)).clamped(lowerBound: zero, upperBound: top)
                        UnsafeMutableRawPointer(ro + x).storeBytes(of: SIMD8<UInt16>(truncatingIfNeeded: r), as: SIMD8<UInt16>.self)
                        UnsafeMutableRawPointer(go + x).storeBytes(of: SIMD8<UInt16>(truncatingIfNeeded: g), as: SIMD8<UInt16>.self)
                        UnsafeMutableRawPointer(bo + x).storeBytes(of: SIMD8<UInt16>(truncatingIfNeeded: b), as: SIMD8<UInt16>.self)
                        x &+= 8
                    }
                    while x < width {
                        let l = Int32(yRow[x]), cx = x >> sx
                        ro[x] = UInt16(truncatingIfNeeded: min(max(l &+ Int32(tr[cx]), 0), maxCode))
                        go[x] = UInt16(truncatingIfNeeded: min(max(l &+ Int32(tg[cx]), 0), maxCode))
                        bo[x] = UInt16(truncatingIfNeeded: min(max(l &+ Int32(tb[cx]), 0), maxCode))
                        x += 1
                    }
                    body(UnsafeBufferPointer(start: ro, count: width), UnsafeBufferPointer(start: go, count: width),
                         UnsafeBufferPointer(start: bo, count: width))
                }
            }}}
        }
    }

    /// R′−Y′, G′−Y′ and B′−Y′ of `count` chroma samples, eight at a time: 16-bit samples and
    /// coefficients (all under 2^15, see `FixedPointMatrix`), exact products in 32-bit lanes.
    /// The coefficients come in as `SIMD8<Int16>` read inside the loop, so that the compiler sees
    /// the products' operands as 16-bit and makes each with pmullw/pmulhw; hoisted out of the
    /// loop they are opaque 32-bit values, and without SSE4.1 each 32-bit product then takes
    /// four pmuludq and their shuffles (measured: a third of the RGB histogram's time at 10-bit
    /// 4:4:4). Identical to the 32-bit formula for every code below 2^15 (all a 12-bit frame has).
    /// (Measured no faster: lookup tables per code value; floats, whose rounding the compiler
    /// does lane by lane.)
    private func terms(_ m: FixedPointMatrix, coefficients k: UnsafePointer<SIMD8<Int16>>,
                       cb: UnsafePointer<UInt16>, cr: UnsafePointer<UInt16>, count: Int,
                       r: UnsafeMutablePointer<Int16>, g: UnsafeMutablePointer<Int16>, b: UnsafeMutablePointer<Int16>) {
        let shift = Int32(FixedPointMatrix.shift), half = Int32(FixedPointMatrix.half)
        let halves = SIMD8<Int32>(repeating: half)
        var x = 0
        while x &+ 8 <= count {
            let crToR = SIMD8<Int32>(truncatingIfNeeded: k[0]), cbToB = SIMD8<Int32>(truncatingIfNeeded: k[1])
            let cbToG = SIMD8<Int32>(truncatingIfNeeded: k[2]), crToG = SIMD8<Int32>(truncatingIfNeeded: k[3])
            let centre = k[4]
            let u = SIMD8<Int32>(truncatingIfNeeded: SIMD8<Int16>(truncatingIfNeeded:
                UnsafeRawPointer(cb + x).loadUnaligned(as: SIMD8<UInt16>.self)) &- centre)
            let v = SIMD8<Int32>(truncatingIfNeeded: SIMD8<Int16>(truncatingIfNeeded:
                UnsafeRawPointer(cr + x).loadUnaligned(as: SIMD8<UInt16>.self)) &- centre)
            let tr = (crToR &* v &+ halves) &>> shift
            let tg = (halves &- cbToG &* u &- crToG &* v) &>> shift
            let tb = (cbToB &* u &+ halves) &>> shift
            UnsafeMutableRawPointer(r + x).storeBytes(of: SIMD8<Int16>(truncatingIfNeeded: tr), as: SIMD8<Int16>.self)
            UnsafeMutableRawPointer(g + x).storeBytes(of: SIMD8<Int16>(truncatingIfNeeded: tg), as: SIMD8<Int16>.self)
            UnsafeMutableRawPointer(b + x).storeBytes(of: SIMD8<Int16>(truncatingIfNeeded: tb), as: SIMD8<Int16>.self)
            x &+= 8
        }
        while x < count {
            let u = Int32(cb[x]) &- m.chromaCentre, v = Int32(cr[x]) &- m.chromaCentre
            r[x] = Int16(truncatingIfNeeded: (m.crToR &* v &+ half) >> shift)
            g[x] = Int16(truncatingIfNeeded: (half &- m.cbToG &* u &- m.crToG &* v) >> shift)
            b[x] = Int16(truncatingIfNeeded: (m.cbToB &* u &+ half) >> shift)
            x &+= 1
        }
    }

    /// Calls `body` with Cb and Cr rows, visiting every `stride`-th chroma sample of every
    /// `stride`-th chroma row. Subsampled chroma is visited at its own resolution (each sample
    /// stands for 2 or 4 pixels with equal weight, so its distribution is the frame's).
    func forEachChromaRow(stride: Int, _ body: (UnsafeBufferPointer<UInt16>, UnsafeBufferPointer<UInt16>) -> Void) {
        switch planes {
        case let .yCbCr(_, cb, cr, subsampling):
            let (cw, ch) = Self.chromaSize(width: width, height: height, subsampling: subsampling)
            let count = (cw + stride - 1) / stride
            let out = UnsafeMutableBufferPointer<UInt16>.allocate(capacity: count * 2)
            defer { out.deallocate() }
            let cbo = out.baseAddress!, cro = cbo + count
            cb.withUnsafeBufferPointer { cbp in cr.withUnsafeBufferPointer { crp in
                for row in Swift.stride(from: 0, to: ch, by: stride) {
                    let base = row * cw
                    if stride == 1 {
                        body(UnsafeBufferPointer(rebasing: cbp[base ..< base + cw]),
                             UnsafeBufferPointer(rebasing: crp[base ..< base + cw]))
                        continue
                    }
                    var i = 0
                    for x in Swift.stride(from: 0, to: cw, by: stride) {
                        cbo[i] = cbp[base &+ x]
                        cro[i] = crp[base &+ x]
                        i += 1
                    }
                    body(UnsafeBufferPointer(start: cbo, count: count), UnsafeBufferPointer(start: cro, count: count))
                }
            }}
        case let .rgb(r, g, b):
            let m = FixedPointMatrix(matrix: matrix, levels: levels)
            let count = (width + stride - 1) / stride
            let out = UnsafeMutableBufferPointer<UInt16>.allocate(capacity: count * 2)
            defer { out.deallocate() }
            let cbo = out.baseAddress!, cro = cbo + count
            let shift = Int32(FixedPointMatrix.shift), half = Int32(FixedPointMatrix.half)
            r.withUnsafeBufferPointer { rp in g.withUnsafeBufferPointer { gp in b.withUnsafeBufferPointer { bp in
                for row in Swift.stride(from: 0, to: height, by: stride) {
                    let base = row * width
                    var i = 0
                    for x in Swift.stride(from: 0, to: width, by: stride) {
                        let rv = Int32(rp[base &+ x]), gv = Int32(gp[base &+ x]), bv = Int32(bp[base &+ x])
                        let l = (m.yFromR &* rv &+ m.yFromG &* gv &+ m.yFromB &* bv &+ half) >> shift
                        cbo[i] = m.clamp(m.chromaCentre &+ ((m.cbFromBY &* (bv &- l) &+ half) >> shift))
                        cro[i] = m.clamp(m.chromaCentre &+ ((m.crFromRY &* (rv &- l) &+ half) >> shift))
                        i += 1
                    }
                    body(UnsafeBufferPointer(start: cbo, count: count), UnsafeBufferPointer(start: cro, count: count))
                }
            }}}
        }
    }
}

