import Foundation
import XCTest

/// Every subcommand answers --help with its usage, and --version prints the version.
final class HelpCLITests: XCTestCase {
    func testEverySubcommandHasHelpAndTheToolHasAVersion() throws {
        let version = try MediaCLIHarness.run(["--version"])
        XCTAssertEqual(version.status, 0)
        XCTAssertTrue(version.standardOutput.range(of: #"^\d+\.\d+\.\d+\n$"#, options: .regularExpression) != nil, version.standardOutput)

        let root = try MediaCLIHarness.run(["--help"])
        XCTAssertEqual(root.status, 0)
        // The subcommand names from the root help's SUBCOMMANDS section.
        let names = root.standardOutput.split(separator: "\n", omittingEmptySubsequences: false)
            .drop { !$0.hasPrefix("SUBCOMMANDS:") }.dropFirst().prefix { !$0.isEmpty }
            .compactMap { line -> String? in
                let word = line.trimmingCharacters(in: .whitespaces).split(separator: " ").first.map(String.init)
                return line.hasPrefix("  ") && !line.hasPrefix("   ") ? word : nil
            }
        for expected in ["open", "run", "dump", "probe", "demo", "frame", "play", "bench", "import", "export", "commands"] {
            XCTAssertTrue(names.contains(expected), "\(expected) is listed: \(names)")
        }
        for name in names {
            let help = try MediaCLIHarness.run([name, "--help"])
            XCTAssertEqual(help.status, 0, "\(name) --help: \(help.standardError)")
            XCTAssertTrue(help.standardOutput.contains("USAGE: termcut \(name)"), "\(name) --help:\n\(help.standardOutput)")
        }
        let bench = try MediaCLIHarness.run(["bench", "--help"])
        for sub in ["model", "media", "playback", "scopes"] {
            XCTAssertTrue(bench.standardOutput.contains(sub), "bench \(sub) is listed")
        }
    }

    func testAnUnknownOptionIsAUsageErrorNotAStackTrace() throws {
        let r = try MediaCLIHarness.run(["dump", "some.termcut", "--frobnicate"])
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.standardError.contains("Unknown option '--frobnicate'"), r.standardError)
        XCTAssertFalse(r.standardError.contains("Fatal error"))
    }
}

/// The editor needs a terminal; asked to open without one it says what to do instead.
final class NoTerminalTests: XCTestCase {
    func testOpeningWithoutATerminalIsAClearErrorAndWritesNothing() throws {
        let folder = try MediaCLIHarness.temporaryFolder(self)
        let project = folder.appendingPathComponent("p.termcut")
        let r = try MediaCLIHarness.run(["open", project.path])
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(r.standardError, "termcut: the editor needs a terminal; for scripts use `termcut run PROJECT SCRIPT`\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: project.path))
    }
}
