import Editor
import Foundation
import TimelineModel
import XCTest

/// A 25 fps clip in a 30 fps sequence, through the editor's commands: the source monitor steps
/// one *source* frame, marks whole source frames, shows 25 fps timecode; match frame names it;
/// the sequence's settings come from its first clip unless given.
///
/// The mapping (RateConform): sequence frame f shows media frame floor(f × 25/30); the first
/// sequence frame showing media frame m is ceil(m × 30/25) = ceil(1.2 m), the last is
/// ceil(1.2 (m+1)) − 1.
final class SourceRateTests: XCTestCase {
    var folder: URL!
    var editor: Editor!

    static let catalog = FakeCatalog(known: [
        "pal.mov": MediaReference(id: "pal.mov", name: "pal.mov", path: "pal.mov", duration: RationalTime(250, .fps25),
                                  video: .init(width: 1024, height: 576, rate: .fps25, codec: "h264"),
                                  audio: .init(sampleRate: 48000, channels: 2, layout: "stereo", codec: "aac"),
                                  startTimecode: 10 * 3600 * 25),
        "ntsc.mov": MediaReference(id: "ntsc.mov", name: "ntsc.mov", path: "ntsc.mov", duration: RationalTime(600, .fps29_97),
                                   video: .init(width: 720, height: 480, rate: .fps29_97, codec: "h264")),
    ])

    override func setUpWithError() throws {
        folder = try makeMediaFolder(["pal.mov", "ntsc.mov"])
        editor = Editor(project: Project(name: "t", bins: [Bin(name: "Media")]), catalog: Self.catalog)
        editor.run("import \(folder.path)")
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    func testSourceMonitorStepsMarksAndShowsSourceFramesAt25In30() {
        editor.run("sequence-settings rate=30")
        XCTAssertTrue(editor.timeline.settingsChosen)
        editor.run("source pal.mov")
        // Steps of one 25 fps frame: positions ceil(1.2 m) = 0, 2, 3, 4, 5, 6, 8.
        var positions: [Int64] = [editor.context.source!.position]
        var shown: [String] = []
        for _ in 0..<6 {
            shown.append(editor.run("step").message)
            positions.append(editor.context.source!.position)
        }
        XCTAssertEqual(positions, [0, 2, 3, 4, 5, 6, 8])
        XCTAssertEqual(shown.last, "source 10:00:00:06", "the media's own 25 fps timecode from its start 10:00:00:00")
        // 24 source frames on from m = 6 is m = 30 = 10:00:01:05 (25 fps), never a :25 or higher frame.
        XCTAssertEqual(editor.run("step 24").message, "source 10:00:01:05")
        XCTAssertEqual(editor.context.source!.position, 36, "ceil(30 × 1.2)")
        XCTAssertEqual(editor.run("step -1").message, "source 10:00:01:04")
        XCTAssertEqual(editor.context.source!.position, 35, "ceil(29 × 1.2) = 35")
        // A typed time on the source monitor is source timecode at 25 fps.
        XCTAssertEqual(editor.run("goto 10:00:00:24").message, "source 10:00:00:24")
        XCTAssertEqual(editor.context.source!.position, 29, "ceil(24 × 1.2) = 29")
        let impossible = editor.execute("goto 10:00:00:25")
        XCTAssertTrue(impossible.isError, "10:00:00:25 is not a 25 fps timecode: \(impossible.message)")
        XCTAssertEqual(editor.context.source!.position, 29, "and the position stays")

        // Mark in at m = 5, out at m = 9 inclusive: sequence frames [6, ceil(12) − 1 = 11], so the
        // clip is 6 sequence frames long and shows media frames 5…9.
        editor.run("goto 10:00:00:05")
        XCTAssertEqual(editor.run("mark-in").message, "source in 10:00:00:05")
        editor.run("goto 10:00:00:09")
        XCTAssertEqual(editor.run("mark-out").message, "source out 10:00:00:09")
        XCTAssertEqual(editor.context.source?.markIn, 6)
        XCTAssertEqual(editor.context.source?.markOut, 11)
        editor.run("insert")
        let dump = TimelineDump.text(editor.project)
        XCTAssertTrue(dump.contains("01:00:00:00-01:00:00:06 c1 pal.mov src 10:00:00:05-10:00:00:10 @25"), dump)
        XCTAssertEqual(editor.timeline.rate, .fps30, "a chosen rate stays")

        // Match frame at record frame 3: unit 6 + 3 = 9 shows media frame floor(9 × 25/30) = 7.
        editor.run("goto 3")
        XCTAssertEqual(editor.run("match-frame").message, "match frame: pal.mov at 10:00:00:07")
    }

    func testFirstClipSetsAnUnchosenSequenceAndARateChangeWithClipsIsRefused() {
        XCTAssertFalse(editor.timeline.settingsChosen)
        editor.run("source pal.mov")
        editor.run("step 10")
        editor.run("mark-in")
        let inserted = editor.run("insert").message
        XCTAssertTrue(inserted.contains("sequence set from pal.mov: 25 fps 1024x576 start 01:00:00:00"), inserted)
        XCTAssertEqual(editor.timeline.rate, .fps25)
        XCTAssertEqual(editor.timeline.frameSize, FrameSize(width: 1024, height: 576))
        XCTAssertEqual(editor.timeline.startTimecode, 3600 * 25, "01:00:00:00 at 25")
        // The source in kept its media frame (10) across the rate change: at 25 in 25 it is unit 10.
        XCTAssertTrue(TimelineDump.text(editor.project).contains("pal.mov src 10:00:00:10-10:00:10:00"), TimelineDump.text(editor.project))
        // Undo takes back the clip and the settings together.
        editor.run("undo")
        XCTAssertEqual(editor.timeline.rate, .fps30)
        XCTAssertFalse(editor.timeline.settingsChosen)
        editor.run("redo")

        let refused = editor.execute("sequence-settings rate=30")
        XCTAssertTrue(refused.isError)
        XCTAssertTrue(refused.message.contains("cannot change"), refused.message)
        XCTAssertEqual(editor.timeline.rate, .fps25, "nothing changed")
        // Size and start timecode may change with clips on it; record frames stay.
        editor.run("sequence-settings size=1920x1080 start=00:59:50:00")
        XCTAssertEqual(editor.timeline.frameSize, FrameSize(width: 1920, height: 1080))
        XCTAssertEqual(editor.timeline.startTimecode, (3600 - 10) * 25)
        XCTAssertTrue(editor.execute("sequence-settings size=12x").isError)
        XCTAssertTrue(editor.execute("sequence-settings rate=fast").isError)
        // A new sequence keeps this one (with its clips) among the project's other sequences.
        let kept = editor.timeline
        XCTAssertFalse(editor.execute("new-sequence rate=24").isError)
        XCTAssertEqual(editor.timeline.rate, .fps24)
        XCTAssertEqual(editor.project.otherSequences, [kept])
    }

    /// A 29.97 first clip makes a drop-frame sequence that still starts at the customary hour:
    /// 01:00:00;00 is 107 892 drop-frame frames, not the 108 000 that 01:00:00:00 is at 30 (which
    /// drop-frame shows as 01:00:03;18). A file that says it counts non-drop makes a non-drop one.
    func testA2997FirstClipStartsTheSequenceAtTheHourInItsOwnCounting() {
        editor.run("source ntsc.mov")
        editor.run("insert")
        XCTAssertEqual(editor.timeline.rate, .fps29_97)
        XCTAssertTrue(editor.timeline.dropFrame)
        XCTAssertEqual(editor.timeline.startTimecode, 107_892)
        XCTAssertTrue(TimelineDump.text(editor.project).hasPrefix("timeline \"Sequence 1\" rate 30000/1001 start 01:00:00;00"),
                      TimelineDump.text(editor.project))

        var nonDrop = Self.catalog.known["ntsc.mov"]!
        nonDrop.timecodeDropFrame = false
        nonDrop.startTimecode = 3600 * 30
        let other = Editor(project: Project(name: "t", bins: [Bin(name: "Media")]),
                           catalog: FakeCatalog(known: ["ntsc.mov": nonDrop]))
        other.run("import \(folder.path)")
        other.run("source ntsc.mov")
        other.run("insert")
        XCTAssertFalse(other.timeline.dropFrame)
        XCTAssertEqual(other.timeline.startTimecode, 108_000)
        XCTAssertTrue(TimelineDump.text(other.project).contains("ntsc.mov src 01:00:00:00-01:00:20:00"), TimelineDump.text(other.project))
    }

    func testNewSequenceOnAnEmptyProjectAndSettingsSurviveSaveAndAnOldProjectOpensUnchanged() throws {
        editor.run("new-sequence Edit rate=29.97 size=1280x720 start=00:00:00:00 drop-frame=on")
        XCTAssertEqual(editor.timeline.name, "Edit")
        XCTAssertEqual(editor.timeline.rate, .fps29_97)
        XCTAssertTrue(editor.timeline.dropFrame)
        XCTAssertEqual(editor.timeline.startTimecode, 0)
        editor.run("source pal.mov")
        editor.run("insert")
        XCTAssertEqual(editor.timeline.rate, .fps29_97, "given settings are not replaced by the first clip's")

        let data = try JSONEncoder().encode(editor.project.timeline)
        let back = try JSONDecoder().decode(Timeline.self, from: data)
        XCTAssertEqual(back, editor.project.timeline)
        // A project saved before sequence settings existed: no fields, reads as unchosen, no size.
        var old = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        old.removeValue(forKey: "frameSize")
        old.removeValue(forKey: "settingsChosen")
        let oldTimeline = try JSONDecoder().decode(Timeline.self, from: try JSONSerialization.data(withJSONObject: old))
        XCTAssertNil(oldTimeline.frameSize)
        XCTAssertFalse(oldTimeline.settingsChosen)
        XCTAssertEqual(oldTimeline.rate, .fps29_97)
        XCTAssertEqual(oldTimeline.tracks, editor.project.timeline.tracks)
        // And written back without the new fields while they are unset.
        let rewritten = try JSONSerialization.jsonObject(with: try JSONEncoder().encode(oldTimeline)) as! [String: Any]
        XCTAssertNil(rewritten["frameSize"])
        XCTAssertNil(rewritten["settingsChosen"])
    }

    func testAnEmptySequenceChangesRateKeepingItsMarksInstants() {
        editor.run("sequence-settings rate=30")
        editor.run("mark-in 01:00:02:00")
        editor.run("sequence-settings rate=25")
        XCTAssertEqual(editor.timeline.markIn, 50, "2 s at 25 fps")
        XCTAssertEqual(editor.timeline.startTimecode, 3600 * 25, "01:00:00:00 keeps its label")
    }
}
