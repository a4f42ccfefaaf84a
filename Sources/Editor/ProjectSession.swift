import Foundation
import Interchange
import Synchronization
import TimelineModel
#if canImport(Glibc)
import Glibc
#endif

/// A project file on disk while it is being edited: its lock, its journal and its backups.
///
/// The journal beside the project (`NAME.termcut.journal`) starts with the identity of the save
/// it extends and holds one line per command that changed the project since. Opening replays it,
/// so `kill -9` loses at most the command in flight. Saving writes the project atomically and
/// only then starts a fresh journal; a journal naming an older save is stale and ignored.
public final class ProjectSession {
    public let url: URL
    public let readOnly: Bool
    public private(set) var loaded: ProjectFile.Loaded
    private var journalFD: Int32 = -1
    private var journalEntries = 0
    /// Who held the lock when this session opened read-only.
    public private(set) var lockHolderDescription = ""
    /// How many earlier saves to keep beside the project.
    public var backupsKept = 5

    public var journalURL: URL { URL(fileURLWithPath: url.path + ".journal") }
    public var lockURL: URL { URL(fileURLWithPath: url.path + ".lock") }
    public var backupsFolder: URL { URL(fileURLWithPath: url.path + ".backups", isDirectory: true) }
    public var isDirty: Bool { journalEntries > 0 }

    public struct Locked: Error, CustomStringConvertible {
        public var path: String
        public var holder: String
        public var description: String {
            "\(path) is open in another termcut (\(holder)); open it read-only with --read-only, or close the other one"
        }
    }

    private init(url: URL, loaded: ProjectFile.Loaded, readOnly: Bool) {
        self.url = url
        self.loaded = loaded
        self.readOnly = readOnly
    }

    deinit { release() }

    public static func open(_ url: URL, readOnly: Bool) throws -> ProjectSession {
        let loaded = try ProjectFile.read(url)
        let session = ProjectSession(url: url, loaded: loaded, readOnly: readOnly)
        if let holder = session.liveLockHolder() {
            guard readOnly else { throw Locked(path: url.path, holder: holder) }
            session.lockHolderDescription = holder
        } else if !readOnly {
            try session.takeLock()
        }
        return session
    }

    /// Writes a new project file and starts its journal.
    public static func create(_ url: URL, project: Project) throws -> ProjectSession {
        let session = ProjectSession(url: url, loaded: ProjectFile.Loaded(project: project, saveID: nil), readOnly: false)
        if let holder = session.liveLockHolder() { throw Locked(path: url.path, holder: holder) }
        try session.takeLock()
        try session.save(project)
        return session
    }

    public func save(_ project: Project) throws {
        guard !readOnly else { throw CommandError("save: the project is open read-only (\(lockHolderDescription))") }
        keepBackup()
        let saveID = UUID().uuidString
        try ProjectFile.write(project, saveID: saveID, to: url)
        loaded = ProjectFile.Loaded(project: project, saveID: saveID)
        try startJournal(saveID: saveID)
    }

    // MARK: - Journal

    struct JournalHeader: Codable { var journal: Int; var save: String }
    struct JournalEntry: Codable { var ctx: EditorContext; var cmd: String }

    func journal(line: String, context: EditorContext) throws {
        if journalFD < 0 { try openJournalForAppend() }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(JournalEntry(ctx: context, cmd: line))
        data.append(0x0A)
        try writeAll(data, fd: journalFD)
        guard fsync(journalFD) == 0 else { throw CommandError("journal: \(String(cString: strerror(errno)))") }
        journalEntries += 1
    }

    /// Replays the journal's commands on the editor; returns how many were recovered and, if
    /// replay stopped early, why.
    func replayJournal(into editor: Editor) throws -> (recovered: Int, problem: String?) {
        guard let text = try? String(contentsOf: journalURL, encoding: .utf8) else { return (0, nil) }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true)
        guard let first = lines.first,
              let header = try? JSONDecoder().decode(JournalHeader.self, from: Data(first.utf8)),
              header.save == loaded.saveID else {
            return (0, nil) // A journal from before the last save: its commands are in the file already.
        }
        lines.removeFirst()
        var recovered = 0
        var problem: String?
        for line in lines {
            // A line cut short by a crash mid-write ends the usable journal.
            guard let entry = try? JSONDecoder().decode(JournalEntry.self, from: Data(line.utf8)) else { break }
            editor.context = entry.ctx
            let outcome = editor.execute(entry.cmd, journaling: false)
            if outcome.isError {
                problem = "journal entry \(recovered + 1) failed to replay: \(outcome.message)"
                break
            }
            recovered += 1
        }
        journalEntries = recovered
        if !readOnly && recovered < lines.count {
            // Rewrite the journal without the unusable tail so later appends follow good lines.
            try rewriteJournal(header: header, lines: Array(lines.prefix(recovered)).map(String.init))
        }
        return (recovered, problem)
    }

    private func startJournal(saveID: String) throws {
        if journalFD >= 0 { close(journalFD); journalFD = -1 }
        try rewriteJournal(header: JournalHeader(journal: 1, save: saveID), lines: [])
        journalEntries = 0
    }

    private func rewriteJournal(header: JournalHeader, lines: [String]) throws {
        if journalFD >= 0 { close(journalFD); journalFD = -1 }
        var data = try JSONEncoder().encode(header)
        data.append(0x0A)
        for line in lines { data.append(Data((line + "\n").utf8)) }
        try AtomicFile.write(data, to: journalURL)
    }

    private func openJournalForAppend() throws {
        if !FileManager.default.fileExists(atPath: journalURL.path) {
            try startJournal(saveID: loaded.saveID ?? "")
        }
        journalFD = Glibc.open(journalURL.path, O_WRONLY | O_APPEND)
        guard journalFD >= 0 else { throw CommandError("journal: \(journalURL.path): \(String(cString: strerror(errno)))") }
    }

    private func writeAll(_ data: Data, fd: Int32) throws {
        try data.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw CommandError("journal: \(String(cString: strerror(errno)))")
                }
                offset += n
            }
        }
    }

    // MARK: - Backups

    private func keepBackup() {
        let fm = FileManager.default
        guard fm.fileExists(atPath: url.path) else { return }
        try? fm.createDirectory(at: backupsFolder, withIntermediateDirectories: true)
        let stamp = ISO8601DateFormatter().string(from: Date()).replacingOccurrences(of: ":", with: "")
        let copy = backupsFolder.appendingPathComponent("\(url.deletingPathExtension().lastPathComponent)-\(stamp)-\(UUID().uuidString.prefix(4)).\(url.pathExtension)")
        try? fm.copyItem(at: url, to: copy)
        let kept = ((try? fm.contentsOfDirectory(atPath: backupsFolder.path)) ?? []).sorted()
        for old in kept.dropLast(backupsKept) {
            try? fm.removeItem(at: backupsFolder.appendingPathComponent(old))
        }
    }

    // MARK: - Lock

    /// Projects open in this process: a second open of the same file here is refused too.
    private static let openInProcess = Mutex<Set<String>>([])

    private func liveLockHolder() -> String? {
        if Self.openInProcess.withLock({ $0.contains(url.standardizedFileURL.path) }) {
            return "pid \(getpid()) on \(Self.hostName)"
        }
        guard let text = try? String(contentsOf: lockURL, encoding: .utf8) else { return nil }
        let parts = text.split(separator: " ").map(String.init)
        guard parts.count >= 2, let pid = Int32(parts[0].trimmingCharacters(in: .whitespacesAndNewlines)) else { return nil }
        let host = parts[1].trimmingCharacters(in: .whitespacesAndNewlines)
        if host == Self.hostName, pid == getpid() { return nil }
        // A lock from a process that no longer runs on this host is stale.
        if host == Self.hostName, kill(pid, 0) != 0, errno == ESRCH { return nil }
        return "pid \(pid) on \(host)"
    }

    private func takeLock() throws {
        let data = Data("\(getpid()) \(Self.hostName)\n".utf8)
        do { try AtomicFile.write(data, to: lockURL) } catch {
            throw CommandError("\(url.path): cannot write the lock file: \(error)")
        }
        ownsLock = true
        _ = Self.openInProcess.withLock { $0.insert(url.standardizedFileURL.path) }
    }

    private var ownsLock = false

    public func release() {
        if journalFD >= 0 { close(journalFD); journalFD = -1 }
        if ownsLock {
            unlink(lockURL.path)
            ownsLock = false
            _ = Self.openInProcess.withLock { $0.remove(url.standardizedFileURL.path) }
        }
    }

    static var hostName: String {
        var buf = [CChar](repeating: 0, count: 256)
        gethostname(&buf, buf.count)
        return String(cString: buf)
    }
}
