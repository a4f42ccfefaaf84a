import TimelineModel

/// The per-pixel loop of `GradeProcessor.apply`, laid out for speed (a 1080p frame with
/// lift/gamma/gain, saturation and a 33³ LUT in well under 10 ms on one core, see `termcut bench
/// post`): every table is built once, the loop touches only raw pointers (no allocation, no
/// reference counting, no optional checks per pixel), a colour travels as one `SIMD4<Float>`
/// (lane 3 unused) so the matrix is three vector multiply-adds and each LUT corner is one
/// 16-byte load, and the lattice coordinates are split into cell and fraction with vector
/// conversions. It computes the same formulas as `GradeProcessor.applyReference` in a different
/// order of float operations, so the two agree within one 16-bit step (`GradeKernelTests`).
struct GradeKernel: @unchecked Sendable {
    /// 3 × 65536 values after steps 1–2, red then green then blue; the identity ramp when
    /// those steps are neutral, so every pixel takes the same path.
    let curves: [Float]
    let column0: SIMD4<Float>, column1: SIMD4<Float>, column2: SIMD4<Float>, offset: SIMD4<Float>
    let hasMatrix: Bool
    /// A 3D LUT's lattice, one padded point per entry, red fastest (empty without a 3D LUT).
    let lattice: [SIMD4<Float>]
    let size: Int
    let origin: SIMD4<Float>, scale: SIMD4<Float>
    let tetrahedral: Bool
    /// A 1D LUT (rare: sampled per channel by the reference sampler).
    let oneD: CompiledLUT?

    init(curves: [Float]?, matrix: [Float]?, offset: Float, lut: CompiledLUT?) {
        self.curves = curves ?? (0..<(3 * 65_536)).map { Float($0 & 0xFFFF) / 65_535 }
        let m = matrix ?? [1, 0, 0, 0, 1, 0, 0, 0, 1]
        hasMatrix = matrix != nil
        column0 = SIMD4(m[0], m[3], m[6], 0)
        column1 = SIMD4(m[1], m[4], m[7], 0)
        column2 = SIMD4(m[2], m[5], m[8], 0)
        self.offset = SIMD4(repeating: matrix == nil ? 0 : offset)
        if let lut, case .threeD(let n) = lut.shape {
            lattice = (0..<(n * n * n)).map { SIMD4(lut.values[$0 * 3], lut.values[$0 * 3 + 1], lut.values[$0 * 3 + 2], 0) }
            size = n
            origin = SIMD4(lut.domainMin.0, lut.domainMin.1, lut.domainMin.2, 0)
            scale = SIMD4(lut.scale.0, lut.scale.1, lut.scale.2, 0)
            tetrahedral = lut.interpolation == .tetrahedral
            oneD = nil
        } else {
            lattice = []
            size = 0
            origin = .zero
            scale = .zero
            tetrahedral = false
            oneD = lut
        }
    }

    /// Grades `pixels` RGBA samples in place (alpha untouched).
    func run(_ samples: UnsafeMutablePointer<UInt16>, pixels: Int) {
        curves.withUnsafeBufferPointer { curves in
            lattice.withUnsafeBufferPointer { lattice in
                let red = curves.baseAddress!, green = red + 65_536, blue = red + 131_072
                let points = lattice.isEmpty ? nil : lattice.baseAddress
                for p in 0..<pixels {
                    let s = samples + p * 4
                    var v = SIMD4<Float>(red[Int(s[0])], green[Int(s[1])], blue[Int(s[2])], 0)
                    if hasMatrix { v = column0 * v[0] + column1 * v[1] + column2 * v[2] + offset }
                    if let points {
                        v = tetrahedral ? tetrahedralSample(points, v) : trilinearSample(points, v)
                    } else if let oneD {
                        let out = oneD.sample((v[0], v[1], v[2]))
                        v = SIMD4(out.0, out.1, out.2, 0)
                    }
                    s[0] = Self.quantise(v[0])
                    s[1] = Self.quantise(v[1])
                    s[2] = Self.quantise(v[2])
                }
            }
        }
    }

    /// `GradeProcessor.quantise` without its branches (clamping is min/max, which predicts
    /// nothing; a NaN cannot reach here, as every table and lattice value is finite).
    @inline(__always) static func quantise(_ v: Float) -> UInt16 {
        UInt16(truncatingIfNeeded: Int32(min(max(v, 0), 1) * 65_535 + 0.5))
    }

    /// The cell's lower corner (clamped so the upper corner exists: at the top edge the
    /// fraction is 1) and the fractions, from a colour mapped onto the lattice.
    @inline(__always) private func cell(_ v: SIMD4<Float>) -> (index: Int, fraction: SIMD4<Float>) {
        // Per lane: the standard library's generic SIMD clamp and rounding conversions are
        // not inlined and would cost more than the whole interpolation.
        let top = Float(size - 1), x = (v - origin) * scale
        let r = min(max(x[0], 0), top), g = min(max(x[1], 0), top), b = min(max(x[2], 0), top)
        let ri = min(Int(r), size - 2), gi = min(Int(g), size - 2), bi = min(Int(b), size - 2)
        let index = ri + gi * size + bi * size * size
        return (index, SIMD4(r - Float(ri), g - Float(gi), b - Float(bi), 0))
    }

    /// The four corners of the tetrahedron the colour lies in, split along the neutral diagonal
    /// (`CompiledLUT.tetrahedral`'s six cases).
    @inline(__always) private func tetrahedralSample(_ lattice: UnsafePointer<SIMD4<Float>>, _ v: SIMD4<Float>) -> SIMD4<Float> {
        let (index, d) = cell(v)
        let n = size, nn = size * size
        let c = lattice + index
        let c000 = c[0], c111 = c[1 + n + nn]
        let dr = d[0], dg = d[1], db = d[2]
        if dr > dg {
            if dg > db { return c000 * (1 - dr) + c[1] * (dr - dg) + c[1 + n] * (dg - db) + c111 * db }
            if dr > db { return c000 * (1 - dr) + c[1] * (dr - db) + c[1 + nn] * (db - dg) + c111 * dg }
            return c000 * (1 - db) + c[nn] * (db - dr) + c[1 + nn] * (dr - dg) + c111 * dg
        }
        if db > dg { return c000 * (1 - db) + c[nn] * (db - dg) + c[n + nn] * (dg - dr) + c111 * dr }
        if db > dr { return c000 * (1 - dg) + c[n] * (dg - db) + c[n + nn] * (db - dr) + c111 * dr }
        return c000 * (1 - dg) + c[n] * (dg - dr) + c[1 + n] * (dr - db) + c111 * db
    }

    /// The eight corners of the cell, weighted per axis.
    @inline(__always) private func trilinearSample(_ lattice: UnsafePointer<SIMD4<Float>>, _ v: SIMD4<Float>) -> SIMD4<Float> {
        let (index, d) = cell(v)
        let n = size, nn = size * size
        let c = lattice + index
        let dr = SIMD4<Float>(repeating: d[0]), dg = SIMD4<Float>(repeating: d[1]), db = SIMD4<Float>(repeating: d[2])
        let c00 = c[0] + (c[1] - c[0]) * dr, c10 = c[n] + (c[1 + n] - c[n]) * dr
        let c01 = c[nn] + (c[1 + nn] - c[nn]) * dr, c11 = c[n + nn] + (c[1 + n + nn] - c[n + nn]) * dr
        let c0 = c00 + (c10 - c00) * dg, c1 = c01 + (c11 - c01) * dg
        return c0 + (c1 - c0) * db
    }
}
