import Foundation
import XCTest

/// Files that only look like media by their extension — a PNG renamed .mp4, a text file named
/// .mov — are refused at import with the reason, never imported as 0-frame clips.
final class NotMediaImportCLITests: XCTestCase {
    func testAStillRenamedMp4AndTextNamedMovAreRefusedClearly() throws {
        let folder = try MediaCLIHarness.temporaryFolder(self)
        let png = folder.appendingPathComponent("still.png")
        let made = try MediaCLIHarness.tool("ffmpeg", ["-v", "error", "-f", "lavfi", "-i", "testsrc2=size=64x48", "-frames:v", "1", png.path])
        XCTAssertEqual(made.status, 0, made.standardError)
        let media = folder.appendingPathComponent("media")
        try FileManager.default.createDirectory(at: media, withIntermediateDirectories: true)
        try FileManager.default.moveItem(at: png, to: media.appendingPathComponent("still.mp4"))
        try "shot list, not a movie\n".write(to: media.appendingPathComponent("notes.mov"), atomically: true, encoding: .utf8)
        let project = folder.appendingPathComponent("p.termcut")

        for (file, reason) in [("still.mp4", "no duration: not a video or audio clip (a still image (png)?); convert it to a clip first"),
                               ("notes.mov", "not a media file that termcut can read")] {
            let script = folder.appendingPathComponent("import-\(file).txt")
            try "import \(media.appendingPathComponent(file).path)\n".write(to: script, atomically: true, encoding: .utf8)
            let run = try MediaCLIHarness.run(["run", project.path, script.path])
            XCTAssertEqual(run.status, 1, "\(file) must be refused: \(run.standardError)")
            XCTAssertTrue(run.standardError.contains("line 1: import: \(file)"), run.standardError)
            XCTAssertTrue(run.standardError.contains(reason), run.standardError)
            XCTAssertFalse(FileManager.default.fileExists(atPath: project.path), "a failed script leaves no project")
        }

        // A folder with a real clip beside them: the clip comes in, the two are named as skipped.
        let made2 = try MediaCLIHarness.tool("ffmpeg", ["-v", "error", "-f", "lavfi", "-i", "testsrc2=size=64x48:rate=25:duration=1",
                                                        "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p",
                                                        media.appendingPathComponent("real.mp4").path])
        XCTAssertEqual(made2.status, 0, made2.standardError)
        let script = folder.appendingPathComponent("import-folder.txt")
        try "import \(media.path)\n".write(to: script, atomically: true, encoding: .utf8)
        let run = try MediaCLIHarness.run(["run", "-v", project.path, script.path])
        XCTAssertEqual(run.status, 0, run.standardError)
        XCTAssertTrue(run.standardOutput.contains("imported 1 file into Media; skipped 2"), run.standardOutput)
        XCTAssertTrue(run.standardOutput.contains("still.mp4: ") && run.standardOutput.contains("a still image"), run.standardOutput)
        XCTAssertTrue(run.standardOutput.contains("notes.mov: ") && run.standardOutput.contains("not a media file"), run.standardOutput)
        let dump = try MediaCLIHarness.run(["dump", "--json", project.path])
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: dump.standardOutputData) as? [String: Any], dump.standardError)
        let stored = try XCTUnwrap((json["project"] as? [String: Any])?["media"] as? [[String: Any]])
        XCTAssertEqual(stored.map { $0["name"] as? String }, ["real.mp4"], "only the clip is in the project")
    }
}
