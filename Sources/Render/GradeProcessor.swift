import Foundation
import TimelineModel

/// A `Grade` compiled for pictures: the per-channel steps (white balance, exposure,
/// lift/gamma/gain) folded into one table per channel indexed by the 16-bit sample, contrast
/// and saturation folded into one 3×3 matrix plus offset (both are linear in R′G′B′), then the
/// LUT; the tables are exact for 16-bit input. `applyReference` computes it so, plainly. The
/// fast path `apply` goes one step further (`GradeProcessor+Lattice`): per channel a shaping
/// table, then one 3D lattice lookup, whatever the grade (contrast or saturation followed by a
/// LUT is baked into that lattice). The formulas are `Grade`'s.
public final class GradeProcessor: @unchecked Sendable {
    public let grade: Grade
    /// 3 × 65536 outputs, red then green then blue (nil when the steps are all neutral).
    let curves: [Float]?
    /// Row-major, rows are output channels; nil when contrast and saturation are neutral.
    let matrix: [Float]?
    let offset: Float
    let lut: CompiledLUT?
    /// The same, laid out for the fast loop (`GradeProcessor+Lattice`): made once per grade.
    let kernel: GradeKernel

    /// BT.709 luma weights: the working R′G′B′ is display-referred HD video.
    static let luma: [Double] = [0.2126, 0.7152, 0.0722]

    /// Compiles `grade`, reading its LUT file (the error names the file and line).
    public init(_ grade: Grade) throws(CubeLUTError) {
        self.grade = grade
        curves = Self.curves(for: grade)
        let c = grade.contrast, s = grade.saturation, p = grade.pivot
        if c != 1 || s != 1 {
            // x2 = s·x + (c − s)·Y′ + p·(1 − c), with Y′ = Σ w_j x_j (see `Grade`).
            var m = [Float](repeating: 0, count: 9)
            for i in 0..<3 {
                for j in 0..<3 { m[i * 3 + j] = Float((i == j ? s : 0) + (c - s) * Self.luma[j]) }
            }
            matrix = m
        } else {
            matrix = nil
        }
        offset = Float(p * (1 - c))
        lut = try grade.lut.map { l throws(CubeLUTError) in
            CompiledLUT(try CubeLUT.load(path: l.path), interpolation: l.interpolation)
        }
        kernel = Self.makeKernel(curves: curves, matrix: matrix, offset: offset, lut: lut)
    }

    /// The combined per-channel curve of steps 1 and 2, or nil where they change nothing.
    static func curves(for grade: Grade) -> [Float]? {
        let balance = whiteBalance(temperature: grade.temperature, tint: grade.tint)
        let exposure = pow(2, grade.exposure)
        let linearStep = grade.exposure != 0 || grade.temperature != 0 || grade.tint != 0
        let lggNeutral = grade.lift == ChannelValues(all: 0) && grade.gamma == ChannelValues(all: 1) && grade.gain == ChannelValues(all: 1)
        if !linearStep && lggNeutral { return nil }
        var table = [Float](repeating: 0, count: 3 * 65_536)
        let channels: [GradeChannel] = [.red, .green, .blue]
        for (k, channel) in channels.enumerated() {
            let lift = grade.lift[channel] + grade.lift.master
            let inverseGamma = 1 / (grade.gamma[channel] * grade.gamma.master)
            let gain = grade.gain[channel] * grade.gain.master
            let scale = exposure * balance[k]
            for v in 0..<65_536 {
                var x = Double(v) / 65_535
                if linearStep { x = pow(pow(x, 2.4) * scale, 1 / 2.4) }
                if !lggNeutral { x = gain * pow(max(x + lift * (1 - x), 0), inverseGamma) }
                table[k * 65_536 + v] = Float(x)
            }
        }
        return table
    }

    /// The linear-light multipliers for R, G, B (luminance of white kept).
    public static func whiteBalance(temperature: Double, tint: Double) -> [Double] {
        let k = [pow(2, temperature / 2), pow(2, -tint / 2), pow(2, -temperature / 2)]
        let white = luma[0] * k[0] + luma[1] * k[1] + luma[2] * k[2]
        return k.map { $0 / white }
    }

    /// Steps 3–5 on one value, as `applyReference` computes them (before clamping).
    func afterCurves(_ rgb: (Float, Float, Float)) -> (Float, Float, Float) {
        Self.afterCurves(rgb, matrix: matrix, offset: offset, lut: lut)
    }

    static func afterCurves(_ rgb: (Float, Float, Float), matrix: [Float]?, offset: Float, lut: CompiledLUT?) -> (Float, Float, Float) {
        var rgb = rgb
        if let m = matrix {
            rgb = (m[0] * rgb.0 + m[1] * rgb.1 + m[2] * rgb.2 + offset,
                   m[3] * rgb.0 + m[4] * rgb.1 + m[5] * rgb.2 + offset,
                   m[6] * rgb.0 + m[7] * rgb.1 + m[8] * rgb.2 + offset)
        }
        if let lut { rgb = lut.sample(rgb) }
        return rgb
    }

    /// Grades one R′G′B′ value in [0, 1] (for tests and `grade-match`): what `apply` does per
    /// pixel, or with `reference` what `applyReference` does (the formulas, exactly at 16 bits).
    public func graded(_ rgb: (Double, Double, Double), reference: Bool = false) -> (Double, Double, Double) {
        var image = RGBA64Image(width: 1, height: 1)
        func q(_ v: Double) -> UInt16 { UInt16((min(max(v, 0), 1) * 65_535).rounded()) }
        image.samples = [q(rgb.0), q(rgb.1), q(rgb.2), .max]
        if reference { applyReference(to: &image) } else { apply(to: &image) }
        return (Double(image.samples[0]) / 65_535, Double(image.samples[1]) / 65_535, Double(image.samples[2]) / 65_535)
    }

    /// Grades the picture in place (alpha untouched), on the calling thread.
    public func apply(to image: inout RGBA64Image) {
        let pixels = image.width * image.height
        image.samples.withUnsafeMutableBufferPointer { kernel.run($0.baseAddress!, pixels: pixels) }
    }

    /// The same, split into `threads` bands of pixels graded at once (each pixel is graded on
    /// its own, so the picture is identical): the preview's picture thread and export grade this
    /// way, so a grade costs a frame a fraction of its one-core time where cores are free.
    public func apply(to image: inout RGBA64Image, threads: Int) {
        let pixels = image.width * image.height
        let bands = max(1, min(threads, pixels / 65_536))
        guard bands > 1 else { return apply(to: &image) }
        let kernel = self.kernel
        image.samples.withUnsafeMutableBufferPointer { buffer in
            // Disjoint bands of one buffer that outlives the call: safe to share.
            nonisolated(unsafe) let base = buffer.baseAddress!
            DispatchQueue.concurrentPerform(iterations: bands) { band in
                let start = pixels * band / bands, end = pixels * (band + 1) / bands
                kernel.run(base + start * 4, pixels: end - start)
            }
        }
    }

    /// The cores a grade is split over outside benchmarks.
    public static let threads = max(1, ProcessInfo.processInfo.activeProcessorCount)

    /// `apply` written plainly, one step after another on tuples of floats: the reference the
    /// fast loop is checked against (`GradeKernelTests`) and timed against (`bench post`).
    public func applyReference(to image: inout RGBA64Image) {
        let pixels = image.width * image.height
        image.samples.withUnsafeMutableBufferPointer { samples in
            withCurves { curves in
                var rgb: (Float, Float, Float) = (0, 0, 0)
                for p in 0..<pixels {
                    let i = p * 4
                    if let curves {
                        rgb = (curves[Int(samples[i])], curves[65_536 + Int(samples[i + 1])], curves[131_072 + Int(samples[i + 2])])
                    } else {
                        rgb = (Float(samples[i]) / 65_535, Float(samples[i + 1]) / 65_535, Float(samples[i + 2]) / 65_535)
                    }
                    rgb = afterCurves(rgb)
                    samples[i] = Self.quantise(rgb.0)
                    samples[i + 1] = Self.quantise(rgb.1)
                    samples[i + 2] = Self.quantise(rgb.2)
                }
            }
        }
    }

    private func withCurves<R>(_ body: (UnsafeBufferPointer<Float>?) -> R) -> R {
        guard let curves else { return body(nil) }
        return curves.withUnsafeBufferPointer { body($0) }
    }

    @inline(__always) static func quantise(_ v: Float) -> UInt16 {
        guard v > 0 else { return 0 }   // NaN lands here too
        guard v < 1 else { return .max }
        return UInt16(v * 65_535 + 0.5)
    }
}
