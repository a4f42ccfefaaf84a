import Foundation
import XCTest

/// Many `termcut run` writers released onto one project in the same instant: one at a time
/// holds the lock, the others are told who holds it, and no run exits 0 without its edits in
/// the project. `TERMCUT_LOCK_TRIALS=100` runs the 100 trials of each size.
final class ProjectLockCLITests: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("termcut-lock-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    var trials: Int { Int(ProcessInfo.processInfo.environment["TERMCUT_LOCK_TRIALS"] ?? "") ?? 8 }

    func testTwoWritersStartedTogether() throws { try race(writers: 2, trials: trials * 2) }
    func testEightWritersStartedTogether() throws { try race(writers: 8, trials: trials) }

    func race(writers: Int, trials: Int) throws {
        for trial in 0..<trials {
            let project = folder.appendingPathComponent("race-\(writers)-\(trial).termcut")
            // Every other trial starts from no file at all: creating must be exclusive too.
            if trial % 2 == 0 {
                let r = try MediaCLIHarness.run(["run", project.path, "/dev/null"])
                XCTAssertEqual(r.status, 0, r.standardError)
            }
            // Each writer reads its script from a pipe: all are started and waiting, then the
            // pipes are closed one after another, so they reach the lock within microseconds.
            var processes: [(Process, Pipe, Pipe)] = []
            for w in 0..<writers {
                let p = Process()
                p.executableURL = MediaCLIHarness.binary
                p.arguments = ["run", project.path, "-"]
                let input = Pipe(), errors = Pipe()
                p.standardInput = input
                p.standardError = errors
                p.standardOutput = FileHandle.nullDevice
                try p.run()
                let script = (0..<60).map { "add-marker w\(w)m\($0) red f\(w * 100 + $0)" }.joined(separator: "\n") + "\n"
                input.fileHandleForWriting.write(Data(script.utf8))
                processes.append((p, input, errors))
            }
            for (p, _, _) in processes { waitUntilReadingStandardInput(p.processIdentifier) }
            for (_, input, _) in processes { try input.fileHandleForWriting.close() }
            var winners: [Int] = []
            for (w, (p, _, errors)) in processes.enumerated() {
                let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                p.waitUntilExit()
                if p.terminationStatus == 0 {
                    winners.append(w)
                } else {
                    XCTAssertTrue(message.contains("is open in another termcut (pid ") && message.contains("close it there"),
                                  "trial \(trial), writer \(w): \(message)")
                    XCTAssertFalse(message.contains("--read-only"), "a script is not told to open read-only: \(message)")
                }
            }
            // Usually exactly one gets in. On a loaded machine a writer can reach the lock only
            // after the winner has saved and let go: it then gets in too, legitimately, after
            // it. What must never happen is two holding it at once, and that loses edits: the
            // later save would drop the earlier writer's markers, which the counts below catch.
            XCTAssertGreaterThanOrEqual(winners.count, 1, "trial \(trial) of \(writers) writers: none got in")
            let dump = try MediaCLIHarness.run(["dump", project.path])
            XCTAssertEqual(dump.status, 0, dump.standardError)
            for w in winners {
                XCTAssertEqual(dump.standardOutput.components(separatedBy: " w\(w)m").count - 1, 60,
                               "trial \(trial): writer \(w) exited 0 without all its markers in the project")
            }
            let markers = dump.standardOutput.split(separator: "\n").filter { $0.hasPrefix("marker ") }.count
            XCTAssertEqual(markers, winners.count * 60, "trial \(trial): only the winners' edits")
            XCTAssertFalse(FileManager.default.fileExists(atPath: project.path + ".lock"), "no lock file after the runs end")
        }
    }

    /// Waits (at most 10 s) until `pid` blocks in read(0, …): then all writers are past their
    /// start-up and wait at the same line, so closing the pipes releases them together.
    func waitUntilReadingStandardInput(_ pid: Int32) {
        for _ in 0..<1000 {
            // x86_64: syscall 0 is read; the first argument is the descriptor.
            if let s = try? String(contentsOfFile: "/proc/\(pid)/syscall", encoding: .utf8), s.hasPrefix("0 0x0 ") { return }
            usleep(10_000)
        }
    }

    func testARunOnAProjectOpenElsewhereNamesTheHolderAndDoesNotSuggestReadOnly() throws {
        let project = folder.appendingPathComponent("held.termcut")
        XCTAssertEqual(try MediaCLIHarness.run(["run", project.path, "/dev/null"]).status, 0)
        // A holder that keeps the lock as a termcut does (flock on the lock file) and says who it is.
        let lockHolder = Process()
        lockHolder.executableURL = URL(fileURLWithPath: "/usr/bin/flock")
        lockHolder.arguments = [project.path + ".lock", "-c", "printf 'termcut pid 4242 on elsewhere since now\\n' > \(project.path).lock; sleep 3"]
        try lockHolder.run()
        defer { lockHolder.terminate(); lockHolder.waitUntilExit() }
        var r = try MediaCLIHarness.run(["run", project.path, "/dev/null"])
        // flock(1) needs a moment to take the lock; until then the run simply succeeds.
        for _ in 0..<50 where r.status == 0 {
            usleep(100_000)
            r = try MediaCLIHarness.run(["run", project.path, "/dev/null"])
        }
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.standardError.contains("is open in another termcut (pid 4242 on elsewhere since now); close it there"), r.standardError)
        XCTAssertFalse(r.standardError.contains("read-only"), r.standardError)
    }
}
