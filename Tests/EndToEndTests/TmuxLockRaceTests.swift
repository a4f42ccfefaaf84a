import Foundation
import XCTest

/// Editors in terminals race scripts for one project: `termcut open` in tmux windows and
/// `termcut run` writers, all held at a starting gate (`TERMCUT_START_GATE`, just before the
/// lock) and released in the same instant. One at a time gets in (almost always exactly one); the others are told
/// who holds it; the one that got in keeps its edits. `TERMCUT_LOCK_TRIALS=100` runs the issue's
/// 100 trials of each size (the default keeps the suite's share near a minute).
final class TmuxLockRaceTests: TmuxTestCase {
    var trials: Int { Int(ProcessInfo.processInfo.environment["TERMCUT_LOCK_TRIALS"] ?? "") ?? 6 }

    func testAnEditorAndAScriptStartedTogether() throws { try race(editors: 1, writers: 1, trials: trials + 1) }
    func testFourEditorsAndFourScriptsStartedTogether() throws { try race(editors: 4, writers: 4, trials: trials) }

    func race(editors: Int, writers: Int, trials: Int) throws {
        try startShell()
        try tmux(["set-option", "-g", "remain-on-exit", "on"])
        // tmux 3.3 crashes on new-window under window-size manual (startShell's): size new
        // windows by default-size instead.
        try tmux(["set-option", "-g", "window-size", "latest"])
        try tmux(["set-option", "-g", "default-size", "120x40"])
        for trial in 0..<trials {
            let project = home.appendingPathComponent("race-\(editors)-\(trial).termcut")
            if trial % 2 == 1 {  // every other trial starts from no file at all
                XCTAssertEqual(try MediaCLIHarness.run(["run", project.path, "/dev/null"]).status, 0)
            }
            // The gate: held here exclusively until every racer waits on it.
            let gate = home.appendingPathComponent("gate-\(trial)")
            FileManager.default.createFile(atPath: gate.path, contents: nil)
            let gateFD = open(gate.path, O_RDONLY | O_CLOEXEC)
            XCTAssertEqual(flock(gateFD, LOCK_EX), 0)

            var pids: [Int32] = [], shells: [Int32] = []
            let environment = "HOME='\(home.path)' XDG_CONFIG_HOME='\(home.path)/config' TERM=tmux-256color TERMCUT_START_GATE='\(gate.path)'"
            for e in 0..<editors {
                // The pane's shell runs the editor as its child and then writes its exit status to a
                // file: tmux 3.3 sometimes never shows the last output of a pane that ends while
                // another pane redraws, so the status does not travel through the screen.
                // Its standard error goes through a file too, shown on the pane afterwards: the
                // refusal is read from the file when the dead pane shows nothing.
                let exitFile = home.appendingPathComponent("exit-\(trial)-\(e)").path
                let errorFile = home.appendingPathComponent("stderr-\(trial)-\(e)").path
                try tmux(["new-window", "-d", "-t", "e2e:", "-n", "ed\(e)",
                          "env \(environment) \(editorCommand()) open --no-preview --no-mouse '\(project.path)' 2> '\(errorFile)'; s=$?; "
                          + "cat '\(errorFile)' >&2; echo $s > '\(exitFile)'"])
                let shell = try tmux(["list-panes", "-t", "e2e:ed\(e)", "-F", "#{pane_pid}"]).trimmingCharacters(in: .whitespacesAndNewlines)
                shells.append(try XCTUnwrap(Int32(shell), "pane pid \(shell)"))
                pids.append(try child(of: shells.last!))
            }
            var scripts: [(Process, Pipe)] = []
            for w in 0..<writers {
                let p = Process()
                p.executableURL = MediaCLIHarness.binary
                p.arguments = ["run", project.path, "-"]
                p.environment = ProcessInfo.processInfo.environment.merging(["TERMCUT_START_GATE": gate.path]) { $1 }
                let input = Pipe(), errors = Pipe()
                p.standardInput = input
                p.standardError = errors
                p.standardOutput = FileHandle.nullDevice
                try p.run()
                input.fileHandleForWriting.write(Data(((0..<60).map { "add-marker w\(w)m\($0) red f\(w * 100 + $0)" }.joined(separator: "\n") + "\n").utf8))
                try input.fileHandleForWriting.close()
                scripts.append((p, errors))
                pids.append(p.processIdentifier)
            }
            for pid in pids { try waitUntilBlockedInFlock(pid) }
            // Go: every racer wakes from the same unlock.
            flock(gateFD, LOCK_UN)
            close(gateFD)

            var winners: [String] = []
            for (w, (p, errors)) in scripts.enumerated() {
                let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                p.waitUntilExit()
                if p.terminationStatus == 0 { winners.append("w\(w)") } else {
                    XCTAssertTrue(message.contains("is open in another termcut (pid ") && message.contains("close it there"),
                                  "trial \(trial), script \(w): \(message)")
                }
            }
            var editorIn: Int?
            for e in 0..<editors {
                let exitFile = home.appendingPathComponent("exit-\(trial)-\(e)").path
                func exitStatus() -> String? {
                    (try? String(contentsOfFile: exitFile, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
                }
                var screen = try waitFor("editor \(e) in or refused (racers: \(Self.states(pids)); shells: \(Self.states(shells)))", window: "ed\(e)") {
                    $0.contains("Timeline") || exitStatus()?.isEmpty == false
                }
                if !screen.contains("Timeline") {
                    let errorFile = home.appendingPathComponent("stderr-\(trial)-\(e)").path
                    let written = (try? String(contentsOfFile: errorFile, encoding: .utf8)) ?? ""
                    screen = try waitFor("editor \(e)'s refusal (its standard error: \(written))", window: "ed\(e)") {
                        $0.contains("is open in another termcut") || written.contains("is open in another termcut")
                    }
                    if !screen.contains("is open in another termcut") { screen = written }
                }
                if screen.contains("Timeline") {
                    winners.append("ed\(e)")
                    editorIn = e
                } else {
                    XCTAssertTrue(screen.contains("is open in another termcut (pid ") && screen.contains("--read-only"),
                                  "trial \(trial), editor \(e): \(screen)")
                    XCTAssertEqual(exitStatus(), "1", "a refused editor exits 1: \(screen)")
                }
            }
            // One holds the lock at a time. A racer slowed by load can reach it after a script
            // that got in has saved and let go, and get in after it (as ProjectLockCLITests
            // explains); an editor keeps it until it quits, so no second editor can.
            XCTAssertGreaterThanOrEqual(winners.count, 1, "trial \(trial): nobody got in")
            XCTAssertLessThanOrEqual(winners.filter { $0.hasPrefix("ed") }.count, 1, "trial \(trial): \(winners) got in")
            print("race of \(editors) editors and \(writers) scripts, trial \(trial): \(winners.joined(separator: ", ")) got in")

            // The editor that got in edits, saves and quits; its edit is in the project.
            if let e = editorIn {
                try tmux(["send-keys", "-t", "e2e:ed\(e)", "-l", ":add-marker ed\(e)edit"])
                try tmux(["send-keys", "-t", "e2e:ed\(e)", "Enter"])
                try waitFor("the marker", window: "ed\(e)") { $0.contains("marker ed\(e)edit") }
                try tmux(["send-keys", "-t", "e2e:ed\(e)", "-l", ":save"])
                try tmux(["send-keys", "-t", "e2e:ed\(e)", "Enter"])
                try waitFor("the save", window: "ed\(e)") { $0.contains("saved") }
                try tmux(["send-keys", "-t", "e2e:ed\(e)", "q"])
                let exitFile = home.appendingPathComponent("exit-\(trial)-\(e)").path
                for _ in 0..<3000 where !FileManager.default.fileExists(atPath: exitFile) { usleep(10_000) }
                XCTAssertEqual((try? String(contentsOfFile: exitFile, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines), "0",
                               "the editor that got in quits cleanly")
            }
            let dump = try MediaCLIHarness.run(["dump", project.path])
            XCTAssertEqual(dump.status, 0, dump.standardError)
            let markers = dump.standardOutput.split(separator: "\n").filter { $0.hasPrefix("marker ") }
            for winner in winners {
                let expected = winner.hasPrefix("w") ? 60 : 1
                XCTAssertEqual(markers.filter { $0.contains(" \(winner)m") || $0.contains(" \(winner)edit") }.count, expected,
                               "trial \(trial): \(winner) got in without all its edits in the project")
            }
            XCTAssertEqual(markers.count, winners.map { $0.hasPrefix("w") ? 60 : 1 }.reduce(0, +), "trial \(trial): only the winner's edits")
            XCTAssertFalse(FileManager.default.fileExists(atPath: project.path + ".lock"), "no lock file after the race")
            for e in 0..<editors { try tmux(["kill-window", "-t", "e2e:ed\(e)"]) }
        }
    }

    /// Polls one window (not the shell's) until `condition` holds.
    @discardableResult
    func waitFor(_ what: @autoclosure () -> String, window: String, patience: TimeInterval = 30, _ condition: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(patience)
        var last = ""
        while Date() < deadline {
            last = try tmux(["capture-pane", "-p", "-J", "-S", "-100", "-t", "e2e:\(window)"])  // -J: a wrapped message as one line
            if condition(last) { return last }
            Thread.sleep(forTimeInterval: 0.05)
        }
        let described = what()
        XCTFail("waited for \(described); the window shows:\n\(last)")
        throw GaveUp(what: described)
    }

    /// What each racer process is doing, for a failure message.
    static func states(_ pids: [Int32]) -> String {
        pids.map { pid in
            let state = ((try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)) ?? "- - gone").split(separator: " ").dropFirst(2).first ?? "?"
            let call = ((try? String(contentsOfFile: "/proc/\(pid)/syscall", encoding: .utf8)) ?? "").prefix(12)
            let wchan = (try? String(contentsOfFile: "/proc/\(pid)/wchan", encoding: .utf8)) ?? ""
            return "\(pid) \(state) \(call) \(wchan)"
        }.joined(separator: "; ")
    }

    /// The one child of `pid` (the editor the pane's shell started), waiting for it to appear.
    func child(of pid: Int32) throws -> Int32 {
        for _ in 0..<3000 {
            if let text = try? String(contentsOfFile: "/proc/\(pid)/task/\(pid)/children", encoding: .utf8),
               let first = text.split(separator: " ").first, let child = Int32(first) { return child }
            usleep(10_000)
        }
        XCTFail("the pane's shell \(pid) started no editor")
        throw GaveUp(what: "the editor process")
    }

    /// Waits (at most 30 s) until `pid` blocks in flock(2) — at the starting gate.
    func waitUntilBlockedInFlock(_ pid: Int32) throws {
        for _ in 0..<3000 {
            // x86_64: syscall 73 is flock.
            if let s = try? String(contentsOfFile: "/proc/\(pid)/syscall", encoding: .utf8), s.hasPrefix("73 ") { return }
            usleep(10_000)
        }
        XCTFail("racer \(pid) never reached the starting gate")
        throw GaveUp(what: "the gate")
    }
}
