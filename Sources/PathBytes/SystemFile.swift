import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The few file operations termcut needs on names that may hold raw bytes (`PathBytes`),
/// done with the system calls on the real bytes: Foundation's `FileManager` and `URL` encode a
/// path as UTF-8 and would name another file.
public enum SystemFile {
    /// `stat(2)` of the file at `path`, or nil (errno set).
    public static func status(_ path: String) -> stat? {
        var s = stat()
        return PathBytes.withCString(path) { stat($0, &s) } == 0 ? s : nil
    }

    public static func exists(_ path: String) -> Bool { status(path) != nil }

    /// True for a folder, false for anything else that exists, nil when nothing is there.
    public static func isFolder(_ path: String) -> Bool? {
        status(path).map { ($0.st_mode & S_IFMT) == S_IFDIR }
    }

    public static func isRegularFile(_ path: String) -> Bool {
        status(path).map { ($0.st_mode & S_IFMT) == S_IFREG } ?? false
    }

    /// `open(2)` on the bytes of `path`.
    public static func open(_ path: String, _ flags: Int32, _ mode: mode_t = 0o644) -> Int32 {
        PathBytes.withCString(path) { Glibc.open($0, flags, mode) }
    }

    public static func rename(_ from: String, _ to: String) -> Int32 {
        PathBytes.withCString(from) { f in PathBytes.withCString(to) { t in Glibc.rename(f, t) } }
    }

    @discardableResult
    public static func unlink(_ path: String) -> Int32 { PathBytes.withCString(path) { Glibc.unlink($0) } }

    public static func access(_ path: String, _ mode: Int32) -> Int32 { PathBytes.withCString(path) { Glibc.access($0, mode) } }

    /// Creates `path` and its missing parents; throws the system's reason.
    public static func makeFolder(_ path: String) throws {
        if isFolder(path) == true { return }
        let parent = folder(of: path)
        if parent != path && !parent.isEmpty && isFolder(parent) == nil { try makeFolder(parent) }
        if PathBytes.withCString(path, { mkdir($0, 0o755) }) != 0 && errno != EEXIST {
            throw Failure(path: path, code: errno)
        }
    }

    /// The whole file (a regular file only: a FIFO would block and a folder has no bytes).
    public static func read(_ path: String) throws -> Data {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { throw Failure(path: path, code: errno) }
        defer { close(fd) }
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = Glibc.read(fd, &buffer, buffer.count)
            if n < 0 { if errno == EINTR { continue }; throw Failure(path: path, code: errno) }
            if n == 0 { break }
            data.append(contentsOf: buffer[..<n])
        }
        return data
    }

    /// The names in folder `path` (not `.` and `..`), or nil when it cannot be listed.
    public static func names(in path: String) -> [String]? {
        guard let handle = PathBytes.withCString(path, { opendir($0) }) else { return nil }
        defer { closedir(handle) }
        var names: [String] = []
        while let entry = readdir(handle) {
            let bytes: [UInt8] = withUnsafeBytes(of: entry.pointee.d_name) { Array($0.prefix { $0 != 0 }) }
            if bytes == [0x2E] || bytes == [0x2E, 0x2E] { continue }
            names.append(PathBytes.string(from: bytes))
        }
        return names
    }

    /// The folder part of `path` ("." for a bare name), by bytes: no normalisation.
    public static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// The last part of `path`.
    public static func lastComponent(_ path: String) -> String {
        var p = Substring(path)
        while p.count > 1 && p.hasSuffix("/") { p = p.dropLast() }
        guard let slash = p.lastIndex(of: "/") else { return String(p) }
        return String(p[p.index(after: slash)...])
    }

    /// A system call's failure on a path.
    public struct Failure: Error, CustomStringConvertible {
        public var path: String
        public var code: Int32
        public init(path: String, code: Int32) { self.path = path; self.code = code }
        public var reason: String { String(cString: strerror(code)) }
        public var description: String { "\(PathBytes.shown(path)): \(reason)" }
    }
}

extension SystemFile {
    /// Every regular file below `folder` (following no links into loops: at most `limit` folders),
    /// by the names' bytes, sorted. Foundation's enumerator silently leaves out names that are
    /// not UTF-8; this does not.
    public static func regularFiles(under folder: String, limit: Int = 100_000) -> [String] {
        var found: [String] = []
        var pending = [folder.hasSuffix("/") && folder.count > 1 ? String(folder.dropLast()) : folder]
        var visited = 0
        while let dir = pending.popLast(), visited < limit {
            visited += 1
            for name in names(in: dir) ?? [] {
                let full = dir == "/" ? "/" + name : dir + "/" + name
                guard let s = status(full) else { continue }
                switch s.st_mode & S_IFMT {
                case S_IFREG: found.append(full)
                case S_IFDIR: pending.append(full)
                default: break
                }
            }
        }
        return found.sorted()
    }
}
