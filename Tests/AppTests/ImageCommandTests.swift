import App
import Editor
import Foundation
import Interchange
import TimelineModel
import XCTest

/// `image-add`, `image-edit` and the motion keyframes through the app's command table: the
/// PNG is decoded before the project changes, the clip is stored (its path relative to the
/// project like media paths), dumped, journaled and written to OTIO and read back.
final class ImageCommandTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("termcut-image-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    /// A 64x32 PNG with alpha, made by ffmpeg.
    private func png(_ name: String) throws -> URL {
        let url = folder.appendingPathComponent(name)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["ffmpeg", "-nostdin", "-v", "error", "-y", "-f", "lavfi", "-i", "color=c=yellow@0.5:s=64x32:d=1,format=rgba",
                             "-frames:v", "1", url.path]
        try process.run()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, "ffmpeg made \(name) (scripts/install-deps.sh installs it)")
        return url
    }

    private func editor() -> Editor {
        let editor = Editor(project: Project(name: "t", bins: [Bin(name: "Media")]), registry: MeasureLoudness.registry)
        XCTAssertFalse(editor.execute("add-track video").isError)
        return editor
    }

    func testImageAddDumpSavesRelativeAndRoundTripsThroughOTIO() throws {
        let logo = try png("logo.png")
        let e = editor()
        let added = e.execute("image-add \(logo.path) 0.9,0.1 scale=0.5 opacity=0.8 duration=2s fade-in=6")
        XCTAssertFalse(added.isError, added.message)
        let dump = TimelineDump.text(e.project)
        XCTAssertTrue(dump.contains("c1 logo.png src 00:00:00:00-00:00:02:00 image at=0.9,0.1 scale=0.5 opacity=0.8 fade-in=6"), dump)
        XCTAssertEqual(e.timeline.videoTracks.count, 2, "placed on the free V2")
        let placed = try XCTUnwrap(e.timeline.tracks[1].clips.first)
        XCTAssertEqual(placed.record, FrameRange(start: 0, duration: 60))
        XCTAssertEqual(placed.clip.image?.path, logo.path)
        XCTAssertFalse(placed.clip.isAdjustmentLayer, "an image clip is not an adjustment layer")
        XCTAssertEqual(e.context.selectedClips, [placed.clip.id], "selected for motion-key and image-edit")

        XCTAssertFalse(e.execute("image-edit at=centre opacity=1").isError)
        XCTAssertEqual(e.timeline.clip(placed.clip.id)?.clip.image?.position, .centre)
        XCTAssertEqual(e.timeline.clip(placed.clip.id)?.clip.image?.scale, 0.5, "what was not given stays")
        XCTAssertTrue(e.execute("undo").message.contains("image edit"))
        XCTAssertEqual(e.timeline.clip(placed.clip.id)?.clip.image?.position, .point(x: 0.9, y: 0.1))

        let keyed = e.execute("motion-key 0 x=0.1 opacity=0 ease=ease-in")
        XCTAssertFalse(keyed.isError, keyed.message)
        XCTAssertFalse(e.execute("motion-key 30 x=0.9 opacity=1").isError)
        XCTAssertFalse(e.execute("motion-key 30 scale=2").isError, "merged into the keyframe at 30")
        let keyedDump = TimelineDump.text(e.project)
        XCTAssertTrue(keyedDump.contains("    motion 01:00:00:00 x=0.1 opacity=0 ease-in\n    motion 01:00:01:00 x=0.9 scale=2 opacity=1 linear"), keyedDump)

        // The project file stores the path relative to its folder and reads it back absolute.
        let url = folder.appendingPathComponent("p.termcut")
        try ProjectFile.write(e.project, saveID: nil, to: url)
        let text = try String(contentsOf: url, encoding: .utf8)
        XCTAssertTrue(text.contains("\"path\" : \"logo.png\""), text)
        XCTAssertEqual(try ProjectFile.read(url).project.timeline, e.project.timeline)

        // OTIO: a termcut.Image generator with the file's URL, the placement and the keyframes.
        let otio = OTIO.write(e.project, projectFolder: folder)
        XCTAssertTrue(String(decoding: otio, as: UTF8.self).contains("\"generator_kind\": \"termcut.Image\""))
        let back = try OTIO.read(otio, name: "t.otio").project
        let image = try XCTUnwrap(back.timeline.tracks.flatMap(\.clips).first { $0.clip.image != nil }?.clip)
        let original = try XCTUnwrap(e.timeline.clip(placed.clip.id)?.clip)
        XCTAssertEqual(image.image, original.image)
        XCTAssertEqual(image.motion, original.motion)
        XCTAssertEqual(image.source, original.source)

        XCTAssertFalse(e.execute("motion-key-delete 0").isError)
        XCTAssertEqual(e.timeline.clip(placed.clip.id)?.clip.motion.map(\.frame), [30])
        XCTAssertTrue(e.execute("motion-key-delete 20").message.contains("no motion keyframe"))
    }

    func testMissingOrUndecodablePNGIsRefusedNamingTheFileAndChangesNothing() throws {
        let e = editor()
        let before = e.project
        let missing = e.execute("image-add \(folder.path)/nowhere.png")
        XCTAssertTrue(missing.isError)
        XCTAssertTrue(missing.message.contains("nowhere.png") && missing.message.contains("no such file"), missing.message)

        let text = folder.appendingPathComponent("notes.png")
        try Data("not a picture".utf8).write(to: text)
        let notPNG = e.execute("image-add \(text.path)")
        XCTAssertTrue(notPNG.message.contains("notes.png") && notPNG.message.contains("not a PNG"), notPNG.message)

        // A PNG cut short after its header: the decoder refuses it.
        let whole = try Data(contentsOf: try png("whole.png"))
        let cut = folder.appendingPathComponent("cut.png")
        try whole.prefix(40).write(to: cut)
        let damaged = e.execute("image-add \(cut.path)")
        XCTAssertTrue(damaged.isError)
        XCTAssertTrue(damaged.message.contains("cut.png") && damaged.message.contains("does not decode"), damaged.message)

        let logo = try png("ok.png")
        XCTAssertTrue(e.execute("image-add \(logo.path) scale=0").message.contains("scale"))
        XCTAssertTrue(e.execute("image-add \(logo.path) opacity=2").message.contains("opacity"))
        XCTAssertTrue(e.execute("image-add \(logo.path) middle-left").message.contains("not a position"))
        XCTAssertEqual(e.project, before)

        // Motion keys want a title or image, values in range, a time inside the clip.
        XCTAssertFalse(e.execute("image-add \(logo.path) duration=30").isError)
        let afterAdd = e.project
        XCTAssertTrue(e.execute("motion-key 5 opacity=3").message.contains("opacity"))
        XCTAssertTrue(e.execute("motion-key 5").message.contains("at least one"))
        XCTAssertTrue(e.execute("motion-key 40 x=0.5").message.contains("outside"))
        XCTAssertEqual(e.project, afterAdd)
    }

    func testImageAndMotionKeysReplayFromTheJournal() throws {
        let logo = try png("logo.png")
        let url = folder.appendingPathComponent("p.termcut")
        let expected: Timeline
        do {
            let e = Editor(project: Project(name: "t", bins: [Bin(name: "Media")]), registry: MeasureLoudness.registry)
            _ = try e.save(to: url)
            XCTAssertFalse(e.execute("add-track video").isError)
            XCTAssertFalse(e.execute("image-add \(logo.path) top scale=2 duration=40").isError)
            XCTAssertFalse(e.execute("motion-key 0 y=0.2 ease=ease-out").isError)
            XCTAssertFalse(e.execute("motion-key 20 y=0.8").isError)
            expected = e.timeline
            // No save: the work is only in the journal.
        }
        let reopened = try Editor(opening: url, registry: MeasureLoudness.registry)
        XCTAssertTrue(reopened.lastMessage.contains("recovered 4 commands"), reopened.lastMessage)
        XCTAssertEqual(reopened.timeline, expected)
    }
}
