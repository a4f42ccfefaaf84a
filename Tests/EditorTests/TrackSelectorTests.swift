import Editor
import Foundation
import TimelineModel
import XCTest

/// Track selectors from the keyboard (`toggle-track`, bound to alt-digits): the first toggle
/// picks that track alone, later ones add or take out, and razor acts on the chosen tracks only.
final class TrackSelectorTests: EditorCommandTestCase {
    func testToggleChoosesTracksAndRazorCutsOnlyThose() {
        // interview on V1/A1 (0–300), broll patched to V2/A2 over it (60–180); A2 exists already.
        run("""
            source interview
            append
            add-track video
            target video V2
            target audio A2
            source broll
            mark-in 0
            mark-out 119
            monitor record
            goto 60
            overwrite
            """)
        XCTAssertEqual(editor.execute("toggle-track V2").message, "tracks: V2")
        XCTAssertEqual(editor.execute("toggle-track A2").message, "tracks: V2,A2")
        XCTAssertEqual(editor.execute("toggle-track A1").message, "tracks: V2,A1,A2")
        XCTAssertEqual(editor.execute("toggle-track A1").message, "tracks: V2,A2", "again takes it out")
        run("razor 100")
        XCTAssertEqual(rows("V1").count, 1, "V1 is not selected: uncut")
        XCTAssertEqual(rows("A1").count, 1)
        XCTAssertEqual(rows("V2").filter { $0.contains("broll") }.count, 2, rows("V2").joined(separator: "\n"))
        XCTAssertEqual(rows("A2").filter { $0.contains("broll") }.count, 2, rows("A2").joined(separator: "\n"))
        // Taking out the last chosen track is refused (nothing chosen would mean all again).
        XCTAssertEqual(editor.execute("toggle-track V2").message, "tracks: A2")
        let refused = editor.execute("toggle-track A2")
        XCTAssertTrue(refused.isError && refused.message.contains("only selected track"), refused.message)
        XCTAssertEqual(editor.execute("toggle-track V9").isError, true)
        XCTAssertEqual(editor.execute("select-tracks all").message, "tracks: all")
    }
}
