import Editor
import Foundation
import Interchange
import TimelineModel
import XCTest

/// Errors that once said "error 1" or the wrong thing now say what happened and what to do.
final class ClearErrorTests: XCTestCase {
    var folder: URL!
    override func setUpWithError() throws { folder = try makeMediaFolder() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    func testSavingOntoAFolderSaysItIsAFolder() throws {
        let target = folder.appendingPathComponent("taken.termcut")
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: target.appendingPathComponent("inside"), withIntermediateDirectories: true)
        let editor = Editor(project: Project(name: "t", bins: [Bin(name: "Media")]), catalog: FakeCatalog.standard)
        XCTAssertThrowsError(try editor.save(to: target)) { error in
            XCTAssertFalse("\(error)".contains("error 1"), "\(error)")
            XCTAssertTrue("\(error)".contains("is a folder"), "\(error)")
        }
        XCTAssertThrowsError(try ProjectFile.write(editor.project, saveID: nil, to: target)) { error in
            XCTAssertTrue("\(error)".contains("cannot save: \(target.path) is a folder, not a file"), "\(error)")
        }
        XCTAssertThrowsError(try AtomicFile.write(Data("x".utf8), to: folder.appendingPathComponent("no/such/place.termcut"))) { error in
            XCTAssertTrue("\(error)".contains("does not exist"), "\(error)")
        }
    }

    func testUTF16SubtitlesAndListsAreRead() throws {
        let srt = "1\r\n00:00:01,000 --> 00:00:02,000\r\nCafé\r\n"
        var le = Data([0xFF, 0xFE]); le.append(srt.data(using: .utf16LittleEndian)!)
        let file = folder.appendingPathComponent("subs.srt")
        try le.write(to: file)
        let editor = Editor(project: Project(name: "t", bins: [Bin(name: "Media")]), catalog: FakeCatalog.standard)
        let out = editor.run("import-srt \(file.path)")
        XCTAssertTrue(out.message.hasPrefix("imported 1 subtitle"), out.message)
        XCTAssertEqual(editor.timeline.tracks.last?.clips.first?.clip.text, "Café")
        let edl = "TITLE: T\r\nFCM: NON-DROP FRAME\r\n\r\n001  AX       V     C        00:00:00:00 00:00:01:00 01:00:00:00 01:00:01:00\r\n"
        var be = Data([0xFE, 0xFF]); be.append(edl.data(using: .utf16BigEndian)!)
        let result = try CMX3600.read(be, rate: .fps25, name: "t")
        XCTAssertEqual(result.project.timeline.duration, 25)
    }

    func testDumpEscapesControlCharactersInNames() throws {
        let editor = Editor(project: Project(name: "t", bins: [Bin(name: "Media")]), catalog: FakeCatalog.standard)
        editor.run("add-marker \"two\nlines\u{1B}[2J\"")
        let text = TimelineDump.text(editor.project)
        XCTAssertTrue(text.contains(#""two\u{A}lines\u{1B}[2J""#), text)
        XCTAssertFalse(text.contains("\u{1B}"), "no raw escape reaches the terminal")
        XCTAssertEqual(text.split(separator: "\n").filter { $0.hasPrefix("marker") }.count, 1)
    }
}
