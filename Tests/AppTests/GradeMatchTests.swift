import App
import Editor
import Foundation
import Render
import TimelineModel
import XCTest

/// `grade-match` on SMPTE HD bars given a warm cast (R ×1, G ×0.97, B ×0.93 with ffmpeg's
/// `colorchannelmixer`): after the match the 75 % white bar renders neutral, the numbers are in
/// the message, and undo takes the proposal back.
final class GradeMatchTests: XCTestCase {
    func testMatchNeutralisesACastAndUndoDeclinesIt() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("termcut-match-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let bars = folder.appendingPathComponent("warm.mkv")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["ffmpeg", "-nostdin", "-v", "error", "-y", "-f", "lavfi", "-i", "smptehdbars=size=1280x720:rate=25",
                             "-vf", "format=gbrp,colorchannelmixer=rr=1:gg=0.97:bb=0.93,scale=out_color_matrix=bt709:out_range=tv,format=yuv444p",
                             "-colorspace", "bt709", "-color_range", "tv", "-frames:v", "3", "-c:v", "ffv1", bars.path]
        try process.run()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, "ffmpeg (scripts/install-deps.sh) must make the test media")

        let editor = Editor(project: Project(name: "t", bins: [Bin(name: "Media")]), registry: MeasureLoudness.registry, catalog: LibavMediaCatalog())
        let (ok, messages) = editor.runScript("import \(bars.path)\nsource warm\nappend\ngoto 0\n")
        XCTAssertTrue(ok, messages.joined(separator: "\n"))

        /// The mean R′, G′, B′ of the 75 % white bar (top row, second bar from the left).
        func whiteBar(_ project: Project) -> (Double, Double, Double) {
            let picture = TimelineRenderer(project: project).deepPicture(at: 0, width: 1280, height: 720)
            var sum = (0.0, 0.0, 0.0), n = 0.0
            for y in 100..<300 {
                for x in 180..<250 {
                    let i = (y * 1280 + x) * 4
                    sum.0 += Double(picture.samples[i]); sum.1 += Double(picture.samples[i + 1]); sum.2 += Double(picture.samples[i + 2])
                    n += 65_535
                }
            }
            return (sum.0 / n, sum.1 / n, sum.2 / n)
        }
        let before = whiteBar(editor.project)
        XCTAssertGreaterThan(before.0 - before.2, 0.04, "the cast is there: \(before)")

        let outcome = editor.execute("grade-match")
        XCTAssertFalse(outcome.isError, outcome.message)
        XCTAssertTrue(outcome.message.contains("temperature") && outcome.message.contains("neutral pixels"), outcome.message)
        let grade = try XCTUnwrap(editor.timeline.clip(at: 0, track: 0)?.clip.grade)
        XCTAssertLessThan(grade.temperature, 0, "a warm cast is cooled")
        let after = whiteBar(editor.project)
        XCTAssertEqual(after.0, after.1, accuracy: 0.006, "neutral after the match: \(after) (was \(before)); \(outcome.message)")
        XCTAssertEqual(after.2, after.1, accuracy: 0.006, "neutral after the match: \(after) (was \(before)); \(outcome.message)")

        editor.execute("undo")
        XCTAssertNil(editor.timeline.clip(at: 0, track: 0)?.clip.grade)
    }
}
