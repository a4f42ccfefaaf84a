import Foundation
import Media
import Render
import TimelineModel
import XCTest

/// A graded clip drawn by the renderer against FFmpeg's filters on the same frame.
///
/// The source is generated (`testsrc2`, 1280x720, Y′CbCr 4:4:4 limited range tagged BT.709,
/// FFV1 so both sides decode the same values). The reference converts it with swscale to
/// 16-bit R′G′B′ in the same matrix and range, then applies the filter; where the filter works
/// on Y′CbCr (`eq`) it runs before the conversion. PSNR is over R, G, B at 16 bits and must be
/// above 40 dB. Each comparison, and where definitions meet:
/// - saturation vs `eq=saturation`: eq scales Cb and Cr about 128; ours scales R′G′B′ about
///   BT.709 luma, the same operation in the other space.
/// - contrast vs `eq=contrast`: eq scales luma code values about 0.5 of 255 and keeps chroma;
///   ours scales Y′ about the pivot and keeps chroma, so the pivot is set to eq's:
///   (127.5 − 16) / 219 in full-range terms. Contrast < 1 so neither side clips.
/// - a 17³ LUT vs `lut3d` with the same interpolation (tetrahedral and trilinear), a 1D LUT
///   vs `lut1d` (linear).
/// Lift/gamma/gain have no FFmpeg filter of the same definition (`colorlevels` and
/// `colorbalance` differ): `GradeFormulaTests` checks them against numbers worked by hand.
final class GradeRenderTests: XCTestCase {
    static let width = 1280, height = 720

    func source() throws -> URL { try Self.source(in: try Generated.folder(self)) }

    static func source(in folder: URL) throws -> URL {
        let url = folder.appendingPathComponent("pattern.mkv")
        try Generated.ffmpeg(["-f", "lavfi", "-i", "testsrc2=s=\(Self.width)x\(Self.height):r=30:d=0.2",
                              "-vf", "scale=out_color_matrix=bt709:out_range=tv,format=yuv444p",
                              "-colorspace", "bt709", "-color_primaries", "bt709", "-color_trc", "bt709", "-color_range", "tv",
                              "-c:v", "ffv1", url.path])
        return url
    }

    /// FFmpeg's picture: `yuvFilters` on the decoded frame, swscale to rgb48 (BT.709, limited
    /// in, full out, accurate rounding as Media converts), then `rgbFilters`.
    func reference(_ url: URL, yuvFilters: String? = nil, rgbFilters: String? = nil) throws -> [UInt16] {
        let out = url.deletingLastPathComponent().appendingPathComponent("ref-\(UUID().uuidString).raw")
        let chain = [yuvFilters,
                     "scale=in_color_matrix=bt709:in_range=tv:out_range=pc:flags=bicubic+accurate_rnd+full_chroma_int",
                     "format=rgb48le", rgbFilters].compactMap { $0 }.joined(separator: ",")
        try Generated.ffmpeg(["-i", url.path, "-vf", chain, "-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "rgb48le", out.path])
        let data = try Data(contentsOf: out)
        XCTAssertEqual(data.count, Self.width * Self.height * 6, "ffmpeg gave one rgb48 frame")
        return data.withUnsafeBytes { Array($0.bindMemory(to: UInt16.self)).map { UInt16(littleEndian: $0) } }
    }

    /// The renderer's 16-bit picture of frame 0 with the clip graded by `grade`.
    func rendered(_ url: URL, _ grade: Grade?) -> RGBA64Image {
        var clip = Clip(id: ClipID(1), name: "pattern", media: MediaID("pattern"), source: FrameRange(start: 0, duration: 6), available: 6)
        clip.grade = grade
        let project = Fixture.project(media: [Fixture.media("pattern", path: url.path, frames: 6, width: Self.width, height: Self.height, audio: false)],
                                      tracks: [Fixture.track(.video, "V1", [.clip(clip)])])
        let renderer = TimelineRenderer(project: project)
        let picture = renderer.deepPicture(at: 0, width: Self.width, height: Self.height)
        XCTAssertNil(renderer.lastProblem)
        return picture
    }

    /// PSNR over R, G, B of an RGBA64 picture against packed rgb48, at 16 bits.
    func psnr(_ image: RGBA64Image, _ reference: [UInt16]) -> Double {
        var squares = 0.0
        let pixels = image.width * image.height
        for p in 0..<pixels {
            for c in 0..<3 {
                let d = Double(image.samples[p * 4 + c]) - Double(reference[p * 3 + c])
                squares += d * d
            }
        }
        let mse = squares / Double(pixels * 3)
        return mse == 0 ? .infinity : 10 * log10(65_535.0 * 65_535.0 / mse)
    }

    func assertAbove40(_ image: RGBA64Image, _ reference: [UInt16], _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        let value = psnr(image, reference)
        print("grade PSNR \(what): \(String(format: "%.2f", value)) dB")
        XCTAssertGreaterThan(value, 40, "\(what): PSNR \(value) dB", file: file, line: line)
    }

    func testUngradedAndSaturationAndContrastMatchEq() throws {
        let url = try source()
        let plain = rendered(url, nil)
        assertAbove40(plain, try reference(url), "ungraded")

        var saturation = Grade()
        saturation.saturation = 0.5
        let desaturated = rendered(url, saturation)
        let eqSaturation = try reference(url, yuvFilters: "eq=saturation=0.5")
        assertAbove40(desaturated, eqSaturation, "saturation 0.5 vs eq")
        // The grade changed the picture: the ungraded one is far from eq's.
        XCTAssertLessThan(psnr(plain, eqSaturation), 35, "the ungraded picture must not pass for the desaturated one")

        var contrast = Grade()
        contrast.contrast = 0.8
        contrast.pivot = (127.5 - 16) / 219
        assertAbove40(rendered(url, contrast), try reference(url, yuvFilters: "eq=contrast=0.8"), "contrast 0.8 vs eq")
    }

    /// A 17³ LUT that mixes the channels and bends them, so a wrong axis order or interpolation shows.
    func writeCube3D(_ folder: URL) throws -> URL {
        let n = 17
        var text = "TITLE \"mix\"\n# generated by the test\nLUT_3D_SIZE \(n)\n"
        for b in 0..<n {
            for g in 0..<n {
                for r in 0..<n {
                    let (x, y, z) = (Double(r) / Double(n - 1), Double(g) / Double(n - 1), Double(b) / Double(n - 1))
                    let out = [pow(x, 0.8) * 0.7 + y * 0.2 + z * 0.1, y * y * 0.9 + x * 0.1, sqrt(z) * 0.6 + x * y * 0.4]
                    text += out.map { String(format: "%.6f", $0) }.joined(separator: " ") + "\n"
                }
            }
        }
        let url = folder.appendingPathComponent("mix.cube")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    func testThreeDLUTMatchesLut3dBothInterpolations() throws {
        let url = try source()
        let cube = try writeCube3D(url.deletingLastPathComponent())
        for interpolation in LUTInterpolation.allCases {
            var grade = Grade()
            grade.lut = GradeLUT(path: cube.path, interpolation: interpolation)
            let ours = rendered(url, grade)
            assertAbove40(ours, try reference(url, rgbFilters: "lut3d=file=\(cube.path):interp=\(interpolation.rawValue)"),
                          "3D LUT \(interpolation.rawValue) vs lut3d")
            XCTAssertLessThan(psnr(rendered(url, nil), try reference(url, rgbFilters: "lut3d=file=\(cube.path)")), 30,
                              "the LUT changes the picture")
        }
    }

    func testOneDLUTMatchesLut1d() throws {
        let url = try source()
        let n = 64
        var text = "LUT_1D_SIZE \(n)\n"
        for i in 0..<n {
            let x = Double(i) / Double(n - 1)
            text += String(format: "%.6f %.6f %.6f\n", pow(x, 1.8), 1 - pow(1 - x, 2), x * 0.8 + 0.1)
        }
        let cube = url.deletingLastPathComponent().appendingPathComponent("curve.cube")
        try text.write(to: cube, atomically: true, encoding: .utf8)
        var grade = Grade()
        grade.lut = GradeLUT(path: cube.path)
        assertAbove40(rendered(url, grade), try reference(url, rgbFilters: "lut1d=file=\(cube.path):interp=linear"), "1D LUT vs lut1d")
    }

    /// The preview's 8-bit picture is the 16-bit one narrowed: the same grade, not a second path.
    func testPreviewPictureIsTheDeepPictureNarrowed() throws {
        let url = try source()
        var grade = Grade()
        grade.gain = ChannelValues(red: 1.1, green: 0.9, blue: 1, master: 1)
        grade.saturation = 1.3
        var clip = Clip(id: ClipID(1), name: "pattern", media: MediaID("pattern"), source: FrameRange(start: 0, duration: 6), available: 6)
        clip.grade = grade
        let project = Fixture.project(media: [Fixture.media("pattern", path: url.path, frames: 6, width: Self.width, height: Self.height, audio: false)],
                                      tracks: [Fixture.track(.video, "V1", [.clip(clip)])])
        let renderer = TimelineRenderer(project: project)
        let deep = renderer.deepPicture(at: 0, width: 640, height: 360)
        assertSamePicture(renderer.picture(at: 0, width: 640, height: 360), RGBAImage(narrowing: deep), "preview vs export")
        // Bypass draws the media as decoded.
        clip.grade?.bypass = true
        var bypassed = project
        bypassed.timeline.tracks[0].items = ItemList([.clip(clip)])
        let plain = TimelineRenderer(project: Fixture.project(media: project.media, tracks: [Fixture.track(.video, "V1", [.clip(Clip(id: ClipID(1), name: "pattern", media: MediaID("pattern"), source: FrameRange(start: 0, duration: 6), available: 6))])]))
        assertSamePicture(TimelineRenderer(project: bypassed).picture(at: 0, width: 640, height: 360),
                          plain.picture(at: 0, width: 640, height: 360), "bypass")
    }
}
