import XCTest
@testable import TUI

/// Panes rendered into the in-memory backend and compared with expected text.
final class ScreenRenderingTests: XCTestCase {
    func render(_ component: Component, width: Int, height: Int, model: ScreenModel = Fixtures.model,
                view: ViewState = ViewState(), depth: ColorDepth = .none) -> Surface {
        let (theme, _) = Theme.load(name: "dark", searchDirectories: [])
        let (keymap, _) = Keymap.load(name: "default", userFile: nil, searchDirectories: [])
        let context = RenderContext(model: model, view: view, theme: theme.adapted(to: depth), keymap: keymap,
                                    commands: Fixtures.catalog)
        var surface = Surface(width: width, height: height)
        component.render(area: surface.area, surface: &surface, context: context)
        return surface
    }

    func testTimelinePaneShowsRulerTracksClipsGapsTransitionsOfflinePlayheadMarksAndMarkers() {
        let lines = render(TimelinePane(), width: 120, height: 9).lines()
        XCTAssertEqual(lines, [
            "┌ Timeline · RECORD ◀ · Main · 25 fps · 3f/col · IN-OUT 00:00:01:05 ───────────────────────────────────────────────────┐",
            "│         │00:00:00:00     00:00:02:00      00:00:04:00      00:00:06:00     00:00:08:00      00:00:10:00              │",
            "│         │|  ·  ·   [  ·  |  ]·  ·  ·   ·  ▼  ·   ·  ·  ·   |  ·  ·   ·  ·  ◆cut here ·   ·  |  ·   ·  ·  ·   |  ·  · │",
            "│V2  · · ·│                         [title  │          ]                                                               │",
            "│V1  · · ·│[interview                       │              ╳╳╳╳roll_beach                 ][!drone////////////]        │",
            "│A1  L · ·│[interview                       │               ]                                                          │",
            "│A2  · M ·│[theme                           │                                                                 ]        │",
            "│                                                                                                                      │",
            "└──────────────────────────────────────────────────────────────────────────────────────────────────────────────────────┘",
        ])
    }

    func testTimelineStylesSelectionPlayheadAndInOutWithoutColour() {
        let surface = render(TimelinePane(), width: 120, height: 9)
        let columnsX = 1 + TimelineGeometry.headerWidth
        // V1's first clip (interview) is selected: reversed under NO_COLOR.
        XCTAssertTrue(surface[columnsX + 2, 4].style.attributes.contains(.reverse))
        XCTAssertFalse(surface[columnsX + 60, 4].style.attributes.contains(.reverse), "broll is not selected")
        // The in/out range is underlined on the ruler, the playhead column reversed on every track.
        XCTAssertTrue(surface[columnsX + 12, 2].style.attributes.contains(.underline))
        XCTAssertFalse(surface[columnsX + 25, 2].style.attributes.contains(.underline))
        for y in 3 ... 6 { XCTAssertTrue(surface[columnsX + 33, y].style.attributes.contains(.reverse), "row \(y)") }
    }

    func testTimelineInColourUsesTheThemeRoles() {
        let surface = render(TimelinePane(), width: 120, height: 9, depth: .trueColor)
        let columnsX = 1 + TimelineGeometry.headerWidth
        let (dark, _) = Theme.load(name: "dark", searchDirectories: [])
        XCTAssertEqual(surface[columnsX + 30, 3].style.bg, dark.style(ThemeRole.clipVideo).bg, "title on V2 is a video clip")
        XCTAssertEqual(surface[columnsX + 40, 5].style.bg, dark.style(ThemeRole.clipAudio).bg, "A1 is audio")
        XCTAssertEqual(surface[columnsX + 90, 4].style.bg, dark.style(ThemeRole.clipOffline).bg, "drone is offline")
        XCTAssertEqual(surface[columnsX + 33, 4].style.bg, dark.style(ThemeRole.playhead).bg)
    }

    func testViewFollowsThePlayheadAndZoomChangesTheScale() {
        var model = Fixtures.model
        model.timeline.playhead = 1000
        let (session, _) = Fixtures.session(width: 120, height: 30, model: model)
        XCTAssertLessThanOrEqual(session.view.timelineStart, 1000)
        let g = TimelineGeometry(pane: ScreenLayout(width: 120, height: 30).timeline,
                                 framesPerColumn: TimelineZoom.framesPerColumn(session.view.zoomLevel),
                                 start: session.view.timelineStart)
        XCTAssertTrue((0 ..< g.columns).contains(g.column(of: 1000)), "playhead in view")
        let before = Fixtures.screen(session)
        XCTAssertTrue(before.contains { $0.contains("▼") })
        session.press("=")
        XCTAssertEqual(TimelineZoom.framesPerColumn(session.view.zoomLevel), 2)
        XCTAssertTrue(Fixtures.screen(session).contains { $0.contains("2f/col") })
        session.press("--")
        XCTAssertTrue(Fixtures.screen(session).contains { $0.contains("4f/col") })
        XCTAssertEqual(session.view.message.text, "zoom: 4 frames per column")
    }

    func testNarrowFullScreen80x24() {
        let (session, _) = Fixtures.session(width: 80, height: 24)
        XCTAssertEqual(Fixtures.screen(session), [
            "┌ Bins · 4 items ──────────────────────────┐┌ Scopes · Waveform ───────────────┐",
            "│Name                 Duration    Size     ││no picture yet                    │",
            "│▾ Footage                                 ││                                  │",
            "│  interview.mov      00:01:00:00 1920x1080││                                  │",
            "│  broll_beach.mp4    00:00:20:00 3840x2160││                                  │",
            "│  ! drone.mov        00:00:10:00 1920x1080││                                  │",
            "│▾ Music                                   ││                                  │",
            "│  theme.wav          00:02:00:00          ││meters: play to measure           │",
            "│                                          ││                                  │",
            "│                                          ││                                  │",
            "└──────────────────────────────────────────┘└──────────────────────────────────┘",
            "┌ Timeline · RECORD ◀ · Main · 25 fps · 3f/col · IN-OUT 00:00:01:05 ───────────┐",
            "│         │00:00:00:00     00:00:02:00      00:00:04:00      00:00:06:00       │",
            "│         │|  ·  ·   [  ·  |  ]·  ·  ·   ·  ▼  ·   ·  ·  ·   |  ·  ·   ·  ·  ◆ │",
            "│V2  · · ·│                         [title  │          ]                       │",
            "│V1  · · ·│[interview                       │              ╳╳╳╳roll_beach      │",
            "│A1  L · ·│[interview                       │               ]                  │",
            "│A2  · M ·│[theme                           │                                  │",
            "│                                                                              │",
            "│                                                                              │",
            "│                                                                              │",
            "└──────────────────────────────────────────────────────────────────────────────┘",
            " RECORD   00:00:04:00   NORMAL   INSERT   RIPPLE      25 fps   demo.termcut [+]",
            "termcut: ? for keys, : for commands",
        ])
    }

    func testWideFullScreen200x60KeepsEveryBinsColumnAndShowsTheWholeStatus() {
        let (session, _) = Fixtures.session(width: 200, height: 60)
        let lines = Fixtures.screen(session)
        XCTAssertEqual(lines.count, 60)
        XCTAssertTrue(lines[1].hasPrefix("│Name" + String(repeating: " ", count: 50) + "Duration    Size      Rate   Codec  Audio  Start      │"),
                      lines[1])
        XCTAssertTrue(lines[3].contains("interview.mov") && lines[3].contains("prores stereo"), lines[3])
        XCTAssertTrue(lines[5].contains("! drone.mov"), "offline media are marked")
        XCTAssertTrue(lines[58].hasPrefix(" RECORD   00:00:04:00   NORMAL   INSERT   RIPPLE  "), lines[58])
        XCTAssertTrue(lines[58].hasSuffix("  25 fps   demo.termcut [+]"), "the right side fits at 200 columns")
        let timelineTop = ScreenLayout(width: 200, height: 60).timeline.y
        XCTAssertTrue(lines[timelineTop + 4].hasPrefix("│V1  · · ·│[interview"), lines[timelineTop + 4])
        XCTAssertTrue(lines[timelineTop + 4].contains("][!drone////"), "offline clip hatched and marked")
    }

    /// A mark under the playhead is still drawn (in the playhead's colour), not hidden by ▼.
    func testMarksStayVisibleUnderThePlayhead() {
        var model = Fixtures.model
        for (playhead, mark) in [(30, "["), (59, "]")] {
            model.timeline.playhead = playhead
            let lines = render(TimelinePane(), width: 120, height: 9, model: model).lines()
            let ticks = Array(lines[2])
            let x = 11 + playhead / 3  // 3 frames a column, after the border and the header
            XCTAssertEqual(String(ticks[x]), mark, lines[2])
            XCTAssertFalse(lines[2].contains("▼"), lines[2])
        }
    }

    func testManyTracksAreCountedWhenTheyDoNotFit() {
        var model = Fixtures.model
        model.timeline.tracks = (1 ... 12).reversed().map { TrackRow(name: "V\($0)", kind: .video, items: [
            ClipBlock(recordStart: $0 * 10, duration: 40, label: "clip\($0)"),
        ]) } + (1 ... 8).map { TrackRow(name: "A\($0)", kind: .audio) }
        let (session, _) = Fixtures.session(width: 80, height: 24, model: model)
        let lines = Fixtures.screen(session)
        XCTAssertTrue(lines[14].hasPrefix("│V12 · · ·│"), lines[14])
        XCTAssertTrue(lines[20].hasPrefix("│V6  · · ·│"), lines[20])
        XCTAssertTrue(lines[21].hasPrefix("└─ +13 more tracks ─"), lines[21])
    }

    func testTooSmallTerminalShowsACentredMessage() {
        let (session, _) = Fixtures.session(width: 60, height: 20)
        let lines = session.render().surface.lines()
        XCTAssertEqual(lines.filter { !$0.isEmpty }, ["    termcut needs at least 80x24; this terminal is 60x20"])
        XCTAssertEqual(lines.firstIndex { !$0.isEmpty }, 9)
        session.resize(width: 30, height: 10)
        XCTAssertEqual(session.render().surface.lines().filter { !$0.isEmpty },
                       ["termcut needs at least 80x24;", "    this terminal is 30x10"])
        session.resize(width: 80, height: 24)
        XCTAssertTrue(Fixtures.screen(session)[0].hasPrefix("┌ Bins"))
    }

    func testEmptyProjectSaysWhatToDo() {
        let (session, _) = Fixtures.session(width: 80, height: 24, model: ScreenModel())
        let text = Fixtures.screen(session).joined(separator: "\n")
        XCTAssertTrue(text.contains("No media yet: :import PATH"))
        XCTAssertTrue(text.contains("No tracks yet: insert a clip from the bins"))
    }

    func testWideCharactersTakeTwoCellsAndAreNeverHalfDrawn() {
        var surface = Surface(width: 10, height: 1)
        let end = surface.put("a編集b", x: 0, y: 0, style: .plain)
        XCTAssertEqual(end, 6)
        XCTAssertEqual(surface[1, 0].symbol, "編")
        XCTAssertTrue(surface[2, 0].isContinuation)
        XCTAssertEqual(surface.lines(), ["a編集b"])
        var narrow = Surface(width: 10, height: 1)
        narrow.put("ab編", x: 0, y: 0, style: .plain, maxWidth: 3)
        XCTAssertEqual(narrow.lines(), ["ab"], "a wide character that does not fit becomes a space")
        // Overwriting half of a wide character blanks the other half.
        surface.put("x", x: 2, y: 0, style: .plain)
        XCTAssertEqual(surface.lines(), ["a x集b"])
        XCTAssertEqual(DisplayWidth.of("é"), 1, "e + combining acute")
        XCTAssertEqual(DisplayWidth.truncated("interview_long", to: 6), "inter…")
    }

    func testOnlyChangedCellsAreRedrawn() {
        let (session, _) = Fixtures.session(width: 80, height: 24)
        let backend = MemoryBackend(width: 80, height: 24)
        let renderer = FrameRenderer(backend: backend)
        XCTAssertEqual(session.present(on: renderer), 80 * 24, "first frame in full")
        XCTAssertEqual(session.present(on: renderer), 0, "nothing changed, nothing drawn")
        session.dispatch("focus bins")
        let changed = session.present(on: renderer)
        XCTAssertGreaterThan(changed, 0)
        XCTAssertLessThan(changed, 400, "only the two panes' borders and titles, and the mode in the status bar")
        XCTAssertEqual(backend.lines(), session.render().surface.lines(), "the backend's screen equals the frame")
        renderer.invalidate()
        XCTAssertEqual(session.present(on: renderer), 80 * 24, "after invalidate (resize), in full again")
    }

    func testTimecodeTextMatchesSMPTE() {
        let df = ViewRate(numerator: 30000, denominator: 1001, dropFrame: true)
        XCTAssertEqual(df.timecode(1799), "00:00:59;29")
        XCTAssertEqual(df.timecode(1800), "00:01:00;02", "frames 0 and 1 are dropped at the minute")
        XCTAssertEqual(df.timecode(17982), "00:10:00;00", "but not at the tenth minute")
        XCTAssertEqual(ViewRate(numerator: 24000, denominator: 1001).timecode(24), "00:00:01:00")
        XCTAssertEqual(ViewRate(numerator: 25, denominator: 1, startTimecode: 90000).timecode(25), "01:00:01:00")
        XCTAssertEqual(ViewRate(numerator: 30000, denominator: 1001).label, "29.97")
        XCTAssertEqual(ViewRate(numerator: 24000, denominator: 1001).label, "23.976")
    }
}
