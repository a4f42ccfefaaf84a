import Foundation
import XCTest

/// Renders and proxies through a one-node Slurm of the test's own, where things go wrong:
/// one array element cancelled with `scancel` while it runs (the render fails naming it, and
/// the same command run again redoes that one only), and termcut itself interrupted (it
/// cancels its whole array). The cluster has one CPU, so the elements run one after another
/// and the later ones are still queued while an earlier one runs.
final class SlurmCancelCLITests: XCTestCase {
    typealias H = MediaCLIHarness

    /// 1080p lossless: large enough that an element runs for a while, exact to compare.
    static let settings = RenderFarmCLITests.lossless + ["--size", "1920x1080"]

    func testAnElementCancelledWhileRunningIsTheOnlyOneRedoneAndTheOutputEqualsAPlainRender() throws {
        let folder = try H.temporaryFolder(self)
        guard let slurm = try LocalSlurm.up(in: folder, cpus: 1, for: self) else { return }
        let project = try RenderFarmCLITests.makeProject(folder)
        let plain = folder.appendingPathComponent("plain.mp4"), joined = folder.appendingPathComponent("joined.mp4")
        let shared = folder.appendingPathComponent("shared")
        try FileManager.default.createDirectory(at: shared, withIntermediateDirectories: true)
        let plainRun = try H.run(["render", project.path, "-o", plain.path] + Self.settings)
        XCTAssertEqual(plainRun.status, 0, plainRun.standardError)
        let command = ["render", project.path, "-o", joined.path, "--segments", "4", "--farm", "slurm", "--shared", shared.path] + Self.settings

        let first = try BackgroundTermcut(command, environment: slurm.environment, folder: folder)
        let job = try XCTUnwrap(first.slurmJob(), first.standardError)
        // Cancel a segment's element while it runs. Should it finish between being seen
        // running and the scancel, the controller says COMPLETED: take the next one.
        var cancelled: Int?
        let deadline = Date().addingTimeInterval(300)
        while cancelled == nil, first.process.isRunning, Date() < deadline {
            let running = try slurm.queued(job: job).filter { $0.value == "RUNNING" && $0.key < 4 }.keys.sorted()
            if let index = running.first {
                let scancel = try slurm.client(["scancel", "\(job)_\(index)"])
                XCTAssertEqual(scancel.status, 0, scancel.standardError)
                var state: String?
                for _ in 0..<600 {
                    state = try slurm.state(job: job, index: index)
                    if let state, !["RUNNING", "PENDING", "COMPLETING"].contains(state) { break }
                    usleep(100_000)
                }
                if state == "CANCELLED" { cancelled = index }
            }
            usleep(50_000)
        }
        let index = try XCTUnwrap(cancelled, "no segment could be cancelled while running: \(first.standardError)")
        first.process.waitUntilExit()
        XCTAssertNotEqual(first.process.terminationStatus, 0, "a render with a cancelled element must fail")
        XCTAssertTrue(first.standardError.contains("segment \(index + 1): cancelled"), first.standardError)
        XCTAssertTrue(first.standardError.contains("1 part did not finish: segment \(index + 1) ")
                      && first.standardError.contains("run the same command again"), first.standardError)
        XCTAssertFalse(FileManager.default.fileExists(atPath: joined.path), "no output from a failed render")

        let again = try H.run(command + ["--json"], environment: slurm.environment)
        XCTAssertEqual(again.status, 0, again.standardError)
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: again.standardOutputData) as? [String: Any], again.standardError)
        XCTAssertEqual(json["rendered"] as? [String], ["segment \(index + 1)"], again.standardError)
        XCTAssertEqual((json["reused"] as? [String])?.sorted(),
                       (["segment 1", "segment 2", "segment 3", "segment 4", "sound"].filter { $0 != "segment \(index + 1)" }), again.standardError)
        XCTAssertTrue(again.standardError.contains("submitting 1 task to Slurm"), again.standardError)
        XCTAssertEqual(try RenderFarmCLITests.pictureHashes(joined), try RenderFarmCLITests.pictureHashes(plain))
        XCTAssertEqual(try RenderFarmCLITests.soundHash(joined), try RenderFarmCLITests.soundHash(plain))
        try RenderFarmCLITests.decodesCleanly(joined)
        let partials = try FileManager.default.subpathsOfDirectory(atPath: folder.path).filter { $0.contains("termcut-partial") }
        XCTAssertEqual(partials, [], "no partial file left by the cancelled element")
    }

    func testInterruptingTermcutCancelsItsArray() throws {
        let folder = try H.temporaryFolder(self)
        guard let slurm = try LocalSlurm.up(in: folder, cpus: 1, for: self) else { return }
        let project = try RenderFarmCLITests.makeProject(folder)
        let joined = folder.appendingPathComponent("joined.mp4")
        let run = try BackgroundTermcut(["render", project.path, "-o", joined.path, "--segments", "4", "--farm", "slurm",
                                         "--shared", folder.path] + Self.settings, environment: slurm.environment, folder: folder)
        let job = try XCTUnwrap(run.slurmJob(), run.standardError)
        // Interrupt once an element runs (the others are then still queued behind it).
        XCTAssertNotNil(run.wait { $0.contains(": running") ? true : nil }, run.standardError)
        run.process.interrupt()
        run.process.waitUntilExit()
        XCTAssertNotEqual(run.process.terminationStatus, 0)
        XCTAssertTrue(run.standardError.contains("cancelled (scancel \(job))"), run.standardError)
        // scancel was sent: the array drains without anything more from us.
        var left = try slurm.queued(job: job)
        for _ in 0..<600 where !left.isEmpty {
            usleep(100_000)
            left = try slurm.queued(job: job)
        }
        XCTAssertEqual(left, [:], "elements of the cancelled render are still queued")
        let states = try (0...4).map { try slurm.state(job: job, index: $0) }
        XCTAssertTrue(states.contains("CANCELLED"), "\(states)")
        XCTAssertFalse(FileManager.default.fileExists(atPath: joined.path))
    }

    /// `proxies FOLDER --farm slurm`: every media file of the folder gets its proxy from one
    /// array, each with its original's frame count; a re-run keeps them all.
    func testProxiesOfAFolderThroughSlurm() throws {
        let folder = try H.temporaryFolder(self)
        guard let slurm = try LocalSlurm.up(in: folder, cpus: 2, for: self) else { return }
        let media = folder.appendingPathComponent("media")
        try FileManager.default.createDirectory(at: media, withIntermediateDirectories: true)
        let a = media.appendingPathComponent("a.mp4"), b = media.appendingPathComponent("b.mp4")
        try RenderCLITests.makeSource(a, rate: "25", seconds: 2, tone: 440)
        try RenderCLITests.makeSource(b, rate: "30", seconds: 1, tone: 880, pattern: "smptebars")
        try "not media".write(to: media.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)

        let made = try H.run(["proxies", media.path, "--farm", "slurm", "--size", "160x120"], environment: slurm.environment)
        XCTAssertEqual(made.status, 0, made.standardError)
        XCTAssertTrue(made.standardError.contains("slurm job "), made.standardError)
        XCTAssertTrue(made.standardOutput.contains("proxies: 2 ready in \(media.path)/proxies"), made.standardOutput)
        let proxies = try FileManager.default.contentsOfDirectory(atPath: media.appendingPathComponent("proxies").path)
            .filter { !$0.hasPrefix(".") }.sorted()
        XCTAssertEqual(proxies.count, 2, "\(proxies)")
        for (original, name) in zip([a, b], proxies) {
            XCTAssertTrue(name.hasPrefix(original.deletingPathExtension().lastPathComponent), "\(name) for \(original.lastPathComponent)")
            let proxy = media.appendingPathComponent("proxies").appendingPathComponent(name)
            let ov = try XCTUnwrap(try RenderCLITests.streams(original).first { $0["codec_type"] as? String == "video" })
            let pv = try XCTUnwrap(try RenderCLITests.streams(proxy).first { $0["codec_type"] as? String == "video" })
            XCTAssertEqual(pv["nb_read_frames"] as? String, ov["nb_read_frames"] as? String, name)
            XCTAssertEqual(pv["r_frame_rate"] as? String, ov["r_frame_rate"] as? String, name)
            XCTAssertEqual(pv["width"] as? Int, 160, name)
        }
        let again = try H.run(["proxies", media.path, "--farm", "slurm", "--size", "160x120"], environment: slurm.environment)
        XCTAssertEqual(again.status, 0, again.standardError)
        XCTAssertEqual(again.standardError.components(separatedBy: "proxy done earlier, kept").count - 1, 2, again.standardError)
        XCTAssertFalse(again.standardError.contains("slurm job "), "nothing to submit on a re-run: \(again.standardError)")
    }
}
