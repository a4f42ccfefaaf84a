import Editor
import Foundation
import TimelineModel
import XCTest

/// Edit lists without `* SOURCE FILE` lines through the editor's commands: import, export, relink.
final class ReelImportTests: XCTestCase {
    var folder: URL!
    override func setUpWithError() throws { folder = try makeMediaFolder(["REELA.mp4", "shot b.mp4", "TAPE3.mp4"]) }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    let list = """
        TITLE: REELS
        FCM: NON-DROP FRAME

        001  REELA    V     C        00:00:01:00 00:00:03:00 01:00:00:00 01:00:02:00
        002  REELB    V     C        00:00:04:00 00:00:06:00 01:00:02:00 01:00:04:00
        * FROM CLIP NAME: shot b
        003  TAPE3    V     C        00:02:00:00 00:02:02:00 01:00:04:00 01:00:06:00
        """

    /// 30 fps media, 10 s long, starting at timecode 00:00:00:00.
    let catalog = FakeCatalog(known: [
        "REELA.mp4": FakeCatalog.media("REELA.mp4", seconds: 10, video: true, audio: false),
        "shot b.mp4": FakeCatalog.media("shot b.mp4", seconds: 10, video: true, audio: false),
        "TAPE3.mp4": FakeCatalog.media("TAPE3.mp4", seconds: 10, video: true, audio: false),
    ])

    func testEachReelImportsExportsAndRelinksOnItsOwn() throws {
        let edl = folder.appendingPathComponent("reels.edl")
        try Data(list.utf8).write(to: edl)
        let editor = Editor(project: Project(name: "p", bins: [Bin(name: "Media")]), catalog: catalog)
        let imported = editor.run("import-edl \(edl.path) 30")
        XCTAssertTrue(imported.message.contains("3 offline media"), imported.message)
        XCTAssertEqual(editor.project.media.map { $0.reel ?? "" }, ["REELA", "REELB", "TAPE3"])

        // Saved and reopened, an edit-list media keeps its empty path (no folder invented).
        let project = folder.appendingPathComponent("p.termcut")
        _ = try editor.save(to: project)
        let reopened = try Editor(opening: project, readOnly: true, catalog: catalog)
        XCTAssertEqual(reopened.project.media.map(\.path), ["", "", ""])
        let out = folder.appendingPathComponent("out.edl")
        reopened.run("export-edl \(out.path)")
        let text = try String(contentsOf: out, encoding: .utf8)
        XCTAssertFalse(text.contains("SOURCE FILE"), text)
        for line in ["001  REELA    V     C        00:00:01:00 00:00:03:00 01:00:00:00 01:00:02:00",
                     "002  REELB    V     C        00:00:04:00 00:00:06:00 01:00:02:00 01:00:04:00",
                     "003  TAPE3    V     C        00:02:00:00 00:02:02:00 01:00:04:00 01:00:06:00"] {
            XCTAssertTrue(text.contains(line), text)
        }

        // Relink: REELA by reel, "shot b" by clip name; TAPE3's timecode 00:02:00:00 is beyond its 10 s file.
        let relinked = editor.run("relink \(folder.path)")
        XCTAssertTrue(relinked.message.hasPrefix("relinked 2 of 3"), relinked.message)
        XCTAssertTrue(relinked.message.contains("00:02:00:00"), relinked.message)
        let byReel = Dictionary(uniqueKeysWithValues: editor.project.media.map { ($0.reel ?? "", $0) })
        XCTAssertEqual(byReel["REELA"].map { URL(fileURLWithPath: $0.path).lastPathComponent }, "REELA.mp4")
        XCTAssertEqual(byReel["REELB"].map { URL(fileURLWithPath: $0.path).lastPathComponent }, "shot b.mp4")
        XCTAssertEqual(byReel["TAPE3"]?.isOffline, true)
        // The relinked clips still show the source timecode the list gave (the files start at 0).
        let clips = editor.timeline.tracks[0].clips
        XCTAssertEqual(clips[0].clip.source, FrameRange(start: 30, duration: 60))
        XCTAssertEqual(clips[1].clip.source, FrameRange(start: 120, duration: 60))
        XCTAssertEqual(byReel["REELA"]?.reel, "REELA")
    }

    func testImportOfACutFileNamesTheCutCommand() throws {
        let otio = folder.appendingPathComponent("CUT.otio")
        try Data("{}".utf8).write(to: otio)
        let editor = Editor(project: Project(name: "p", bins: [Bin(name: "Media")]), catalog: catalog)
        let out = editor.execute("import \(otio.path)")
        XCTAssertTrue(out.isError)
        XCTAssertTrue(out.message.contains("use import-otio"), out.message)
        XCTAssertFalse(out.message.contains("TEDCAPTIONS"))
    }
}
