import Editor
import Foundation
import Interchange
import TimelineModel
import XCTest

/// Projects from outside are checked on load: what is unambiguous is repaired with a message,
/// the rest refused with the first problem named.
final class ProjectLoadCheckTests: XCTestCase {
    var folder: URL!
    override func setUpWithError() throws { folder = try makeMediaFolder() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    var url: URL { folder.appendingPathComponent("p.termcut") }

    /// A saved project with two linked clips (c1..c4 or so), as JSON text.
    func savedText() throws -> String {
        let editor = Editor(project: Project(name: "t", bins: [Bin(name: "Media")]), catalog: FakeCatalog.standard)
        for line in ["import \(folder.path)", "source interview", "mark-in 10", "mark-out 100", "insert at=0", "monitor record"] {
            editor.run(line)
        }
        _ = try editor.save(to: url)
        editor.session?.release()
        try? FileManager.default.removeItem(atPath: url.path + ".journal")
        return try String(contentsOf: url, encoding: .utf8)
    }

    func open(_ text: String) throws -> Editor {
        try text.write(to: url, atomically: true, encoding: .utf8)
        return try Editor(opening: url, catalog: FakeCatalog.standard)
    }

    func refusal(_ text: String) -> String {
        do { let e = try open(text); e.session?.release(); return "" } catch { return "\(error)" }
    }

    func testANextIDTooLowIsRepairedWithAMessageAndRazorMakesNewIDs() throws {
        let text = try savedText().replacingOccurrences(of: #""nextID" : \d+"#, with: #""nextID" : 1"#, options: .regularExpression)
        let editor = try open(text)
        XCTAssertTrue(editor.lastMessage.contains("repaired: the project's nextID 1 was not above the highest clip or link id in use"), editor.lastMessage)
        editor.run("razor 40")
        let ids = editor.timeline.tracks.flatMap { $0.items.compactMap(\.clip).map(\.id) }
        XCTAssertEqual(Set(ids).count, ids.count, "no clip id twice after razor")
        XCTAssertEqual(editor.timeline.validate(), [])
    }

    func testInconsistentProjectsAreRefusedNamingTheProblem() throws {
        let text = try savedText()
        XCTAssertTrue(refusal(text.replacingOccurrences(of: "\"id\" : \"broll\"", with: "\"id\" : \"interview\""))
                      .contains("media \"interview\" appears twice"))
        XCTAssertTrue(refusal(text.replacingOccurrences(of: "\"media\" : \"interview\"", with: "\"media\" : \"ghost\""))
                      .contains("uses media \"ghost\", which the project does not have"))
        let twice = text.replacingOccurrences(of: #""id" : 2,"#, with: #""id" : 1,"#, options: .regularExpression)
        XCTAssertNotEqual(twice, text)
        XCTAssertTrue(refusal(twice).contains("the clip id c1 is used twice"), refusal(twice))
        let negativeStart = text.replacingOccurrences(of: #""start" : 10"#, with: #""start" : -5"#, options: .regularExpression)
        XCTAssertTrue(refusal(negativeStart).contains("source start is -5"), refusal(negativeStart))
        let negativeLength = text.replacingOccurrences(of: #""duration" : 91"#, with: #""duration" : -91"#, options: .regularExpression)
        XCTAssertNotEqual(negativeLength, text)
        XCTAssertFalse(refusal(negativeLength).isEmpty)
        for v in ["0", "-1"] {
            let version = text.replacingOccurrences(of: #""formatVersion" : 1"#, with: "\"formatVersion\" : \(v)", options: .regularExpression)
            XCTAssertTrue(refusal(version).contains("formatVersion \(v) is not a termcut format version"), refusal(version))
        }
        for field in ["startTimecode", "nextID"] {
            let huge = text.replacingOccurrences(of: "\"\(field)\" : \\d+", with: "\"\(field)\" : 9223372036854775807", options: .regularExpression)
            XCTAssertTrue(refusal(huge).contains("9223372036854775807"), "\(field): \(refusal(huge))")
        }
        let wide = text.replacingOccurrences(of: #""width" : 1920"#, with: #""width" : 9223372036854775807"#, options: .regularExpression)
        XCTAssertTrue(refusal(wide).contains("width is 9223372036854775807"), refusal(wide))
    }

    func testAFolderOrADeviceIsNotAProject() throws {
        XCTAssertThrowsError(try Editor(opening: folder, readOnly: true)) { error in
            XCTAssertTrue("\(error)".contains("it is a folder, not a project file"), "\(error)")
        }
        XCTAssertThrowsError(try Editor(opening: URL(fileURLWithPath: "/dev/zero"), readOnly: true)) { error in
            XCTAssertTrue("\(error)".contains("not a regular file"), "\(error)")
        }
    }
}
