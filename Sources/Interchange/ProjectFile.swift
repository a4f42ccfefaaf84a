import Foundation
import PathBytes
import TimelineModel

/// termcut's own project file: versioned JSON that people can read and diff.
///
/// Saving never leaves a torn file: the JSON goes to a temporary file in the same folder, is
/// synced, renamed over the old file, and the folder is synced so the rename itself survives a
/// power cut. Media paths below the project's folder are stored relative to it, so a project
/// folder can move as a whole.
public enum ProjectFile {
    public static let fileExtension = "termcut"

    public enum Failure: Error, CustomStringConvertible, Sendable {
        case unreadable(path: String, reason: String)
        case malformed(path: String, reason: String)
        case newerVersion(path: String, version: Int)
        case unwritable(path: String, reason: String)

        public var description: String {
            switch self {
            case .unreadable(let p, let r): return "\(p): cannot read the project: \(r)"
            case .malformed(let p, let r): return "\(p): not a termcut project I can read: \(r)"
            case .newerVersion(let p, let v):
                return "\(p): written by a newer termcut (format \(v); this build reads up to \(Project.formatVersion)). Refusing to open it, so nothing in it is lost."
            case .unwritable(let p, let r): return "\(p): cannot save: \(r)"
            }
        }
    }

    /// The save identity stored in the file: the journal beside it names the save it extends.
    struct Envelope: Codable {
        var formatVersion: Int
        var saveID: String?
        /// The save this one replaced: a journal naming it is stale (its commands are in this file).
        var previousSaveID: String?
        var project: Project
        /// The screen as it was left (optional: older files have none).
        var view: ProjectViewState?
    }

    public struct Loaded: Sendable {
        public var project: Project
        public var saveID: String?
        public var previousSaveID: String?
        /// What was put right on loading (see `Project.checkAfterLoading`), for a message.
        public var repairs: [String] = []
        /// The screen as it was saved, when the file has it.
        public var view: ProjectViewState?
        public init(project: Project, saveID: String?, previousSaveID: String? = nil, view: ProjectViewState? = nil) {
            self.project = project
            self.saveID = saveID
            self.previousSaveID = previousSaveID
            self.view = view
        }
    }

    public static func read(_ url: URL) throws(Failure) -> Loaded {
        // Reading a folder or a FIFO gives no useful error (or blocks): look first. The system
        // calls take the name's own bytes, so names that are not UTF-8 open (`PathBytes`).
        let shown = PathBytes.shown(url.path)
        if let status = SystemFile.status(url.path), (status.st_mode & S_IFMT) != S_IFREG {
            throw .unreadable(path: shown, reason: (status.st_mode & S_IFMT) == S_IFDIR
                ? "it is a folder, not a project file (give the path of a .termcut file)"
                : "it is not a regular file (a device, pipe or socket); give the path of a .termcut file")
        }
        let data: Data
        do { data = try SystemFile.read(url.path) } catch let failure as SystemFile.Failure {
            throw .unreadable(path: shown, reason: failure.code == ENOENT ? "no such file" : failure.reason)
        } catch {
            throw .unreadable(path: shown, reason: Self.reason(error))
        }
        return try decode(data, path: shown, folder: url.deletingLastPathComponent())
    }

    public static func decode(_ data: Data, path: String, folder: URL?) throws(Failure) -> Loaded {
        // Check the version before decoding the rest: a newer file may not decode at all.
        struct VersionOnly: Decodable { var formatVersion: Int? }
        guard let version = try? JSONDecoder().decode(VersionOnly.self, from: data) else {
            // Foundation's decoder does not say where; our own reader does (the line to fix).
            do throws(JSONParseError) {
                _ = try JSONParser.parse(data)
            } catch {
                throw .malformed(path: path, reason: "the file is not JSON: line \(error.line): \(error.reason)")
            }
            throw .malformed(path: path, reason: "the file is not JSON")
        }
        guard let v = version.formatVersion else { throw .malformed(path: path, reason: "no formatVersion field") }
        if v > Project.formatVersion { throw .newerVersion(path: path, version: v) }
        if v < 1 { throw .malformed(path: path, reason: "formatVersion \(v) is not a termcut format version (1 and up)") }
        do {
            let envelope = try JSONDecoder().decode(Envelope.self, from: data)
            var project = envelope.project
            if let folder {
                project.media = project.media.map { absolutised($0, folder: folder) }
                rewriteImagePaths(&project) { absolutised(path: $0, folder: folder) }
            }
            let check = project.checkAfterLoading()
            if let problem = check.problem { throw Failure.malformed(path: path, reason: problem + " (fix it in a text editor, or open a backup)") }
            var loaded = Loaded(project: project, saveID: envelope.saveID, previousSaveID: envelope.previousSaveID,
                                view: envelope.view)
            loaded.repairs = check.repairs
            return loaded
        } catch let error as Failure {
            throw error
        } catch let error as DecodingError {
            throw .malformed(path: path, reason: describe(error))
        } catch {
            throw .malformed(path: path, reason: "\(error)")
        }
    }

    /// Reads arbitrary bytes as a project and discards the result: the fuzz tests' entry point.
    /// Any outcome but a crash or a hang is fine.
    public static func fuzzOne(_ data: Data) {
        if let loaded = try? decode(data, path: "fuzz.termcut", folder: URL(fileURLWithPath: "/tmp")) {
            let t = loaded.project.timeline
            _ = t.validate()
            // What `dump` and the editor do first with a loaded project: lengths, timecodes, media in timeline frames.
            _ = Timecode.format(frame: t.startTimecode + t.duration, rate: t.rate, dropFrame: t.dropFrame)
            for m in loaded.project.media { _ = m.duration.rescaled(to: t.rate) }
        }
    }

    public static func encode(_ project: Project, saveID: String?, previousSaveID: String? = nil, folder: URL?,
                              view: ProjectViewState? = nil) -> Data {
        var stored = project
        if let folder {
            stored.media = stored.media.map { relativised($0, folder: folder) }
            rewriteImagePaths(&stored) { relativised(path: $0, folder: folder) }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Encoding our own value types cannot fail; a failure here is a programming error.
        return try! encoder.encode(Envelope(formatVersion: Project.formatVersion, saveID: saveID, previousSaveID: previousSaveID, project: stored,
                                             view: view))
    }

    /// Writes atomically and returns nothing until the data and the rename are on disk.
    public static func write(_ project: Project, saveID: String?, previousSaveID: String? = nil, to url: URL,
                             view: ProjectViewState? = nil) throws(Failure) {
        let data = encode(project, saveID: saveID, previousSaveID: previousSaveID, folder: url.deletingLastPathComponent(), view: view)
        do { try AtomicFile.write(data, to: url) } catch {
            throw .unwritable(path: PathBytes.shown(url.path), reason: Self.reason(error))
        }
    }

    static func relativised(_ media: MediaReference, folder: URL) -> MediaReference {
        var m = media
        m.path = relativised(path: m.path, folder: folder)
        m.proxy = m.proxy.map { relativised(path: $0, folder: folder) }
        return m
    }

    /// Image clips' files are stored like media paths: relative below the project's folder.
    static func rewriteImagePaths(_ project: inout Project, _ change: (String) -> String) {
        project.timeline.rewriteImagePaths(change)
        if let others = project.otherSequences {
            project.otherSequences = others.map { var t = $0; t.rewriteImagePaths(change); return t }
        }
    }

    static func relativised(path: String, folder: URL) -> String {
        let base = folder.standardizedFileURL.path.hasSuffix("/") ? folder.standardizedFileURL.path : folder.standardizedFileURL.path + "/"
        return path.hasPrefix(base) ? String(path.dropFirst(base.count)) : path
    }

    static func absolutised(path: String, folder: URL) -> String {
        path.isEmpty || path.hasPrefix("/") ? path : folder.appendingPathComponent(path).standardizedFileURL.path
    }

    static func absolutised(_ media: MediaReference, folder: URL) -> MediaReference {
        var m = media
        // An empty path is media known only by reel and name (from an edit list): no file to resolve.
        m.path = absolutised(path: m.path, folder: folder)
        m.proxy = m.proxy.map { absolutised(path: $0, folder: folder) }
        return m
    }

    static func reason(_ error: Error) -> String {
        if let failure = error as? AtomicFile.Failure { return failure.description }
        let ns = error as NSError
        if let posix = ns.userInfo[NSUnderlyingErrorKey] as? NSError, posix.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(posix.code)))
        }
        if ns.domain == NSCocoaErrorDomain && ns.code == NSFileReadNoSuchFileError { return "no such file" }
        return ns.localizedDescription
    }

    static func describe(_ error: DecodingError) -> String {
        func where_(_ path: [CodingKey]) -> String {
            path.isEmpty ? "top level" : path.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case .dataCorrupted(let c): return "\(where_(c.codingPath)): \(c.debugDescription)"
        case .keyNotFound(let k, let c): return "\(where_(c.codingPath)): missing \"\(k.stringValue)\""
        case .typeMismatch(_, let c): return "\(where_(c.codingPath)): \(c.debugDescription)"
        case .valueNotFound(_, let c): return "\(where_(c.codingPath)): \(c.debugDescription)"
        @unknown default: return "\(error)"
        }
    }
}
