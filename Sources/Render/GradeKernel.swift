/// The per-pixel loop of `GradeProcessor.apply`, laid out for speed (`termcut bench post`):
/// every grade is brought to one shape, a 1D shaping table per channel followed by one 3D
/// lattice lookup, the way Resolve applies a grade (`GradeProcessor` builds both, see there).
///
/// Per pixel: three table reads give each channel's lattice offset (already multiplied by its
/// stride) and its fraction within the cell, so no clamping, rounding or conversion is left
/// for the loop; then the cell's tetrahedron (or its eight corners) is read as `SIMD4<Float>`
/// vectors, one 16-byte load a corner, and interpolated in three vector multiply-adds. The
/// lattice holds 16-bit steps, and the result is rounded by adding 1.5 × 2²³ (the integer lands
/// in the float's low bits) and clamped as integers. No branch depends on the picture: the
/// tetrahedron is chosen from the fractions' bits (non-negative floats order as integers).
/// Raw pointers only; no allocation, reference counting or bounds check per pixel. A pixel is
/// read and written as one 64-bit word (alpha carried through), and the tetrahedron's weights
/// use plain comparisons (maxss/minss) instead of `max`/`min`'s NaN rules: about 68
/// instructions a pixel, where the compiler had made 75 with a scalar third lane.
struct GradeKernel: @unchecked Sendable {
    /// A channel's 16-bit sample mapped onto the lattice: the cell's offset along that
    /// channel's axis (in bytes) and the fraction (0…1) across the cell.
    struct Entry {
        var offset: Int32
        var fraction: Float
    }

    /// 3 × 65536 entries, red then green then blue.
    let shaping: [Entry]
    /// Red fastest; values in 16-bit steps (1.0 is 65535), lane 3 unused.
    let lattice: [SIMD4<Float>]
    let size: Int
    let tetrahedral: Bool
    /// Whether every lattice value lies in 0…65535 (as a LUT's and a bake of it do): then
    /// every interpolated value does too, and the loop skips the clamp.
    let inRange: Bool
    /// Per tetrahedron, indexed by the fraction comparisons (1: r > g, 2: g > b, 4: r > b): the
    /// second and third corners of the path from (0,0,0) to (1,1,1), side by side
    /// (`corners[2 · bits]`, `corners[2 · bits + 1]`), in bytes: one table, one pointer in the loop.
    let corners: [Int]

    /// `coordinates`: 3 × 65536 lattice coordinates (0…size − 1 once clamped), red then green
    /// then blue; `values`: the lattice in [0, 1] units, red fastest.
    init(coordinates: [Float], lattice values: [SIMD4<Float>], size n: Int, tetrahedral: Bool) {
        precondition(n >= 2 && values.count == n * n * n && coordinates.count == 3 * 65_536)
        let strides = [1, n, n * n]
        var shaping = [Entry](repeating: Entry(offset: 0, fraction: 0), count: 3 * 65_536)
        for c in 0..<3 {
            for v in 0..<65_536 {
                // At the top edge the cell is the last one and the fraction 1, so the upper
                // corners always exist; `max` also turns −0 into +0 for the bit comparisons.
                let x = min(max(coordinates[c * 65_536 + v], 0), Float(n - 1))
                let cell = min(Int(x), n - 2)
                shaping[c * 65_536 + v] = Entry(offset: Int32(cell * strides[c] * Self.pointBytes), fraction: max(x - Float(cell), 0))
            }
        }
        self.shaping = shaping
        // Far outside [0, 1] nothing changes the clamped result, and the rounding trick needs
        // |value| < 2²².
        func steps(_ x: Float) -> Float { min(max(x, -32), 32) * 65_535 }
        lattice = values.map { SIMD4(steps($0[0]), steps($0[1]), steps($0[2]), 0) }
        size = n
        self.tetrahedral = tetrahedral
        // Half a step of slack either side: float rounding of a convex combination of in-range
        // values cannot leave [−0.5, 65535.5), so rounding lands in 0…65535.
        var inRange = true
        for v in lattice where v[0] < 0 || v[0] > 65_535 || v[1] < 0 || v[1] > 65_535 || v[2] < 0 || v[2] > 65_535 {
            inRange = false
            break
        }
        self.inRange = inRange
        // The axes from the largest fraction to the smallest, per comparison bits (the two
        // impossible combinations, 3 and 4, keep a valid path).
        let orders: [Int: [Int]] = [7: [0, 1, 2], 5: [0, 2, 1], 1: [2, 0, 1], 0: [2, 1, 0], 2: [1, 2, 0], 6: [1, 0, 2]]
        var first = [Int](repeating: 1, count: 8), second = [Int](repeating: 1 + n, count: 8)
        for (bits, order) in orders {
            first[bits] = strides[order[0]]
            second[bits] = strides[order[0]] + strides[order[1]]
        }
        corners = (0..<8).flatMap { [first[$0] * Self.pointBytes, second[$0] * Self.pointBytes] }
    }

    /// Grades `pixels` RGBA samples in place (alpha untouched).
    func run(_ samples: UnsafeMutablePointer<UInt16>, pixels: Int) {
        shaping.withUnsafeBufferPointer { shaping in
            lattice.withUnsafeBufferPointer { lattice in
                corners.withUnsafeBufferPointer { corners in
                    let tables = Tables(red: shaping.baseAddress!, points: lattice.baseAddress!,
                                        corners: corners.baseAddress!, size: size)
                    switch (tetrahedral, inRange) {
                    case (true, true): Self.tetrahedral(samples, pixels: pixels, tables, clamp: false)
                    case (true, false): Self.tetrahedral(samples, pixels: pixels, tables, clamp: true)
                    case (false, true): Self.trilinear(samples, pixels: pixels, tables, clamp: false)
                    case (false, false): Self.trilinear(samples, pixels: pixels, tables, clamp: true)
                    }
                }
            }
        }
    }

    private struct Tables {
        let red: UnsafePointer<Entry>, points: UnsafePointer<SIMD4<Float>>
        let corners: UnsafePointer<Int>
        let size: Int
    }

    // Each loop is written once and specialised per `clamp` (a constant at each call).
    @inline(__always)
    private static func tetrahedral(_ samples: UnsafeMutablePointer<UInt16>, pixels: Int, _ t: Tables, clamp: Bool) {
        let red = t.red, green = red + 65_536, blue = red + 131_072
        let diagonal = (1 + t.size + t.size * t.size) * pointBytes
        var s = samples
        let end = samples + pixels * 4
        while s < end {
            let pixel = load(s)
            let er = red[channel(pixel, 0)], eg = green[channel(pixel, 1)], eb = blue[channel(pixel, 2)]
            let c = UnsafeRawPointer(t.points) + Int(er.offset &+ eg.offset &+ eb.offset)
            let dr = er.fraction, dg = eg.fraction, db = eb.fraction
            let r = Int32(bitPattern: dr.bitPattern), g = Int32(bitPattern: dg.bitPattern), b = Int32(bitPattern: db.bitPattern)
            let rg: Int32 = ((g &- r) >> 31) & 1, gb: Int32 = ((b &- g) >> 30) & 2, rb: Int32 = ((b &- r) >> 29) & 4
            let bits = Int(rg | gb | rb)
            let high = larger(larger(dr, dg), db), low = smaller(smaller(dr, dg), db), middle = dr + dg + db - high - low
            let c0 = point(c, 0), c1 = point(c, t.corners[2 &* bits]), c2 = point(c, t.corners[2 &* bits &+ 1]), c3 = point(c, diagonal)
            store(c0 + (c1 - c0) * high + (c2 - c1) * middle + (c3 - c2) * low, s, pixel: pixel, clamp: clamp)
            s += 4
        }
    }

    @inline(__always)
    private static func trilinear(_ samples: UnsafeMutablePointer<UInt16>, pixels: Int, _ t: Tables, clamp: Bool) {
        let red = t.red, green = red + 65_536, blue = red + 131_072
        let n = t.size, nn = n * n
        var s = samples
        let end = samples + pixels * 4
        while s < end {
            let pixel = load(s)
            let er = red[channel(pixel, 0)], eg = green[channel(pixel, 1)], eb = blue[channel(pixel, 2)]
            let p = UnsafeRawPointer(t.points) + Int(er.offset &+ eg.offset &+ eb.offset)
            @inline(__always) func c(_ k: Int) -> SIMD4<Float> { point(p, k &* pointBytes) }
            let dr = er.fraction, dg = eg.fraction, db = eb.fraction
            let c00 = c(0) + (c(1) - c(0)) * dr, c10 = c(n) + (c(1 + n) - c(n)) * dr
            let c01 = c(nn) + (c(1 + nn) - c(nn)) * dr, c11 = c(n + nn) + (c(1 + n + nn) - c(n + nn)) * dr
            let c0 = c00 + (c10 - c00) * dg, c1 = c01 + (c11 - c01) * dg
            store(c0 + (c1 - c0) * db, s, pixel: pixel, clamp: clamp)
            s += 4
        }
    }

    /// Bytes a lattice point takes: offsets in the tables are in bytes, so the loop adds
    /// them to the lattice's address as they are (no shift a lookup).
    static let pointBytes = MemoryLayout<SIMD4<Float>>.stride

    @inline(__always) private static func point(_ base: UnsafeRawPointer, _ byteOffset: Int) -> SIMD4<Float> {
        base.load(fromByteOffset: byteOffset, as: SIMD4<Float>.self)
    }

    /// One RGBA pixel in one 64-bit load (red in the low bits: little-endian, as every target
    /// Swift builds termcut for), instead of three 16-bit loads.
    @inline(__always) private static func load(_ s: UnsafeMutablePointer<UInt16>) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(s).loadUnaligned(as: UInt64.self))
    }

    @inline(__always) private static func channel(_ pixel: UInt64, _ c: UInt64) -> Int {
        Int(truncatingIfNeeded: (pixel &>> (16 &* c)) & 0xFFFF)
    }

    // `max`/`min` keep Swift's NaN rules, which cost a compare and a blend each; the fractions
    // are never NaN, so a plain comparison (one maxss/minss) gives the same value.
    @inline(__always) private static func larger(_ a: Float, _ b: Float) -> Float { a > b ? a : b }
    @inline(__always) private static func smaller(_ a: Float, _ b: Float) -> Float { a < b ? a : b }

    /// Rounds to the nearest 16-bit step (adding 1.5 × 2²³ leaves the integer in the low
    /// bits) and, unless the lattice is known in range, clamps to 0…65535
    /// (`GradeProcessor.quantise`, ties aside); then writes R, G and B with the pixel's own
    /// alpha in one 64-bit store (lane 3 of the lattice is 0 and is replaced by alpha).
    @inline(__always) private static func store(_ v: SIMD4<Float>, _ s: UnsafeMutablePointer<UInt16>, pixel: UInt64, clamp: Bool) {
        var q = unsafeBitCast(v + SIMD4(repeating: 12_582_912), to: SIMD4<Int32>.self) &- 0x4B40_0000
        if clamp { q = q.clamped(lowerBound: .zero, upperBound: SIMD4(repeating: 65_535)) }
        // Lane 3 is 0 (the lattice's lane 3 is 0), so its 16 bits are free for alpha.
        let rgb = unsafeBitCast(SIMD4<UInt16>(truncatingIfNeeded: q), to: UInt64.self)
        UnsafeMutableRawPointer(s).storeBytes(of: (rgb | (pixel & 0xFFFF_0000_0000_0000)).littleEndian, as: UInt64.self)
    }
}
