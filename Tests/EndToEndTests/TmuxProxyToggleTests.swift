import Foundation
import XCTest

/// Proxies and the editor, in the real binary under tmux.
/// - `termcut proxies` on a project open in the editor is refused, naming the editor's pid,
///   and changes nothing (the proxy fields would be lost at the editor's next save); once the
///   editor is closed it makes and records them, and the editor's save keeps them.
/// - alt-y: the status bar says PROXY and the scopes decode the proxy (their note names it);
///   again, and both are back to the original.
final class TmuxProxyToggleTests: TmuxTestCase {
    func testProxiesWaitForTheEditorAndAltYSwitchesTheScopesBetweenProxyAndOriginal() throws {
        let source = home.appendingPathComponent("a.mp4")
        try RenderCLITests.makeSource(source, rate: "25", seconds: 2, tone: 440)
        let project = try RenderCLITests.makeProject(home, sources: [source], rate: (25, 1))
        let before = try Data(contentsOf: project)

        try openEditor(project)
        let holder = try XCTUnwrap(try String(contentsOfFile: project.path + ".lock", encoding: .utf8)
            .components(separatedBy: "pid ").dropFirst().first?.prefix { $0.isNumber }, "the editor holds the project's lock")
        let refused = try MediaCLIHarness.run(["proxies", project.path, "--size", "160x120"])
        XCTAssertNotEqual(refused.status, 0)
        XCTAssertTrue(refused.standardError.contains("is open in another termcut (pid \(holder) ")
                      && refused.standardError.contains("run proxies again"), refused.standardError)
        XCTAssertEqual(try Data(contentsOf: project), before, "a refused proxies run must leave the project as it was")
        XCTAssertFalse(FileManager.default.fileExists(atPath: home.appendingPathComponent("proxies/a.mp4").path),
                       "nothing is made before the lock is had")
        try send("q")
        let closed = try waitFor("the editor to quit") { Self.exitStatus(in: $0) != nil }
        XCTAssertEqual(Self.exitStatus(in: closed), "0", closed)
        try tmux(["kill-server"])

        let made = try MediaCLIHarness.run(["proxies", project.path, "--size", "160x120"])
        XCTAssertEqual(made.status, 0, made.standardError)
        XCTAssertFalse(FileManager.default.fileExists(atPath: project.path + ".lock"), "proxies leaves no lock behind")

        try openEditor(project)
        // The editor reopens at the saved playhead (past the clip's end): to its first frame.
        try send("Home")
        let original = try waitFor("the scopes on the original") { $0.contains("source frame of a.mp4") }
        XCTAssertFalse(original.contains(" PROXY "), original)

        try send("M-y")
        let proxied = try waitFor("proxies on") {
            $0.contains(" PROXY ") && $0.contains("proxies on: 1 of 1 media decode a proxy") && $0.contains("proxy of a.mp4")
        }
        XCTAssertFalse(proxied.contains("source frame of a.mp4"), proxied)

        try send("M-y")
        let back = try waitFor("proxies off") { $0.contains("proxies off") && $0.contains("source frame of a.mp4") }
        XCTAssertFalse(back.contains(" PROXY "), back)
        XCTAssertFalse(back.contains("proxy of a.mp4"), back)
        _ = try saveQuitAndDump(project)
        XCTAssertTrue(try String(contentsOf: project, encoding: .utf8).contains("\"proxies/a.mp4\""), "the editor's save keeps the proxy field")
    }
}
