import Editor
import Foundation
import Interchange
import TimelineModel
import XCTest

/// A damaged journal never drops a command silently: replay stops at the first bad record, the
/// message says how many were recovered, and the whole journal is kept under the name it gives.
final class JournalDamageTests: XCTestCase {
    var folder: URL!
    override func setUpWithError() throws { folder = try makeMediaFolder() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    var url: URL { folder.appendingPathComponent("p.termcut") }
    var journalURL: URL { URL(fileURLWithPath: url.path + ".journal") }

    /// A saved project whose journal holds `new-bin b1` … `new-bin bN`; returns the journal's lines.
    func journaledProject(_ n: Int = 5) throws -> [String] {
        let editor = Editor(project: Project(name: "t", bins: [Bin(name: "Media")]), catalog: FakeCatalog.standard)
        _ = try editor.save(to: url)
        for i in 1...n { editor.run("new-bin b\(i)") }
        editor.session?.release()
        let lines = try String(contentsOf: journalURL, encoding: .utf8).split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, n + 1)
        return lines
    }

    func reopen() throws -> Editor { try Editor(opening: url, catalog: FakeCatalog.standard) }

    func bins(_ e: Editor) -> [String] { e.project.bins.map(\.name).filter { $0 != "Media" } }

    /// Writes `lines`, reopens, and checks `recovered` bins came back and the rest is kept aside.
    func check(_ lines: [String], terminator: String = "\n", recovered: Int, reason: String,
               file: StaticString = #filePath, line: UInt = #line) throws {
        let original = Data((lines.joined(separator: terminator) + terminator).utf8)
        try original.write(to: journalURL)
        let e = try reopen()
        XCTAssertEqual(bins(e), (0..<recovered).map { "b\($0 + 1)" }, e.lastMessage, file: file, line: line)
        let message = e.lastMessage
        XCTAssertTrue(message.contains(reason), "expected \"\(reason)\" in: \(message)", file: file, line: line)
        guard let range = message.range(of: "kept as ") else { return XCTFail("no kept-as name: \(message)", file: file, line: line) }
        let aside = String(message[range.upperBound...])
        XCTAssertEqual(FileManager.default.contents(atPath: aside), original, "the kept journal is the original, byte for byte", file: file, line: line)
        // The new journal holds exactly the recovered records, and later edits follow them.
        e.run("new-bin later")
        e.session?.release()
        let again = try reopen()
        XCTAssertEqual(bins(again), (0..<recovered).map { "b\($0 + 1)" } + ["later"], again.lastMessage, file: file, line: line)
        again.session?.release()
    }

    func testAGarbageLineStopsReplayAndKeepsTheRest() throws {
        var lines = try journaledProject()
        lines.insert("this is not a record", at: 3)
        try check(lines, recovered: 2, reason: "recovered 2 commands from the journal; journal: record 3 of 6 is damaged")
    }

    func testAnUnknownOrFailingCommandStopsReplay() throws {
        var lines = try journaledProject()
        lines[2] = try recordLine(cmd: "frobnicate 3")
        try check(lines, recovered: 1, reason: "record 2 of 5 failed to replay (unknown command \"frobnicate\"")
        try FileManager.default.removeItem(at: journalURL)
        lines = try journaledProject()
        lines[4] = try recordLine(cmd: "lock V9")
        try check(lines, recovered: 3, reason: "record 4 of 5 failed to replay (lock: no track named V9")
    }

    func testALineOfNULsAndADuplicatedHeaderAndATornMiddleLine() throws {
        var lines = try journaledProject()
        lines.insert(String(repeating: "\0", count: 40), at: 2)
        try check(lines, recovered: 1, reason: "record 2 of 6 is damaged")
        lines = try journaledProject()
        lines.insert(lines[0], at: 1)
        try check(lines, recovered: 0, reason: "record 1 of 6 is damaged (a second journal header")
        lines = try journaledProject()
        lines[3] = String(lines[3].prefix(30))
        try check(lines, recovered: 2, reason: "record 3 of 5 is damaged")
    }

    func testAFlippedCharacterThatStillParsesIsCaughtByTheChecksum() throws {
        var lines = try journaledProject()
        lines[2] = lines[2].replacingOccurrences(of: "b2", with: "b7")
        try check(lines, recovered: 1, reason: "record 2 of 5 is damaged (its checksum does not match)")
    }

    func testACRLFJournalReplaysWhole() throws {
        let lines = try journaledProject()
        try Data((lines.joined(separator: "\r\n") + "\r\n").utf8).write(to: journalURL)
        let e = try reopen()
        XCTAssertEqual(bins(e), ["b1", "b2", "b3", "b4", "b5"])
        XCTAssertEqual(e.lastMessage, "recovered 5 commands from the journal")
    }

    func testAFormat1JournalStillReplays() throws {
        let lines = try journaledProject(3)
        let save = try XCTUnwrap(lines[0].firstMatch(of: /"save":"([^"]+)"/)?.1)
        let old = [#"{"journal":1,"save":"\#(save)"}"#] + lines.dropFirst().map { String($0.split(separator: " ", maxSplits: 2)[2]) }
        try Data((old.joined(separator: "\n") + "\n").utf8).write(to: journalURL)
        let e = try reopen()
        XCTAssertEqual(bins(e), ["b1", "b2", "b3"])
        e.run("new-bin b4")
        e.session?.release()
        XCTAssertEqual(bins(try reopen()), ["b1", "b2", "b3", "b4"], "new records follow the converted old ones")
    }

    func testAnotherProjectsJournalIsReportedAndKept() throws {
        let other = folder.appendingPathComponent("other.termcut")
        let editor = Editor(project: Project(name: "o", bins: [Bin(name: "Media")]), catalog: FakeCatalog.standard)
        _ = try editor.save(to: other)
        editor.run("new-bin theirs")
        editor.session?.release()
        _ = try journaledProject(1)
        let theirs = try Data(contentsOf: URL(fileURLWithPath: other.path + ".journal"))
        try theirs.write(to: journalURL)
        let e = try reopen()
        XCTAssertEqual(bins(e), [])
        XCTAssertTrue(e.lastMessage.contains("belongs to another project (other.termcut)"), e.lastMessage)
        let aside = String(e.lastMessage[e.lastMessage.range(of: "kept as ")!.upperBound...])
        XCTAssertEqual(FileManager.default.contents(atPath: aside), theirs)
    }

    func testAPlayheadOutOfRangeInTheJournalIsADamagedRecordNotACrash() throws {
        var lines = try journaledProject(3)
        var ctx = EditorContext()
        ctx.playhead = Int64.max
        lines[2] = try recordLine(cmd: "new-bin b2", context: ctx)
        try check(lines, recovered: 1, reason: "playhead 9223372036854775807 is out of range")
    }

    /// A well-formed format-2 record, as `ProjectJournal` writes it.
    func recordLine(cmd: String, context: EditorContext = EditorContext()) throws -> String {
        struct Entry: Encodable { var ctx: EditorContext; var cmd: String }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let json = try encoder.encode(Entry(ctx: context, cmd: cmd))
        return "\(json.count) \(crc32Hex(json)) " + String(decoding: json, as: UTF8.self)
    }

    func crc32Hex(_ data: Data) -> String {
        var crc: UInt32 = 0xFFFF_FFFF
        for b in data {
            crc ^= UInt32(b)
            for _ in 0..<8 { crc = (crc & 1) != 0 ? 0xEDB8_8320 ^ (crc >> 1) : crc >> 1 }
        }
        let s = String(crc ^ 0xFFFF_FFFF, radix: 16)
        return String(repeating: "0", count: 8 - s.count) + s
    }
}
