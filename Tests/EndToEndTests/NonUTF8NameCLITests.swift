import Foundation
import XCTest

/// A path that is not UTF-8 ($'caf\xe9.termcut') is refused plainly: termcut never works on
/// another file than the one named (it used to create "caf\u{FFFD}.termcut" and exit 0).
final class NonUTF8NameCLITests: XCTestCase {
    func testANonUTF8ProjectNameIsRefusedAndNothingIsWritten() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("termcut-bytes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "add-marker x\n".write(to: folder.appendingPathComponent("s.txt"), atomically: true, encoding: .utf8)
        for subcommand in ["run", "dump"] {
            // Process takes Strings; the shell's printf makes the Latin-1 byte.
            let shell = Process()
            shell.executableURL = URL(fileURLWithPath: "/bin/sh")
            shell.currentDirectoryURL = folder
            let tail = subcommand == "run" ? " s.txt" : ""
            shell.arguments = ["-c", "'\(MediaCLIHarness.binary.path)' \(subcommand) \"$(printf 'caf\\351.termcut')\"\(tail)"]
            let errors = Pipe()
            shell.standardError = errors
            shell.standardOutput = FileHandle.nullDevice
            try shell.run()
            let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            shell.waitUntilExit()
            XCTAssertEqual(shell.terminationStatus, 1, message)
            XCTAssertTrue(message.contains("(caf\\xE9.termcut) is not valid UTF-8"), message)
        }
        let left = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        XCTAssertEqual(left, ["s.txt"], "no other file was created in its place")
    }
}
