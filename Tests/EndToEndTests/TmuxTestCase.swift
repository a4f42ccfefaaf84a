import Foundation
import XCTest

/// A detached tmux server per test, with helpers to type into the pane and wait for the screen.
///
/// `TERMCUT_TUI_COMMAND` overrides the command line that opens the editor (default:
/// the built `termcut` with no arguments, which opens the demo project).
class TmuxTestCase: XCTestCase {
    var socket = ""
    var home: URL!

    override func setUpWithError() throws {
        guard let tmux = Self.which("tmux") else { throw TmuxMissing() }
        tmuxPath = tmux
        socket = "termcut-e2e-\(UUID().uuidString.prefix(8))"
        home = FileManager.default.temporaryDirectory.appendingPathComponent(socket)
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        _ = try? tmux(["kill-server"])
        if let home { try? FileManager.default.removeItem(at: home) }
    }

    var tmuxPath = "/usr/bin/tmux"

    struct GaveUp: Error { var what: String }

    static func which(_ name: String) -> String? {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let path = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }

    /// Runs tmux and returns what it printed. posix_spawn and waitpid rather than
    /// Foundation's Process: the tmux server that new-session forks keeps inherited
    /// descriptors, and Process then never reports the client's exit.
    @discardableResult
    func tmux(_ arguments: [String]) throws -> String {
        let output = home.appendingPathComponent("tmux-output")
        let argv = [tmuxPath, "-L", socket, "-f", "/dev/null"] + arguments
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var cArguments = argv.map { strdup($0) } + [nil]
        defer { for pointer in cArguments { free(pointer) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, tmuxPath, &actions, nil, &cArguments, environ)
        guard spawned == 0 else { throw NSError(domain: "tmux", code: Int(spawned)) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        return (try? String(contentsOf: output, encoding: .utf8)) ?? ""
    }

    func screen() throws -> String { try tmux(["capture-pane", "-p", "-t", "e2e"]) }

    /// Polls the pane until `condition` holds; fails with the last screen after `patience` seconds.
    @discardableResult
    func waitFor(_ what: String, patience: TimeInterval = 30, file: StaticString = #filePath, line: UInt = #line,
                 _ condition: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(patience)
        var last = ""
        while Date() < deadline {
            last = try screen()
            if condition(last) { return last }
            Thread.sleep(forTimeInterval: 0.05)
        }
        XCTFail("waited for \(what); the pane shows:\n\(last)", file: file, line: line)
        throw GaveUp(what: what)
    }

    /// The status `echo TERMCUT-EXIT=$?` printed (not the echo of the typed command).
    static func exitStatus(in screen: String) -> String? {
        screen.split(separator: "\n").first { $0.hasPrefix("TERMCUT-EXIT=") }.map { String($0.dropFirst(13)) }
    }

    func editorCommand() -> String {
        if let override = ProcessInfo.processInfo.environment["TERMCUT_TUI_COMMAND"], !override.isEmpty { return override }
        return "'\(MediaCLIHarness.binary.path)'"
    }

    /// Starts an interactive shell in a 120x40 pane with a private HOME (so the demo media
    /// and config live in the test's folder) and waits for its prompt.
    func startShell(width: Int = 120, height: Int = 40) throws {
        let shellEnvironment = "HOME='\(home.path)' XDG_CONFIG_HOME='\(home.path)/config' PS1='e2e$ '"
        try tmux(["new-session", "-d", "-s", "e2e", "-x", "\(width)", "-y", "\(height)", "env \(shellEnvironment) TERM=tmux-256color sh -i"])
        try tmux(["set-option", "-g", "window-size", "manual"])
        try waitFor("the shell prompt") { $0.contains("e2e$") }
    }

    func send(_ keys: String...) throws { try tmux(["send-keys", "-t", "e2e"] + keys) }

    /// Types text literally (no key-name interpretation).
    func type(_ text: String) throws { try tmux(["send-keys", "-t", "e2e", "-l", text]) }

    /// `clip.mp4` in the test's home: 10 s of testsrc2 at 320x240, 30 fps, H.264, with a
    /// 440 Hz stereo tone in AAC (the material of the trim, patch, nest and track tests).
    func makeTenSecondClip(file: StaticString = #filePath, line: UInt = #line) throws -> URL {
        let clip = home.appendingPathComponent("clip.mp4")
        let ffmpeg = try MediaCLIHarness.tool("ffmpeg", ["-nostdin", "-v", "error", "-f", "lavfi", "-i", "testsrc2=s=320x240:r=30:d=10",
                                              "-f", "lavfi", "-i", "sine=f=440:sample_rate=48000:d=10", "-ac", "2", "-c:v", "libx264",
                                              "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest", clip.path])
        XCTAssertEqual(ffmpeg.status, 0, "ffmpeg (scripts/install-deps.sh --test): \(ffmpeg.standardError)", file: file, line: line)
        return clip
    }

    /// Builds a project headless with `termcut run` (the script's lines as given).
    func buildProject(_ project: URL, script lines: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let script = home.appendingPathComponent("build-\(project.deletingPathExtension().lastPathComponent).txt")
        try lines.write(to: script, atomically: true, encoding: .utf8)
        let run = try MediaCLIHarness.run(["run", project.path, script.path])
        XCTAssertEqual(run.status, 0, run.standardError, file: file, line: line)
    }

    /// Starts a shell and opens `project` in the editor (no preview window, no mouse), waiting
    /// for the timeline; the shell prints TERMCUT-EXIT= when the editor quits.
    func openEditor(_ project: URL) throws {
        try startShell()
        try type("'\(MediaCLIHarness.binary.path)' open --no-mouse --no-preview '\(project.path)'; echo TERMCUT-EXIT=$?")
        try send("Enter")
        // The engine's start-up notice ("preview off (--no-preview): …") arrives a moment after the
        // first screen and takes the message line: wait for it, or it can replace the message a
        // test's first key is waiting for.
        try waitFor("the editor and its start-up notice") { $0.contains("Timeline") && $0.contains("NORMAL") && $0.contains("preview off") }
    }

    /// Saves with ctrl-s, quits with q, checks the exit status and returns `termcut dump`'s text.
    func saveQuitAndDump(_ project: URL, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        try send("C-s"); try waitFor("the save") { $0.contains("saved \(project.lastPathComponent)") }
        try send("q")
        let after = try waitFor("the shell after quitting") { Self.exitStatus(in: $0) != nil }
        XCTAssertEqual(Self.exitStatus(in: after), "0", after, file: file, line: line)
        let dump = try MediaCLIHarness.run(["dump", project.path])
        XCTAssertEqual(dump.status, 0, dump.standardError, file: file, line: line)
        return dump.standardOutput
    }

    /// The item lines of one track in a dump (`V1`, `A2`…), each as its words.
    static func trackItems(_ dump: String, _ track: String) -> [[Substring]] {
        dump.split(separator: "\n").drop { $0 != track }.dropFirst().prefix { $0.hasPrefix("  ") }.map { $0.split(separator: " ") }
    }
}

/// tmux drives these tests; CI installs it, so its absence fails them rather than skipping.
struct TmuxMissing: Error, CustomStringConvertible {
    var description: String { "tmux is not installed; run scripts/install-deps.sh" }

    /// Another reference tool (ffmpeg) that failed or is missing.
    struct Tool: Error, CustomStringConvertible { var description: String }
}
