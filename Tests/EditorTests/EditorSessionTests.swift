import Editor
import Foundation
import Interchange
import TimelineModel
import XCTest

final class EditorSessionTests: XCTestCase {
    var folder: URL!
    override func setUpWithError() throws { folder = try makeMediaFolder() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    func newEditor() -> Editor {
        Editor(project: Project(name: "t", bins: [Bin(name: "Media")]), catalog: FakeCatalog.standard)
    }

    func testImportAddsMediaToTheBinAndJournalsTheProbedFacts() throws {
        let editor = newEditor()
        let out = editor.run("import \(folder.path)")
        XCTAssertEqual(out.message, "imported 3 files into Media")
        XCTAssertEqual(editor.project.media.map(\.name).sorted(), ["broll.mp4", "interview.mp4", "logo.mp4"])
        XCTAssertEqual(editor.project.bins[0].media.count, 3)
        // Importing the same folder again finds nothing new.
        let again = editor.execute("import \(folder.path)")
        XCTAssertTrue(again.isError)
        XCTAssertTrue(again.message.contains("nothing new"), again.message)
    }

    func testUnknownCommandSuggestsTheNearestName() {
        let out = newEditor().execute("udno")
        XCTAssertTrue(out.isError)
        XCTAssertEqual(out.message, "unknown command \"udno\" (did you mean undo?)")
    }

    func testArgumentErrorsNameTheCommandAndArgument() {
        let editor = newEditor()
        XCTAssertEqual(editor.execute("lock V9").message, "lock: no track named V9 (tracks: V1 A1 A2)")
        XCTAssertTrue(editor.execute("goto").message.hasPrefix("goto: missing <time>"))
        XCTAssertEqual(editor.execute("monitor sideways").message, "monitor: which must be one of source, record, toggle; got \"sideways\"")
    }

    func testUndoRedoRestoreExactStatesAndNameTheCommand() throws {
        let editor = newEditor()
        let empty = editor.project
        editor.run("lock V1")
        let locked = editor.project
        editor.run("mark-in 10")
        XCTAssertEqual(editor.run("undo").message, "undo: record in 01:00:00:10")
        XCTAssertEqual(editor.project, locked)
        XCTAssertEqual(editor.run("undo").message, "undo: lock V1")
        XCTAssertEqual(editor.project, empty)
        XCTAssertTrue(editor.execute("undo").isError)
        editor.run("redo")
        XCTAssertEqual(editor.project, locked)
        // A new change clears what could be redone.
        editor.run("mute A1")
        XCTAssertTrue(editor.execute("redo").isError)
    }

    func testScriptFailureNamesTheLineAndLeavesEverythingAsItWas() {
        let editor = newEditor()
        editor.run("lock A2")
        let before = editor.project
        let (ok, messages) = editor.runScript("mute A1\n\n# note\nlock V7\nmute A2")
        XCTAssertFalse(ok)
        XCTAssertEqual(messages.last, "line 4: lock: no track named V7 (tracks: V1 A1 A2)")
        XCTAssertEqual(editor.project, before)
        XCTAssertEqual(editor.run("undo").message, "undo: lock A2")
    }

    func testJournalReplaysCommandsAfterACrashWithoutSave() throws {
        let url = folder.appendingPathComponent("p.termcut")
        do {
            let editor = newEditor()
            _ = try editor.save(to: url)
            editor.run("import \(folder.path)")
            editor.run("lock V1")
            editor.run("mark-in 45")
            editor.run("mute A1")
            // No save: the editor is dropped with its work only in the journal.
        }
        let reopened = try Editor(opening: url, catalog: FakeCatalog.standard)
        XCTAssertEqual(reopened.lastMessage, "recovered 4 commands from the journal")
        XCTAssertEqual(reopened.project.media.count, 3)
        XCTAssertTrue(reopened.timeline.tracks[0].locked)
        XCTAssertTrue(reopened.timeline.tracks[1].muted)
        XCTAssertEqual(reopened.timeline.markIn, 45)
    }

    /// Nesting, overwrite and asymmetric trims are edits like any: after a crash the journal
    /// brings the same project back.
    func testNestAndTheNewTrimsRoundTripThroughTheJournal() throws {
        let url = folder.appendingPathComponent("p.termcut")
        let before: Project
        do {
            let editor = newEditor()
            _ = try editor.save(to: url)
            // One command at a time, as keys and the palette send them (scripts are not journaled line by line).
            let script = """
                import \(folder.path)
                source broll
                mark-in 0
                mark-out 59
                append
                source interview
                mark-in 30
                mark-out 89
                append
                new-sequence Scene2
                source interview
                mark-in 0
                mark-out 29
                append
                open-sequence "Sequence 1"
                goto 20
                nest-sequence Scene2
                goto 110
                trim-mode
                trim-side a
                overwrite-trim -3
                trim-track A1 b
                trim +2
                """
            var messages: [String] = []
            for line in script.split(separator: "\n") {
                let outcome = editor.execute(String(line))
                XCTAssertFalse(outcome.isError, "\(line): \(outcome.message)")
                messages.append(outcome.message)
            }
            XCTAssertTrue(messages.contains { $0.hasPrefix("nested Scene2") }, messages.joined(separator: "\n"))
            XCTAssertTrue(messages.contains { $0.hasPrefix("asymmetric trim V1,A1 +2f") }, messages.joined(separator: "\n"))
            before = editor.project
            // No save: the work is only in the journal.
        }
        let reopened = try Editor(opening: url, catalog: FakeCatalog.standard)
        XCTAssertTrue(reopened.lastMessage.hasPrefix("recovered"), "[\(reopened.lastMessage)]")
        XCTAssertEqual(reopened.project, before)
    }

    /// The track toggles journal the absolute command, so a replay gives the same flags even
    /// though it does not replay the track selection they acted on.
    func testTrackTogglesRoundTripThroughTheJournal() throws {
        let url = folder.appendingPathComponent("p.termcut")
        let before: Project
        do {
            let editor = newEditor()
            _ = try editor.save(to: url)
            for line in ["import \(folder.path)", "source interview", "append", "add-track audio",
                         "toggle-track A2", "toggle-mute", "toggle-solo", "select-tracks all", "toggle-sync-lock A1", "toggle-lock"] {
                let outcome = editor.execute(line)
                XCTAssertFalse(outcome.isError, "\(line): \(outcome.message)")
            }
            XCTAssertTrue(editor.project.timeline.tracks.first { $0.name == "A2" }!.muted)
            before = editor.project
        }
        let reopened = try Editor(opening: url, catalog: FakeCatalog.standard)
        XCTAssertEqual(reopened.project, before)
    }

    func testSaveStartsAFreshJournalAndKeepsBackups() throws {
        let url = folder.appendingPathComponent("p.termcut")
        let editor = newEditor()
        _ = try editor.save(to: url)
        editor.run("lock V1")
        _ = try editor.save()
        editor.run("mute A1")
        _ = try editor.save()
        let journal = try String(contentsOf: URL(fileURLWithPath: url.path + ".journal"), encoding: .utf8)
        XCTAssertEqual(journal.split(separator: "\n").count, 1, "only the header after a save")
        let backups = try FileManager.default.contentsOfDirectory(atPath: url.path + ".backups")
        XCTAssertEqual(backups.count, 2)
        editor.session?.release()
        let reopened = try Editor(opening: url, catalog: FakeCatalog.standard)
        XCTAssertEqual(reopened.lastMessage, "")
        XCTAssertTrue(reopened.timeline.tracks[0].locked && reopened.timeline.tracks[1].muted)
    }

    func testAStaleJournalFromBeforeTheLastSaveIsIgnored() throws {
        let url = folder.appendingPathComponent("p.termcut")
        let editor = newEditor()
        _ = try editor.save(to: url)
        editor.run("lock V1")
        let journalURL = URL(fileURLWithPath: url.path + ".journal")
        let staleJournal = try Data(contentsOf: journalURL)
        _ = try editor.save()
        editor.session?.release()
        // As if the process died after the project was renamed into place but before the journal was reset.
        try staleJournal.write(to: journalURL)
        let reopened = try Editor(opening: url, catalog: FakeCatalog.standard)
        XCTAssertEqual(reopened.lastMessage, "", "commands already in the saved file are not applied twice")
        XCTAssertTrue(reopened.timeline.tracks[0].locked)
        XCTAssertEqual(reopened.undoDepth, 0)
    }

    func testATornLastJournalLineIsDropped() throws {
        let url = folder.appendingPathComponent("p.termcut")
        let editor = newEditor()
        _ = try editor.save(to: url)
        editor.run("lock V1")
        editor.run("mute A1")
        editor.session?.release()
        let journalURL = URL(fileURLWithPath: url.path + ".journal")
        var data = try Data(contentsOf: journalURL)
        data.removeLast(12)
        try data.write(to: journalURL)
        let reopened = try Editor(opening: url, catalog: FakeCatalog.standard)
        XCTAssertTrue(reopened.lastMessage.hasPrefix("recovered 1 command from the journal; journal: record 2 of 2 is damaged (cut short"), reopened.lastMessage)
        XCTAssertTrue(reopened.lastMessage.contains("kept as \(url.path).journal.damaged-"), reopened.lastMessage)
        XCTAssertTrue(reopened.timeline.tracks[0].locked)
        XCTAssertFalse(reopened.timeline.tracks[1].muted)
    }

    func testASecondEditorIsToldWhoHoldsTheProjectAndMayOpenReadOnly() throws {
        let url = folder.appendingPathComponent("p.termcut")
        let first = newEditor()
        _ = try first.save(to: url)
        first.run("lock V1")
        XCTAssertThrowsError(try Editor(opening: url, catalog: FakeCatalog.standard)) { error in
            XCTAssertTrue("\(error)".contains("is open in another termcut (pid \(getpid())"), "\(error)")
        }
        let viewer = try Editor(opening: url, readOnly: true, catalog: FakeCatalog.standard)
        XCTAssertTrue(viewer.timeline.tracks[0].locked, "read-only sees the journaled work too")
        let refused = viewer.execute("mute A1")
        XCTAssertTrue(refused.isError)
        XCTAssertTrue(refused.message.contains("read-only (held by pid \(getpid())"), refused.message)
        first.session?.release()
        let asked = try Editor(opening: url, readOnly: true, catalog: FakeCatalog.standard)
        let told = asked.execute("mute A1")
        XCTAssertTrue(told.message.contains("opened with --read-only; reopen without it to edit"), told.message)
    }

    func testANewerProjectFileIsRefusedAndLeftUntouched() throws {
        let url = folder.appendingPathComponent("future.termcut")
        let text = #"{"formatVersion": 99, "project": {"something": "new"}}"#
        try text.write(to: url, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try Editor(opening: url)) { error in
            XCTAssertTrue("\(error)".contains("written by a newer termcut (format 99"), "\(error)")
        }
        XCTAssertEqual(try String(contentsOf: url, encoding: .utf8), text)
    }

    func testAMalformedProjectSaysWhereItIsBroken() throws {
        let url = folder.appendingPathComponent("bad.termcut")
        try #"{"formatVersion": 1, "project": {"formatVersion": 1, "name": "x", "media": [], "bins": [], "timeline": {"name": "s", "rate": {"numerator": 30, "denominator": 1}}}}"#
            .write(to: url, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try Editor(opening: url)) { error in
            XCTAssertTrue("\(error)".contains("project.timeline: missing \"tracks\""), "\(error)")
        }
        try "not json".write(to: url, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try Editor(opening: url)) { error in
            XCTAssertTrue("\(error)".contains("the file is not JSON: line 1"), "\(error)")
        }
        // A line broken in an editor: the message names its line.
        try "{\n  \"formatVersion\": 1,\n  \"project\": {\"name\": \"x\",,\n}\n}".write(to: url, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try Editor(opening: url)) { error in
            XCTAssertTrue("\(error)".contains("the file is not JSON: line 3"), "\(error)")
        }
    }

    func testMissingMediaOpensOfflineAndMediaPathsBelowTheProjectAreRelative() throws {
        let url = folder.appendingPathComponent("p.termcut")
        let editor = newEditor()
        editor.run("import \(folder.path)")
        _ = try editor.save(to: url)
        editor.session?.release()
        let saved = try String(contentsOf: url, encoding: .utf8)
        XCTAssertTrue(saved.contains(#""path" : "broll.mp4""#), "stored relative to the project folder")
        try FileManager.default.removeItem(at: folder.appendingPathComponent("broll.mp4"))
        let reopened = try Editor(opening: url, catalog: FakeCatalog.standard)
        let offline = reopened.project.media.filter(\.isOffline).map(\.name)
        XCTAssertEqual(offline, ["broll.mp4"])
        XCTAssertEqual(reopened.project.mediaReference("broll")?.path, folder.appendingPathComponent("broll.mp4").standardizedFileURL.path)
    }
}

/// Media replaced in place (issue 13): another clip copied over the file, the file cut to 0
/// bytes, or deleted while the project is open, goes offline with the reason; the original
/// copied back comes online again.
final class MediaReplacedInPlaceTests: XCTestCase {
    var folder: URL!
    override func setUpWithError() throws {
        folder = try makeMediaFolder()
        for (name, bytes) in [("interview.mp4", 3000), ("broll.mp4", 5000), ("logo.mp4", 700)] {
            try Data((0..<bytes).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ name.count) }).write(to: folder.appendingPathComponent(name))
        }
    }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    private func openedProject() throws -> (Editor, URL) {
        let url = folder.appendingPathComponent("p.termcut")
        let editor = Editor(project: Project(name: "t", bins: [Bin(name: "Media")]), catalog: FakeCatalog.standard)
        editor.run("import \(folder.path)")
        XCTAssertNotNil(editor.project.mediaReference("broll")?.fingerprint, "import records the file's identity")
        _ = try editor.save(to: url)
        editor.session?.release()
        return (try Editor(opening: url, catalog: FakeCatalog.standard), url)
    }

    func testADifferentClipCopiedOverTheFileOpensOfflineWithTheReason() throws {
        let broll = folder.appendingPathComponent("broll.mp4")
        let url = folder.appendingPathComponent("p.termcut")
        do {
            let (editor, _) = try openedProject()
            editor.session?.release()
        }
        // Same size, different bytes: only the hash can tell.
        try Data(repeating: 7, count: 5000).write(to: broll)
        let reopened = try Editor(opening: url, catalog: FakeCatalog.standard)
        let media = try XCTUnwrap(reopened.project.mediaReference("broll"))
        XCTAssertTrue(media.isOffline)
        XCTAssertTrue(media.offlineReason?.contains("replaced") == true, media.offlineReason ?? "no reason")
        XCTAssertTrue(reopened.lastMessage.contains("broll.mp4: replaced"), reopened.lastMessage)
        XCTAssertEqual(reopened.project.media.filter(\.isOffline).map(\.name), ["broll.mp4"])
    }

    func testTruncatedDeletedAndRestoredWhileOpen() throws {
        let (editor, _) = try openedProject()
        defer { editor.session?.release() }
        XCTAssertNil(editor.checkMediaIdentity(), "nothing changed")
        let interview = folder.appendingPathComponent("interview.mp4")
        let original = try Data(contentsOf: interview)
        try Data().write(to: interview)
        let truncated = try XCTUnwrap(editor.checkMediaIdentity())
        XCTAssertTrue(truncated.contains("interview.mp4: the file is empty"), truncated)
        XCTAssertEqual(editor.project.mediaReference("interview")?.isOffline, true)

        try FileManager.default.removeItem(at: folder.appendingPathComponent("logo.mp4"))
        let deleted = try XCTUnwrap(editor.checkMediaIdentity())
        XCTAssertTrue(deleted.contains("logo.mp4: the file is missing"), deleted)
        XCTAssertNil(editor.checkMediaIdentity(), "said once")

        // The original copied back (a new modification time) is the same media again.
        try original.write(to: interview)
        _ = editor.checkMediaIdentity()
        XCTAssertEqual(editor.project.mediaReference("interview")?.isOffline, false)
        XCTAssertEqual(editor.project.media.filter(\.isOffline).map(\.name), ["logo.mp4"])
        // A bigger file under the name is another clip.
        try (original + original).write(to: interview)
        XCTAssertTrue(editor.checkMediaIdentity()?.contains("6000 bytes, not the 3000 imported") == true)
    }
}
