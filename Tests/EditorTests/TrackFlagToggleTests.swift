import Editor
import Foundation
import TimelineModel
import XCTest

/// The keys' track toggles (`toggle-mute`, `-solo`, `-sync-lock`, `-lock` on alt-u/o/k/g): they
/// act on the named tracks, else the chosen ones, else the patched ones; several go one way
/// together; the journal gets the absolute command, so a replay does not depend on the
/// selection at the time.
final class TrackFlagToggleTests: EditorCommandTestCase {
    private func flags(_ track: String) -> [String] {
        let line = TimelineDump.text(editor.project).split(separator: "\n").first { $0.split(separator: " ").first.map(String.init) == track }
        return line.map { $0.split(separator: " ").dropFirst().map(String.init) } ?? []
    }

    func testTogglesActOnNamedChosenOrPatchedTracksAndJournalTheAbsoluteCommand() {
        run("""
            source interview
            append
            add-track audio
            """)
        // Nothing chosen: the patched tracks (V1 and A1).
        let patched = editor.execute("toggle-solo")
        XCTAssertEqual(patched.message, "solo V1,A1")
        XCTAssertEqual(patched.message, "solo V1,A1")
        XCTAssertTrue(flags("A1").contains("solo"))
        // Chosen with the track selectors: those only.
        run("toggle-track A2")
        XCTAssertEqual(editor.execute("toggle-mute").message, "mute A2")
        XCTAssertTrue(flags("A2").contains("muted"))
        XCTAssertFalse(flags("A1").contains("muted"))
        XCTAssertEqual(editor.execute("toggle-mute").message, "unmute A2", "again turns it off")
        // Named, mixed: on for all unless all are on already.
        run("mute A1")
        XCTAssertEqual(editor.execute("toggle-mute A1,A2").message, "mute A1,A2")
        XCTAssertEqual(editor.execute("toggle-mute A1,A2").message, "unmute A1,A2")
        // Sync lock is on by default, so the first toggle turns it off.
        XCTAssertEqual(editor.execute("toggle-sync-lock A1").message, "sync-unlock A1")
        XCTAssertTrue(flags("A1").contains("no-sync-lock"))
        XCTAssertEqual(editor.execute("toggle-lock V1").message, "lock V1")
        XCTAssertTrue(flags("V1").contains("locked"))
        // One undo step each.
        run("undo")
        XCTAssertFalse(flags("V1").contains("locked"))
        // Bad input: a clear error, nothing changed.
        let before = TimelineDump.text(editor.project)
        XCTAssertTrue(editor.execute("toggle-solo V9").isError)
        XCTAssertEqual(TimelineDump.text(editor.project), before)
    }
}
