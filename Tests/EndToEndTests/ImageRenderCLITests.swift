import Foundation
import XCTest

/// An image clip in files `termcut render` wrote, 8-bit (H.264) and 10-bit (ProRes, composited
/// at 16 bits): the PNG's opaque half where it goes, its transparent half and everything else
/// the black below.
final class ImageRenderCLITests: XCTestCase {
    typealias H = MediaCLIHarness

    func testImageIsInTheRenderedFramesAt8And10Bits() throws {
        let folder = try H.temporaryFolder(self)
        let source = folder.appendingPathComponent("black.mp4")
        try RenderCLITests.makeSource(source, rate: "25", seconds: 2, tone: 440, pattern: "color")
        let project = try RenderCLITests.makeProject(folder, sources: [source], rate: (25, 1))
        // 60x60: the left half transparent, the right half opaque white.
        let png = folder.appendingPathComponent("half.png")
        let made = try H.tool("ffmpeg", ["-v", "error", "-y", "-f", "lavfi", "-i", "color=c=white:s=60x60:d=1,format=rgba",
                                         "-vf", "geq=r=255:g=255:b=255:a='if(lt(X,30),0,255)'", "-frames:v", "1", png.path])
        XCTAssertEqual(made.status, 0, made.standardError)
        // Scale 4.5 on a 240-line picture: 60 pixels; centred at (0.75, 0.5) of 320x240: columns 210..<270, rows 90..<150.
        let script = folder.appendingPathComponent("image.txt")
        try """
            goto 0
            image-add "\(png.path)" 0.75,0.5 scale=4.5 duration=25
            """.write(to: script, atomically: true, encoding: .utf8)
        let run = try H.run(["run", project.path, script.path])
        XCTAssertEqual(run.status, 0, run.standardError)
        let dump = try H.run(["dump", project.path])
        XCTAssertTrue(dump.standardOutput.contains("half.png src 00:00:00:00-00:00:01:00 image at=0.75,0.5 scale=4.5 opacity=1"), dump.standardOutput)

        for (name, options) in [("h264.mp4", ["--encoder-preset", "ultrafast"]), ("prores.mov", ["--preset", "prores-hq"])] {
            let out = folder.appendingPathComponent(name)
            let result = try H.run(["render", project.path, "-o", out.path, "--quiet"] + options)
            XCTAssertEqual(result.status, 0, result.standardError)
            let raw = folder.appendingPathComponent("frame.rgb")
            let decoded = try H.tool("ffmpeg", ["-v", "error", "-y", "-i", out.path, "-vf", "select=eq(n\\,10)", "-frames:v", "1",
                                                "-f", "rawvideo", "-pix_fmt", "rgb24", raw.path])
            XCTAssertEqual(decoded.status, 0, decoded.standardError)
            let rgb = [UInt8](try Data(contentsOf: raw))
            XCTAssertEqual(rgb.count, 320 * 240 * 3)
            func lit(_ columns: Range<Int>, _ rows: Range<Int>) -> Int {
                var n = 0
                for y in rows { for x in columns where rgb[(y * 320 + x) * 3] > 128 { n += 1 } }
                return n
            }
            XCTAssertEqual(lit(244..<266, 94..<146), 22 * 52, "\(name): the opaque half is white")
            XCTAssertEqual(lit(212..<237, 0..<240), 0, "\(name): the transparent half shows the black below")
            XCTAssertEqual(lit(0..<205, 0..<240) + lit(275..<320, 0..<240) + lit(240..<270, 0..<85) + lit(240..<270, 155..<240), 0,
                           "\(name): nothing outside the image")
            // After the image's second: black again.
            let later = try H.tool("ffmpeg", ["-v", "error", "-y", "-i", out.path, "-vf", "select=eq(n\\,35)", "-frames:v", "1",
                                              "-f", "rawvideo", "-pix_fmt", "rgb24", raw.path])
            XCTAssertEqual(later.status, 0, later.standardError)
            XCTAssertFalse([UInt8](try Data(contentsOf: raw)).enumerated().contains { $0.offset % 3 == 0 && $0.element > 128 }, "\(name): black after the image")
        }
    }
}
