import Analysis
import App
import Foundation
import XCTest

/// Scene detection on a generated clip with known hard cuts: five 2 s shots at 25 fps made by
/// ffmpeg's lavfi sources — a moving test pattern; colour bars with a one-frame white flash in
/// the middle; an RGB pattern fading in from black; grey with heavy temporal noise; a
/// Mandelbrot zoom. The cuts are at frames 50, 100, 150 and 200, and nowhere else: not at the
/// flash (75, 76), not during the fade, not in the noise.
final class SceneDetectionTests: XCTestCase {
    func testCutsOnTheExactFrameAndNoFalseCuts() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("termcut-scenes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("cuts.mp4")
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/ffmpeg") else {
            throw CLIError("ffmpeg is not installed (it generates the test clip); run scripts/install-deps.sh")
        }
        let size = "s=320x180:r=25"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/ffmpeg")
        process.arguments = ["-hide_banner", "-loglevel", "error", "-nostdin", "-y",
                             "-f", "lavfi", "-i", "testsrc2=\(size):d=2",
                             "-f", "lavfi", "-i", "smptebars=\(size):d=1",
                             "-f", "lavfi", "-i", "color=white:\(size):d=0.04",
                             "-f", "lavfi", "-i", "smptebars=\(size):d=0.96",
                             "-f", "lavfi", "-i", "rgbtestsrc=\(size):d=2",
                             "-f", "lavfi", "-i", "color=gray:\(size):d=2",
                             "-f", "lavfi", "-i", "mandelbrot=\(size)",
                             "-filter_complex", "[4:v]fade=t=in:st=0:d=0.8[c];[5:v]noise=alls=80:allf=t[d];"
                                + "[6:v]trim=duration=2,setpts=PTS-STARTPTS[e];"
                                + "[0:v][1:v][2:v][3:v][c][d][e]concat=n=7:v=1:a=0,format=yuv420p[v]",
                             "-map", "[v]", "-c:v", "mpeg4", "-q:v", "3", url.path]
        try process.run()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, "ffmpeg could not make the test clip")
        let result = try SceneAnalysis.detect(url)
        XCTAssertEqual(result.frameCount, 250)
        XCTAssertEqual(result.cuts, [50, 100, 150, 200])
        XCTAssertEqual(result.rate, 25)
        // A minimum scene longer than the shots keeps only every other cut.
        var settings = SceneDetector.Settings()
        settings.minimumLength = 60
        XCTAssertEqual(try SceneAnalysis.detect(url, settings: settings).cuts, [100, 200])
    }
}
