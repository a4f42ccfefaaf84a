import Foundation
/// The per-pixel loop of `GradeProcessor.apply`, laid out for speed (`termcut bench post`):
/// every grade is brought to one shape, a 1D shaping table per channel followed by one 3D
/// lattice lookup, the way Resolve applies a grade (`GradeProcessor` builds both, see there).
///
/// Tetrahedral interpolation is written per axis: walking from the cell's corner c000 to c111
/// one axis at a time, largest fraction first, each axis adds its fraction times the lattice's
/// step along that axis at the point the walk has reached. So each lattice point carries its
/// value and its three forward differences (`records`, 64 bytes a point), and a pixel is
/// c000 + dr·Δr + dg·Δg + db·Δb: four 16-byte loads, three multiply-adds, no sorting of the
/// fractions and no subtraction. Only which point each Δ is read at depends on the order.
///
/// Per pixel: three 16-byte shaping entries are summed as two 64-bit lanes. Lane 1 adds the
/// channels' byte offsets into `records` (the cell's corner). Lane 0 adds their `key`s, whose
/// sum holds dg − dr, db − dg and dr − db in three 21-bit fields, each biased by 2²⁰ so that a
/// field's top bit says which fraction is larger; one multiply gathers the three bits into the
/// row of `steps` that holds where the walk reads each Δ. The fractions are multiples of 2⁻¹⁹
/// (a cell split 524 288 ways), so the integer comparison is exact. The result is rounded by
/// adding 1.5 × 2²³ (the integer lands in the float's low bits). No branch depends on the
/// picture; raw pointers only, no allocation, reference counting or bounds check per pixel.
/// 44 instructions and 12 loads a pixel (67 and 13 with sorted weights over a lattice of
/// points alone). On a 1080p frame the pace is then set by cache misses on the shaping entries
/// and the records, not by arithmetic (hence the records aligned to cache lines).
struct GradeKernel: @unchecked Sendable {
    /// 3 × 65536 shaping entries, red then green then blue: lane 0 the channel's share of the
    /// comparison word (`key(_:channel:)`), lane 1 the byte offset of its cell along its axis
    /// (low 32 bits) and its fraction across the cell as a `Float` (high 32 bits).
    let shaping: [SIMD2<UInt64>]
    /// Per lattice point (red fastest), four vectors: the value, then its forward differences
    /// along red, green and blue (zero past the last point). Values in 16-bit steps (1.0 is
    /// 65535), lane 3 zero.
    let storage: Records
    var records: [SIMD4<Float>] { Array(UnsafeBufferPointer(start: storage.base, count: storage.count)) }
    let size: Int
    let tetrahedral: Bool
    /// Whether every lattice value lies in 0…65535 (as a LUT's and a bake of it do): then
    /// every interpolated value does too, and the loop skips the clamp.
    let inRange: Bool
    /// Per comparison bits (`order(_:)`), four byte offsets from the cell's record: where Δr,
    /// Δg and Δb are read (the fourth unused), so a row is 32 bytes.
    let steps: [Int]

    /// Fractions are whole multiples of 1/`fractionSteps`: the comparison fields need them as
    /// integers, and the interpolation uses the same values, so the two agree exactly.
    static let fractionSteps: Float = 524_288
    static let recordBytes = 4 * MemoryLayout<SIMD4<Float>>.stride

    /// `coordinates`: 3 × 65536 lattice coordinates (0…size − 1 once clamped), red then green
    /// then blue; `values`: the lattice in [0, 1] units, red fastest.
    init(coordinates: [Float], lattice values: [SIMD4<Float>], size n: Int, tetrahedral: Bool) {
        precondition(n >= 2 && values.count == n * n * n && coordinates.count == 3 * 65_536)
        let strides = [1, n, n * n].map { $0 * Self.recordBytes }
        var shaping = [SIMD2<UInt64>](repeating: .zero, count: 3 * Self.shapingEntries)
        for c in 0..<3 {
            for v in 0..<Self.shapingEntries {
                // Entry v serves the samples nearest to 4v (`channel`), and holds 4v's own coordinate.
                let sample = coordinates[c * 65_536 + min(v << Self.shapingShift, 65_535)]
                // At the top edge the cell is the last one and the fraction 1, so the upper
                // corners always exist.
                let x = min(max(sample, 0), Float(n - 1))
                let cell = min(Int(x), n - 2)
                let units = UInt64(max(x - Float(cell), 0) * Self.fractionSteps + 0.5)
                let fraction = Float(units) / Self.fractionSteps
                shaping[c * Self.shapingEntries + v] = SIMD2(Self.key(units, channel: c), UInt64(cell * strides[c]) | UInt64(fraction.bitPattern) << 32)
            }
        }
        self.shaping = shaping
        // Far outside [0, 1] nothing changes the clamped result, and the rounding trick needs
        // |value| < 2²².
        func inSteps(_ x: SIMD4<Float>) -> SIMD4<Float> {
            SIMD4(x[0], x[1], x[2], 0).clamped(lowerBound: SIMD4(repeating: -32), upperBound: SIMD4(repeating: 32)) * 65_535
        }
        storage = Records(count: 4 * n * n * n)
        let records = storage.base
        for p in 0..<(n * n * n) {
            let r = p % n, g = p / n % n, b = p / (n * n)
            let value = inSteps(values[p])
            records[4 * p] = value
            if r < n - 1 { records[4 * p + 1] = inSteps(values[p + 1]) - value }
            if g < n - 1 { records[4 * p + 2] = inSteps(values[p + n]) - value }
            if b < n - 1 { records[4 * p + 3] = inSteps(values[p + n * n]) - value }
        }
        size = n
        self.tetrahedral = tetrahedral
        // Half a step of slack either side: float rounding of a convex combination of in-range
        // values cannot leave [−0.5, 65535.5), so rounding lands in 0…65535.
        inRange = (0..<(n * n * n)).allSatisfy { p in
            let v = records[4 * p]
            return v[0] >= 0 && v[0] <= 65_535 && v[1] >= 0 && v[1] <= 65_535 && v[2] >= 0 && v[2] <= 65_535
        }
        var table = [Int](repeating: 0, count: 32)
        for bits in 0..<8 {
            var walked = 0
            for axis in Self.order(bits) {
                table[bits * 4 + axis] = walked + (axis + 1) * MemoryLayout<SIMD4<Float>>.stride
                walked += strides[axis]
            }
        }
        steps = table
    }

    /// A channel's share of the comparison word, for a fraction of `steps`/2¹⁹: the word's
    /// fields (bits 0, 21 and 42 up) get dg − dr, db − dg and dr − db, each plus 2²⁰ (added
    /// with red's share). Each field then lies in [2¹⁹, 3·2¹⁹], so no borrow crosses fields,
    /// and its top bit (20, 41, 62) is set when the first fraction is at least the second.
    static func key(_ steps: UInt64, channel: Int) -> UInt64 {
        switch channel {
        case 0: return (steps << 42) &- steps &+ (1 << 20 | 1 << 41 | 1 << 62)
        case 1: return steps &- (steps << 21)
        default: return (steps << 21) &- (steps << 42)
        }
    }

    /// The axes from the largest fraction to the smallest, for the comparison bits (1: g ≥ r,
    /// 2: b ≥ g, 4: r ≥ b). Ties may go either way: the walk gives the same value. 0 and 7
    /// (a cycle, or all equal) keep a valid order.
    static func order(_ bits: Int) -> [Int] {
        switch bits {
        case 1: return [1, 2, 0]
        case 2: return [2, 0, 1]
        case 3: return [2, 1, 0]
        case 5: return [1, 0, 2]
        case 6: return [0, 2, 1]
        default: return [0, 1, 2]
        }
    }

    /// Grades `pixels` RGBA samples in place (alpha untouched).
    func run(_ samples: UnsafeMutablePointer<UInt16>, pixels: Int) {
        shaping.withUnsafeBytes { shaping in
            withExtendedLifetime(storage) {
                steps.withUnsafeBytes { steps in
                    let t = Tables(shaping: shaping.baseAddress!, records: UnsafeRawPointer(storage.base), steps: steps.baseAddress!, size: size)
                    switch (tetrahedral, inRange) {
                    case (true, true): Self.loop(samples, pixels: pixels, clamp: false) { Self.tetrahedral($0, t) }
                    case (true, false): Self.loop(samples, pixels: pixels, clamp: true) { Self.tetrahedral($0, t) }
                    case (false, true): Self.loop(samples, pixels: pixels, clamp: false) { Self.trilinear($0, t) }
                    case (false, false): Self.loop(samples, pixels: pixels, clamp: true) { Self.trilinear($0, t) }
                    }
                }
            }
        }
    }

    private struct Tables {
        let shaping: UnsafeRawPointer, records: UnsafeRawPointer, steps: UnsafeRawPointer
        let size: Int
    }

    // The loop is written once and specialised per interpolation and `clamp` (constants at
    // each call). A pixel is read and written as one 64-bit word, alpha carried through.
    @inline(__always)
    private static func loop(_ samples: UnsafeMutablePointer<UInt16>, pixels: Int, clamp: Bool, _ graded: (UInt64) -> SIMD4<Float>) {
        var s = UnsafeMutableRawPointer(samples)
        let end = s + pixels * 8
        while s < end {
            let pixel = UInt64(littleEndian: s.load(as: UInt64.self))
            var v = graded(pixel)
            // Plain comparisons (maxps/minps), not `clamped`'s NaN rules: values are never NaN.
            if clamp {
                v = v.replacing(with: SIMD4(repeating: 65_535), where: v .> 65_535)
                v = v.replacing(with: SIMD4<Float>(), where: v .< 0)
            }
            // Adding 1.5 × 2²³ rounds to the nearest step and leaves it in the low bits
            // (`GradeProcessor.quantise`, ties aside); lane 3 is 0 and is replaced by alpha.
            let q = unsafeBitCast(v + SIMD4(repeating: 12_582_912), to: SIMD4<Int32>.self) &- 0x4B40_0000
            let rgb = unsafeBitCast(SIMD4<UInt16>(truncatingIfNeeded: q), to: UInt64.self)
            s.storeBytes(of: (rgb | (pixel & 0xFFFF_0000_0000_0000)).littleEndian, as: UInt64.self)
            s += 8
        }
    }

    /// The three shaping entries of a pixel, summed: lane 0 the comparison word, lane 1's low
    /// 32 bits the byte offset of the cell's record (offsets are far below 2³², so no carry
    /// reaches the fractions' bits above them, which the sum leaves meaningless).
    @inline(__always)
    private static func entries(_ pixel: UInt64, _ t: Tables) -> (SIMD2<UInt64>, SIMD2<UInt64>, SIMD2<UInt64>, UnsafeRawPointer, UInt64) {
        let stride = MemoryLayout<SIMD2<UInt64>>.stride
        let r = t.shaping.load(fromByteOffset: channel(pixel, 0) &* stride, as: SIMD2<UInt64>.self)
        let g = t.shaping.load(fromByteOffset: (shapingEntries &+ channel(pixel, 1)) &* stride, as: SIMD2<UInt64>.self)
        let b = t.shaping.load(fromByteOffset: (2 &* shapingEntries &+ channel(pixel, 2)) &* stride, as: SIMD2<UInt64>.self)
        let sum = r &+ g &+ b
        return (r, g, b, t.records + Int(truncatingIfNeeded: UInt32(truncatingIfNeeded: sum[1])), sum[0])
    }

    @inline(__always) private static func fraction(_ entry: SIMD2<UInt64>) -> SIMD4<Float> {
        SIMD4(repeating: unsafeBitCast(entry, to: SIMD4<Float>.self)[3])
    }

    @inline(__always)
    private static func tetrahedral(_ pixel: UInt64, _ t: Tables) -> SIMD4<Float> {
        let (r, g, b, cell, key) = entries(pixel, t)
        // Bits 20, 41 and 62 land on 61, 62 and 63 (the other products fall below bit 43, with
        // no carry); shifted down to 8 × 32-byte rows.
        let bits = ((key & (1 << 20 | 1 << 41 | 1 << 62)) &* (1 << 41 | 1 << 21 | 1 << 1)) >> 56
        let row = t.steps + Int(truncatingIfNeeded: bits)
        @inline(__always) func difference(_ axis: Int) -> SIMD4<Float> {
            cell.load(fromByteOffset: row.load(fromByteOffset: axis &* 8, as: Int.self), as: SIMD4<Float>.self)
        }
        return cell.load(as: SIMD4<Float>.self) + difference(0) * fraction(r) + difference(1) * fraction(g) + difference(2) * fraction(b)
    }

    @inline(__always)
    private static func trilinear(_ pixel: UInt64, _ t: Tables) -> SIMD4<Float> {
        let (r, g, b, cell, _) = entries(pixel, t)
        let n = t.size
        // The four red edges of the cell, each interpolated from its lower point's value and red difference.
        @inline(__always) func edge(_ point: Int) -> SIMD4<Float> {
            let p = cell + point &* recordBytes
            return p.load(as: SIMD4<Float>.self) + p.load(fromByteOffset: 16, as: SIMD4<Float>.self) * fraction(r)
        }
        let dg = fraction(g)
        let near = edge(0) + (edge(n) - edge(0)) * dg, far = edge(n * n) + (edge(n + n * n) - edge(n * n)) * dg
        return near + (far - near) * fraction(b)
    }

    /// A channel's 16-bit sample as an entry index (red in the low bits: little-endian, as
    /// every target Swift builds termcut for).
    /// The shaping entry for channel `c`: the sample rounded to the nearest multiple of 4.
    @inline(__always) private static func channel(_ pixel: UInt64, _ c: UInt64) -> Int {
        Int(truncatingIfNeeded: (((pixel &>> (16 &* c)) & 0xFFFF) &+ 2) &>> UInt64(shapingShift))
    }

    /// The shaping tables are read at 14 bits, each sample rounded to the nearest multiple of 4:
    /// the low 2 bits of a 16-bit sample carry nothing a 12-bit source (or less) has, and
    /// 3 × 16385 entries of 16 bytes (768 KB) stay in a core's 1 MB L2 cache where 3 × 65536
    /// (3 MB) did not: on a frame that sweeps every level (bench post's gradient) the table
    /// reads were about half the loop's time (median 9.4–10.1 → 7.9–8.0 ms). The cost: up to 2
    /// samples × the curve's slope off (`GradeKernelTests.shapingMaxSteps`).
    static let shapingShift = 2
    static let shapingEntries = (65_536 >> shapingShift) + 1
}

/// A lattice's records in memory aligned to 64 bytes, so that each point's record is one
/// cache line: a Swift array's elements start 32 bytes into its allocation, where every record
/// would straddle two lines and a pixel read up to six lines instead of three.
final class Records: @unchecked Sendable {
    let base: UnsafeMutablePointer<SIMD4<Float>>
    let count: Int

    /// A baked lattice is several MB read all over for every frame: on 4 KB pages that is
    /// thousands of pages, more than the TLB holds, and the frame's time varied from 8 to 13 ms
    /// between runs with where the pages fell. So a lattice of 1 MB or more goes on 2 MB pages
    /// (transparent huge pages, asked for with madvise; where the kernel gives none, it works
    /// as before).
    init(count: Int) {
        self.count = count
        let bytes = count * MemoryLayout<SIMD4<Float>>.stride
        let huge = 2 << 20
        var raw: UnsafeMutableRawPointer?
        if bytes >= 1 << 20 {
            let rounded = (bytes + huge - 1) / huge * huge
            if posix_memalign(&raw, huge, rounded) == 0, let raw {
                _ = madvise(raw, rounded, MADV_HUGEPAGE)
            }
        }
        if raw == nil { _ = posix_memalign(&raw, 64, max(bytes, 64)) }
        guard let raw else { fatalError("out of memory for a \(bytes)-byte grade lattice") }
        base = raw.bindMemory(to: SIMD4<Float>.self, capacity: count)
        base.initialize(repeating: SIMD4(), count: count)
    }

    deinit { free(base) }
}
