import Foundation
import PathBytes

/// Which file, in which state: path, size and modification time. Caches of derived data
/// (keyframe index, peaks) are keyed by it, so an edited or replaced file is re-read.
public struct MediaFileIdentity: Hashable, Sendable, Codable {
    public var path: String
    public var size: Int64
    /// Modification time in nanoseconds since 1970.
    public var modificationTime: Int64

    /// Checks that `path` is a readable, non-empty regular file and records its identity.
    public init(path: String) throws(MediaError) {
        guard let status = SystemFile.status(path) else {
            let code = errno
            switch code {
            case ENOENT, ENOTDIR:
                throw MediaError(.fileNotFound, path: path, reason: "no such file")
            case EACCES:
                throw MediaError(.permissionDenied, path: path,
                                 reason: "permission denied (check the file's read permission and its folders')")
            default:
                throw MediaError(.fileNotFound, path: path, reason: "cannot read: \(String(cString: strerror(code)))")
            }
        }
        if (status.st_mode & S_IFMT) == S_IFDIR {
            throw MediaError(.isDirectory, path: path, reason: "is a folder, not a media file")
        }
        if SystemFile.access(path, R_OK) != 0 {
            throw MediaError(.permissionDenied, path: path,
                             reason: "permission denied (check the file's read permission)")
        }
        if status.st_size == 0 {
            throw MediaError(.emptyFile, path: path, reason: "file is empty (0 bytes), not a media file")
        }
        self.path = path
        self.size = Int64(status.st_size)
        self.modificationTime = Int64(status.st_mtim.tv_sec) * 1_000_000_000 + Int64(status.st_mtim.tv_nsec)
    }

    /// A short stable name for cache files derived from this identity.
    public var cacheKey: String {
        // FNV-1a over the identity text: stable across runs, unlike Hasher.
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in PathBytes.bytes("\(path)|\(size)|\(modificationTime)") {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        let name = PathBytes.shown(SystemFile.lastComponent(path))
            .filter { $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" || $0 == "_" }
        return "\(name.prefix(40))-\(String(hash, radix: 16))"
    }
}
