import Editor
import Foundation
import TimelineModel
import XCTest

final class InterchangeCommandTests: XCTestCase {
    var folder: URL!
    override func setUpWithError() throws { folder = try makeMediaFolder() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    func cut() -> Editor {
        let editor = Editor(project: Project(name: "t", bins: [Bin(name: "Media")]), catalog: FakeCatalog.standard)
        let (ok, messages) = editor.runScript("""
            import \(folder.path)
            source interview
            mark-in 10
            mark-out 99
            insert
            source broll
            mark-in 00:00:03:00
            mark-out 00:00:05:29
            insert
            goto 90
            select-edit both
            add-transition 10
            add-marker Look blue at=30
            """)
        XCTAssertTrue(ok, messages.last ?? "")
        return editor
    }

    /// Record and source ranges of every clip, per track.
    func ranges(_ t: Timeline) -> [[String]] {
        t.tracks.map { $0.clips.map { "\($0.clip.name) \($0.record) \($0.clip.source)" } }
    }

    func testOTIOExportThenImportGivesTheSameCut() throws {
        let editor = cut()
        let file = folder.appendingPathComponent("cut.otio")
        editor.run("export-otio \(file.path)")
        let other = Editor(project: Project(name: "u"), catalog: FakeCatalog.standard)
        let out = other.run("import-otio \(file.path)")
        XCTAssertTrue(out.message.hasPrefix("imported cut.otio: "), out.message)
        XCTAssertEqual(ranges(other.timeline).filter { !$0.isEmpty }, ranges(editor.timeline).filter { !$0.isEmpty })
        XCTAssertEqual(other.timeline.tracks[0].clips.first?.clip.transitionOut?.duration, 10)
        XCTAssertEqual(other.timeline.markers.map(\.name), ["Look"])
        XCTAssertEqual(Set(other.project.media.map(\.path)), Set(editor.project.media.filter { ["interview", "broll"].contains($0.id.rawValue) }.map(\.path)))
    }

    func testAnImportIsJournaledWholeAndUndoable() throws {
        let source = cut()
        let file = folder.appendingPathComponent("cut.edl")
        source.run("export-edl \(file.path)")
        let url = folder.appendingPathComponent("p.termcut")
        do {
            let editor = Editor(project: Project(name: "p"), catalog: FakeCatalog.standard)
            _ = try editor.save(to: url)
            editor.run("import-edl \(file.path) 30")
            XCTAssertEqual(editor.timeline.tracks[0].clips.count, 2)
        }
        try FileManager.default.removeItem(at: file)  // replay must not need the list any more
        let reopened = try Editor(opening: url, catalog: FakeCatalog.standard)
        XCTAssertEqual(reopened.lastMessage, "recovered 1 command from the journal")
        XCTAssertEqual(reopened.timeline.tracks[0].clips.map(\.record), source.timeline.tracks[0].clips.map(\.record).enumerated().map { i, r in
            // CMX 3600 moves a cut to where its dissolve starts: the first clip ends 5 frames early.
            i == 0 ? FrameRange(start: r.start, end: r.end - 5) : FrameRange(start: r.start - 5, end: r.end)
        })
        reopened.run("undo")
        XCTAssertTrue(reopened.timeline.tracks.allSatisfy { $0.items.isEmpty })
    }

    func testSRTImportMakesASubtitleTrackAndExportsTheSameCues() throws {
        let editor = Editor(project: Project(name: "t"))
        let srt = folder.appendingPathComponent("subs.srt")
        try "1\n00:00:01,000 --> 00:00:02,500\nHello\n\n2\n00:00:03,000 --> 00:00:04,000\nTwo\nlines\n".write(to: srt, atomically: true, encoding: .utf8)
        editor.run("import-srt \(srt.path)")
        let track = try XCTUnwrap(editor.timeline.tracks.last)
        XCTAssertEqual(track.kind, .subtitle)
        // 1.0 s = frame 30; 2.5 s = frame 75; 3 s = 90; 4 s = 120 at 30 fps.
        XCTAssertEqual(track.clips.map(\.record), [FrameRange(start: 30, end: 75), FrameRange(start: 90, end: 120)])
        XCTAssertEqual(track.clips.map(\.clip.text), ["Hello", "Two\nlines"])
        let back = folder.appendingPathComponent("back.srt")
        editor.run("export-srt \(back.path)")
        let text = try String(contentsOf: back, encoding: .utf8)
        XCTAssertTrue(text.contains("00:00:01,000 --> 00:00:02,500\nHello"), text)
        XCTAssertTrue(text.contains("00:00:03,000 --> 00:00:04,000\nTwo\nlines"), text)
    }

    func testRelinkFindsMovedMediaAndRefusesADifferentTake() throws {
        let url = folder.appendingPathComponent("p.termcut")
        do {
            let editor = cut()
            _ = try editor.save(to: url)
        }
        let moved = folder.appendingPathComponent("moved")
        try FileManager.default.createDirectory(at: moved, withIntermediateDirectories: true)
        try FileManager.default.moveItem(at: folder.appendingPathComponent("broll.mp4"), to: moved.appendingPathComponent("broll.mp4"))
        try FileManager.default.moveItem(at: folder.appendingPathComponent("interview.mp4"), to: moved.appendingPathComponent("interview.mp4"))
        // This catalog sees a 7 s interview.mp4: a different take with the same name.
        var catalog = FakeCatalog.standard
        catalog.known["interview.mp4"] = FakeCatalog.media("interview.mp4", seconds: 7, video: true, audio: true)
        let editor = try Editor(opening: url, catalog: catalog)
        XCTAssertEqual(Set(editor.project.media.filter(\.isOffline).map(\.name)), ["broll.mp4", "interview.mp4"])
        XCTAssertTrue(TimelineDump.text(editor.project).contains("offline"))
        let out = editor.run("relink \(moved.path)")
        XCTAssertTrue(out.message.hasPrefix("relinked 1 of 2 offline media; not the same media: "), out.message)
        XCTAssertTrue(out.message.contains("7.00 s long, not 10.00 s"), out.message)
        XCTAssertEqual(editor.project.mediaReference("broll")?.path, moved.appendingPathComponent("broll.mp4").path)
        XCTAssertFalse(editor.project.mediaReference("broll")!.isOffline)
        XCTAssertTrue(editor.project.mediaReference("interview")!.isOffline)
        // Offline clips stay editable.
        editor.run("goto 5\nrazor".components(separatedBy: "\n")[0])
        editor.run("razor")
        XCTAssertEqual(editor.timeline.tracks[0].clips.count, 3)
    }
}

extension InterchangeCommandTests {
    /// The message line has room for three problems and says how many more; every one comes as
    /// a detail line (what `termcut import` and `run -v` print), in the list's order.
    func testEveryImportProblemIsReportedNotJustTheFirstThree() throws {
        let list = folder.appendingPathComponent("rough.edl")
        var text = "TITLE: ROUGH\nFCM: NON-DROP FRAME\n001  A  V  C  00:00:00:00 00:00:01:00 01:00:00:00 01:00:01:00\n"
        for n in 0..<6 { text += "stray \(n)\n" }
        try text.write(to: list, atomically: true, encoding: .utf8)
        let editor = Editor(project: Project(name: "t", bins: [Bin(name: "Media")]), catalog: FakeCatalog.standard)
        let outcome = editor.execute("import-edl \(list.path) 25")
        XCTAssertFalse(outcome.isError, outcome.message)
        XCTAssertTrue(outcome.message.contains("6 problems") && outcome.message.hasSuffix("and 3 more"), outcome.message)
        XCTAssertEqual(outcome.details.count, 6, outcome.details.joined(separator: "\n"))
        for (n, line) in outcome.details.enumerated() {
            XCTAssertTrue(line.hasPrefix("line \(n + 4): not an event"), line)
        }
        let (ok, messages) = editor.runScript("import-edl \(list.path) 25")
        XCTAssertTrue(ok)
        XCTAssertEqual(messages.filter { $0.hasPrefix("  line ") }.count, 6, messages.joined(separator: "\n"))
    }
}
