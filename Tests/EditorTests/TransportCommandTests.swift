import Editor
import TimelineModel
import XCTest

final class TransportCommandTests: XCTestCase {
    func testRepeatedLSpeedsUpAndKAlwaysStops() {
        let editor = Editor(project: Project(name: "t"))
        var speeds: [Double] = []
        for line in ["play-forward", "play-forward", "play-forward", "play-forward", "play-forward", "stop", "play-forward",
                     "play-reverse", "play-reverse", "stop", "play-slow-forward", "stop"] {
            editor.run(line)
            speeds.append(editor.transport.speed)
        }
        // L L L L L → 1 2 4 8 8; K → 0; L resumes at 1x, never at the old speed (LosslessCut #254).
        XCTAssertEqual(speeds, [1, 2, 4, 8, 8, 0, 1, -1, -2, 0, 0.25, 0])
    }

    func testPlayAroundReturnsToTheEditAndTransportIsNotAProjectChange() {
        let editor = Editor(project: Project(name: "t"))
        editor.playbackMoved(to: 100)
        let before = editor.project
        editor.run("play-around 10 20")
        XCTAssertEqual(editor.context.playhead, 90)
        XCTAssertEqual(editor.transport.range, FrameRange(start: 90, end: 120))
        XCTAssertEqual(editor.transport.returnTo, 100)
        XCTAssertEqual(editor.project, before)
        XCTAssertEqual(editor.undoDepth, 0)
    }
}

final class AutosaveAndMarkerTests: XCTestCase {
    func testAutosaveWaitsForIdleTimeThenSavesOnce() throws {
        let folder = try makeMediaFolder([])
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("p.termcut")
        let editor = Editor(project: Project(name: "p"))
        _ = try editor.save(to: url)
        XCTAssertNil(editor.autosaveIfDue(idleSeconds: 0), "nothing to save yet")
        editor.run("lock V1")
        XCTAssertNil(editor.autosaveIfDue(idleSeconds: 60), "not idle long enough")
        XCTAssertEqual(editor.autosaveIfDue(idleSeconds: 60, now: Date().addingTimeInterval(61)), "autosaved p.termcut")
        XCTAssertFalse(editor.isDirty)
        XCTAssertNil(editor.autosaveIfDue(idleSeconds: 60, now: Date().addingTimeInterval(120)), "saved once")
        editor.session?.release()
        XCTAssertTrue(try Editor(opening: url).timeline.tracks[0].locked)
    }

    func testClipMarkersTravelWithTheClip() {
        let folder = try! makeMediaFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let editor = Editor(project: Project(name: "t", bins: [Bin(name: "Media")]), catalog: FakeCatalog.standard)
        let (ok, messages) = editor.runScript("""
            import \(folder.path)
            append broll
            add-marker Smile yellow at=40 on=clip
            goto 0
            source logo
            mark-in 0
            mark-out 29
            insert
            """)
        XCTAssertTrue(ok, messages.last ?? "")
        let broll = editor.timeline.tracks[0].clips.first { $0.clip.media == "broll" }!
        XCTAssertEqual(broll.clip.markers.map(\.frame), [40], "a source frame: unchanged when the clip moves")
        XCTAssertEqual(broll.record.start, 30, "the clip moved 30 frames later")
        XCTAssertTrue(TimelineDump.text(editor.project).contains("marker src 00:00:01:10 yellow Smile"))
    }

    func testPreviewCommandsToggleSettingsWithoutTouchingTheProject() {
        let editor = Editor(project: Project(name: "t"))
        editor.run("preview-timecode")
        editor.run("preview-guides on")
        editor.run("preview off")
        XCTAssertEqual(editor.preview.timecode, true)
        XCTAssertEqual(editor.preview.safeGuides, true)
        XCTAssertEqual(editor.preview.visible, false)
        XCTAssertEqual(editor.undoDepth, 0)
    }
}

final class SourceViewerTests: XCTestCase {
    func testTheSourceMonitorPlaysItsMediaAsAOneClipSequence() throws {
        let folder = try makeMediaFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let editor = Editor(project: Project(name: "t", bins: [Bin(name: "Media")]), catalog: FakeCatalog.standard)
        editor.run("import \(folder.path)")
        XCTAssertEqual(editor.viewerKey, "record")
        XCTAssertEqual(editor.viewerProject, editor.project)
        editor.run("source logo")
        XCTAssertEqual(editor.viewerKey, "source:logo")
        let viewer = editor.viewerProject.timeline
        XCTAssertEqual(viewer.tracks[0].clips.map(\.record), [FrameRange(start: 0, end: 150)], "the whole logo on V1")
        XCTAssertTrue(viewer.tracks[1].items.isEmpty, "logo has no sound")
        editor.playbackMoved(to: 42)
        XCTAssertEqual(editor.context.source?.position, 42, "playback moves the source position")
        XCTAssertEqual(editor.context.playhead, 0, "not the record playhead")
        editor.run("mark-in 10")
        editor.run("mark-out 19")
        editor.run("play-in-to-out")
        XCTAssertEqual(editor.transport.range, FrameRange(start: 10, end: 20), "the source marks")
        XCTAssertEqual(editor.viewerPosition, 10)
    }

    func testMarkClipOnTheSourceMonitorMarksTheWholeMedia() throws {
        let folder = try makeMediaFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let editor = Editor(project: Project(name: "t", bins: [Bin(name: "Media")]), catalog: FakeCatalog.standard)
        editor.run("import \(folder.path)")
        editor.run("source logo")
        editor.playbackMoved(to: 42)
        XCTAssertFalse(editor.run("mark-clip").isError, "Avid's mark clip on the source monitor needs no clip under a playhead")
        XCTAssertEqual(editor.context.source?.markIn, 0)
        XCTAssertEqual(editor.context.source?.markOut, 149, "logo is 150 frames: the out is its last")
        XCTAssertNil(editor.project.timeline.markIn, "the record marks are not touched")
        editor.run("insert")
        XCTAssertEqual(editor.timeline.tracks[0].clips.map(\.record), [FrameRange(start: 0, end: 150)])
    }
}
