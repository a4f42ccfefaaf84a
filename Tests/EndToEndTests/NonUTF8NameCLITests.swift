import Foundation
import PathBytes
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// File names that are not UTF-8 — a Latin-1 `é` (0xE9), a 0xFF, a UTF-8 sequence cut short
/// (0xE2 0x82, the start of `€`) — in the project's name, the media's and the folders': the
/// project is created, imported into, edited, saved, dumped, reopened and relinked, and every
/// name on disk is exactly the bytes given (never U+FFFD, never the private-use stand-ins).
final class NonUTF8NameCLITests: XCTestCase {
    /// A name from its bytes (the form termcut carries it in, `PathBytes`).
    func name(_ bytes: [UInt8]) -> String { PathBytes.string(from: bytes) }

    /// Runs termcut with arguments that may hold raw bytes: Process takes Strings (UTF-8), so
    /// the arguments go through a shell script written as bytes.
    func termcut(_ arguments: [String], in folder: URL) throws -> MediaCLIHarness.Result {
        func quoted(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }
        let script = "cd \(quoted(folder.path)) && exec \(quoted(MediaCLIHarness.binary.path)) "
            + arguments.map(quoted).joined(separator: " ") + "\n"
        let file = folder.appendingPathComponent("run-\(UUID().uuidString).sh")
        try Data(PathBytes.bytes(script)).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        return try MediaCLIHarness.run([file.path], executable: URL(fileURLWithPath: "/bin/sh"))
    }

    /// The names in a folder as raw bytes.
    func bytesIn(_ folder: String) -> Set<[UInt8]> {
        Set((SystemFile.names(in: folder) ?? []).map(PathBytes.bytes))
    }

    /// Writes `text` (raw bytes included) to `path` (by its bytes: Foundation would write to the
    /// UTF-8 of the stand-ins).
    func write(_ text: String, to path: String) throws {
        let fd = SystemFile.open(path, O_WRONLY | O_CREAT | O_TRUNC)
        guard fd >= 0 else { throw SystemFile.Failure(path: path, code: errno) }
        defer { close(fd) }
        let bytes = PathBytes.bytes(text)
        XCTAssertEqual(bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }, bytes.count)
    }

    func testNamesThatAreNotUTF8RoundTripThroughImportRunSaveDumpReopenAndRelink() throws {
        let root = try MediaCLIHarness.temporaryFolder(self)
        let latin1: [UInt8] = Array("caf".utf8) + [0xE9]
        let truncated: [UInt8] = Array("t".utf8) + [0xE2, 0x82]
        let folderBytes: [UInt8] = Array("A".utf8) + [0xFF, 0xE9] + [0xE2, 0x82]
        let otherBytes: [UInt8] = Array("B".utf8) + [0xE9, 0xFF]
        let projectBytes: [UInt8] = Array("p".utf8) + [0xE9] + Array(".termcut".utf8)
        let folder = root.path + "/" + name(folderBytes)
        let other = root.path + "/" + name(otherBytes)
        try SystemFile.makeFolder(folder)
        try SystemFile.makeFolder(other)

        // Two clips made under plain names, then given their raw names with rename(2).
        let mediaNames = [latin1 + Array(".mp4".utf8), truncated + Array(".mov".utf8)]
        for (i, bytes) in mediaNames.enumerated() {
            let plain = root.appendingPathComponent("clip\(i).mp4")
            let made = try MediaCLIHarness.tool("ffmpeg", ["-v", "error", "-f", "lavfi", "-i", "testsrc2=size=160x120:rate=25:duration=2",
                                                           "-f", "lavfi", "-i", "sine=frequency=\(440 * (i + 1)):duration=2",
                                                           "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p",
                                                           "-c:a", "aac", "-shortest", plain.path])
            XCTAssertEqual(made.status, 0, made.standardError)
            XCTAssertEqual(SystemFile.rename(plain.path, folder + "/" + name(bytes)), 0)
        }
        let project = folder + "/" + name(projectBytes)

        // import (the whole folder), edits, save: a new project under a raw name.
        try write("import \(CommandQuote.quote(folder))\nsource caf-\nmark-in 0\nmark-out 10\ninsert\nsource t--\nmark-in 5\nmark-out 15\ninsert\nadd-marker mid\n",
                  to: root.path + "/edit.txt")
        let run = try termcut(["run", "-v", project, "edit.txt"], in: root)
        XCTAssertEqual(run.status, 0, run.standardError)
        XCTAssertTrue(run.standardOutput.contains("imported 2 files"), run.standardOutput)
        XCTAssertEqual(bytesIn(folder), Set(mediaNames + [projectBytes, projectBytes + Array(".journal".utf8)]),
                       "the project is written under exactly its bytes, beside the media")

        // The project file keeps each name's bytes exactly (hex) beside a readable form.
        let stored = String(decoding: try SystemFile.read(project), as: UTF8.self)
        XCTAssertTrue(stored.contains("\"pathBytes\" : \"\(mediaNames[0].map { String(format: "%02x", $0) }.joined())\""), stored)
        XCTAssertTrue(stored.contains("\"path\" : \"caf\\\\xE9.mp4\""), stored)

        // dump: names escaped, every clip online.
        let dump = try termcut(["dump", project], in: root)
        XCTAssertEqual(dump.status, 0, dump.standardError)
        XCTAssertTrue(dump.standardOutput.contains("c1 \"caf\\xE9.mp4\""), dump.standardOutput)
        XCTAssertTrue(dump.standardOutput.contains("\"t\\xE2\\x82.mov\""), dump.standardOutput)
        XCTAssertFalse(dump.standardOutput.contains("offline"), dump.standardOutput)
        XCTAssertFalse(dump.standardOutput.unicodeScalars.contains { PathBytes.byte(of: $0) != nil || $0 == "\u{FFFD}" },
                       "dump shows bytes escaped, never stand-ins")

        // Reopen and edit again: the same file (its backup kept), the media still online.
        try write("add-marker again\n", to: root.path + "/again.txt")
        let reopened = try termcut(["run", project, "again.txt"], in: root)
        XCTAssertEqual(reopened.status, 0, reopened.standardError)
        let backups = project + ".backups"
        XCTAssertEqual(SystemFile.names(in: backups)?.count, 1, "a backup under the raw-named folder")
        let second = try termcut(["dump", project], in: root)
        XCTAssertTrue(second.standardOutput.contains("again"), second.standardOutput)
        XCTAssertFalse(second.standardOutput.contains("offline"), second.standardOutput)

        // Move one clip to another raw-named folder: offline; relink there: online, and the
        // project now names the new folder's bytes.
        XCTAssertEqual(SystemFile.rename(folder + "/" + name(mediaNames[0]), other + "/" + name(mediaNames[0])), 0)
        let moved = try termcut(["dump", project], in: root)
        XCTAssertTrue(moved.standardOutput.contains("offline"), moved.standardOutput)
        try write("relink \(CommandQuote.quote(other))\n", to: root.path + "/relink.txt")
        let relink = try termcut(["run", "-v", project, "relink.txt"], in: root)
        XCTAssertEqual(relink.status, 0, relink.standardError)
        XCTAssertTrue(relink.standardOutput.contains("relinked 1 of 1"), relink.standardOutput)
        let relinked = try termcut(["dump", project], in: root)
        XCTAssertFalse(relinked.standardOutput.contains("offline"), relinked.standardOutput)
        let storedAfter = String(decoding: try SystemFile.read(project), as: UTF8.self)
        let expectedPath = PathBytes.bytes(other + "/" + name(mediaNames[0])).map { String(format: "%02x", $0) }.joined()
        XCTAssertTrue(storedAfter.contains(expectedPath), storedAfter)

        // On disk: exactly the bytes given, nothing under a mangled name.
        XCTAssertEqual(bytesIn(other), [mediaNames[0]])
        XCTAssertEqual(bytesIn(folder), Set([mediaNames[1], projectBytes, projectBytes + Array(".journal".utf8),
                                             projectBytes + Array(".backups".utf8)]))
        XCTAssertTrue(bytesIn(root.path).isSuperset(of: [folderBytes, otherBytes]))
        for name in bytesIn(root.path).union(bytesIn(folder)).union(bytesIn(other)).union(bytesIn(backups)) {
            let text = String(decoding: name, as: UTF8.self)
            XCTAssertFalse(text.contains("\u{FFFD}") && String(validating: name, as: UTF8.self) != nil, "a mangled name: \(text)")
            XCTAssertFalse(name.indices.dropLast().contains { name[$0] == 0xF4 && name[$0 + 1] == 0x8F }, "a stand-in written to disk: \(text)")
        }
    }

    /// `termcut import CUT -o PROJECT` writes a project under a raw name, and reads a cut whose
    /// own name is not UTF-8.
    func testImportingACutIntoAProjectWithARawName() throws {
        let root = try MediaCLIHarness.temporaryFolder(self)
        let cut = root.path + "/" + name(Array("subs".utf8) + [0xFF] + Array(".srt".utf8))
        try write("1\n00:00:01,000 --> 00:00:02,000\nhello\n\n", to: cut)
        let projectBytes: [UInt8] = Array("cut".utf8) + [0xE9, 0xE2, 0x82] + Array(".termcut".utf8)
        let project = root.path + "/" + name(projectBytes)
        let made = try termcut(["import", cut, "-o", project, "--rate", "25"], in: root)
        XCTAssertEqual(made.status, 0, made.standardError)
        XCTAssertTrue(bytesIn(root.path).contains(projectBytes), "the project has exactly the bytes given")
        let dump = try termcut(["dump", project], in: root)
        XCTAssertEqual(dump.status, 0, dump.standardError)
        XCTAssertTrue(dump.standardOutput.contains("hello"), dump.standardOutput)
        // A second import refuses to overwrite it, naming it with its bytes escaped.
        let again = try termcut(["import", cut, "-o", project], in: root)
        XCTAssertEqual(again.status, 1)
        XCTAssertTrue(again.standardError.contains("cut\\xE9\\xE2\\x82.termcut exists"), again.standardError)
    }
}

/// Quoting a command argument the way the palette reads it (a raw-byte name stays as it is).
enum CommandQuote {
    static func quote(_ s: String) -> String {
        "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
