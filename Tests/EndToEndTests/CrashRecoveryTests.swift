import Foundation
import XCTest

/// Kills `termcut run --journaled` with SIGKILL at random moments and checks that reopening
/// the project gives exactly the state after some prefix of the script that includes every
/// command the process had acknowledged as journaled.
final class CrashRecoveryTests: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("termcut-crash-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    /// A script whose every line changes the project, so each prefix has its own state.
    static func script() -> [String] {
        var lines: [String] = []
        for i in 0..<5 {
            lines += ["new-bin bin\(i)", "lock V1", "mark-in \(i * 3)", "unlock V1", "mute A\(i % 2 + 1)", "mark-out \(i * 3 + 20)",
                      "unmute A\(i % 2 + 1)", "new-bin sub\(i) parent=bin\(i)"]
        }
        return lines
    }

    func expectedScript(_ k: Int) -> URL { folder.appendingPathComponent("prefix-\(k).txt") }

    /// The whole project as termcut sees it on open (journal replayed), less its name.
    func dump(_ project: URL) throws -> String {
        let r = try MediaCLIHarness.run(["dump", "--json", project.path])
        XCTAssertEqual(r.status, 0, r.standardError)
        let name = project.deletingPathExtension().lastPathComponent
        return r.standardOutput.replacingOccurrences(of: "\"name\" : \"\(name)\"", with: "\"name\" : \"\"")
    }

    func testKilledAtRandomMomentsLosesNothingAcknowledged() throws {
        let lines = Self.script()
        // Expected states: the project after each prefix, computed by the non-journaled runner.
        var expected: [String] = []
        for k in 0...lines.count {
            let p = folder.appendingPathComponent("expected-\(k).termcut")
            let s = expectedScript(k)
            try (lines.prefix(k).joined(separator: "\n") + "\n").write(to: s, atomically: true, encoding: .utf8)
            let r = try MediaCLIHarness.run(["run", p.path, s.path])
            XCTAssertEqual(r.status, 0, r.standardError)
            expected.append(try dump(p))
        }
        XCTAssertEqual(Set(expected).count, expected.count, "every prefix must give a distinct state")

        let scriptFile = folder.appendingPathComponent("script.txt")
        try (lines.joined(separator: "\n") + "\n").write(to: scriptFile, atomically: true, encoding: .utf8)
        var rng = SystemRandomNumberGenerator()
        var killedMidway = 0
        for trial in 0..<10 {
            let project = folder.appendingPathComponent("trial-\(trial).termcut")
            // Start from a saved, empty project so the journal is what carries the work.
            let empty = try MediaCLIHarness.run(["run", project.path, expectedScript(0).path])
            XCTAssertEqual(empty.status, 0, empty.standardError)

            let process = Process()
            process.executableURL = MediaCLIHarness.binary
            process.arguments = ["run", "--journaled", "--no-save", project.path, scriptFile.path]
            let out = Pipe()
            process.standardOutput = out
            process.standardError = FileHandle.nullDevice
            try process.run()
            let killAfter = Int.random(in: 0..<lines.count, using: &rng)
            var acknowledged = 0
            var buffer = Data()
            // Read acknowledgements until the chosen count, then kill without warning.
            while acknowledged < killAfter {
                let chunk = out.fileHandleForReading.availableData
                if chunk.isEmpty { break }
                buffer.append(chunk)
                acknowledged = String(decoding: buffer, as: UTF8.self).components(separatedBy: "journaled ").count - 1
            }
            if Bool.random(using: &rng) { usleep(UInt32.random(in: 0..<3000, using: &rng)) }
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            buffer.append(out.fileHandleForReading.readDataToEndOfFile())
            acknowledged = String(decoding: buffer, as: UTF8.self).components(separatedBy: "journaled ").count - 1
            if acknowledged < lines.count { killedMidway += 1 }

            let state = try dump(project)
            guard let k = expected.firstIndex(of: state) else {
                XCTFail("trial \(trial): the reopened project matches no prefix of the script:\n\(state)")
                continue
            }
            XCTAssertGreaterThanOrEqual(k, acknowledged, "trial \(trial): lost an acknowledged command")
        }
        XCTAssertGreaterThan(killedMidway, 0, "no trial killed the script before it finished")
    }
}
