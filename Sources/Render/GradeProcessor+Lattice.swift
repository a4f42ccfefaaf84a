import Foundation
import TimelineModel

/// How a compiled grade becomes `GradeKernel`'s shape, one 1D shaping table per channel and
/// one 3D lattice, chosen so that the lattice is exact wherever it can be:
/// - a 3D LUT with neutral contrast and saturation: the shaping is steps 1–2 followed by the
///   LUT's domain mapping, and the lattice is the LUT's own (with its interpolation): the
///   reference's arithmetic in another order, within one 16-bit step;
/// - no LUT, or a 1D LUT with no matrix: the lattice has 2 points per axis, and tetrahedral
///   interpolation of an affine map (the matrix, or the identity after per-channel tables) is
///   exact: also within one step;
/// - contrast or saturation and then a LUT: the channels are mixed before a non-linear step, so
///   steps 3–5 are baked (`bakedSize`³ points over the range steps 1–2 can output, each point
///   computed with the reference's formulas) and read tetrahedrally, as Resolve does. That is
///   an approximation: `GradeKernelTests` states its error against the reference.
/// The bake belongs to the `GradeProcessor`, so it is made once per grade value and cached
/// with it (`GradeProcessorCache`).
extension GradeProcessor {
    /// Points per axis of a baked lattice: at 49 a graded frame is about 67 dB PSNR from the
    /// reference, at most about 1.5 % off where the mixed channels cross the LUT's domain edge
    /// (`GradeKernelTests`), and a bake is 118 k evaluations when the grade changes. At 65 it
    /// was 70 dB and 1 %, but the loop reads the lattice's 64-byte records from memory more
    /// than it computes: 65³ is 17.6 MB, 49³ 7.5 MB, and a 1080p frame on one core grades about
    /// 1.1 ms faster (`bench post`).
    static let bakedSize = 49

    /// What `apply` does per pixel for this grade (for `bench post`'s report).
    public var fastPath: String {
        let lattice = "\(kernel.size)x\(kernel.size)x\(kernel.size) lattice"
        if matrix != nil, lut != nil { return "1D shaping + \(lattice) baked from contrast/saturation and the LUT, tetrahedral" }
        if matrix == nil, let lut, case .threeD = lut.shape { return "1D shaping + the LUT's own \(lattice), \(lut.interpolation.rawValue)" }
        return "1D shaping + \(lattice) (affine, exact), tetrahedral"
    }

    static func makeKernel(curves: [Float]?, matrix: [Float]?, offset: Float, lut: CompiledLUT?) -> GradeKernel {
        func curve(_ c: Int, _ v: Int) -> Float { curves.map { $0[c * 65_536 + v] } ?? Float(v) / 65_535 }
        var coordinates = [Float](repeating: 0, count: 3 * 65_536)
        if matrix == nil, let lut, case .threeD(let n) = lut.shape {
            let origin = [lut.domainMin.0, lut.domainMin.1, lut.domainMin.2], scale = [lut.scale.0, lut.scale.1, lut.scale.2]
            for c in 0..<3 {
                for v in 0..<65_536 { coordinates[c * 65_536 + v] = (curve(c, v) - origin[c]) * scale[c] }
            }
            let lattice = (0..<(n * n * n)).map { SIMD4(lut.values[$0 * 3], lut.values[$0 * 3 + 1], lut.values[$0 * 3 + 2], 0) }
            return GradeKernel(coordinates: coordinates, lattice: lattice, size: n, tetrahedral: lut.interpolation == .tetrahedral)
        }
        // What the per-channel steps output (a 1D LUT is per channel too when no matrix mixes
        // the channels first), and its range per channel, which the lattice spans.
        var outputs = [Float](repeating: 0, count: 3 * 65_536)
        for v in 0..<65_536 {
            var rgb = (curve(0, v), curve(1, v), curve(2, v))
            if matrix == nil, let lut { rgb = lut.sample(rgb) }
            outputs[v] = rgb.0
            outputs[65_536 + v] = rgb.1
            outputs[131_072 + v] = rgb.2
        }
        let n = matrix != nil && lut != nil ? bakedSize : 2
        var low = [Float](repeating: 0, count: 3), step = [Float](repeating: 0, count: 3)
        for c in 0..<3 {
            let channel = outputs[(c * 65_536)..<((c + 1) * 65_536)]
            let lo = channel.min() ?? 0, hi = channel.max() ?? 1
            low[c] = lo
            step[c] = hi > lo ? (hi - lo) / Float(n - 1) : 1
            for v in 0..<65_536 { coordinates[c * 65_536 + v] = (outputs[c * 65_536 + v] - lo) / step[c] }
        }
        var lattice = [SIMD4<Float>](repeating: .zero, count: n * n * n)
        let origin = low, spacing = step
        lattice.withUnsafeMutableBufferPointer { buffer in
            // One blue plane per task, on every core: a bake is paid when a nudge changes the grade.
            nonisolated(unsafe) let points = buffer.baseAddress!
            DispatchQueue.concurrentPerform(iterations: n) { b in
                for g in 0..<n {
                    for r in 0..<n {
                        let point = (origin[0] + Float(r) * spacing[0], origin[1] + Float(g) * spacing[1], origin[2] + Float(b) * spacing[2])
                        let out = matrix == nil ? point : afterCurves(point, matrix: matrix, offset: offset, lut: lut)
                        points[r + g * n + b * n * n] = SIMD4(out.0, out.1, out.2, 0)
                    }
                }
            }
        }
        return GradeKernel(coordinates: coordinates, lattice: lattice, size: n, tetrahedral: true)
    }
}
