import Foundation
import XCTest

/// The editor's `render OUT segments=N farm=local workers=K` in the real binary under tmux:
/// the status bar shows the segments done and the share of frames ("render out.mp4 1/4
/// segments · 37%") while the local workers run, the message line the result, and the file
/// has every frame; `render-cancel` stops a segmented render and leaves no output.
final class TmuxFarmRenderTests: TmuxTestCase {
    func testASegmentedRenderShowsItsTasksInTheStatusBarAndRenderCancelStopsIt() throws {
        // 1080p, 8 s: long enough on a loaded machine that the bar is seen while the workers run.
        // The four segments and the sound are five parts.
        let project = try makeProject()
        let out = home.appendingPathComponent("out.mp4")
        try openEditor(project)

        try type(":render \(out.path) segments=4 farm=local workers=2")
        try send("Enter")
        let seen = try waitFor("the farm progress in the status bar", patience: 120) {
            $0.range(of: #"render out\.mp4 [0-3]/4 segments · \d+%"#, options: .regularExpression) != nil
        }
        XCTAssertTrue(seen.contains("in 4 segments on 2 local workers"), seen)
        let done = try waitFor("the render's end", patience: 900) { $0.contains("rendered out.mp4:") || $0.contains("render: ") }
        XCTAssertTrue(done.contains("rendered out.mp4: 200 frames in 4 segments (5 rendered, 0 kept)"), done)
        let probe = try RenderCLITests.streams(out)
        XCTAssertEqual(probe.first { $0["codec_type"] as? String == "video" }?["nb_read_frames"] as? String, "200")
        try RenderFarmCLITests.decodesCleanly(out)
        XCTAssertFalse(FileManager.default.fileExists(atPath: home.appendingPathComponent(".out.termcut-segments").path),
                       "the work folder goes once the output is in place")

        // Cancelled while its workers run: no output, and the workers are gone.
        let other = home.appendingPathComponent("other.mp4")
        try type(":render \(other.path) segments=4 workers=1")
        try send("Enter")
        try waitFor("the second render's progress", patience: 120) { $0.contains("render other.mp4 0/4 segments") }
        try type(":render-cancel")
        try send("Enter")
        try waitFor("the cancelled render", patience: 120) { $0.contains("render: cancelled") }
        XCTAssertFalse(FileManager.default.fileExists(atPath: other.path))
        let workers = try MediaCLIHarness.tool("pgrep", ["-f", "render \(home.path)/.other.termcut-segments/snapshot.termcut"])
        XCTAssertNotEqual(workers.status, 0, "a worker still runs: \(workers.standardOutput)")
        let partials = try FileManager.default.subpathsOfDirectory(atPath: home.path).filter { $0.contains("termcut-partial") }
        XCTAssertEqual(partials, [])
        _ = try saveQuitAndDump(project)
    }

    /// An 8 s 1080p25 clip (made here by ffmpeg) cut into a 25 fps sequence.
    func makeProject() throws -> URL {
        let source = home.appendingPathComponent("big.mp4")
        let made = try MediaCLIHarness.tool("ffmpeg", ["-v", "error", "-y", "-f", "lavfi", "-i", "testsrc2=s=1920x1080:r=25:d=8",
                                                       "-f", "lavfi", "-t", "8", "-i", "sine=f=440:sample_rate=48000", "-ac", "2",
                                                       "-c:v", "libx264", "-preset", "ultrafast", "-g", "25", "-pix_fmt", "yuv420p",
                                                       "-c:a", "aac", "-shortest", source.path])
        XCTAssertEqual(made.status, 0, "ffmpeg is needed to make the clip: \(made.standardError)")
        return try RenderCLITests.makeProject(home, sources: [source], rate: (25, 1))
    }

    /// On Slurm (a one-node cluster of the test's own, one CPU): the bar names the job, and
    /// `render-cancel` scancels the array: nothing of it stays queued, its elements end CANCELLED.
    func testRenderCancelScancelsTheSlurmArray() throws {
        guard let slurm = try LocalSlurm.up(in: home, cpus: 1, for: self) else { return }
        let project = try makeProject()
        let out = home.appendingPathComponent("farmed.mp4")
        try startShell()
        let environment = slurm.environment.map { "\($0.key)='\($0.value)'" }.sorted().joined(separator: " ")
        try type("env \(environment) '\(MediaCLIHarness.binary.path)' open --no-mouse --no-preview '\(project.path)'; echo TERMCUT-EXIT=$?")
        try send("Enter")
        try waitFor("the editor") { $0.contains("Timeline") && $0.contains("NORMAL") }
        try type(":render \(out.path) segments=4 farm=slurm shared=\(home.path)")
        try send("Enter")
        let submitted = try waitFor("the Slurm job in the status bar", patience: 120) {
            $0.range(of: #"render farmed\.mp4 [0-3]/4 segments · \d+% · slurm job \d+"#, options: .regularExpression) != nil
        }
        let job = try XCTUnwrap(submitted.components(separatedBy: "slurm job ").dropFirst().first.map { String($0.prefix { $0.isNumber }) })
        try type(":render-cancel")
        try send("Enter")
        try waitFor("the cancelled render", patience: 120) { $0.contains("render: cancelled (scancel \(job))") }
        var left = try slurm.queued(job: job)
        for _ in 0..<600 where !left.isEmpty {
            usleep(100_000)
            left = try slurm.queued(job: job)
        }
        XCTAssertEqual(left, [:], "elements of the cancelled render are still queued")
        let states = try (0...4).map { try slurm.state(job: job, index: $0) }
        XCTAssertTrue(states.contains("CANCELLED"), "\(states)")
        XCTAssertFalse(FileManager.default.fileExists(atPath: out.path))
        try send("q")
        let after = try waitFor("the shell after quitting") { Self.exitStatus(in: $0) != nil }
        XCTAssertEqual(Self.exitStatus(in: after), "0", after)
    }
}
