import Foundation
import XCTest

/// A title and burnt-in subtitles in a file `termcut render` wrote: ink where they go
/// (checked on frames ffmpeg decodes from the output), black elsewhere.
final class TitleRenderCLITests: XCTestCase {
    typealias H = MediaCLIHarness

    /// Frame `n` of `file` as 320x240 RGB24 rows.
    func frame(_ file: URL, _ n: Int) throws -> [UInt8] {
        let raw = file.deletingLastPathComponent().appendingPathComponent("frame.rgb")
        let result = try H.tool("ffmpeg", ["-v", "error", "-y", "-i", file.path, "-vf", "select=eq(n\\,\(n))", "-frames:v", "1",
                                           "-f", "rawvideo", "-pix_fmt", "rgb24", raw.path])
        XCTAssertEqual(result.status, 0, result.standardError)
        return [UInt8](try Data(contentsOf: raw))
    }

    func lit(_ rgb: [UInt8], rows: Range<Int>) -> Int {
        var n = 0
        for y in rows { for x in 0..<320 where rgb[(y * 320 + x) * 3] > 128 { n += 1 } }
        return n
    }

    func testTitleAndBurntInSubtitlesAreInTheRenderedFrames() throws {
        let folder = try H.temporaryFolder(self)
        let source = folder.appendingPathComponent("black.mp4")
        try RenderCLITests.makeSource(source, rate: "25", seconds: 2, tone: 440, pattern: "color")
        let project = try RenderCLITests.makeProject(folder, sources: [source], rate: (25, 1))
        let script = folder.appendingPathComponent("titles.txt")
        try """
            goto 0
            title-add "TITLE" preset=top size=200 duration=25
            subtitle-add "Subtitle words" at=0 duration=50
            """.write(to: script, atomically: true, encoding: .utf8)
        let run = try H.run(["run", project.path, script.path])
        XCTAssertEqual(run.status, 0, run.standardError)

        let plain = folder.appendingPathComponent("plain.mp4"), burnt = folder.appendingPathComponent("burnt.mp4")
        for (out, extra) in [(plain, [String]()), (burnt, ["--burn-subtitles"])] {
            let result = try H.run(["render", project.path, "-o", out.path, "--encoder-preset", "ultrafast", "--quiet"] + extra)
            XCTAssertEqual(result.status, 0, result.standardError)
        }
        // Frame 10: the title (top, first second) in both; the subtitle (bottom) only when burnt in.
        let a = try frame(plain, 10), b = try frame(burnt, 10)
        XCTAssertGreaterThan(lit(a, rows: 12..<80), 300, "the title at the top")
        XCTAssertEqual(lit(a, rows: 150..<240), 0, "no subtitles unless asked")
        XCTAssertGreaterThan(lit(b, rows: 190..<232), 60, "burnt-in subtitle at the bottom")
        XCTAssertEqual(lit(b, rows: 90..<170), 0, "nothing in the middle")
        // Frame 35: the title is over, the subtitle still up.
        let c = try frame(burnt, 35)
        XCTAssertEqual(lit(c, rows: 0..<150), 0)
        XCTAssertGreaterThan(lit(c, rows: 190..<232), 60)
    }
}
