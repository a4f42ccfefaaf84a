import Editor
import Foundation
import TimelineModel
import XCTest

/// The source monitor keeps each media's marks: loading another clip and coming back brings
/// the first clip's in, out and position back (Avid and Premiere keep a clip's marks).
final class SourceMarksTests: EditorCommandTestCase {
    func testReloadingAClipBringsItsMarksBack() throws {
        run("""
            source interview
            mark-in 30
            mark-out 89
            source broll
            mark-in 100
            """)
        XCTAssertEqual(editor.context.source?.markIn, 100)
        XCTAssertNil(editor.context.source?.markOut, "broll starts with its own (empty) marks")
        run("source interview")
        XCTAssertEqual(editor.context.source?.markIn, 30)
        XCTAssertEqual(editor.context.source?.markOut, 89)
        run("source broll")
        XCTAssertEqual(editor.context.source?.markIn, 100)
        // The marks travel with the journal: a context encoded and decoded keeps them, and a
        // context from before the field existed still decodes.
        let data = try JSONEncoder().encode(editor.context)
        XCTAssertEqual(try JSONDecoder().decode(EditorContext.self, from: data), editor.context)
        var old = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        old["sourceMarks"] = nil
        let decoded = try JSONDecoder().decode(EditorContext.self, from: try JSONSerialization.data(withJSONObject: old))
        XCTAssertNil(decoded.sourceMarks)
    }
}
