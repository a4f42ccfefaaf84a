import Analysis
import XCTest

/// The scopes' fast loops (vector conversion, interleaved counting) against the same numbers
/// computed the plain way, pixel by pixel, on seeded random frames at 8 and 10 bits in every
/// subsampling and both ranges and matrices: the counts must be identical, not close.
final class ScopeReferenceTests: XCTestCase {
    /// R′G′B′ of one pixel as `RGBParade` defines it: BT.709 §3 / BT.601 §2.5 in integers
    /// scaled by 2^14, chroma rescaled by the luma/chroma excursion ratio, rounded half up.
    struct Reference {
        let levels: VideoLevels
        let crToR: Int, cbToG: Int, crToG: Int, cbToB: Int

        init(_ image: ScopeImage) {
            levels = image.levels
            let ratio = levels.lumaExcursion / levels.chromaExcursion
            let kr = image.matrix.kr, kb = image.matrix.kb, kg = image.matrix.kg
            func q(_ v: Double) -> Int { Int((v * 16_384).rounded()) }
            crToR = q(ratio * 2 * (1 - kr))
            cbToB = q(ratio * 2 * (1 - kb))
            cbToG = q(ratio * 2 * kb * (1 - kb) / kg)
            crToG = q(ratio * 2 * kr * (1 - kr) / kg)
        }

        func rgb(y: Int, cb: Int, cr: Int) -> (Int, Int, Int) {
            let u = cb - Int(levels.chromaCentre), v = cr - Int(levels.chromaCentre)
            func clamp(_ x: Int) -> Int { min(max(x, 0), levels.maxCode) }
            return (clamp(y + ((crToR * v + 8_192) >> 14)),
                    clamp(y + ((8_192 - cbToG * u - crToG * v) >> 14)),
                    clamp(y + ((cbToB * u + 8_192) >> 14)))
        }
    }

    /// A frame of random codes (a fixed seed), every code of the bit depth possible.
    func randomFrame(width: Int, height: Int, bitDepth: Int, subsampling: ChromaSubsampling, range: ColourRange,
                     matrix: ColourMatrix, seed: UInt64) throws -> ScopeImage {
        var state = seed
        func next() -> UInt16 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt16(truncatingIfNeeded: state >> 33) & UInt16((1 << bitDepth) - 1)
        }
        let (cw, ch) = ScopeImage.chromaSize(width: width, height: height, subsampling: subsampling)
        let y = (0..<(width * height)).map { _ in next() }
        let cb = (0..<(cw * ch)).map { _ in next() }, cr = (0..<(cw * ch)).map { _ in next() }
        return try ScopeImage(width: width, height: height, bitDepth: bitDepth, range: range, matrix: matrix,
                              planes: .yCbCr(y: y, cb: cb, cr: cr, subsampling: subsampling))
    }

    /// Waveform, parade, both histograms and the vectorscope of `image`, each against its plain
    /// per-pixel count.
    func checkAgainstReference(_ image: ScopeImage, columns: Int, label: String) {
        guard case let .yCbCr(yPlane, cbPlane, crPlane, subsampling) = image.planes else { return XCTFail("Y′CbCr expected") }
        let w = image.width, h = image.height, codes = image.levels.codeCount
        let (sx, sy) = subsampling.shift
        let cw = ScopeImage.chromaSize(width: w, height: h, subsampling: subsampling).width
        let reference = Reference(image)
        var waveform = [UInt32](repeating: 0, count: columns * codes)
        var red = waveform, green = waveform, blue = waveform
        var lumaCounts = [UInt32](repeating: 0, count: codes)
        var redCounts = lumaCounts, greenCounts = lumaCounts, blueCounts = lumaCounts
        for y in 0..<h {
            for x in 0..<w {
                let luma = Int(yPlane[y * w + x]), c = (y >> sy) * cw + (x >> sx)
                let (r, g, b) = reference.rgb(y: luma, cb: Int(cbPlane[c]), cr: Int(crPlane[c]))
                let column = (x * columns / w) * codes
                waveform[column + luma] += 1
                red[column + r] += 1
                green[column + g] += 1
                blue[column + b] += 1
                lumaCounts[luma] += 1
                redCounts[r] += 1
                greenCounts[g] += 1
                blueCounts[b] += 1
            }
        }
        XCTAssertEqual(LumaWaveform.compute(image, columns: columns).counts, waveform, "waveform \(label)")
        let parade = RGBParade.compute(image, columnsPerChannel: columns)
        XCTAssertEqual(parade.red, red, "parade R′ \(label)")
        XCTAssertEqual(parade.green, green, "parade G′ \(label)")
        XCTAssertEqual(parade.blue, blue, "parade B′ \(label)")
        XCTAssertEqual(LumaHistogram.compute(image).counts, lumaCounts, "luma histogram \(label)")
        let histogram = RGBHistogram.compute(image)
        XCTAssertEqual(histogram.red, redCounts, "RGB histogram R′ \(label)")
        XCTAssertEqual(histogram.green, greenCounts, "RGB histogram G′ \(label)")
        XCTAssertEqual(histogram.blue, blueCounts, "RGB histogram B′ \(label)")

        // The vectorscope reads chroma at its own resolution, every `stride`-th sample and row.
        let stride = 2
        let scope = Vectorscope.compute(image, size: 256, stride: stride)
        var grid = [UInt32](repeating: 0, count: 256 * 256)
        let ch = cbPlane.count / cw
        for y in Swift.stride(from: 0, to: ch, by: stride) {
            for x in Swift.stride(from: 0, to: cw, by: stride) {
                let cb = Int(cbPlane[y * cw + x]), cr = Int(crPlane[y * cw + x])
                grid[((cr * 256) >> image.bitDepth) * 256 + ((cb * 256) >> image.bitDepth)] += 1
            }
        }
        XCTAssertEqual(scope.counts, grid, "vectorscope \(label)")
    }

    func testRandomFramesMatchThePlainCountAtEightAndTenBits() throws {
        var seed: UInt64 = 1
        // 203 columns: vector blocks, a scalar tail and an odd chroma sample; 7 rows: odd 4:2:0.
        for bitDepth in [8, 10] {
            for subsampling in ChromaSubsampling.allCases {
                for (range, matrix) in [(ColourRange.limited, ColourMatrix.bt709), (.full, .bt601)] {
                    seed += 1
                    let image = try randomFrame(width: 203, height: 7, bitDepth: bitDepth, subsampling: subsampling,
                                                range: range, matrix: matrix, seed: seed)
                    checkAgainstReference(image, columns: 61, label: "\(bitDepth)-bit \(subsampling) \(range) \(matrix) seed \(seed)")
                }
            }
        }
    }

    func testEveryTenBitChromaPairConvertsAsThePlainFormula() throws {
        // 4:4:4 with Cb = column and Cr = row: every one of the 1024² chroma pairs once, over
        // random luma; with one parade column per picture column a pixel converted wrongly
        // moves a count.
        let size = 1_024
        var state: UInt64 = 7
        let luma = (0..<(size * size)).map { _ -> UInt16 in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt16(truncatingIfNeeded: state >> 33) & 1_023
        }
        let cb = (0..<(size * size)).map { UInt16($0 % size) }, cr = (0..<(size * size)).map { UInt16($0 / size) }
        for (range, matrix) in [(ColourRange.limited, ColourMatrix.bt709), (.full, .bt601)] {
            let image = try ScopeImage(width: size, height: size, bitDepth: 10, range: range, matrix: matrix,
                                       planes: .yCbCr(y: luma, cb: cb, cr: cr, subsampling: .yuv444))
            checkAgainstReference(image, columns: size, label: "every 10-bit chroma pair, \(range) \(matrix)")
        }
    }
}
