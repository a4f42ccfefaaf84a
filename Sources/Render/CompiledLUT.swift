import TimelineModel

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
