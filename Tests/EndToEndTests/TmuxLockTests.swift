import Foundation
import XCTest

/// The editor in a terminal holds its project's lock for the whole session: a script run on the
/// same project meanwhile is refused and told who holds it; a clean quit leaves no lock file.
final class TmuxLockTests: TmuxTestCase {
    func testTheEditorHoldsTheLockUntilItQuits() throws {
        let project = home.appendingPathComponent("held.termcut")
        let lock = project.path + ".lock"
        let script = home.appendingPathComponent("s.txt")
        try "add-marker from-script\n".write(to: script, atomically: true, encoding: .utf8)
        try startShell()
        try type("'\(MediaCLIHarness.binary.path)' open --no-preview --no-mouse '\(project.path)'; echo TERMCUT-EXIT=$?")
        try send("Enter")
        try waitFor("the editor") { $0.contains("Timeline") }
        XCTAssertTrue(FileManager.default.fileExists(atPath: lock))

        let refused = try MediaCLIHarness.run(["run", project.path, script.path])
        XCTAssertNotEqual(refused.status, 0)
        XCTAssertTrue(refused.standardError.contains("is open in another termcut (pid "), refused.standardError)
        XCTAssertTrue(refused.standardError.contains("close it there"), refused.standardError)
        XCTAssertFalse(refused.standardError.contains("read-only"), refused.standardError)

        try send("q")
        let after = try waitFor("the shell after quitting") { Self.exitStatus(in: $0) != nil }
        XCTAssertEqual(Self.exitStatus(in: after), "0", after)
        XCTAssertFalse(FileManager.default.fileExists(atPath: lock), "a clean quit leaves no lock file")

        let ran = try MediaCLIHarness.run(["run", project.path, script.path])
        XCTAssertEqual(ran.status, 0, ran.standardError)
        XCTAssertFalse(FileManager.default.fileExists(atPath: lock))
    }

    func testADumbTerminalIsRefused() throws {
        let project = home.appendingPathComponent("dumb.termcut")
        try startShell()
        try type("TERM=dumb '\(MediaCLIHarness.binary.path)' open --no-preview '\(project.path)'; echo TERMCUT-EXIT=$?")
        try send("Enter")
        let after = try waitFor("the refusal") { Self.exitStatus(in: $0) != nil }
        XCTAssertNotEqual(Self.exitStatus(in: after), "0", after)
        XCTAssertTrue(after.contains("cannot drive the terminal \"dumb\""), after)
    }
}
