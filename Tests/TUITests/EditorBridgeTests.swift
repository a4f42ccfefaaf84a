import Editor
import TimelineModel
import XCTest
@testable import TUI

/// The screen model built from the real editor state, and the keymaps against the real registry.
final class EditorBridgeTests: XCTestCase {
    static func project() -> Project {
        let rate = Rate.fps25
        let interview = MediaReference(id: "interview", name: "interview.mov", path: "/nonexistent/interview.mov",
                                       duration: RationalTime(1500, rate),
                                       video: .init(width: 1920, height: 1080, rate: rate, codec: "prores"),
                                       audio: .init(sampleRate: 48000, channels: 2, layout: "stereo", codec: "pcm_s24le"),
                                       isOffline: true)
        let music = MediaReference(id: "theme", name: "theme.wav", path: "/nonexistent/theme.wav",
                                   duration: RationalTime(48000 * 120, .audio48k),
                                   audio: .init(sampleRate: 48000, channels: 2, layout: "stereo", codec: "pcm_s16le"))
        let v1 = Track(kind: .video, name: "V1", items: ItemList([
            .clip(Clip(id: ClipID(1), name: "interview", media: "interview", source: FrameRange(start: 0, duration: 100),
                       available: 1500, transitionOut: Transition(duration: 10))),
            .gap(20),
            .clip(Clip(id: ClipID(2), name: "interview", media: "interview", source: FrameRange(start: 500, duration: 50),
                       available: 1500)),
        ]))
        let v2 = Track(kind: .video, name: "V2", items: ItemList([.gap(30)]), locked: true)
        let a1 = Track(kind: .audio, name: "A1", items: ItemList([
            .clip(Clip(id: ClipID(3), name: "theme", media: "theme", source: FrameRange(start: 0, duration: 170), available: 3000)),
        ]), muted: true)
        var timeline = Timeline(name: "Cut 1", rate: rate, startTimecode: 90000, tracks: [v1, v2, a1],
                                markers: [Marker(frame: 40, name: "beat")])
        timeline.markIn = 10
        timeline.markOut = 19
        return Project(name: "demo", media: [interview, music], bins: [Bin(name: "Footage", media: ["interview"])],
                       timeline: timeline)
    }

    func testScreenModelFromEditorState() {
        let editor = Editor(project: Self.project())
        editor.context.selectedClips = [ClipID(2)]
        editor.context.playhead = 42
        editor.context.placement = .overwrite
        let model = EditorBridge(editor: editor).screenModel()

        XCTAssertEqual(model.timeline.tracks.map(\.name), ["V2", "V1", "A1"], "video top-down, then audio")
        XCTAssertEqual(model.timeline.tracks[0].locked, true)
        XCTAssertEqual(model.timeline.tracks[2].muted, true)
        let v1 = model.timeline.tracks[1].items
        XCTAssertEqual(v1.map(\.kind), [.clip, .gap, .clip, .transition])
        XCTAssertEqual(v1.map(\.recordStart), [0, 100, 120, 95], "the dissolve is centred on the cut at 100")
        XCTAssertEqual(v1[0].offline, true, "interview.mov is offline")
        XCTAssertEqual(v1.map(\.selected), [false, false, true, false])
        XCTAssertEqual(model.timeline.playhead, 42)
        XCTAssertEqual(model.timeline.rate.timecode(42), "01:00:01:17", "timecode counts from the sequence start")
        XCTAssertEqual(model.timeline.markIn, 10)
        XCTAssertEqual(model.timeline.markOut, 19)
        XCTAssertEqual(model.timeline.markers, [MarkerTick(frame: 40, name: "beat")])
        XCTAssertEqual(model.status.editMode, "OVERWRITE")
        XCTAssertEqual(model.status.mode, "normal")

        XCTAssertEqual(model.bins.map(\.name), ["Footage", "interview.mov", "theme.wav"])
        XCTAssertEqual(model.bins.map(\.depth), [0, 1, 0], "media in no bin come last, at the top level")
        XCTAssertEqual(model.bins[1].duration, "00:01:00:00")
        XCTAssertEqual(model.bins[1].size, "1920x1080")
        XCTAssertEqual(model.bins[1].reference, "interview")
        XCTAssertEqual(model.bins[1].offline, true)
        XCTAssertEqual(model.bins[2].duration, "00:02:00:00")
        XCTAssertEqual(model.bins[2].size, "")
        XCTAssertEqual(model.bins[2].audio, "stereo")
        XCTAssertEqual(model.bins[1].start, "00:00:00:00")
    }

    /// The bins' Start column: the file's own first-frame timecode, counted as the file counts it;
    /// a Broadcast WAV's samples since midnight shown at 30 fps, as its duration is.
    func testBinsShowEachMediasStartTimecode() {
        var project = Self.project()
        project.media[0].startTimecode = 10 * 3600 * 25 + 12
        let ntsc = MediaReference(id: "ntsc", name: "ntsc.mp4", path: "/nonexistent/ntsc.mp4", duration: RationalTime(600, .fps29_97),
                                  video: .init(width: 720, height: 480, rate: .fps29_97, codec: "h264"),
                                  startTimecode: 1_078_920, timecodeDropFrame: true)
        project.media[1].startTimecode = 48000 * 3600
        project.media.append(ntsc)
        let model = EditorBridge(editor: Editor(project: project)).screenModel()
        let start = Dictionary(uniqueKeysWithValues: model.bins.map { ($0.name, $0.start) })
        XCTAssertEqual(start["interview.mov"], "10:00:00:12")
        XCTAssertEqual(start["theme.wav"], "01:00:00:00")
        XCTAssertEqual(start["ntsc.mp4"], "10:00:00;00", "10 h of drop-frame timecode is 1 078 920 frames")
    }

    func testCommandsRunInTheEditorAndTheirMessagesShow() {
        let editor = Editor(project: Self.project())
        let bridge = EditorBridge(editor: editor)
        let (keymap, _) = Keymap.load(name: "default", userFile: nil, searchDirectories: [])
        let (theme, _) = Theme.load(name: "dark", searchDirectories: [])
        let session = TUISession(target: bridge, keymap: keymap, theme: theme, colorDepth: .none, width: 120, height: 30)
        session.press("<right><right><right>")
        XCTAssertEqual(editor.state.context.playhead, 3)
        XCTAssertEqual(session.model.timeline.playhead, 3, "the screen model follows the editor")
        XCTAssertTrue(Fixtures.screen(session)[28].hasPrefix(" RECORD   01:00:00:03 "), Fixtures.screen(session)[28])
        session.press(":goto nowhere<enter>")
        XCTAssertTrue(session.view.message.isError, session.view.message.text)
        XCTAssertTrue(Fixtures.screen(session)[29].hasPrefix("goto"), Fixtures.screen(session)[29])
        let layout = ScreenLayout(width: 120, height: 30)
        session.handle(mouse: MouseEvent(x: layout.timeline.x + 1 + TimelineGeometry.headerWidth + 10, y: layout.timeline.y + 3,
                                         kind: .press))
        XCTAssertEqual(editor.state.context.playhead, 30, "a click on the timeline moves the playhead: \(session.view.message.text)")
        session.press(":no-such-thing<enter>")
        XCTAssertEqual(session.view.message.text, "unknown command \"no-such-thing\"")
    }

    func testPaletteCompletesFromTheRegistry() {
        let editor = Editor(project: Self.project())
        let catalog = EditorBridge(editor: editor).catalog
        XCTAssertTrue(catalog.contains("goto"))
        XCTAssertEqual(catalog.entries["goto"]?.arguments, "<time>")
        XCTAssertTrue(catalog.contains("zoom-in"), "the TUI's own commands are in the catalog too")
    }

    /// Commands the shipped keymaps bind that the editor's registry does not have yet. The
    /// list may only shrink: a new unknown name in a keymap (a typo) fails this test.
    static let awaitedEditorCommands: Set<String> = []

    /// Commands the App target registers (they need media modules the TUI does not link);
    /// AppTests' KeymapCommandTests checks them against the full registry.
    static let appCommands: Set<String> = ["detect-silences", "record-voiceover", "subtitles", "grade-match"]

    func testShippedKeymapsNameOnlyKnownCommands() {
        let registry = CommandRegistry.standard.addingViewCommands()
        for name in ["default", "vim"] {
            let (keymap, _) = Keymap.load(name: name, userFile: nil, searchDirectories: [])
            var lines = keymap.aliases.values.map { $0 }
            for mode in Keymap.modeNames { lines += keymap.bindings(mode: mode).map(\.command) }
            for line in lines {
                for command in Keymap.commandNames(in: line) {
                    XCTAssertTrue(registry.names.contains(command) || Self.awaitedEditorCommands.contains(command)
                                  || Self.appCommands.contains(command), "\(name): unknown command \(command)")
                }
            }
        }
        let arrived = Self.awaitedEditorCommands.intersection(registry.names)
        XCTAssertEqual(arrived, [], "the editor has these now: take them off awaitedEditorCommands")
    }

    func testViewRateTimecodeAgreesWithTheModel() {
        for (rate, drop) in [(Rate.fps29_97, true), (.fps29_97, false), (.fps59_94, true), (.fps23_976, false), (.fps25, false)] {
            let view = ViewRate(numerator: Int(rate.numerator), denominator: Int(rate.denominator), dropFrame: drop)
            for frame in [0, 1, 1799, 1800, 1801, 17981, 17982, 107892, 215783, 1_000_003] {
                XCTAssertEqual(view.timecode(frame), Timecode.format(frame: Int64(frame), rate: rate, dropFrame: drop),
                               "\(rate) drop=\(drop) frame \(frame)")
            }
        }
    }
}

final class SpeedClipBlockTests: XCTestCase {
    /// A 200% clip from unit 10 starts on media frame 20 and, silent in the mix, has no waveform.
    func testSpeedClipBlockShowsItsFirstMediaFrameAndNoWaveform() {
        let fast = Clip(id: ClipID(1), name: "fast", media: MediaID("m"), source: FrameRange(start: 10, duration: 5),
                        available: 50, speed: ClipSpeed(numerator: 2, denominator: 1))
        let plain = Clip(id: ClipID(2), name: "plain", media: MediaID("m"), source: FrameRange(start: 10, duration: 5), available: 100)
        let row = EditorBridge.trackRow(Track(kind: .audio, name: "A1", items: ItemList([.clip(fast), .clip(plain)])),
                                        offline: [], selected: [])
        XCTAssertEqual(row.items.filter { $0.kind == .clip }.map(\.sourceStart), [20, 10])
        XCTAssertEqual(row.items.filter { $0.kind == .clip }.map(\.media), [nil, "m"])
    }
}
