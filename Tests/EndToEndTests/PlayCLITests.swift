import Foundation
import Interchange
import TimelineModel
import XCTest

/// `termcut play PROJECT --headless --report`, driven as a user would.
final class PlayCLITests: XCTestCase {
    private func bikesProject() throws -> URL {
        let video = try MediaCLIHarness.corpusFile("bikes.mp4")  // 640x272, 25 fps, 10 s
        var project = Project(name: "bikes", media: [
            MediaReference(id: "bikes", name: "bikes.mp4", path: video.path, duration: RationalTime(250, .fps25),
                           video: .init(width: 640, height: 272, rate: .fps25, codec: "h264")),
        ])
        project.timeline = Timeline(name: "T", rate: .fps25, tracks: [
            Track(kind: .video, name: "V1", items: ItemList([
                .clip(Clip(id: ClipID(1), name: "bikes", media: "bikes", source: FrameRange(start: 100, duration: 40), available: 250)),
                .gap(10),
                .clip(Clip(id: ClipID(2), name: "bikes", media: "bikes", source: FrameRange(start: 20, duration: 40), available: 250)),
            ])),
        ])
        let file = try MediaCLIHarness.temporaryFolder(self).appendingPathComponent("bikes.termcut")
        try ProjectFile.encode(project, saveID: nil, folder: nil).write(to: file)
        return file
    }

    /// The drivers are --headless's choice (other tests in this process may have set SDL's variables).
    private let drivers = ["SDL_VIDEODRIVER": "", "SDL_AUDIODRIVER": "", "SDL_DISKAUDIOFILE": ""]

    private func report(_ output: String) throws -> [String: Any] {
        let line = try XCTUnwrap(output.split(separator: "\n").last, output)
        return try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], output)
    }

    func testHeadlessPlayReportsEveryFrameAsPresentedOrDropped() throws {
        let project = try bikesProject()
        let result = try MediaCLIHarness.run(["play", project.path, "--headless", "--from", "30", "--to", "70", "--report"], environment: drivers)
        XCTAssertEqual(result.status, 0, result.standardError)
        let figures = try report(result.standardOutput)
        let presented = try XCTUnwrap(figures["frames_presented"] as? Int)
        let dropped = try XCTUnwrap(figures["frames_dropped"] as? Int)
        XCTAssertEqual(presented + dropped, 40, "frames 30..<70, each shown or counted as dropped")
        XCTAssertGreaterThan(presented, 0)
        for key in ["max_av_offset_ms", "mean_av_offset_ms", "duration_s"] {
            XCTAssertNotNil(figures[key] as? Double, key)
        }
        XCTAssertGreaterThan(try XCTUnwrap(figures["duration_s"] as? Double), 1.0, "40 frames at 25 fps play in real time")
        XCTAssertNil(figures["preview"], "the offscreen driver gives a preview")
    }

    /// `--speed -1` (space, not `=`) is a value, not an unknown option.
    func testNegativeSpeedAfterASpaceIsAccepted() throws {
        let project = try bikesProject()
        let result = try MediaCLIHarness.run(["play", project.path, "--headless", "--no-preview", "--speed", "-1",
                                              "--from", "0", "--to", "5", "--report"], environment: drivers)
        XCTAssertEqual(result.status, 0, result.standardError)
        XCTAssertNotNil(try report(result.standardOutput)["duration_s"] as? Double)
    }

    func testNoPreviewStillPlaysTheRangeAndSaysWhy() throws {
        let project = try bikesProject()
        let result = try MediaCLIHarness.run(["play", project.path, "--headless", "--no-preview", "--to", "10", "--report"], environment: drivers)
        XCTAssertEqual(result.status, 0, result.standardError)
        XCTAssertTrue(result.standardError.contains("--no-preview"), result.standardError)
        let figures = try report(result.standardOutput)
        XCTAssertEqual(figures["frames_presented"] as? Int, 0)
        XCTAssertGreaterThan(try XCTUnwrap(figures["duration_s"] as? Double), 0.3, "10 frames at 25 fps still take their time")
    }

    func testBadArgumentsAreOneLineErrors() throws {
        let project = try bikesProject()
        for (arguments, words) in [
            (["play", project.path, "--headless", "--from", "80", "--to", "20"], "nothing to play"),
            (["play", project.path, "--headless", "--speed", "3/0"], "speed"),
            (["play", project.path + ".missing", "--headless"], "cannot read"),
        ] {
            let result = try MediaCLIHarness.run(arguments, environment: drivers)
            XCTAssertEqual(result.status, 1, arguments.joined(separator: " "))
            XCTAssertTrue(result.standardError.hasPrefix("termcut: "), result.standardError)
            XCTAssertTrue(result.standardError.contains(words), "\(words): \(result.standardError)")
        }
    }
}
