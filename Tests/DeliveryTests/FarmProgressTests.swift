import Foundation
import XCTest
@testable import Delivery

/// The status-bar text of a segmented render: segments done of all, the share of the
/// segments' frames encoded (finished parts whole, running ones from their workers' logs),
/// the Slurm job, the joining stage.
final class FarmProgressTests: XCTestCase {
    func progress() -> FarmProgress {
        FarmProgress(parts: [
            .init(name: "segment 1", isSegment: true, frames: 100), .init(name: "segment 2", isSegment: true, frames: 100),
            .init(name: "segment 3", isSegment: true, frames: 100), .init(name: "segment 4", isSegment: true, frames: 100),
            .init(name: "sound", isSegment: false, frames: 400),
        ])
    }

    func testTextCountsDoneSegmentsAndTheFramesOfRunningOnes() throws {
        var p = progress()
        XCTAssertEqual(p.text(output: "out.mp4"), "render out.mp4 0/4 segments · 0%")
        p.set("segment 1", state: "KEPT")
        p.set("segment 2", state: "COMPLETED")
        p.set("sound", state: "COMPLETED")
        p.set("segment 3", state: "RUNNING")
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("farm-progress-\(UUID().uuidString).log")
        defer { try? FileManager.default.removeItem(at: log) }
        try "render: 10/100 frames  10% 20.0 fps 0.80x ETA 0:04\nrender: 42/100 frames  42% 21.0 fps 0.84x ETA 0:03\n"
            .write(to: log, atomically: true, encoding: .utf8)
        p.read("segment 3", log: log)
        // (100 + 100 + 42) of 400 segment frames; the sound does not count towards the share.
        XCTAssertEqual(p.text(output: "out.mp4"), "render out.mp4 2/4 segments · 60%")
        p.job = "17"
        p.set("segment 3", state: "CANCELLED")
        XCTAssertEqual(p.text(output: "out.mp4"), "render out.mp4 2/4 segments · 60% · slurm job 17")
        p.set("segment 3", state: "COMPLETED"); p.set("segment 4", state: "COMPLETED")
        p.stage = "joining"
        XCTAssertEqual(p.text(output: "out.mp4"), "render out.mp4 4/4 segments · 100% · slurm job 17 · joining")
    }

    func testLogReadingTakesTheLatestProgressLineAndIgnoresOthers() {
        XCTAssertNil(FarmProgress.framesDone(inText: ""))
        XCTAssertNil(FarmProgress.framesDone(inText: "render: measuring loudness…\n"))
        XCTAssertEqual(FarmProgress.framesDone(inText: "render: 3/9 frames 33%\nrender: 7/9 frames 77%\nrendered x.mp4: 9 frames\n"), 7)
        XCTAssertEqual(FarmProgress.framesDone(inText: "\r[###---] render: 5/9 frames 55%"), 5)
        XCTAssertNil(FarmProgress.framesDone(inLog: URL(fileURLWithPath: "/nonexistent/termcut.log")))
    }
}
