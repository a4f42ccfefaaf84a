import Foundation
import Interchange
import PathBytes
import TimelineModel
#if canImport(Glibc)
import Glibc
#endif

/// A project file on disk while it is being edited: its lock, its journal and its backups.
///
/// The journal beside the project (`NAME.termcut.journal`, see `ProjectJournal`) starts with the
/// identity of the save it extends and holds one record per command that changed the project
/// since. Opening replays it, so `kill -9` loses at most the command in flight. Saving writes the
/// project atomically and only then starts a fresh journal; a journal naming the save before is
/// stale (its commands are in the file). Anything else — a damaged record, a journal of another
/// project — is reported and moved aside, never deleted.
public final class ProjectSession {
    public let url: URL
    public let readOnly: Bool
    public private(set) var loaded: ProjectFile.Loaded
    private let journal: ProjectJournal
    private var journalEntries = 0
    private var lock: ProjectLock?
    /// Who held the lock when this session opened read-only.
    public private(set) var lockHolderDescription = ""
    /// Why edits are refused, for messages: who holds the lock, or that the user asked.
    public var readOnlyReason: String {
        lockHolderDescription.isEmpty ? "opened with --read-only; reopen without it to edit" : "held by \(lockHolderDescription)"
    }
    /// How many earlier saves to keep beside the project.
    public var backupsKept = 5
    /// True until the first save when the session was opened on a path with no file yet.
    public private(set) var isNew = false

    public var journalURL: URL { URL(fileURLWithPath: url.path + ".journal") }
    public var lockURL: URL { URL(fileURLWithPath: ProjectLock.lockPath(for: url.path)) }
    public var backupsFolder: URL { URL(fileURLWithPath: url.path + ".backups", isDirectory: true) }
    public var isDirty: Bool { journalEntries > 0 || isNew }

    private init(url: URL, loaded: ProjectFile.Loaded, readOnly: Bool) {
        self.url = url
        self.loaded = loaded
        self.readOnly = readOnly
        self.journal = ProjectJournal(url: URL(fileURLWithPath: url.path + ".journal"), projectName: url.lastPathComponent)
    }

    deinit { release() }

    /// Opens a project. A writer takes the lock first, then reads the file, so what it read is
    /// what it holds; `forScript` changes only what a refusal suggests.
    public static func open(_ url: URL, readOnly: Bool, forScript: Bool = false) throws -> ProjectSession {
        var lock: ProjectLock?
        var holder = ""
        if readOnly {
            holder = ProjectLock.holder(projectPath: url.path) ?? ""
        } else {
            do { lock = try ProjectLock.acquire(projectPath: url.path) } catch var held as ProjectLock.Held {
                held.forScript = forScript
                throw held
            }
        }
        let loaded: ProjectFile.Loaded
        do { loaded = try ProjectFile.read(url) } catch {
            lock?.release()
            throw error
        }
        let session = ProjectSession(url: url, loaded: loaded, readOnly: readOnly)
        session.lock = lock
        session.lockHolderDescription = holder
        return session
    }

    /// Takes the lock on a path and opens the project there, or — when there is no file yet —
    /// starts `newProject`, written by the first save. Taking the lock before looking means two
    /// scripts creating the same project cannot both create it.
    public static func openOrCreate(_ url: URL, newProject: () -> Project, forScript: Bool) throws -> ProjectSession {
        let lock: ProjectLock
        do { lock = try ProjectLock.acquire(projectPath: url.path) } catch var held as ProjectLock.Held {
            held.forScript = forScript
            throw held
        }
        if SystemFile.exists(url.path) {
            lock.release()
            return try open(url, readOnly: false, forScript: forScript)
        }
        let session = ProjectSession(url: url, loaded: ProjectFile.Loaded(project: newProject(), saveID: nil), readOnly: false)
        session.lock = lock
        session.isNew = true
        return session
    }

    /// Writes a new project file and starts its journal.
    public static func create(_ url: URL, project: Project) throws -> ProjectSession {
        let session = try openOrCreate(url, newProject: { project }, forScript: false)
        _ = try session.save(project)
        return session
    }

    /// Saves; returns a warning when the save worked but something beside it did not (backup).
    @discardableResult
    public func save(_ project: Project, view: ProjectViewState? = nil) throws -> String? {
        guard !readOnly else { throw CommandError("save: the project is open read-only (\(readOnlyReason))") }
        let warning = keepBackup(before: project)
        let saveID = UUID().uuidString
        try ProjectFile.write(project, saveID: saveID, previousSaveID: loaded.saveID, to: url, view: view)
        loaded = ProjectFile.Loaded(project: project, saveID: saveID, previousSaveID: loaded.saveID, view: view)
        isNew = false
        try journal.start(saveID: saveID)
        journalEntries = 0
        return warning
    }

    // MARK: - Journal

    func journal(line: String, context: EditorContext) throws {
        try journal.append(ProjectJournal.Entry(ctx: context, cmd: line), startingWith: loaded.saveID ?? "")
        journalEntries += 1
    }

    /// Replays the journal's commands on the editor; returns how many were recovered and, when
    /// something was not applied, a message saying what and where it is kept.
    func replayJournal(into editor: Editor) throws -> (recovered: Int, problem: String?) {
        guard let data = try? SystemFile.read(journalURL.path), !data.isEmpty else { return (0, nil) }
        let contents = ProjectJournal.read(data)
        let name = journalURL.lastPathComponent
        guard let header = contents.header else {
            return (0, try setAside(contents, recovered: 0, why: "\(name) is not a termcut journal (\(contents.damage?.reason ?? "unreadable"))", suffix: "damaged"))
        }
        if header.save != (loaded.saveID ?? "") {
            // A journal of the save before this one: the crash came after the file was saved and
            // before the journal was reset, so its commands are already in the file.
            if contents.recordCount == 0 || (loaded.previousSaveID != nil && header.save == loaded.previousSaveID) {
                if !readOnly { try journal.start(saveID: loaded.saveID ?? "") }
                return (0, nil)
            }
            let whose = header.project.map { $0 == url.lastPathComponent ? "another save of this project" : "another project (\($0))" }
                ?? "another save of this project or another project"
            return (0, try setAside(contents, recovered: 0, why: "\(name) belongs to \(whose), not to this file's last save; none of its \(contents.recordCount) commands were applied", suffix: "other"))
        }
        var recovered = 0
        var failure: String?
        for entry in contents.entries {
            editor.context = entry.ctx
            let outcome = editor.execute(entry.cmd, journaling: false)
            if outcome.isError {
                failure = "record \(recovered + 1) of \(contents.recordCount) failed to replay (\(outcome.message))"
                break
            }
            recovered += 1
        }
        if failure == nil, let damage = contents.damage {
            failure = "record \(damage.record) of \(contents.recordCount) is damaged (\(damage.reason))"
        }
        journalEntries = recovered
        guard let failure else {
            // Rewrite an old-format journal as format 2 so that new records follow ones of their kind.
            if !readOnly && header.journal != ProjectJournal.version {
                try journal.start(saveID: header.save, entries: contents.entries)
            }
            return (recovered, nil)
        }
        let kept = contents.recordCount - recovered
        let why = "journal: \(failure); " + (kept == 1 ? "it was not applied" : "it and the \(kept - 1) after it were not applied")
        return (recovered, try setAside(contents, recovered: recovered, why: why, suffix: "damaged",
                                        goodEntries: Array(contents.entries.prefix(recovered))))
    }

    /// Moves the whole journal aside (a writer) and starts a fresh one holding the good records.
    private func setAside(_ contents: ProjectJournal.Contents, recovered: Int, why: String, suffix: String,
                          goodEntries: [ProjectJournal.Entry] = []) throws -> String {
        guard !readOnly else { return "\(why); the journal is left as it is (read-only)" }
        let aside = try journal.moveAside(reason: suffix)
        try journal.start(saveID: loaded.saveID ?? "", entries: goodEntries)
        journalEntries = goodEntries.count
        return "\(why); the whole journal is kept as \(aside)"
    }

    // MARK: - Backups

    /// Copies the file about to be replaced into the backups folder, keeping the newest
    /// `backupsKept` distinct versions. A save of an unchanged project adds none, so repeated
    /// saves never push older, different versions out. Returns a warning when no backup could
    /// be kept.
    private func keepBackup(before project: Project) -> String? {
        // By the names' bytes (`SystemFile`): a project named in Latin-1 keeps backups too.
        let folderPath = backupsFolder.path
        let shownFolder = PathBytes.shown(folderPath)
        guard SystemFile.exists(url.path), project != loaded.project else { return nil }
        guard let current = try? SystemFile.read(url.path) else {
            return "no backup kept: cannot read \(PathBytes.shown(url.path))"
        }
        if SystemFile.isFolder(folderPath) == false {
            return "no backup kept: \(shownFolder) is a file, not a folder (move it away to get backups again)"
        }
        do { try SystemFile.makeFolder(folderPath) } catch let failure as SystemFile.Failure {
            return "no backup kept: cannot create \(shownFolder): \(failure.reason)"
        } catch {
            return "no backup kept: cannot create \(shownFolder): \(ProjectSession.reason(error))"
        }
        let kept = (SystemFile.names(in: folderPath) ?? []).filter { !$0.hasPrefix(".") }.sorted()
        // Same version as the newest backup (the save IDs aside): nothing new to keep.
        if let newest = kept.last, let data = try? SystemFile.read(folderPath + "/" + newest),
           Self.withoutSaveIDs(data) == Self.withoutSaveIDs(current) {
            return nil
        }
        let stamp = ISO8601DateFormatter().string(from: Date()).replacingOccurrences(of: ":", with: "")
        let copy = backupsFolder.appendingPathComponent("\(url.deletingPathExtension().lastPathComponent)-\(stamp)-\(UUID().uuidString.prefix(4)).\(url.pathExtension)")
        // Atomic: a full disk leaves no empty or partial backup under a backup's name.
        do { try AtomicFile.write(current, to: copy) } catch {
            return "no backup kept in \(shownFolder): \(error)"
        }
        let all = (SystemFile.names(in: folderPath) ?? []).filter { !$0.hasPrefix(".") }.sorted()
        for old in all.dropLast(backupsKept) {
            SystemFile.unlink(folderPath + "/" + old)
        }
        return nil
    }

    private static func withoutSaveIDs(_ data: Data) -> [Substring] {
        String(decoding: data, as: UTF8.self).split(separator: "\n")
            .filter { !$0.hasPrefix("  \"saveID\"") && !$0.hasPrefix("  \"previousSaveID\"") }
    }

    static func reason(_ error: Error) -> String {
        let ns = error as NSError
        if let posix = ns.userInfo[NSUnderlyingErrorKey] as? NSError, posix.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(posix.code)))
        }
        return "\(error)"
    }

    // MARK: - Lock

    /// Closes the journal and gives up the lock (removing the lock file).
    public func release() {
        journal.close()
        lock?.release()
        lock = nil
    }
}
