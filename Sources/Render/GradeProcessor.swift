import Foundation
import TimelineModel

/// A `Grade` compiled for pictures: the per-channel steps (white balance, exposure,
/// lift/gamma/gain) folded into one table per channel indexed by the 16-bit sample, contrast
/// and saturation folded into one 3×3 matrix plus offset (both are linear in R′G′B′), then the
/// LUT. So a pixel costs three table reads, nine multiply-adds and the LUT, whatever the grade;
/// and the tables are exact for 16-bit input, so nothing is lost to the compilation.
/// The formulas are `Grade`'s.
public final class GradeProcessor: @unchecked Sendable {
    public let grade: Grade
    /// 3 × 65536 outputs, red then green then blue (nil when the steps are all neutral).
    let curves: [Float]?
    /// Row-major, rows are output channels; nil when contrast and saturation are neutral.
    let matrix: [Float]?
    let offset: Float
    let lut: CompiledLUT?

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

    /// Grades one R′G′B′ value in [0, 1] (for tests and `grade-match`): what `apply` does per pixel.
    public func graded(_ rgb: (Double, Double, Double)) -> (Double, Double, Double) {
        var image = RGBA64Image(width: 1, height: 1)
        func q(_ v: Double) -> UInt16 { UInt16((min(max(v, 0), 1) * 65_535).rounded()) }
        image.samples = [q(rgb.0), q(rgb.1), q(rgb.2), .max]
        apply(to: &image)
        return (Double(image.samples[0]) / 65_535, Double(image.samples[1]) / 65_535, Double(image.samples[2]) / 65_535)
    }

    /// Grades the picture in place (alpha untouched).
    public func apply(to image: inout RGBA64Image) {
        let pixels = image.width * image.height
        let matrix = self.matrix ?? [1, 0, 0, 0, 1, 0, 0, 0, 1]
        let hasMatrix = self.matrix != nil
        let offset = hasMatrix ? self.offset : 0
        image.samples.withUnsafeMutableBufferPointer { samples in
            withCurves { curves in
                matrix.withUnsafeBufferPointer { m in
                    var rgb: (Float, Float, Float) = (0, 0, 0)
                    for p in 0..<pixels {
                        let i = p * 4
                        if let curves {
                            rgb = (curves[Int(samples[i])], curves[65_536 + Int(samples[i + 1])], curves[131_072 + Int(samples[i + 2])])
                        } else {
                            rgb = (Float(samples[i]) / 65_535, Float(samples[i + 1]) / 65_535, Float(samples[i + 2]) / 65_535)
                        }
                        if hasMatrix {
                            rgb = (m[0] * rgb.0 + m[1] * rgb.1 + m[2] * rgb.2 + offset,
                                   m[3] * rgb.0 + m[4] * rgb.1 + m[5] * rgb.2 + offset,
                                   m[6] * rgb.0 + m[7] * rgb.1 + m[8] * rgb.2 + offset)
                        }
                        if let lut { rgb = lut.sample(rgb) }
                        samples[i] = Self.quantise(rgb.0)
                        samples[i + 1] = Self.quantise(rgb.1)
                        samples[i + 2] = Self.quantise(rgb.2)
                    }
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

/// A parsed `.cube` ready to sample: input mapped from its domain onto the lattice.
struct CompiledLUT: Sendable {
    let shape: CubeLUT.Shape
    let size: Int
    let values: [Float]
    let interpolation: LUTInterpolation
    let domainMin: (Float, Float, Float)
    /// (size − 1) / (max − min) per channel.
    let scale: (Float, Float, Float)

    init(_ lut: CubeLUT, interpolation: LUTInterpolation) {
        shape = lut.shape
        switch lut.shape {
        case .oneD(let n): size = n
        case .threeD(let n): size = n
        }
        values = lut.values
        self.interpolation = interpolation
        domainMin = (Float(lut.domainMin[0]), Float(lut.domainMin[1]), Float(lut.domainMin[2]))
        let n = Double(size - 1)
        scale = (Float(n / (lut.domainMax[0] - lut.domainMin[0])), Float(n / (lut.domainMax[1] - lut.domainMin[1])),
                 Float(n / (lut.domainMax[2] - lut.domainMin[2])))
    }

    @inline(__always) func sample(_ rgb: (Float, Float, Float)) -> (Float, Float, Float) {
        let top = Float(size - 1)
        let r = min(max((rgb.0 - domainMin.0) * scale.0, 0), top)
        let g = min(max((rgb.1 - domainMin.1) * scale.1, 0), top)
        let b = min(max((rgb.2 - domainMin.2) * scale.2, 0), top)
        return values.withUnsafeBufferPointer { v in
            if case .oneD = shape {
                return (linear(v, r, 0), linear(v, g, 1), linear(v, b, 2))
            }
            return interpolation == .trilinear ? trilinear(v, r, g, b) : tetrahedral(v, r, g, b)
        }
    }

    @inline(__always) private func linear(_ v: UnsafeBufferPointer<Float>, _ x: Float, _ channel: Int) -> Float {
        let i = Int(x), j = min(i + 1, size - 1), d = x - Float(i)
        return v[i * 3 + channel] + (v[j * 3 + channel] - v[i * 3 + channel]) * d
    }

    @inline(__always) private func corner(_ v: UnsafeBufferPointer<Float>, _ r: Int, _ g: Int, _ b: Int) -> (Float, Float, Float) {
        let i = (r + g * size + b * size * size) * 3
        return (v[i], v[i + 1], v[i + 2])
    }

    private func trilinear(_ v: UnsafeBufferPointer<Float>, _ r: Float, _ g: Float, _ b: Float) -> (Float, Float, Float) {
        let r0 = Int(r), g0 = Int(g), b0 = Int(b)
        let r1 = min(r0 + 1, size - 1), g1 = min(g0 + 1, size - 1), b1 = min(b0 + 1, size - 1)
        let dr = r - Float(r0), dg = g - Float(g0), db = b - Float(b0)
        func mix(_ a: (Float, Float, Float), _ c: (Float, Float, Float), _ t: Float) -> (Float, Float, Float) {
            (a.0 + (c.0 - a.0) * t, a.1 + (c.1 - a.1) * t, a.2 + (c.2 - a.2) * t)
        }
        let c00 = mix(corner(v, r0, g0, b0), corner(v, r1, g0, b0), dr)
        let c10 = mix(corner(v, r0, g1, b0), corner(v, r1, g1, b0), dr)
        let c01 = mix(corner(v, r0, g0, b1), corner(v, r1, g0, b1), dr)
        let c11 = mix(corner(v, r0, g1, b1), corner(v, r1, g1, b1), dr)
        return mix(mix(c00, c10, dg), mix(c01, c11, dg), db)
    }

    /// The cell split into six tetrahedra along its neutral diagonal (ffmpeg `lut3d`'s
    /// `interp=tetrahedral`, the usual formulation).
    private func tetrahedral(_ v: UnsafeBufferPointer<Float>, _ r: Float, _ g: Float, _ b: Float) -> (Float, Float, Float) {
        let r0 = Int(r), g0 = Int(g), b0 = Int(b)
        let r1 = min(r0 + 1, size - 1), g1 = min(g0 + 1, size - 1), b1 = min(b0 + 1, size - 1)
        let dr = r - Float(r0), dg = g - Float(g0), db = b - Float(b0)
        let c000 = corner(v, r0, g0, b0), c111 = corner(v, r1, g1, b1)
        func sum(_ w0: Float, _ a: (Float, Float, Float), _ w1: Float, _ c: (Float, Float, Float),
                 _ w2: Float, _ d: (Float, Float, Float), _ w3: Float, _ e: (Float, Float, Float)) -> (Float, Float, Float) {
            (w0 * a.0 + w1 * c.0 + w2 * d.0 + w3 * e.0, w0 * a.1 + w1 * c.1 + w2 * d.1 + w3 * e.1, w0 * a.2 + w1 * c.2 + w2 * d.2 + w3 * e.2)
        }
        if dr > dg {
            if dg > db {
                return sum(1 - dr, c000, dr - dg, corner(v, r1, g0, b0), dg - db, corner(v, r1, g1, b0), db, c111)
            } else if dr > db {
                return sum(1 - dr, c000, dr - db, corner(v, r1, g0, b0), db - dg, corner(v, r1, g0, b1), dg, c111)
            } else {
                return sum(1 - db, c000, db - dr, corner(v, r0, g0, b1), dr - dg, corner(v, r1, g0, b1), dg, c111)
            }
        } else {
            if db > dg {
                return sum(1 - db, c000, db - dg, corner(v, r0, g0, b1), dg - dr, corner(v, r0, g1, b1), dr, c111)
            } else if db > dr {
                return sum(1 - dg, c000, dg - db, corner(v, r0, g1, b0), db - dr, corner(v, r0, g1, b1), dr, c111)
            } else {
                return sum(1 - dg, c000, dg - dr, corner(v, r0, g1, b0), dr - db, corner(v, r1, g1, b0), db, c111)
            }
        }
    }
}
