import Analysis
import Foundation
import Media
import XCTest

/// Frames decoded by Media reach the scopes with their own code values (`ScopeImage(frame:)`),
/// and RGBA pictures as Render makes them (`ScopeImage(rgba:)`): colour bars land where a
/// colourist expects them either way.
final class FrameAdapterTests: XCTestCase {
    /// SMPTE RP 219 HD bars at 1280x720 through libx264 (lossy, 4:2:0) and back through `VideoSource`.
    func decodedBars() throws -> VideoFrame {
        try requireFFmpeg("bars are generated with the ffmpeg CLI")
        let file = try scratchDirectory(self).appendingPathComponent("bars.mp4")
        try ffmpeg(["-f", "lavfi", "-i", "smptehdbars=size=1280x720", "-frames:v", "1", "-c:v", "libx264",
                    "-pix_fmt", "yuv420p", file.path])
        return try VideoSource(url: file).frame(at: .frameNumber(0))
    }

    /// RP 219 top row: a W/8 grey bar, then seven bars of (3/4·W)/7; bars 1…6 are the colours.
    static let barColours: [(VectorscopeTarget.Colour?, Double)] = [
        (nil, 0.75 * 1), (.yellow, 0.75 * (0.2126 + 0.7152)), (.cyan, 0.75 * (0.7152 + 0.0722)), (.green, 0.75 * 0.7152),
        (.magenta, 0.75 * (0.2126 + 0.0722)), (.red, 0.75 * 0.2126), (.blue, 0.75 * 0.0722),
    ]
    static func barCentre(_ index: Int, width: Int) -> Int { width / 8 + Int((Double(index) + 0.5) * Double(width) * 0.75 / 7) }

    /// Checks one picture's bars: chroma of every sample in the middle of each colour bar inside
    /// its 75% box; the vectorscope's own grid holds most of the bar there; luma at the bar's IRE.
    func checkBars(_ image: ScopeImage, barTop: Int, barBottom: Int, centre: (Int) -> Int, halfWidth: Int,
                   colours: [(VectorscopeTarget.Colour?, Double)], label: String) {
        let scope = Vectorscope.compute(image, stride: 1)
        let waveform = LumaWaveform.compute(image, columns: image.width)
        for (index, (colour, luma)) in colours.enumerated() {
            let x = centre(index)
            // Waveform: the commonest Y′ in the bar's centre column is the bar's level.
            let column = waveform.column(x)
            let mode = column.indices.max { column[$0] < column[$1] }!
            XCTAssertEqual(image.levels.ire(ofCode: Double(mode)), luma * 100, accuracy: 1.0, "\(label): bar \(index) level")
            guard let colour else { continue }
            let target = VectorscopeTarget(colour: colour, saturation: 0.75, matrix: .bt709)
            // The same chroma values, read back from the image rows.
            var inside = 0, total = 0
            let region = ScopeImage.crop(image, x: x - halfWidth, y: barTop, width: 2 * halfWidth, height: barBottom - barTop)
            let regionScope = Vectorscope.compute(region, stride: 1)
            for y in 0..<regionScope.size {
                for cb in 0..<regionScope.size where regionScope.counts[y * regionScope.size + cb] > 0 {
                    let n = Int(regionScope.counts[y * regionScope.size + cb])
                    let c = regionScope.chroma(x: cb, y: y)
                    total += n
                    if target.contains(cb: c.cb, cr: c.cr) { inside += n }
                }
            }
            XCTAssertGreaterThan(total, 0)
            XCTAssertEqual(Double(inside), Double(total), accuracy: Double(total) * 0.01, "\(label): \(colour) samples in the 75% box")
            XCTAssertGreaterThan(scope.count(inside: target), inside / 2, "\(label): \(colour) density in the scope's box")
        }
        // Which 75% boxes hold density: all six.
        let held = scope.targetCounts(saturation: 0.75).filter { $0.count > 100 }.map(\.target.colour)
        XCTAssertEqual(Set(held), Set(VectorscopeTarget.Colour.allCases), label)
    }

    func testDecodedHDBarsLandInTheirTargets() throws {
        let frame = try decodedBars()
        let image = try ScopeImage(frame: frame)
        XCTAssertEqual(image.width, 1280)
        XCTAssertEqual(image.bitDepth, 8)
        XCTAssertEqual(image.range, .limited)
        XCTAssertEqual(image.matrix, .bt709)
        guard case .yCbCr(_, _, _, let subsampling) = image.planes else { return XCTFail("expected planar Y′CbCr") }
        XCTAssertEqual(subsampling, .yuv420)
        checkBars(image, barTop: 40, barBottom: 400, centre: { Self.barCentre($0, width: 1280) }, halfWidth: 40,
                  colours: Self.barColours, label: "decoded 720p bars")
    }

    func testRGBAPictureOfTheBarsReadsTheSame() throws {
        let frame = try decodedBars()
        let picture = try frame.converted(to: .rgba)
        let image = try ScopeImage(rgba: picture.bytes, width: picture.width, height: picture.height)
        XCTAssertEqual(image.range, .full)
        guard case .rgb = image.planes else { return XCTFail("expected R′G′B′ planes") }
        checkBars(image, barTop: 40, barBottom: 400, centre: { Self.barCentre($0, width: 1280) }, halfWidth: 40,
                  colours: Self.barColours, label: "RGBA 720p bars")
        // Full range: 75% white sits at code 191 (0.75 × 255), black at 0.
        let waveform = LumaWaveform.compute(image, columns: 1280)
        let column = waveform.column(Self.barCentre(0, width: 1280))
        let mode = column.indices.max { column[$0] < column[$1] }!
        XCTAssertEqual(Double(mode), 191, accuracy: 2)
        XCTAssertEqual(waveform.levels(ofColumn: Self.barCentre(0, width: 1280))?.min, 0, "the bottom rows are black")
    }

    func testDemoBarsLandInTheirTargets() throws {
        let folder = try scratchDirectory(self)
        let clips = try DemoMedia.ensureClips(in: folder)
        let bars = try XCTUnwrap(clips.first { $0.name == "bars.mp4" })
        let frame = try VideoSource(url: bars.url).frame(at: .seconds(1))
        let image = try ScopeImage(frame: frame)
        XCTAssertEqual(image.matrix, .bt709)
        XCTAssertEqual(image.range, .limited)
        // Seven bars of W/7 (even edges), white first.
        let w = image.width
        let colours: [(VectorscopeTarget.Colour?, Double)] = [
            (nil, 0.75), (.yellow, 0.75 * 0.9278), (.cyan, 0.75 * 0.7874), (.green, 0.75 * 0.7152),
            (.magenta, 0.75 * 0.2848), (.red, 0.75 * 0.2126), (.blue, 0.75 * 0.0722),
        ]
        checkBars(image, barTop: 40, barBottom: image.height * 2 / 3 - 40, centre: { (2 * $0 + 1) * w / 14 },
                  halfWidth: w / 28, colours: colours, label: "demo bars")
    }
}

extension ScopeImage {
    /// A rectangle of an image (test helper; chroma rows and columns follow the subsampling).
    static func crop(_ image: ScopeImage, x: Int, y: Int, width: Int, height: Int) -> ScopeImage {
        func cut(_ plane: [UInt16], planeWidth: Int, x: Int, y: Int, w: Int, h: Int) -> [UInt16] {
            (y..<y + h).flatMap { row in plane[row * planeWidth + x ..< row * planeWidth + x + w] }
        }
        switch image.planes {
        case let .yCbCr(luma, cb, cr, subsampling):
            let (sx, sy) = subsampling.shift
            let x = (x >> sx) << sx, y = (y >> sy) << sy
            let (cw, _) = chromaSize(width: image.width, height: image.height, subsampling: subsampling)
            let (rw, rh) = chromaSize(width: width, height: height, subsampling: subsampling)
            let lumaW = rw << sx, lumaH = rh << sy
            return try! ScopeImage(width: lumaW, height: lumaH, bitDepth: image.bitDepth, range: image.range, matrix: image.matrix,
                                   planes: .yCbCr(y: cut(luma, planeWidth: image.width, x: x, y: y, w: lumaW, h: lumaH),
                                                  cb: cut(cb, planeWidth: cw, x: x >> sx, y: y >> sy, w: rw, h: rh),
                                                  cr: cut(cr, planeWidth: cw, x: x >> sx, y: y >> sy, w: rw, h: rh),
                                                  subsampling: subsampling))
        case let .rgb(r, g, b):
            return try! ScopeImage(width: width, height: height, bitDepth: image.bitDepth, range: image.range, matrix: image.matrix,
                                   planes: .rgb(r: cut(r, planeWidth: image.width, x: x, y: y, w: width, h: height),
                                                g: cut(g, planeWidth: image.width, x: x, y: y, w: width, h: height),
                                                b: cut(b, planeWidth: image.width, x: x, y: y, w: width, h: height)))
        }
    }
}
