/// Synthetic pictures for benchmarks and tests: no decoder needed.
public enum TestPattern {
    /// 75% colour bars over the top two thirds (white, yellow, cyan, green, magenta, red, blue,
    /// as in SMPTE RP 219's top row) and a black-to-white luma ramp below, as Y′CbCr of `matrix`.
    public static func barsAndRamp(width: Int = 1920, height: Int = 1080, bitDepth: Int = 8,
                                   range: ColourRange = .limited, matrix: ColourMatrix = .bt709,
                                   subsampling: ChromaSubsampling = .yuv420) throws(ScopeImageError) -> ScopeImage {
        let levels = VideoLevels(bitDepth: bitDepth, range: range)
        let bars: [(Double, Double, Double)] = [(1, 1, 1), (1, 1, 0), (0, 1, 1), (0, 1, 0), (1, 0, 1), (1, 0, 0), (0, 0, 1)]
        let barRows = height * 2 / 3
        func sample(_ x: Int, _ y: Int) -> (y: UInt16, cb: UInt16, cr: UInt16) {
            let c: (y: Double, cb: Double, cr: Double)
            if y < barRows {
                let (r, g, b) = bars[min(x * bars.count / width, bars.count - 1)]
                c = matrix.yCbCr(r: 0.75 * r, g: 0.75 * g, b: 0.75 * b)
            } else {
                c = (Double(x) / Double(max(width - 1, 1)), 0, 0)
            }
            return (UInt16(levels.lumaCode(c.y).rounded()), UInt16(levels.chromaCode(c.cb).rounded()),
                    UInt16(levels.chromaCode(c.cr).rounded()))
        }
        var luma = [UInt16](repeating: 0, count: width * height)
        for y in 0..<height { for x in 0..<width { luma[y * width + x] = sample(x, y).y } }
        let (cw, ch) = ScopeImage.chromaSize(width: width, height: height, subsampling: subsampling)
        let (sx, sy) = subsampling.shift
        var cb = [UInt16](repeating: 0, count: cw * ch), cr = cb
        for y in 0..<ch {
            for x in 0..<cw {
                let s = sample(x << sx, y << sy)
                cb[y * cw + x] = s.cb
                cr[y * cw + x] = s.cr
            }
        }
        return try ScopeImage(width: width, height: height, bitDepth: bitDepth, range: range, matrix: matrix,
                              planes: .yCbCr(y: luma, cb: cb, cr: cr, subsampling: subsampling))
    }
}
