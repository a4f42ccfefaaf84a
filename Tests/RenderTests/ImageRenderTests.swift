import Foundation
import Media
import Render
import TimelineModel
import XCTest

/// Image clips drawn by Render: where they go, their alpha respected, and the composite
/// against FFmpeg's `overlay` filter on the same frame and PNG.
///
/// The base picture is the generated `testsrc2` pattern of `GradeRenderTests` (1280x720).
/// The reference is built on our own rendered base frame (the timeline without the image,
/// written as raw RGBA), so the comparison measures the overlay and nothing else:
/// `[base][png]overlay=x:y:format=rgb` — straight-alpha source-over in 8-bit R′G′B′, the
/// same operation as our premultiplied source-over. A scaled image goes through ffmpeg's
/// `scale` (bicubic, as Media's swscale call) before the overlay.
final class ImageRenderTests: XCTestCase {
    static let width = GradeRenderTests.width, height = GradeRenderTests.height

    /// A 320x180 PNG: `testsrc` colours with alpha 0 in the left 40 columns, then an alpha ramp
    /// across (geq), so opaque, translucent and transparent pixels are all there.
    func logo(in folder: URL) throws -> URL {
        let url = folder.appendingPathComponent("logo.png")
        try Generated.ffmpeg(["-f", "lavfi", "-i", "testsrc=s=320x180:d=1", "-vf",
                              "format=rgba,geq=r='r(X,Y)':g='g(X,Y)':b='b(X,Y)':a='if(lt(X,40),0,255*X/(W-1))'",
                              "-frames:v", "1", url.path])
        return url
    }

    func project(base: URL, image: ImageOverlay?, motion: [MotionKeyframe] = []) throws -> Project {
        let clip = Clip(id: ClipID(1), name: "pattern", media: MediaID("pattern"), source: FrameRange(start: 0, duration: 6), available: 6)
        var project = Fixture.project(media: [Fixture.media("pattern", path: base.path, frames: 6, width: Self.width, height: Self.height, audio: false)],
                                      tracks: [Fixture.track(.video, "V1", [.clip(clip)])])
        if let image {
            let outcome = try project.timeline.addImage(image, at: 0, duration: 6, track: nil)
            if !motion.isEmpty, let id = outcome.created.first {
                for k in motion { try project.timeline.addMotionKeyframe(clip: id, k) }
            }
        }
        return project
    }

    /// ffmpeg's overlay of `png` (scaled to `size` when given) at (x, y) over `base`, as RGBA bytes.
    func overlayReference(base: RGBAImage, png: URL, x: Int, y: Int, size: (Int, Int)?, folder: URL) throws -> [UInt8] {
        let raw = folder.appendingPathComponent("base-\(UUID().uuidString).rgba")
        try Data(base.bytes).write(to: raw)
        let out = folder.appendingPathComponent("ref-\(UUID().uuidString).rgba")
        let logo = size.map { "[1:v]format=rgba,scale=\($0.0):\($0.1):flags=bicubic+accurate_rnd+full_chroma_int[l]" } ?? "[1:v]format=rgba[l]"
        try Generated.ffmpeg(["-f", "rawvideo", "-pix_fmt", "rgba", "-s", "\(base.width)x\(base.height)", "-i", raw.path, "-i", png.path,
                              "-filter_complex", "\(logo);[0:v][l]overlay=x=\(x):y=\(y):format=rgb,format=rgba",
                              "-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "rgba", out.path])
        let bytes = [UInt8](try Data(contentsOf: out))
        XCTAssertEqual(bytes.count, base.width * base.height * 4, "ffmpeg gave one RGBA frame")
        return bytes
    }

    /// PSNR over R, G, B at 8 bits.
    func psnr(_ a: [UInt8], _ b: [UInt8]) -> Double {
        var squares = 0.0, n = 0
        for i in stride(from: 0, to: min(a.count, b.count), by: 4) {
            for c in 0..<3 { let d = Double(a[i + c]) - Double(b[i + c]); squares += d * d }
            n += 3
        }
        let mse = squares / Double(max(n, 1))
        return mse == 0 ? .infinity : 10 * log10(255 * 255 / mse)
    }

    func testTransparentPixelsLeaveThePictureAndOpaqueOnesCoverIt() throws {
        let folder = try Generated.folder(self)
        let base = try GradeRenderTests.source(in: folder), png = try logo(in: folder)
        let plain = TimelineRenderer(project: try project(base: base, image: nil)).picture(at: 0, width: Self.width, height: Self.height)
        // scale 1.5 on a 720-line picture is the PNG's own 320x180; centred at (0.5, 0.5): corner (480, 270).
        let renderer = TimelineRenderer(project: try project(base: base, image: ImageOverlay(path: png.path, position: .point(x: 0.5, y: 0.5), scale: 1.5)))
        let picture = renderer.picture(at: 0, width: Self.width, height: Self.height)
        XCTAssertNil(renderer.lastProblem)
        XCTAssertTrue(renderer.hasOverlays(at: 0))
        var changedInside = 0
        for y in 0..<Self.height {
            for x in 0..<Self.width {
                let inLogo = x >= 480 && x < 800 && y >= 270 && y < 450
                let transparent = inLogo && x < 520
                if !inLogo || transparent {
                    XCTAssertEqual(picture.pixel(x: x, y: y), plain.pixel(x: x, y: y), "(\(x),\(y)) outside the logo's ink is untouched")
                    if picture.pixel(x: x, y: y) != plain.pixel(x: x, y: y) { return }
                } else if picture.pixel(x: x, y: y) != plain.pixel(x: x, y: y) {
                    changedInside += 1
                }
            }
        }
        XCTAssertGreaterThan(changedInside, 280 * 180 / 2, "the visible part of the logo changes the picture")
        // The right-most column is opaque (alpha 255): the PNG's own colour, whatever was below.
        let still = try StillImage(path: png.path)
        let straight = RGBA64Image(try still.rgba64(width: 320, height: 180))
        for y in stride(from: 0, to: 180, by: 17) {
            let i = (y * 320 + 319) * 4
            XCTAssertEqual(straight.samples[i + 3], 65535, "opaque at the right edge")
            let p = picture.pixel(x: 799, y: 270 + y)
            XCTAssertEqual(Int(p.r), (Int(straight.samples[i]) + 128) / 257, "row \(y)")
            XCTAssertEqual(Int(p.g), (Int(straight.samples[i + 1]) + 128) / 257, "row \(y)")
        }
        // Opacity 0 draws nothing.
        let hidden = TimelineRenderer(project: try project(base: base, image: ImageOverlay(path: png.path, position: .centre, scale: 1.5, opacity: 0)))
        XCTAssertEqual(hidden.picture(at: 0, width: Self.width, height: Self.height), plain)
    }

    func testCompositeMatchesFFmpegOverlayAtOwnSizeAndScaled() throws {
        let folder = try Generated.folder(self)
        let base = try GradeRenderTests.source(in: folder), png = try logo(in: folder)
        let plain = TimelineRenderer(project: try project(base: base, image: nil)).picture(at: 0, width: Self.width, height: Self.height)
        // Own size (320x180) with its corner at (480, 270); half size (160x90) at scale 0.75 centred on (0.25, 0.25): corner (240, 135).
        let cases: [(ImageOverlay, Int, Int, (Int, Int)?, String)] = [
            (ImageOverlay(path: png.path, position: .point(x: 0.5, y: 0.5), scale: 1.5), 480, 270, nil, "own size"),
            (ImageOverlay(path: png.path, position: .point(x: 0.25, y: 0.25), scale: 0.75), 240, 135, (160, 90), "half size"),
        ]
        for (image, x, y, size, what) in cases {
            let renderer = TimelineRenderer(project: try project(base: base, image: image))
            let ours = renderer.picture(at: 0, width: Self.width, height: Self.height)
            let reference = try overlayReference(base: plain, png: png, x: x, y: y, size: size, folder: folder)
            let value = psnr(ours.bytes, reference)
            print("image overlay PSNR \(what), 8-bit: \(String(format: "%.2f", value)) dB")
            XCTAssertGreaterThan(value, 40, "\(what): PSNR \(value) dB against ffmpeg's overlay")
            // The 16-bit (deep export) picture composites the same image: narrowed, it matches too.
            let deep = RGBAImage(narrowing: renderer.deepPicture(at: 0, width: Self.width, height: Self.height))
            let deepValue = psnr(deep.bytes, reference)
            print("image overlay PSNR \(what), 16-bit: \(String(format: "%.2f", deepValue)) dB")
            XCTAssertGreaterThan(deepValue, 40, "\(what), 16-bit: PSNR \(deepValue) dB against ffmpeg's overlay")
            XCTAssertNil(renderer.lastProblem)
        }
        // The comparison can fail: the picture without the logo is far from the reference.
        let reference = try overlayReference(base: plain, png: png, x: 480, y: 270, size: nil, folder: folder)
        XCTAssertLessThan(psnr(plain.bytes, reference), 35)
    }

    /// A white 20x20 square (scale 3 on a 360-line picture: 20 pixels) over black, moved and
    /// faded by keyframes at frames 0 and 10. Values worked by hand:
    /// - x 0.25 → 0.75 linear: frame 5 is t = ½, x = 0.5, centre 320, left edge 310.
    /// - ease-in (t²): frame 5 is ¼ of the way, x = 0.375, centre 240, left edge 230.
    /// - opacity 0 → 1 linear at frame 5: ½, o = round(0.5 × 255) = 128 → white over black 128;
    ///   ease-out (1 − (1 − t)²) at frame 5: ¾ → o = round(191.25) = 191.
    /// - ease-in-out (3t² − 2t³) at frame 2 (t = 0.2): 0.104 → x = 0.25 + 0.5 × 0.104 = 0.302,
    ///   centre 193.28, left edge round(183.28) = 183.
    func testMotionKeyframesMoveAndFadeAsWorkedByHand() throws {
        let folder = try Generated.folder(self)
        let png = folder.appendingPathComponent("white.png")
        try Generated.ffmpeg(["-f", "lavfi", "-i", "color=c=white:s=20x20:d=1,format=rgba", "-frames:v", "1", png.path])
        func picture(_ keys: [MotionKeyframe], at frame: Int64) throws -> RGBAImage {
            var p = Fixture.project(media: [], tracks: [Fixture.track(.video, "V1", [.gap(20)])])
            let id = try XCTUnwrap(try p.timeline.addImage(ImageOverlay(path: png.path, position: .centre, scale: 3), at: 0, duration: 20, track: nil).created.first)
            for k in keys { try p.timeline.addMotionKeyframe(clip: id, k) }
            let renderer = TimelineRenderer(project: p)
            defer { XCTAssertNil(renderer.lastProblem) }
            return renderer.picture(at: frame, width: 640, height: 360)
        }
        func leftEdge(_ image: RGBAImage, row: Int = 180) -> Int? {
            (0..<image.width).first { image.pixel(x: $0, y: row).r > 0 }
        }
        let slide = [MotionKeyframe(frame: 0, x: 0.25), MotionKeyframe(frame: 10, x: 0.75)]
        XCTAssertEqual(leftEdge(try picture(slide, at: 0)), 150, "at the first keyframe: centre 160")
        XCTAssertEqual(leftEdge(try picture(slide, at: 5)), 310, "half way, linear")
        XCTAssertEqual(leftEdge(try picture(slide, at: 10)), 470, "at the second keyframe: centre 480")
        XCTAssertEqual(leftEdge(try picture(slide, at: 15)), 470, "held after the last keyframe")
        let easedIn = [MotionKeyframe(frame: 0, x: 0.25, ease: .easeIn), MotionKeyframe(frame: 10, x: 0.75)]
        XCTAssertEqual(leftEdge(try picture(easedIn, at: 5)), 230, "ease-in: a quarter of the way at half time")
        let easedInOut = [MotionKeyframe(frame: 0, x: 0.25, ease: .easeInOut), MotionKeyframe(frame: 10, x: 0.75)]
        XCTAssertEqual(leftEdge(try picture(easedInOut, at: 2)), 183, "ease-in-out at t = 0.2")
        // The y stays the preset's (centred: rows 170..<190) while x moves.
        let moved = try picture(slide, at: 5)
        XCTAssertEqual(moved.pixel(x: 320, y: 170).r, 255)
        XCTAssertEqual(moved.pixel(x: 320, y: 169).r, 0)
        XCTAssertEqual(moved.pixel(x: 320, y: 190).r, 0)

        let fade = [MotionKeyframe(frame: 0, opacity: 0), MotionKeyframe(frame: 10, opacity: 1)]
        XCTAssertEqual(try picture(fade, at: 0).pixel(x: 320, y: 180).r, 0, "opacity 0 at the first keyframe")
        XCTAssertEqual(try picture(fade, at: 5).pixel(x: 320, y: 180).r, 128, "half way")
        XCTAssertEqual(try picture(fade, at: 10).pixel(x: 320, y: 180).r, 255)
        let fadeOut = [MotionKeyframe(frame: 0, opacity: 0, ease: .easeOut), MotionKeyframe(frame: 10, opacity: 1)]
        XCTAssertEqual(try picture(fadeOut, at: 5).pixel(x: 320, y: 180).r, 191, "ease-out: three quarters at half time")

        // Scale 2 at frame 10: 40 pixels wide, centred at 320.
        let grow = [MotionKeyframe(frame: 0, scale: 1), MotionKeyframe(frame: 10, scale: 2)]
        let grown = try picture(grow, at: 10)
        XCTAssertEqual(leftEdge(grown), 300)
        XCTAssertEqual(grown.pixel(x: 339, y: 180).r, 255)
        XCTAssertEqual(grown.pixel(x: 340, y: 180).r, 0)
        XCTAssertEqual(leftEdge(try picture(grow, at: 5)), 305, "scale 1.5 half way: 30 pixels")
    }

    func testABrokenFileIsAProblemAndThePictureStays() throws {
        let folder = try Generated.folder(self)
        let png = folder.appendingPathComponent("broken.png")
        try Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3, 4, 5]).write(to: png)
        var p = Fixture.project(media: [], tracks: [Fixture.track(.video, "V1", [.gap(20)])])
        _ = try p.timeline.addImage(ImageOverlay(path: png.path), at: 0, duration: 20, track: nil)
        let renderer = TimelineRenderer(project: p)
        XCTAssertEqual(renderer.picture(at: 3, width: 64, height: 36), RGBAImage(width: 64, height: 36))
        XCTAssertTrue(renderer.lastProblem?.contains("broken.png") == true, renderer.lastProblem ?? "no problem")
    }
    /// The renderer re-reads a logo saved again (the editor's preview keeps its renderer).
    func testALogoSavedAgainIsReadAgain() throws {
        let folder = try Generated.folder(self)
        let png = folder.appendingPathComponent("logo.png")
        try Generated.ffmpeg(["-f", "lavfi", "-i", "color=c=white:s=20x20:d=1,format=rgba", "-frames:v", "1", png.path])
        var p = Fixture.project(media: [], tracks: [Fixture.track(.video, "V1", [.gap(20)])])
        _ = try p.timeline.addImage(ImageOverlay(path: png.path, position: .centre, scale: 3), at: 0, duration: 20, track: nil)
        let renderer = TimelineRenderer(project: p)
        XCTAssertEqual(renderer.picture(at: 0, width: 640, height: 360).pixel(x: 320, y: 180).r, 255)
        try Generated.ffmpeg(["-f", "lavfi", "-i", "color=c=red:s=40x40:d=1,format=rgba", "-frames:v", "1", png.path])
        let again = renderer.picture(at: 1, width: 640, height: 360)
        XCTAssertEqual(again.pixel(x: 320, y: 180), RGBAColour(r: 255, g: 0, b: 0))
        XCTAssertEqual(again.pixel(x: 301, y: 180).r, 255, "40 pixels wide now")
    }
}
