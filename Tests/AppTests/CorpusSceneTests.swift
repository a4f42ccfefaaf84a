import App
import Foundation
import XCTest

/// Scene detection on real footage from the shared corpus, against cuts found by looking at
/// the frames (a contact sheet every 6th frame, then each candidate frame by frame):
/// - bikes.mp4 (25 fps, 250 frames): six shots, cuts at 30, 76, 137, 187 and 242; between 40
///   and 47 a man walks out of the picture (not a cut);
/// - cityCC0.mpg (MPEG-2, 25 fps): two slow tilts up towers, cut at 116;
/// - oa4_launch.webm (VP8, 24 fps): a wide shot of a launch pad, then a close one from 74;
/// - bigbuckbunny.mp4, balle-jbart.mp4 (a title over the first frames) and movie-hello.mp4 (a
///   screen recording): one shot each, no cuts.
final class CorpusSceneTests: XCTestCase {
    func testCutsOnTheFramesFoundByEyeAndNoFalseCuts() throws {
        let cache = FileManager.default.temporaryDirectory.appendingPathComponent("termcut-scene-cache-\(UUID().uuidString)")
        setenv("XDG_CACHE_HOME", cache.path, 1)
        defer {
            unsetenv("XDG_CACHE_HOME")
            try? FileManager.default.removeItem(at: cache)
        }
        let expected: [(String, [Int])] = [
            ("bikes.mp4", [30, 76, 137, 187, 242]), ("cityCC0.mpg", [116]), ("oa4_launch.webm", [74]),
            ("bigbuckbunny.mp4", []), ("balle-jbart.mp4", []), ("movie-hello.mp4", []),
        ]
        for (name, cuts) in expected {
            let url = NormalizeTests.corpus.appendingPathComponent(name)
            guard FileManager.default.fileExists(atPath: url.path) else { throw XCTSkip("corpus file \(name) not found (set TERMCUT_CORPUS)") }
            XCTAssertEqual(try SceneAnalysis.detect(url, useCache: false).cuts, cuts, name)
        }
    }
}
