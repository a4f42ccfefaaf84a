import Foundation
import PathBytes
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The exclusive right to write one project, held for a whole editing session or script run.
///
/// The lock is a kernel lock (`flock`) on `NAME.termcut.lock` beside the project, not the mere
/// existence of that file: taking it is atomic, so of any number of termcuts started in the
/// same millisecond exactly one gets it, and the kernel drops it when the holder dies, so a lock
/// left by a crash is taken over without guessing from pids. The file's text says who holds it
/// (`termcut pid N on HOST since DATE`) for the message the others see. A lock file written by
/// an older termcut (no `flock`) is honoured while its pid is a live termcut on this host.
public final class ProjectLock {
    public let lockPath: String
    private var fd: Int32

    /// Who holds a project: printed to the writers that were refused.
    public struct Held: Error, CustomStringConvertible {
        public var path: String
        public var holder: String
        /// What the refused program should suggest: a script cannot use a read-only copy.
        public var forScript = false
        public var description: String {
            if forScript {
                return "\(PathBytes.shown(path)) is open in another termcut (\(holder)); close it there (save and quit), then run the script again"
            }
            return "\(PathBytes.shown(path)) is open in another termcut (\(holder)); close it there, or open it read-only with --read-only"
        }
    }

    private init(lockPath: String, fd: Int32) {
        self.lockPath = lockPath
        self.fd = fd
    }

    deinit { release() }

    /// The lock file that guards `projectPath`.
    public static func lockPath(for projectPath: String) -> String { projectPath + ".lock" }

    /// Projects locked by this process: flock would refuse a second lock here anyway, but this
    /// names the holder correctly.
    private static let heldHere = Mutex<Set<String>>([])

    /// Takes the lock or throws `Held` naming the holder; never waits.
    public static func acquire(projectPath: String) throws -> ProjectLock {
        let path = lockPath(for: projectPath)
        let key = URL(fileURLWithPath: path).standardizedFileURL.path
        if heldHere.withLock({ $0.contains(key) }) {
            throw Held(path: projectPath, holder: "pid \(getpid()) on \(hostName), this same termcut")
        }
        // The holder may unlink the file while releasing; a lock taken on an unlinked file guards
        // nothing, so retry until the locked file is the one at the path.
        for _ in 0..<100 {
            let fd = SystemFile.open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
            guard fd >= 0 else {
                let e = errno
                throw CommandError("\(PathBytes.shown(projectPath)): cannot create the lock file \(PathBytes.shown(path)): \(String(cString: strerror(e)))"
                                   + (e == EACCES || e == EROFS ? " (the folder is not writable; open the project read-only with --read-only)" : ""))
            }
            if flock(fd, LOCK_EX | LOCK_NB) != 0 {
                let e = errno
                // The holder writes who it is just after taking the lock: give it a moment.
                var text = readAll(fd)
                for _ in 0..<100 where text.isEmpty {
                    usleep(1000)
                    text = readAll(fd)
                }
                close(fd)
                if e == EWOULDBLOCK {
                    throw Held(path: projectPath, holder: describe(text) ?? "another termcut that is starting up")
                }
                throw CommandError("\(PathBytes.shown(projectPath)): cannot lock \(PathBytes.shown(path)): \(String(cString: strerror(e)))")
            }
            var locked = stat()
            guard let atPath = SystemFile.status(path), fstat(fd, &locked) == 0,
                  atPath.st_ino == locked.st_ino, atPath.st_dev == locked.st_dev else {
                close(fd)
                continue
            }
            // An older termcut wrote the file without flock: honour it while that process lives.
            let previous = readAll(fd)
            if let legacy = legacyHolder(previous) {
                flock(fd, LOCK_UN)
                close(fd)
                throw Held(path: projectPath, holder: legacy)
            }
            let stamp = ISO8601DateFormatter().string(from: Date())
            let text = "termcut pid \(getpid()) on \(hostName) since \(stamp)\n"
            ftruncate(fd, 0)
            _ = text.withCString { pwrite(fd, $0, strlen($0), 0) }
            fsync(fd)
            _ = heldHere.withLock { $0.insert(key) }
            return ProjectLock(lockPath: path, fd: fd)
        }
        throw CommandError("\(PathBytes.shown(projectPath)): the lock file \(PathBytes.shown(path)) keeps changing; is another program removing it?")
    }

    /// Who holds the lock now, or nil when nobody does (for read-only opens, which take no lock).
    public static func holder(projectPath: String) -> String? {
        let path = lockPath(for: projectPath)
        if heldHere.withLock({ $0.contains(URL(fileURLWithPath: path).standardizedFileURL.path) }) {
            return "pid \(getpid()) on \(hostName), this same termcut"
        }
        let fd = SystemFile.open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        let text = readAll(fd)
        if flock(fd, LOCK_SH | LOCK_NB) != 0 {
            return errno == EWOULDBLOCK ? (describe(text) ?? "another termcut that is starting up") : nil
        }
        flock(fd, LOCK_UN)
        return legacyHolder(text)
    }

    /// Gives the lock up and removes its file, so a clean quit leaves nothing behind. The file
    /// is unlinked while still locked: a waiter that opened it retries on the new file.
    public func release() {
        guard fd >= 0 else { return }
        SystemFile.unlink(lockPath)
        close(fd)
        fd = -1
        _ = Self.heldHere.withLock { $0.remove(URL(fileURLWithPath: lockPath).standardizedFileURL.path) }
    }

    // MARK: - Reading the holder

    private static func readAll(_ fd: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 512)
        let n = pread(fd, &buffer, buffer.count, 0)
        guard n > 0 else { return "" }
        return String(decoding: buffer[..<n], as: UTF8.self)
    }

    /// "pid N on HOST since …" from the file's text, control characters removed.
    private static func describe(_ text: String) -> String? {
        let line = text.split(separator: "\n").first.map(String.init) ?? ""
        let clean = String(line.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }.map(Character.init))
        if clean.hasPrefix("termcut ") { return String(clean.dropFirst("termcut ".count)) }
        let parts = clean.split(separator: " ")
        if parts.count >= 2, Int32(parts[0]) != nil { return "pid \(parts[0]) on \(parts[1])" }
        return nil
    }

    /// A lock file in the old format ("PID HOST") whose pid is a live termcut on this host.
    private static func legacyHolder(_ text: String) -> String? {
        let parts = text.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)
        guard parts.count >= 2, let pid = Int32(parts[0]), pid > 0, parts[1] == hostName, pid != getpid() else { return nil }
        guard isTermcut(pid: pid) else { return nil }
        return "pid \(pid) on \(parts[1])"
    }

    /// True when `pid` is alive and runs a termcut (a reused pid of another program is not a holder).
    static func isTermcut(pid: Int32) -> Bool {
        guard kill(pid, 0) == 0 || errno == EPERM else { return false }
        guard let comm = try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8) else { return true }
        let name = comm.trimmingCharacters(in: .whitespacesAndNewlines)
        return name.hasPrefix("termcut") || name.hasPrefix("swiftpm-xctest") || name.hasSuffix(".xctest")
    }

    static var hostName: String {
        var buf = [CChar](repeating: 0, count: 256)
        gethostname(&buf, buf.count)
        return String(cString: buf)
    }
}
