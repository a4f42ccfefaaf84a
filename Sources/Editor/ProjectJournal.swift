import Foundation
import PathBytes
import Interchange
#if canImport(Glibc)
import Glibc
#endif

/// The journal beside a project (`NAME.termcut.journal`): every command that changed the project
/// since the last save, appended and synced before the screen shows the change.
///
/// Format 2 (this one): a JSON header line `{"journal":2,"project":NAME,"save":ID}` naming the
/// project file and the save it extends, then one record per command:
///
///     LENGTH CRC32 {"cmd":"…","ctx":{…}}
///
/// LENGTH is the JSON's byte count and CRC32 its checksum in hex, so a torn, flipped or spliced
/// record is recognised even when what is left still parses as JSON. Format 1 (plain JSON lines,
/// no checksum) is still read. Lines may end in CRLF (a journal passed through a Windows editor).
final class ProjectJournal {
    let url: URL
    let projectName: String
    static let version = 2

    struct Header: Codable {
        var journal: Int
        var save: String
        var project: String?
    }

    struct Entry: Codable, Equatable {
        var ctx: EditorContext
        var cmd: String
    }

    private var fd: Int32 = -1
    /// Bytes up to the end of the last record known to be whole and synced: a failed append
    /// cuts the file back to here before anything else is written after it.
    private var goodLength: off_t = 0
    private var needsRepair = false

    init(url: URL, projectName: String) {
        self.url = url
        self.projectName = projectName
    }

    deinit { close() }

    func close() {
        if fd >= 0 { Glibc.close(fd); fd = -1 }
    }

    // MARK: - Writing

    static func record(_ entry: Entry) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let json = try encoder.encode(entry)
        var data = Data("\(json.count) \(CRC32.hex(CRC32.checksum(json))) ".utf8)
        data.append(json)
        data.append(0x0A)
        return data
    }

    /// Replaces the journal (atomically) with a header for `saveID` and the given entries.
    func start(saveID: String, entries: [Entry] = []) throws {
        close()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(Header(journal: Self.version, save: saveID, project: projectName))
        data.append(0x0A)
        for entry in entries { data.append(try Self.record(entry)) }
        do { try AtomicFile.write(data, to: url) } catch {
            throw CommandError("journal: \(PathBytes.shown(url.path)): \(error)")
        }
        try openForAppend()
    }

    private func openForAppend() throws {
        fd = SystemFile.open(url.path, O_WRONLY | O_APPEND | O_CLOEXEC)
        guard fd >= 0 else { throw CommandError("journal: \(PathBytes.shown(url.path)): \(String(cString: strerror(errno)))") }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw CommandError("journal: \(PathBytes.shown(url.path)): \(String(cString: strerror(errno)))") }
        goodLength = st.st_size
        needsRepair = false
    }

    /// Appends one record and syncs it. On failure the file is cut back to the last whole record
    /// (now, and again before the next append if that fails too), and the error says the
    /// command is not safe.
    func append(_ entry: Entry, startingWith saveID: String) throws {
        if fd < 0 {
            if SystemFile.exists(url.path) { try openForAppend() } else { try start(saveID: saveID) }
        }
        if needsRepair {
            guard ftruncate(fd, goodLength) == 0, fsync(fd) == 0 else {
                throw CommandError("journal: \(PathBytes.shown(url.path)): cannot remove the half-written record of an earlier failure: \(String(cString: strerror(errno)))")
            }
            needsRepair = false
        }
        let data = try Self.record(entry)
        var failure: Int32 = 0
        data.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                offset += n
            }
        }
        if failure == 0, fsync(fd) != 0 { failure = errno }
        guard failure == 0 else {
            needsRepair = true
            if ftruncate(fd, goodLength) == 0, fsync(fd) == 0 { needsRepair = false }
            throw CommandError("journal: \(String(cString: strerror(failure)))")
        }
        goodLength += off_t(data.count)
    }

    // MARK: - Reading

    /// What a journal file holds, up to its first damaged record.
    struct Contents {
        var header: Header?
        /// Whole, checksummed records before the first damaged one.
        var entries: [Entry] = []
        /// Records after the header (whole or not): what "N of M" counts.
        var recordCount = 0
        /// The first damaged record's number (1-based) and what is wrong with it.
        var damage: (record: Int, reason: String)?
    }

    static func read(_ data: Data) -> Contents {
        var lines = data.split(separator: 0x0A, omittingEmptySubsequences: false).map { line -> Data in
            line.last == 0x0D ? Data(line.dropLast()) : Data(line)
        }
        let endsWithNewline = data.last == 0x0A
        if endsWithNewline { lines.removeLast() }  // the empty piece after the final newline
        // Blank lines carry nothing (an editor may add one at the end); NULs are not blank.
        lines = lines.filter { !$0.isEmpty }
        var contents = Contents()
        guard let first = lines.first else { return contents }
        guard let header = try? JSONDecoder().decode(Header.self, from: first), header.journal == 1 || header.journal == 2 else {
            contents.recordCount = lines.count
            contents.damage = (0, "its first line is not a termcut journal header")
            return contents
        }
        contents.header = header
        let records = lines.dropFirst()
        contents.recordCount = records.count
        for (i, line) in records.enumerated() {
            let isLast = i == records.count - 1
            switch decode(line, version: header.journal) {
            case .success(let entry):
                contents.entries.append(entry)
            case .failure(let reason):
                let torn = isLast && !endsWithNewline
                contents.damage = (i + 1, torn ? "cut short, as by a crash while it was being written" : reason.message)
                return contents
            }
        }
        return contents
    }

    private static func decode(_ line: Data, version: Int) -> Result<Entry, CommandError> {
        var json = line
        if version >= 2 {
            let parts = line.split(separator: 0x20, maxSplits: 2, omittingEmptySubsequences: false)
            guard parts.count == 3, let length = Int(String(decoding: parts[0], as: UTF8.self)),
                  let crc = UInt32(String(decoding: parts[1], as: UTF8.self), radix: 16), parts[1].count == 8 else {
                if (try? JSONDecoder().decode(Header.self, from: line)) != nil {
                    return .failure(CommandError("a second journal header in the middle of the journal"))
                }
                return .failure(CommandError("not a journal record (expected LENGTH CRC32 JSON)"))
            }
            json = Data(parts[2])
            guard json.count == length else {
                return .failure(CommandError("its length is \(json.count) bytes, the record says \(length)"))
            }
            guard CRC32.checksum(json) == crc else { return .failure(CommandError("its checksum does not match")) }
        }
        guard let entry = try? JSONDecoder().decode(Entry.self, from: json) else {
            if (try? JSONDecoder().decode(Header.self, from: json)) != nil {
                return .failure(CommandError("a second journal header in the middle of the journal"))
            }
            return .failure(CommandError("not a journal record (unreadable JSON)"))
        }
        if let problem = entry.ctx.outOfRangeProblem {
            return .failure(CommandError("\(problem)"))
        }
        return .success(entry)
    }

    /// Moves the journal aside under a new name beside it and returns that name.
    func moveAside(reason: String) throws -> String {
        close()
        let stamp = ISO8601DateFormatter().string(from: Date()).replacingOccurrences(of: ":", with: "")
        var aside = url.path + ".\(reason)-\(stamp)"
        var n = 2
        while SystemFile.exists(aside) { aside = url.path + ".\(reason)-\(stamp)-\(n)"; n += 1 }
        guard SystemFile.rename(url.path, aside) == 0 else {
            throw CommandError("journal: cannot move \(PathBytes.shown(url.path)) aside to \(PathBytes.shown(aside)): \(String(cString: strerror(errno)))")
        }
        AtomicFile.syncFolder(url.deletingLastPathComponent())
        return PathBytes.shown(aside)
    }
}
