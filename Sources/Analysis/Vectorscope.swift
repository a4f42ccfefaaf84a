import Foundation

/// A colour target on the vectorscope: where a bar of a given colour and saturation must land
/// (SMPTE RP 219 / EBU colour bars), computed from the frame's matrix and levels rather than
/// hard-coded, so BT.601 and BT.709 material each get their own targets.
public struct VectorscopeTarget: Sendable, Equatable {
    public enum Colour: String, Sendable, CaseIterable {
        case red, yellow, green, cyan, blue, magenta

        /// Normalised R′G′B′ of the fully saturated colour.
        var rgb: (Double, Double, Double) {
            switch self {
            case .red: (1, 0, 0)
            case .yellow: (1, 1, 0)
            case .green: (0, 1, 0)
            case .cyan: (0, 1, 1)
            case .blue: (0, 0, 1)
            case .magenta: (1, 0, 1)
            }
        }

        /// The label engraved next to the box on a broadcast vectorscope.
        public var label: String {
            switch self {
            case .red: "R"
            case .yellow: "Yl"
            case .green: "G"
            case .cyan: "Cy"
            case .blue: "B"
            case .magenta: "Mg"
            }
        }
    }

    public let colour: Colour
    /// 0.75 for 75% bars, 1.0 for 100% bars.
    public let saturation: Double
    /// Normalised chroma of the target (−0.5…0.5).
    public let cb: Double
    public let cr: Double

    public init(colour: Colour, saturation: Double, matrix: ColourMatrix) {
        let (r, g, b) = colour.rgb
        let c = matrix.yCbCr(r: r * saturation, g: g * saturation, b: b * saturation)
        self.colour = colour
        self.saturation = saturation
        self.cb = c.cb
        self.cr = c.cr
    }

    /// Vector angle in degrees, counter-clockwise from +Cb (3 o'clock), 0…360.
    public var angle: Double { Vectorscope.angle(cb: cb, cr: cr) }
    /// Vector length in normalised chroma units.
    public var magnitude: Double { (cb * cb + cr * cr).squareRoot() }

    /// Whether normalised chroma (cb, cr) lies in this target's box: within `phase` degrees of
    /// its angle and `amplitude` (a fraction) of its length. The defaults are the small boxes of
    /// a broadcast vectorscope graticule (±3°, ±5%); the large boxes are ±10°, ±20%.
    public func contains(cb: Double, cr: Double, phase: Double = 3, amplitude: Double = 0.05) -> Bool {
        let m = (cb * cb + cr * cr).squareRoot()
        guard abs(m - magnitude) <= amplitude * magnitude else { return false }
        var d = abs(Vectorscope.angle(cb: cb, cr: cr) - angle)
        if d > 180 { d = 360 - d }
        return d <= phase
    }

    /// The six targets of one saturation in display order (R, Mg, B, Cy, G, Yl around the circle).
    public static func all(saturation: Double, matrix: ColourMatrix) -> [VectorscopeTarget] {
        Colour.allCases.map { VectorscopeTarget(colour: $0, saturation: saturation, matrix: matrix) }
    }
}

/// The vectorscope: a 2-D density of chroma, Cb across and Cr up, on a `size` × `size` grid that
/// spans the whole code range (so even illegal chroma stays on the grid).
///
/// Subsampled, and why that stays exact enough: a vectorscope shows *where* chroma lies, not
/// where in the picture it is. 4:2:0 and 4:2:2 frames are read at their chroma resolution,
/// which is all the chroma information the frame has (every sample stands for 4 or 2 pixels of
/// equal weight). 4:4:4 and R′G′B′ frames above 1 Mpixel are read with a fixed stride (every 2nd
/// sample of every 2nd row at 1080p): a regular 1-in-4 sample keeps 518,400 points at 1080p, so
/// any colour covering more than a few hundred pixels still puts hundreds of counts in its grid
/// cell; only isolated single pixels can be missed, and a text pane could not show them anyway.
public struct Vectorscope: Sendable {
    /// The skin-tone line, drawn where broadcast vectorscopes draw it: 123° counter-clockwise
    /// from +Cb (the NTSC I axis), between red and yellow. Typical skin of any complexion falls
    /// near it; it is a convention, not a colourimetric constant.
    public static let skinToneAngle = 123.0

    public let size: Int
    public let levels: VideoLevels
    public let matrix: ColourMatrix
    /// Row-major counts, `counts[crIndex * size + cbIndex]`; row 0 is the lowest Cr.
    public let counts: [UInt32]
    /// The chroma-sample stride used in both directions.
    public let stride: Int
    public let sampledCount: Int

    /// Stride that keeps the number of chroma samples read at or below about one million.
    public static func defaultStride(for image: ScopeImage) -> Int {
        let samples: Int
        switch image.planes {
        case let .yCbCr(_, cb, _, _): samples = cb.count
        case .rgb: samples = image.pixelCount
        }
        var s = 1
        while samples / (s * s) > 1_100_000 { s += 1 }
        return s
    }

    public static func compute(_ image: ScopeImage, size requested: Int = 256, stride: Int? = nil) -> Vectorscope {
        let size = min(max(requested, 8), image.levels.codeCount)
        let step = max(stride ?? defaultStride(for: image), 1)
        // Code value → grid index, looked up in a table (one entry per code value).
        let bitDepth = image.levels.bitDepth
        let maxCode = UInt16(image.levels.maxCode)
        let table = (0..<image.levels.codeCount).map { ($0 * size) >> bitDepth }
        var grid = [UInt32](repeating: 0, count: size * size)
        var sampled = 0
        grid.withUnsafeMutableBufferPointer { g in table.withUnsafeBufferPointer { t in
            let gp = g.baseAddress!, tp = t.baseAddress!
            image.forEachChromaRow(stride: step) { cbRow, crRow in
                let cbp = cbRow.baseAddress!, crp = crRow.baseAddress!
                for i in 0..<cbRow.count {
                    let x = tp[Int(min(cbp[i], maxCode))], y = tp[Int(min(crp[i], maxCode))]
                    gp[y &* size &+ x] &+= 1
                }
                sampled += cbRow.count
            }
        }}
        return Vectorscope(size: size, levels: image.levels, matrix: image.matrix, counts: grid, stride: step,
                           sampledCount: sampled)
    }

    /// Angle in degrees counter-clockwise from +Cb, 0…360.
    public static func angle(cb: Double, cr: Double) -> Double {
        let a = atan2(cr, cb) * 180 / .pi
        return a < 0 ? a + 360 : a
    }

    /// The 75% and 100% targets for this scope's matrix.
    public var targets: [VectorscopeTarget] {
        VectorscopeTarget.all(saturation: 0.75, matrix: matrix) + VectorscopeTarget.all(saturation: 1, matrix: matrix)
    }

    /// Normalised chroma (−0.5…0.5) at the centre of the code values grid cell (x, y) holds
    /// (at 8 bits and size 256, exactly the code x, y).
    public func chroma(x: Int, y: Int) -> (cb: Double, cr: Double) {
        let codePerCell = Double(levels.codeCount) / Double(size)
        let offset = (codePerCell - 1) / 2
        return ((Double(x) * codePerCell + offset - levels.chromaCentre) / levels.chromaExcursion,
                (Double(y) * codePerCell + offset - levels.chromaCentre) / levels.chromaExcursion)
    }

    /// Counts whose grid cell lies inside `target`'s box (see `VectorscopeTarget.contains`).
    public func count(inside target: VectorscopeTarget, phase: Double = 3, amplitude: Double = 0.05) -> Int {
        var n = 0
        for y in 0..<size {
            for x in 0..<size where counts[y * size + x] > 0 {
                let c = chroma(x: x, y: y)
                if target.contains(cb: c.cb, cr: c.cr, phase: phase, amplitude: amplitude) { n += Int(counts[y * size + x]) }
            }
        }
        return n
    }

    /// A square of `diameter` × `diameter` dots: the density, and with `graticule` the axes, the
    /// circle of full chroma (|C| = 0.5), 75% target boxes, 100% target corners and the skin-tone line.
    public func raster(diameter: Int, graticule: Bool = true) -> ScopeRaster {
        var raster = ScopeRaster(width: diameter, height: diameter)
        guard diameter > 0 else { return raster }
        for y in 0..<size {
            for x in 0..<size where counts[y * size + x] > 0 {
                raster.add(x: x * diameter / size, y: diameter - 1 - y * diameter / size, count: counts[y * size + x])
            }
        }
        if graticule { drawGraticule(on: &raster) }
        return raster
    }

    /// Rendered text for a pane `rows` tall; the scope is square in dots, so it is
    /// `rows · dotsPerCell.y / dotsPerCell.x` cells wide.
    public func text(rows: Int, mode: ScopeTextMode = .braille, graticule: Bool = true) -> ScopeText {
        raster(diameter: rows * mode.dotsPerCell.y, graticule: graticule).text(mode)
    }

    /// Dot position of normalised chroma on a raster of `diameter` dots.
    func dot(cb: Double, cr: Double, diameter: Int) -> (x: Double, y: Double) {
        let scale = levels.chromaExcursion / Double(levels.codeCount) * Double(diameter)
        let centre = levels.chromaCentre / Double(levels.codeCount) * Double(diameter)
        return (centre + cb * scale, Double(diameter - 1) - (centre + cr * scale))
    }

    func drawGraticule(on raster: inout ScopeRaster) {
        let d = raster.width
        let c = dot(cb: 0, cr: 0, diameter: d)
        let edge = dot(cb: 0.5, cr: 0, diameter: d).x - c.x
        raster.line(from: (c.x - edge, c.y), to: (c.x + edge, c.y), role: .graticule, dash: 2)
        raster.line(from: (c.x, c.y - edge), to: (c.x, c.y + edge), role: .graticule, dash: 2)
        let segments = max(Int(edge * 6), 24)
        for s in 0..<segments where s % 2 == 0 {
            let a = Double(s) / Double(segments) * 2 * .pi
            raster.mark(x: Int((c.x + edge * cos(a)).rounded()), y: Int((c.y - edge * sin(a)).rounded()), role: .graticule)
        }
        let skin = Self.skinToneAngle * .pi / 180
        raster.line(from: c, to: (c.x + edge * cos(skin), c.y - edge * sin(skin)), role: .skinTone)
        let half = max(1.0, Double(d) / 48)
        for target in targets {
            let p = dot(cb: target.cb, cr: target.cr, diameter: d)
            if target.saturation < 1 {
                let corners = [(p.x - half, p.y - half), (p.x + half, p.y - half), (p.x + half, p.y + half), (p.x - half, p.y + half)]
                for i in 0..<4 { raster.line(from: corners[i], to: corners[(i + 1) % 4], role: .target) }
            } else {
                for (sx, sy) in [(-1.0, -1.0), (1, -1), (1, 1), (-1, 1)] {
                    raster.mark(x: Int((p.x + sx * half).rounded()), y: Int((p.y + sy * half).rounded()), role: .target)
                }
            }
        }
    }
}
