import Foundation
import XCTest

/// Pictures whose stored shape is not their shown shape, rendered as shown.
///
/// Phone footage: pictures stored landscape with a display matrix that turns them a quarter.
/// As every editor does, termcut shows it upright: the sequence made from it is portrait, a
/// render is portrait with the pictures ffmpeg's autorotate shows; a lossless copy keeps the
/// packets and the matrix; a smart render, which would mix turned packets with upright
/// frames, refuses and says why.
///
/// Anamorphic footage (PAL 16:9 at 720x576 with 64:45 pixels): the sequence made from it is
/// 1024x576 square pixels, the picture fills it (it was letterboxed into a 720x576 square-pixel frame).
final class PictureGeometryCLITests: XCTestCase {
    typealias H = MediaCLIHarness

    func testPortraitPhoneClipRendersUprightAndCopiesWithItsMatrix() throws {
        let folder = try H.temporaryFolder(self)
        let stored = folder.appendingPathComponent("stored.mp4"), phone = folder.appendingPathComponent("phone.mp4")
        var made = try H.tool("ffmpeg", ["-v", "error", "-f", "lavfi", "-i", "testsrc2=s=320x240:r=25:d=2,gblur=sigma=2", "-c:v", "libx264",
                                         "-preset", "veryfast", "-g", "10", "-pix_fmt", "yuv420p", stored.path])
        XCTAssertEqual(made.status, 0, made.standardError)
        made = try H.tool("ffmpeg", ["-v", "error", "-i", stored.path, "-c", "copy", "-metadata:s:v:0", "rotate=90", phone.path])
        XCTAssertEqual(made.status, 0, made.standardError)

        let project = folder.appendingPathComponent("phone.termcut"), script = folder.appendingPathComponent("cut.txt")
        try "import \(phone.path)\nsource phone\nmark-in 5\nmark-out 34\ninsert\n".write(to: script, atomically: true, encoding: .utf8)
        let run = try H.run(["run", project.path, script.path])
        XCTAssertEqual(run.status, 0, run.standardError)

        func probe(_ file: URL) throws -> String {
            let result = try H.tool("ffprobe", ["-v", "error", "-select_streams", "v", "-show_entries",
                                                "stream=width,height:stream_side_data=rotation", "-of", "compact=nk=0", file.path])
            XCTAssertEqual(result.status, 0, result.standardError)
            return result.standardOutput
        }
        let rendered = folder.appendingPathComponent("render.mp4")
        let render = try H.run(["render", project.path, "-o", rendered.path, "--quiet"])
        XCTAssertEqual(render.status, 0, render.standardError)
        let renderedStream = try probe(rendered)
        XCTAssertTrue(renderedStream.contains("width=240|height=320") && !renderedStream.contains("rotation"), renderedStream)
        // Timeline frame 10 is source frame 15, upright as ffmpeg shows it: compared in RGB (each
        // file's colour tags honoured), closer to it than to its neighbours. The source is blurred so
        // that chroma resampling at sharp edges does not dominate the figure.
        func psnr(sourceFrame: Int) throws -> Double {
            let result = try H.tool("ffmpeg", ["-i", rendered.path, "-i", phone.path, "-lavfi",
                                               "[0:v]select=eq(n\\,10),setpts=0,format=rgb24[a];[1:v]select=eq(n\\,\(sourceFrame)),setpts=0,format=rgb24[b];[a][b]psnr",
                                               "-f", "null", "-"])
            let average = result.standardError.components(separatedBy: "average:").last.flatMap { Double($0.prefix { "0123456789.".contains($0) }) }
            return try XCTUnwrap(average, result.standardError)
        }
        let (before, match, after) = (try psnr(sourceFrame: 14), try psnr(sourceFrame: 15), try psnr(sourceFrame: 16))
        XCTAssertGreaterThan(match, 35, "rendered frame 10 against the source's upright frame 15")
        XCTAssertGreaterThan(match, max(before, after) + 6, "frame 15 (\(match) dB), not 14 (\(before)) or 16 (\(after))")

        let copied = folder.appendingPathComponent("copy.mp4")
        let copy = try H.run(["render", project.path, "-o", copied.path, "--copy", "--quiet"])
        XCTAssertEqual(copy.status, 0, copy.standardError)
        let copiedStream = try probe(copied)
        XCTAssertTrue(copiedStream.contains("width=320|height=240") && copiedStream.contains("rotation=90"), copiedStream)

        // A proxy is made from the upright pictures: portrait, with no matrix to turn it again.
        let proxies = try H.run(["proxies", project.path])
        XCTAssertEqual(proxies.status, 0, proxies.standardError)
        let proxyStream = try probe(folder.appendingPathComponent("proxies/phone.mp4"))
        let size = proxyStream.split(separator: "|").compactMap { field -> Int? in
            field.hasPrefix("width=") || field.hasPrefix("height=") ? Int(field.split(separator: "=")[1].prefix { $0.isNumber }) : nil
        }
        XCTAssertTrue(size.count == 2 && size[0] < size[1] && !proxyStream.contains("rotation"), proxyStream)

        let smart = try H.run(["render", project.path, "-o", folder.appendingPathComponent("smart.mp4").path, "--smart"])
        XCTAssertEqual(smart.status, 1)
        XCTAssertTrue(smart.standardError.contains("display matrix"), smart.standardError)
    }

    func testAnamorphicClipMakesASquarePixelSequenceItFills() throws {
        let folder = try H.temporaryFolder(self)
        let wide = folder.appendingPathComponent("pal-wide.mp4")
        let made = try H.tool("ffmpeg", ["-v", "error", "-f", "lavfi", "-i", "testsrc2=s=720x576:r=25:d=2,gblur=sigma=2,setsar=64/45",
                                         "-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p", wide.path])
        XCTAssertEqual(made.status, 0, made.standardError)
        let project = folder.appendingPathComponent("wide.termcut"), script = folder.appendingPathComponent("cut.txt")
        try "import \(wide.path)\nsource pal-wide\ninsert\n".write(to: script, atomically: true, encoding: .utf8)
        let run = try H.run(["run", project.path, script.path])
        XCTAssertEqual(run.status, 0, run.standardError)
        let rendered = folder.appendingPathComponent("render.mp4")
        let render = try H.run(["render", project.path, "-o", rendered.path, "--quiet"])
        XCTAssertEqual(render.status, 0, render.standardError)
        let stream = try H.tool("ffprobe", ["-v", "error", "-select_streams", "v", "-show_entries", "stream=width,height,sample_aspect_ratio",
                                            "-of", "compact=nk=0", rendered.path])
        XCTAssertTrue(stream.standardOutput.contains("width=1024|height=576|sample_aspect_ratio=1:1"), stream.standardOutput)
        // The whole picture, stretched to square pixels as ffmpeg's scaler does it: no bars.
        let psnr = try H.tool("ffmpeg", ["-i", rendered.path, "-i", wide.path, "-lavfi",
                                         "[0:v]select=eq(n\\,20),setpts=0,format=rgb24[a];[1:v]select=eq(n\\,20),setpts=0,scale=1024:576,setsar=1,format=rgb24[b];[a][b]psnr",
                                         "-f", "null", "-"])
        let average = psnr.standardError.components(separatedBy: "average:").last.flatMap { Double($0.prefix { "0123456789.".contains($0) }) }
        XCTAssertGreaterThan(try XCTUnwrap(average, psnr.standardError), 30, "rendered frame 20 against the source stretched to 1024x576")
    }
}
