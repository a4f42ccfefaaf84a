import Foundation
import PathBytes
#if canImport(Glibc)
import Glibc
#endif

/// Replaces a file so that a crash or power cut at any moment leaves either the old or the new
/// content: write a temporary file beside it, fsync it, rename it over the target, fsync the folder.
public enum AtomicFile {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    public static func write(_ data: Data, to url: URL) throws {
        let folder = url.deletingLastPathComponent()
        let temp = folder.appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp")
        // Names that are not UTF-8 go to the system as their bytes (`PathBytes`).
        let fd = SystemFile.open(temp.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw Failure(description: explain(errno, url)) }
        var ok = data.withUnsafeBytes { raw -> Bool in
            var offset = 0
            while offset < raw.count {
                let n = Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 { if errno == EINTR { continue }; return false }
                offset += n
            }
            return true
        }
        let writeError = errno
        ok = ok && fsync(fd) == 0
        close(fd)
        guard ok else {
            SystemFile.unlink(temp.path)
            throw Failure(description: explain(writeError == 0 ? errno : writeError, url))
        }
        guard SystemFile.rename(temp.path, url.path) == 0 else {
            let e = errno
            SystemFile.unlink(temp.path)
            throw Failure(description: explain(e, url))
        }
        syncFolder(folder)
    }

    /// The system's reason and what to do about it.
    static func explain(_ code: Int32, _ url: URL) -> String {
        let reason = String(cString: strerror(code))
        switch code {
        case ENOSPC, EDQUOT: return "\(reason) (free some space, or save to another disk)"
        case EACCES, EPERM, EROFS:
            return "\(reason): the folder \(PathBytes.shown(url.deletingLastPathComponent().path)) is not writable (save somewhere else, or fix its permissions)"
        case EISDIR: return "\(PathBytes.shown(url.path)) is a folder, not a file (choose a file name)"
        case ENOENT: return "the folder \(PathBytes.shown(url.deletingLastPathComponent().path)) does not exist"
        default: return reason
        }
    }

    /// Makes a rename or a new file in `folder` durable.
    public static func syncFolder(_ folder: URL) {
        let dfd = SystemFile.open(folder.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dfd >= 0 {
            fsync(dfd)
            close(dfd)
        }
    }
}
