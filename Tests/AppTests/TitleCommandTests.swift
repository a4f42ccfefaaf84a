import App
import Editor
import Foundation
import Interchange
import TimelineModel
import XCTest

/// `title-add`, `title-edit` and `subtitles` through the app's command table: the font is
/// checked with fontconfig, the title is stored in the project and in OTIO.
final class TitleCommandTests: XCTestCase {
    private func editor() -> Editor {
        let editor = Editor(project: Project(name: "t", bins: [Bin(name: "Media")]), registry: MeasureLoudness.registry)
        XCTAssertFalse(editor.execute("add-track video").isError)
        return editor
    }

    func testTitleAddEditDumpAndRoundTrips() throws {
        let e = editor()
        let added = e.execute("title-add \"Café — 字幕\" preset=centre size=90 colour=#FFCC00 outline=4 box=#00000080 duration=2s fade-in=10")
        XCTAssertFalse(added.isError, added.message)
        let dump = TimelineDump.text(e.project)
        XCTAssertTrue(dump.contains("text \"Café — 字幕\" title font=DejaVu Sans size=90 colour=#FFCC00FF at=centre outline=4 #000000FF box=#00000080 fade-in=10"), dump)
        XCTAssertEqual(e.timeline.videoTracks.count, 2, "placed on the free V2, no new track")
        let edited = e.execute("title-edit \"Second line\" preset=top size=70")
        XCTAssertFalse(edited.isError, edited.message)
        let clip = try XCTUnwrap(e.timeline.tracks[1].clips.first?.clip)
        XCTAssertEqual(clip.text, "Second line")
        XCTAssertEqual(clip.title?.position, .top)
        XCTAssertEqual(clip.title?.size, 70)
        XCTAssertEqual(clip.title?.outline, 4, "what was not given stays")
        XCTAssertEqual(clip.duration, 60)

        // The project file keeps it.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("termcut-title-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("p.termcut")
        XCTAssertFalse(e.execute("subtitles on size=40 font=\"DejaVu Serif\"").isError)
        try ProjectFile.write(e.project, saveID: nil, to: url)
        let reopened = try ProjectFile.read(url).project
        XCTAssertEqual(reopened.timeline, e.project.timeline)
        XCTAssertEqual(reopened.timeline.subtitleDisplay?.style.size, 40)

        // OTIO: a generator reference with the style as parameters, read back the same.
        let otio = OTIO.write(e.project, projectFolder: folder)
        XCTAssertTrue(String(decoding: otio, as: UTF8.self).contains("\"generator_kind\": \"termcut.Title\""))
        let back = try OTIO.read(otio, name: "t.otio").project
        let title = try XCTUnwrap(back.timeline.tracks.flatMap(\.clips).first { $0.clip.title != nil }?.clip)
        XCTAssertEqual(title.title, clip.title)
        XCTAssertEqual(title.text, "Second line")
    }

    func testBadFontAndTextAreRefusedAndChangeNothing() {
        let e = editor()
        let before = e.project
        let missing = e.execute("title-add Hello font=\"No Such Font 42\"")
        XCTAssertTrue(missing.isError)
        XCTAssertTrue(missing.message.contains("No Such Font 42") && missing.message.contains("offered"), missing.message)
        XCTAssertTrue(e.execute("title-add \"  \"").message.contains("empty"))
        XCTAssertTrue(e.execute("title-add \"a\u{FFFD}b\"").message.contains("UTF-8"))
        XCTAssertTrue(e.execute("title-add x preset=middle-left").message.contains("not a position"))
        XCTAssertTrue(e.execute("title-add x colour=purplish").message.contains("not a colour"))
        XCTAssertEqual(e.project, before)
    }
}
