import Analysis
import Foundation
import XCTest

/// The scopes read FFmpeg's SMPTE RP 219 HD colour bars (BT.709, limited range) as a colourist
/// would: the 75% bars land in their vectorscope targets, the waveform shows each bar and the
/// PLUGE steps at their levels, the histograms count every pixel.
final class ColourBarScopeTests: XCTestCase {
    static let width = 1920, height = 1080
    /// Top-row bars 1…7 (75% white … blue) start after a W/8 grey bar and are (3/4·W)/7 wide.
    static let colours: [(VectorscopeTarget.Colour?, (Double, Double, Double))] = [
        (nil, (0.75, 0.75, 0.75)), (.yellow, (0.75, 0.75, 0)), (.cyan, (0, 0.75, 0.75)), (.green, (0, 0.75, 0)),
        (.magenta, (0.75, 0, 0.75)), (.red, (0.75, 0, 0)), (.blue, (0, 0, 0.75)),
    ]
    static func barCentre(_ index: Int) -> Int { width / 8 + Int((Double(index) + 0.5) * Double(width) * 0.75 / 7) }

    func bars(_ pixelFormat: String, bitDepth: Int, subsampling: ChromaSubsampling) throws -> ScopeImage {
        try requireFFmpeg("bars are generated with the ffmpeg CLI")
        let raw = try scratchDirectory(self).appendingPathComponent("bars.yuv")
        try ffmpeg(["-f", "lavfi", "-i", "smptehdbars=size=\(Self.width)x\(Self.height)", "-frames:v", "1",
                    "-pix_fmt", pixelFormat, "-f", "rawvideo", raw.path])
        return try loadRawYCbCr(raw, width: Self.width, height: Self.height, bitDepth: bitDepth, subsampling: subsampling)
    }

    func testVectorscopePutsEvery75PercentBarInsideItsTarget() throws {
        for (format, depth, sub) in [("yuv444p", 8, ChromaSubsampling.yuv444), ("yuv420p10le", 10, .yuv420)] {
            let image = try bars(format, bitDepth: depth, subsampling: sub)
            guard case let .yCbCr(_, cbPlane, crPlane, _) = image.planes else { return XCTFail("planes") }
            let (cw, _) = ScopeImage.chromaSize(width: image.width, height: image.height, subsampling: sub)
            let (sx, sy) = sub.shift
            let scope = Vectorscope.compute(image)
            for (index, (colour, _)) in Self.colours.enumerated() {
                guard let colour else { continue }
                let target = VectorscopeTarget(colour: colour, saturation: 0.75, matrix: .bt709)
                // Every chroma sample inside the bar (clear of the filtered edges, rows 20…600).
                let centre = Self.barCentre(index)
                var inside = 0, total = 0
                for y in stride(from: 20, to: 600, by: 1 << sy) {
                    for x in stride(from: centre - 80, to: centre + 80, by: 1 << sx) {
                        let i = (y >> sy) * cw + (x >> sx)
                        let cb = (Double(cbPlane[i]) - image.levels.chromaCentre) / image.levels.chromaExcursion
                        let cr = (Double(crPlane[i]) - image.levels.chromaCentre) / image.levels.chromaExcursion
                        total += 1
                        if target.contains(cb: cb, cr: cr) { inside += 1 }
                    }
                }
                XCTAssertEqual(inside, total, "\(format): \(colour) bar samples inside the 75% box")
                // And the scope's own grid has at least the bar's area (at its sampling) in the box.
                let barSamples = 630 * (Self.width * 3 / 28) / ((1 << (sx + sy)) * scope.stride * scope.stride)
                XCTAssertGreaterThan(Double(scope.count(inside: target)), 0.9 * Double(barSamples), "\(format): \(colour) in scope grid")
                // A box for a different colour holds none of this bar.
                let other = VectorscopeTarget(colour: colour == .red ? .yellow : .red, saturation: 0.75, matrix: .bt709)
                XCTAssertFalse(other.contains(cb: target.cb, cr: target.cr))
            }
            // RP 219 has 100% cyan, blue (second row) and yellow, red (third row) patches, each
            // W/8 × H/12 at the sides, and no 100% green or magenta anywhere.
            let patchSamples = (Self.width / 8) * (Self.height / 12) / ((1 << (sx + sy)) * scope.stride * scope.stride)
            for target in VectorscopeTarget.all(saturation: 1, matrix: .bt709) {
                let n = scope.count(inside: target)
                if [.green, .magenta].contains(target.colour) {
                    XCTAssertLessThan(n, scope.sampledCount / 200, "\(format): 100% \(target.colour) is absent")
                } else {
                    XCTAssertGreaterThan(Double(n), 0.9 * Double(patchSamples), "\(format): 100% \(target.colour) patch")
                }
            }
        }
    }

    func testWaveformShowsBarsAndPlugeAtTheirLevels() throws {
        for (format, depth, sub) in [("yuv444p", 8, ChromaSubsampling.yuv444), ("yuv420p10le", 10, .yuv420)] {
            let image = try bars(format, bitDepth: depth, subsampling: sub)
            let levels = image.levels
            let waveform = LumaWaveform.compute(image, columns: Self.width)
            XCTAssertEqual(waveform.sampledRows, Self.height)
            for (index, (_, rgb)) in Self.colours.enumerated() {
                let column = Array(waveform.column(Self.barCentre(index)))
                let mode = column.indices.max { column[$0] < column[$1] }!
                let expected = ColourMatrix.bt709.yCbCr(r: rgb.0, g: rgb.1, b: rgb.2).y * 100
                XCTAssertEqual(levels.ire(ofCode: Double(mode)), expected, accuracy: 0.5, "\(format): bar \(index) IRE")
                XCTAssertGreaterThanOrEqual(column[mode], 600, "\(format): bar \(index) rows")
            }
            // 75% white at 75 IRE; black (bottom row, under the white bar) at 0 IRE = code 16 / 64.
            let black = Int(levels.black)
            XCTAssertEqual(black, depth == 8 ? 16 : 64)
            XCTAssertGreaterThanOrEqual(waveform.count(column: 300, code: black), 250)
            XCTAssertEqual(levels.ire(ofCode: levels.white), 100)
            // PLUGE in the bottom row: −2, +2, +4 % steps either side of black.
            for (x, ire) in [(1168, -2.0), (1304, 2.0), (1440, 4.0)] {
                let column = waveform.column(x)
                let step = column.indices.filter { column[$0] >= 250 && abs(levels.ire(ofCode: Double($0)) - ire) < 0.5 }
                XCTAssertEqual(step.count, 1, "\(format): PLUGE \(ire) IRE at x=\(x): \(column.indices.filter { column[$0] > 100 })")
            }
            // The legal-range lines sit at code 64 / 940 (16 / 235) on the rendered scope.
            let raster = waveform.raster(height: 256)
            for code in [levels.black, levels.white] {
                let row = Int((Double(levels.maxCode) - code) * 256 / Double(levels.codeCount))
                XCTAssertEqual(raster.overlay[row * raster.width + 5], .legalLimit, "\(format): legal line at code \(code)")
            }
        }
    }

    func testParadeAndHistogramsOfBars() throws {
        let image = try bars("yuv444p", bitDepth: 8, subsampling: .yuv444)
        let parade = RGBParade.compute(image, columnsPerChannel: Self.width)
        // The 75% yellow bar: R′ = G′ = 75%, B′ = 0% (code 180, 180, 16 give or take rounding).
        let x = Self.barCentre(1)
        func mode(_ grid: [UInt32]) -> Int {
            let column = grid[x * 256 ..< (x + 1) * 256]
            return column.indices.max { column[$0] < column[$1] }! - x * 256
        }
        XCTAssertEqual(Double(mode(parade.red)), 180.25, accuracy: 2)
        XCTAssertEqual(Double(mode(parade.green)), 180.25, accuracy: 2)
        XCTAssertEqual(Double(mode(parade.blue)), 16, accuracy: 2)

        let luma = LumaHistogram.compute(image)
        XCTAssertEqual(luma.sampledPixels, image.pixelCount)
        XCTAssertEqual(luma.counts.reduce(0) { $0 + Int($1) }, image.pixelCount)
        let rgb = RGBHistogram.compute(image)
        for channel in [rgb.red, rgb.green, rgb.blue] {
            XCTAssertEqual(channel.reduce(0) { $0 + Int($1) }, image.pixelCount)
        }
        // The histogram agrees with the waveform: both counted the same Y′ values.
        let waveform = LumaWaveform.compute(image, columns: 64)
        for code in [16, 104, 180, 235] {
            let fromWaveform = (0..<64).reduce(0) { $0 + Int(waveform.count(column: $1, code: code)) }
            XCTAssertEqual(Int(luma.counts[code]), fromWaveform, "code \(code)")
        }
        // Row subsampling keeps the shape: half the rows, about half the counts.
        let half = LumaHistogram.compute(image, rowStep: 2)
        XCTAssertEqual(half.sampledPixels, image.pixelCount / 2)
        XCTAssertEqual(Double(half.counts[180]), Double(luma.counts[180]) / 2, accuracy: Double(luma.counts[180]) * 0.05)
    }
}
