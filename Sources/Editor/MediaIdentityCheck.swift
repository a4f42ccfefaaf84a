import Foundation
import PathBytes
import TimelineModel

/// Tells whether each media file is still the one the project imported: present, not
/// empty, the same size and the same first bytes (`MediaFingerprint`). Runs when a project
/// opens, after a relink, and every few seconds while the editor is open, so media replaced,
/// cut to 0 bytes or deleted while open is marked offline with the reason (and `relink`
/// offered) rather than showing another file's frames under its name.
enum MediaIdentityCheck {
    /// The fingerprint of the file at `path` now, or why there is none.
    static func fingerprint(path: String) -> Result<MediaFingerprint, Problem> {
        guard let status = SystemFile.status(path) else { return .failure(.missing) }
        guard (status.st_mode & S_IFMT) == S_IFREG else { return .failure(.notAFile) }
        let modified = Int64(status.st_mtim.tv_sec) * 1_000_000_000 + Int64(status.st_mtim.tv_nsec)
        guard status.st_size > 0 else { return .failure(.empty) }
        let fd = SystemFile.open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { return .failure(.unreadable) }
        let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: MediaFingerprint.hashedBytes)) ?? Data()
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in head {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return .success(MediaFingerprint(size: Int64(status.st_size), modified: modified, head: String(hash, radix: 16)))
    }

    enum Problem: Error, Equatable {
        case missing, notAFile, empty, unreadable

        var reason: String {
            switch self {
            case .missing: return "the file is missing"
            case .notAFile: return "the path is not a file"
            case .empty: return "the file is empty (0 bytes): it was cut short or is being rewritten"
            case .unreadable: return "the file cannot be read (permissions)"
            }
        }
    }

    /// Why `reference` is offline now, or nil when its file is still the one imported.
    /// Without a fingerprint (projects from before them, files that were empty on import) it
    /// checks presence only.
    static func offlineReason(_ reference: MediaReference) -> String? {
        guard let recorded = reference.fingerprint else {
            return SystemFile.exists(reference.path) ? nil : Problem.missing.reason
        }
        // The shortcut: size and time unchanged means unchanged, without reading the file.
        if let status = SystemFile.status(reference.path), Int64(status.st_size) == recorded.size,
           Int64(status.st_mtim.tv_sec) * 1_000_000_000 + Int64(status.st_mtim.tv_nsec) == recorded.modified {
            return nil
        }
        switch fingerprint(path: reference.path) {
        case .failure(let problem):
            return problem.reason
        case .success(let now):
            if now.size != recorded.size {
                return "replaced: the file is \(now.size) bytes, not the \(recorded.size) imported; relink to the original"
            }
            if now.head != recorded.head {
                return "replaced: the file's contents differ from the media imported; relink to the original"
            }
            return nil
        }
    }
}

extension Editor {
    /// Marks media offline whose file is missing or no longer the one imported, with the
    /// reason; brings back media whose file is right again. Returns a message naming what went
    /// offline since the last check (nil when nothing did). Not a command: it changes what
    /// the project can show, not the edit, and is never journaled.
    @discardableResult
    public func checkMediaIdentity() -> String? {
        var wentOffline: [String] = []
        var changed = false
        for i in state.project.media.indices {
            let reference = state.project.media[i]
            let reason = MediaIdentityCheck.offlineReason(reference)
            let offline = reason != nil
            if offline != reference.isOffline || reason != reference.offlineReason {
                changed = true
                if offline && !reference.isOffline { wentOffline.append("\(reference.name): \(reason!)") }
                updateMediaStatus(index: i, offline: offline, reason: reason)
            }
        }
        if changed { revision += 1 }
        guard !wentOffline.isEmpty else { return nil }
        let more = wentOffline.count > 2 ? " (and \(wentOffline.count - 2) more)" : ""
        return "media offline: " + wentOffline.prefix(2).joined(separator: "; ") + more
    }
}
