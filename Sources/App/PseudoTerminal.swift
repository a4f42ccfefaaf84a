import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A program run on a pseudo-terminal we hold the other end of, so every byte it writes to
/// its "screen" can be counted: what a slow SSH link would have to carry. Used by
/// `termcut bench ui` and by the tests that keep the editor's output small.
///
/// Linux only: devpts through `/dev/ptmx`. `unlockpt` and `ptsname` need _XOPEN_SOURCE, which
/// Swift's Glibc module does not see, so their two ioctls are made here.
public final class PseudoTerminal: @unchecked Sendable {
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// TIOCSPTLCK and TIOCGPTN: `_IOW('T', 0x31, int)` and `_IOR('T', 0x30, unsigned int)`, macros
    /// Swift cannot import.
    static let unlockRequest: UInt = 0x4004_5431
    static let numberRequest: UInt = 0x8004_5430

    public let processID: pid_t
    private let master: Int32
    // `total`, `lastActivity`, `captured` and `finished` are only reached under `lock`.
    private let lock = NSLock()
    private var total = 0
    private var lastActivity = Date()
    private var captured = Data()
    private var finished = false

    /// Starts `executable arguments…` on a new `width`×`height` pseudo-terminal, with `environment`
    /// added to this process's (TERM defaults to xterm-256color).
    public init(executable: String, arguments: [String], environment: [String: String] = [:],
                width: Int, height: Int) throws {
        let master = open("/dev/ptmx", O_RDWR | O_NOCTTY)
        guard master >= 0 else {
            throw Failure(description: "cannot open a pseudo-terminal: \(String(cString: strerror(errno)))")
        }
        var unlock: Int32 = 0, number: UInt32 = 0
        var size = winsize(ws_row: UInt16(height), ws_col: UInt16(width), ws_xpixel: 0, ws_ypixel: 0)
        guard ioctl(master, PseudoTerminal.unlockRequest, &unlock) == 0, ioctl(master, PseudoTerminal.numberRequest, &number) == 0,
              ioctl(master, UInt(TIOCSWINSZ), &size) == 0 else {
            let reason = String(cString: strerror(errno))
            close(master)
            throw Failure(description: "cannot set up the pseudo-terminal: \(reason)")
        }
        let slavePath = "/dev/pts/\(number)"
        var env = ProcessInfo.processInfo.environment
        env["TERM"] = "xterm-256color"
        env["LINES"] = "\(height)"
        env["COLUMNS"] = "\(width)"
        for (key, value) in environment { env[key] = value }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for fd: Int32 in [0, 1, 2] {
            posix_spawn_file_actions_addopen(&actions, fd, slavePath, O_RDWR, 0)
        }
        posix_spawn_file_actions_addclose(&actions, master)
        let argv = [executable] + arguments
        var cArguments = argv.map { strdup($0) } + [nil]
        var cEnvironment = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            cArguments.forEach { free($0) }
            cEnvironment.forEach { free($0) }
        }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable, &actions, nil, &cArguments, &cEnvironment)
        guard spawned == 0 else {
            close(master)
            throw Failure(description: "cannot start \(executable): \(String(cString: strerror(spawned)))")
        }
        self.processID = pid
        self.master = master
        // The reader holds this object until the program closes the terminal: call `terminate()`.
        let thread = Thread { [self] in readLoop() }
        thread.name = "pty reader"
        thread.start()
    }

    deinit {
        close(master)
    }

    private func readLoop() {
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = read(master, &buffer, buffer.count)
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break }
            lock.lock()
            total += count
            lastActivity = Date()
            // Keep the tail only: enough to look for a message, never the whole session.
            captured.append(contentsOf: buffer[0..<count])
            if captured.count > 1 << 20 { captured.removeFirst(captured.count - (1 << 19)) }
            lock.unlock()
        }
        lock.lock()
        finished = true
        lock.unlock()
    }

    /// Bytes the program has written to the terminal so far.
    public var bytesWritten: Int {
        lock.lock()
        defer { lock.unlock() }
        return total
    }

    /// Whether the program closed the terminal (it ended).
    public var hasEnded: Bool {
        lock.lock()
        defer { lock.unlock() }
        return finished
    }

    /// The last output as text (escape sequences included), to look for words in it.
    public var recentOutput: String {
        lock.lock()
        defer { lock.unlock() }
        return String(decoding: captured, as: UTF8.self)
    }

    /// Types `text` as the keyboard would. Quiet is counted from here on (`waitForQuiet`).
    public func send(_ text: String) {
        lock.lock()
        lastActivity = Date()
        lock.unlock()
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { return }
            offset += written
        }
    }

    /// Waits until nothing has been written (or typed) for `quiet` seconds (the screen has settled), at most
    /// `patience` seconds; false when it never settled or the program ended.
    @discardableResult
    public func waitForQuiet(_ quiet: TimeInterval, patience: TimeInterval) -> Bool {
        let deadline = Date().addingTimeInterval(patience)
        while Date() < deadline {
            lock.lock()
            let since = Date().timeIntervalSince(lastActivity), ended = finished
            lock.unlock()
            if ended { return false }
            if since >= quiet { return true }
            Thread.sleep(forTimeInterval: min(0.05, quiet / 4))
        }
        return false
    }

    /// Ends the program (SIGTERM, then SIGKILL after two seconds) and reaps it.
    public func terminate() {
        var status: Int32 = 0
        if waitpid(processID, &status, WNOHANG) != 0 { return }
        kill(processID, SIGTERM)
        for _ in 0..<40 {
            if waitpid(processID, &status, WNOHANG) != 0 { return }
            Thread.sleep(forTimeInterval: 0.05)
        }
        kill(processID, SIGKILL)
        waitpid(processID, &status, 0)
    }
}
