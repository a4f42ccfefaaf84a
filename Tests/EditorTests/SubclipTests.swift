import Editor
import Foundation
import Interchange
import TimelineModel
import XCTest

/// Subclips: named media ranges in bins. Made from the source monitor's marks or as JSON
/// (what scene detection journals); `source NAME` marks the range so insert cuts exactly it in;
/// kept through the journal and save/open; bad input refused with the project unchanged.
final class SubclipTests: EditorCommandTestCase {
    private func group(_ bin: String, _ subs: [(String, String, Int64, Int64)]) -> String {
        let groups = [SubclipCommands.SubclipGroup(bin: bin, subclips: subs.map {
            Subclip(name: $0.0, media: MediaID($0.1), source: TimeRange(FrameRange(start: $0.2, end: $0.3), rate: .fps30))
        })]
        return SubclipCommands.line(groups)
    }

    /// Each line journaled, as typed in the editor (`run` runs a script, which is not).
    private func journaled(_ lines: String...) {
        for line in lines {
            let outcome = editor.execute(line)
            XCTAssertFalse(outcome.isError, "\(line): \(outcome.message)")
        }
    }

    func testSubclipsLoadMarkedAndCutInAndSurviveJournalAndSave() throws {
        let url = folder.appendingPathComponent("s.termcut")
        _ = try editor.save(to: url)
        journaled(group("broll scenes", [("broll scene 01", "broll", 0, 120), ("broll scene 02", "broll", 120, 450)]))
        XCTAssertEqual(editor.project.bins.map(\.name), ["Media", "broll scenes"])
        XCTAssertEqual(editor.project.subclips.map(\.name), ["broll scene 01", "broll scene 02"])
        // Loading a subclip marks its range on the source monitor; insert cuts exactly that in.
        run("source \"broll scene 02\"")
        XCTAssertEqual(editor.context.source, SourceMonitor(media: MediaID("broll"), position: 120, markIn: 120, markOut: 449))
        run("insert")
        let clip = try XCTUnwrap(editor.timeline.tracks[0].clips.first?.clip)
        XCTAssertEqual(clip.source, FrameRange(start: 120, end: 450))
        // From marks: interview 30–59 as a subclip in Media.
        journaled("source interview", "mark-in 30", "mark-out 59", "subclip \"talk part\"")
        XCTAssertEqual(editor.project.bins[0].subclips, [Subclip(name: "talk part", media: MediaID("interview"),
                                                                 source: TimeRange(FrameRange(start: 30, end: 60), rate: .fps30))])
        // Refused, project unchanged: unknown media, a range past the end, an empty range, a name taken, bad JSON.
        for line in [group("x", [("a", "nope", 0, 10)]), group("x", [("a", "logo", 100, 151)]), group("x", [("a", "logo", 10, 10)]),
                     group("x", [("talk part", "logo", 0, 10)]), "subclips-add \"[{\"", "subclip \"talk part\""] {
            let before = editor.project
            XCTAssertTrue(editor.execute(line).isError, line)
            XCTAssertEqual(editor.project, before, line)
        }
        // The journal replays the subclips after a crash; the saved file keeps them.
        let expected = editor.project
        editor.session?.release()
        editor = nil
        let reopened = try Editor(opening: url, catalog: FakeCatalog.standard)
        XCTAssertEqual(reopened.project.bins, expected.bins)
        _ = try reopened.save()
        reopened.session?.release()
        XCTAssertEqual(try ProjectFile.read(url).project.bins, expected.bins)
    }

    func testFilesWithoutSubclipsAreWrittenAsBeforeAndBadSubclipsAreRefusedOnLoad() throws {
        let data = try JSONEncoder().encode(Bin(name: "Media", media: [MediaID("a")]))
        XCTAssertFalse(String(decoding: data, as: UTF8.self).contains("subclips"))
        XCTAssertEqual(try JSONDecoder().decode(Bin.self, from: Data(#"{"name":"B","media":[],"bins":[]}"#.utf8)), Bin(name: "B"))
        var project = editor.project
        project.bins[0].subclips = [Subclip(name: "s", media: MediaID("gone"), source: TimeRange(FrameRange(start: 0, end: 5), rate: .fps30))]
        XCTAssertEqual(project.checkAfterLoading().problem, "subclip \"s\" uses media \"gone\", which the project does not have")
    }
}
