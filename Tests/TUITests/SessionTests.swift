import XCTest
@testable import TUI

/// Key strings in, command lines and screen text out (helix's and lazygit's way).
final class SessionTests: XCTestCase {
    func testKeysEmitTheirCommandLinesToTheEditor() {
        let (session, target) = Fixtures.session()
        session.press("JKL<ctrl-k><shift-delete><left><shift-right>,.")
        XCTAssertEqual(target.executed, ["play-reverse", "stop", "play-forward", "razor", "ripple-delete", "step -1",
                                         "step +10", "insert", "overwrite"])
        XCTAssertEqual(session.view.message.text, "overwrite", "each outcome lands in the message line")
    }

    func testUnboundKeySaysSoInTheMessageLine() {
        let (session, target) = Fixtures.session()
        session.press("<ctrl-c>")
        XCTAssertEqual(target.executed, [])
        XCTAssertEqual(session.view.message.text, "ctrl-c is not bound in normal mode (? lists the keys)")
        XCTAssertTrue(Fixtures.screen(session).last!.hasPrefix("ctrl-c is not bound"))
    }

    func testTrimModeUsesTheTrimTableAndFallsBackToNormal() {
        var model = Fixtures.model
        model.status.mode = "trim"
        let (session, target) = Fixtures.session(model: model)
        session.press("[]{}L")
        XCTAssertEqual(target.executed, ["trim -1", "trim +1", "trim -10", "trim +10", "play-forward"])
        XCTAssertTrue(Fixtures.screen(session)[38].contains(" TRIM "), "the mode is on the status bar")
    }

    func testHelpOpensListsTheModesKeysScrollsAndCloses() {
        let (session, target) = Fixtures.session(width: 120, height: 30)
        session.press("?")
        XCTAssertEqual(session.layerCount, 2)
        let text = Fixtures.screen(session).joined(separator: "\n")
        XCTAssertTrue(text.contains("Keys · normal mode · keymap default"))
        let helpRow = Fixtures.screen(session).first { $0.contains("│ ? · f1 ") }
        XCTAssertTrue(helpRow?.contains(" help ") == true && helpRow?.contains("Show the keys of the current mode") == true, text)
        XCTAssertFalse(text.contains("razor"), "below the first page")
        XCTAssertTrue(text.contains("1–24 of "))
        let firstRow = Fixtures.screen(session)[3]
        session.press("j")
        XCTAssertNotEqual(Fixtures.screen(session)[3], firstRow, "j scrolls the help, it does not play")
        // The help is alphabetical; razor is a page or two down (more as commands are added).
        var razorRow: String?
        var insertRow = Fixtures.screen(session).first { $0.contains("│ , · v ") }
        for _ in 0..<5 where razorRow == nil {
            session.press("<space>")
            razorRow = Fixtures.screen(session).first { $0.contains("│ c · ctrl-k ") }
            insertRow = insertRow ?? Fixtures.screen(session).first { $0.contains("│ , · v ") }
        }
        XCTAssertTrue(insertRow?.contains(" insert ") == true && insertRow?.contains("Insert the source at the playhead") == true,
                      "insert is listed with both its keys and its help")
        XCTAssertTrue(razorRow?.contains(" razor ") == true && razorRow?.contains("Cut the clips under the playhead") == true,
                      Fixtures.screen(session).joined(separator: "\n"))
        XCTAssertEqual(target.executed, [])
        session.press("<esc>")
        XCTAssertEqual(session.layerCount, 1)
        session.press("?q")
        XCTAssertEqual(session.layerCount, 1, "q closes the help and does not quit")
        XCTAssertFalse(session.quitRequested)
        session.press("??")
        XCTAssertEqual(session.layerCount, 1)
    }

    func testPaletteCompletesHintsRunsAndRemembers() {
        let (session, target) = Fixtures.session(width: 120, height: 30)
        session.press(":tri<tab>")
        let palette = session.topLayer as? Palette
        XCTAssertEqual(palette?.text, "trim-ripple ")
        XCTAssertEqual(Fixtures.screen(session).last, ":trim-ripple <side> <frames>  — Ripple-trim a side of the edit")
        XCTAssertEqual(session.render().cursor?.x, 13)
        session.press("tail +5<enter>")
        XCTAssertEqual(target.executed, ["trim-ripple tail +5"])
        XCTAssertEqual(session.layerCount, 1)
        // Several candidates: the common prefix, then a list above the prompt, then tab cycles.
        session.press(":re")
        let listed = Fixtures.screen(session)
        XCTAssertTrue(listed.contains { $0.hasPrefix(" redo ") }, listed.suffix(5).joined(separator: "\n"))
        XCTAssertTrue(listed.contains { $0.hasPrefix(" redraw ") })
        session.press("<tab>")
        XCTAssertEqual((session.topLayer as? Palette)?.text, "red", "the common prefix first")
        session.press("<tab>")
        XCTAssertEqual((session.topLayer as? Palette)?.text, "redo")
        session.press("<tab>")
        XCTAssertEqual((session.topLayer as? Palette)?.text, "redraw")
        session.press("<esc>")
        XCTAssertEqual(session.layerCount, 1)
        XCTAssertEqual(target.executed.count, 1, "esc runs nothing")
        // History.
        session.press(":<up>")
        XCTAssertEqual((session.topLayer as? Palette)?.text, "trim-ripple tail +5")
        session.press("<down>")
        XCTAssertEqual((session.topLayer as? Palette)?.text, "")
        session.press("<backspace>")
        XCTAssertEqual(session.layerCount, 1, "backspace on an empty line closes the palette")
    }

    func testPaletteAliasesAndSequencesOfCommands() {
        let (session, target) = Fixtures.session(keymapName: "vim")
        session.press(":w<enter>")
        XCTAssertEqual(target.executed, ["save"])
        session.press("dd")
        XCTAssertEqual(target.executed.last, "extract")
        session.press("d")
        XCTAssertEqual(session.view.pendingKeys, [.char("d")])
        XCTAssertTrue(Fixtures.screen(session)[38].contains(" d… "), "pending keys are shown")
        session.press("<esc>")
        XCTAssertEqual(session.view.pendingKeys, [])
        session.press(":wq<enter>")
        XCTAssertEqual(target.executed.last, "save")
        XCTAssertTrue(session.quitRequested)
    }

    func testBinsFocusSelectionAndMediaSubstitution() {
        let (session, target) = Fixtures.session()
        session.press("<tab>")
        XCTAssertEqual(session.view.focus, .bins)
        XCTAssertTrue(Fixtures.screen(session)[38].contains(" BINS "))
        session.press("<enter>")
        XCTAssertEqual(target.executed, [], "row 0 is a bin, not media: enter closes it")
        XCTAssertEqual(session.binsRows.count, 3)
        session.press("<enter>")
        XCTAssertEqual(session.binsRows.count, 6)
        session.press("<down><down><enter>")
        XCTAssertEqual(target.executed, ["source broll_beach.mp4"])
        session.press("<end>")
        XCTAssertEqual(session.view.binsSelection, 5)
        session.press("J")
        XCTAssertEqual(target.executed.last, "play-reverse", "normal keys work while the bins have the focus")
    }

    func testQuitCanBeRefusedByTheEditor() {
        final class Refusing: CommandTarget {
            var catalog = CommandCatalog()
            func execute(_ line: String) -> CommandReply { .ok(line) }
            func screenModel() -> ScreenModel { Fixtures.model }
            func quitRefusal(force: Bool) -> CommandReply? { force ? nil : .error("unsaved changes: save, or quit!") }
        }
        let (keymap, _) = Keymap.load(name: "default", userFile: nil, searchDirectories: [])
        let (theme, _) = Theme.load(name: "dark", searchDirectories: [])
        let session = TUISession(target: Refusing(), keymap: keymap, theme: theme, colorDepth: .none, width: 100, height: 30)
        session.press("q")
        XCTAssertFalse(session.quitRequested)
        XCTAssertEqual(session.view.message, .init("unsaved changes: save, or quit!", isError: true))
        session.press(":quit!<enter>")
        XCTAssertTrue(session.quitRequested)
    }

    func testEditorRequestsRunAsTUICommands() {
        final class Requesting: CommandTarget {
            var catalog = CommandCatalog()
            func execute(_ line: String) -> CommandReply { CommandReply(message: "bye", requests: ["quit"]) }
            func screenModel() -> ScreenModel { ScreenModel() }
        }
        let (keymap, _) = Keymap.load(name: "default", userFile: nil, searchDirectories: [])
        let (theme, _) = Theme.load(name: "dark", searchDirectories: [])
        let session = TUISession(target: Requesting(), keymap: keymap, theme: theme, colorDepth: .none)
        session.dispatch("close-project")
        XCTAssertTrue(session.quitRequested)
    }

    func testConfigProblemsAreShownAtStart() {
        let (keymap, _) = Keymap.load(name: "default", userFile: nil, searchDirectories: [])
        let (theme, _) = Theme.load(name: "dark", searchDirectories: [])
        let problems = [ConfigProblem(file: "/home/u/.config/termcut/keymap.toml", line: 3, message: "unknown key name \"ctrl-foo\" in [normal]"),
                        ConfigProblem(file: "t.toml", message: "x")]
        let session = TUISession(target: StaticTarget(model: Fixtures.model), keymap: keymap, theme: theme,
                                 colorDepth: .none, width: 120, height: 30, problems: problems)
        XCTAssertEqual(Fixtures.screen(session).last,
                       "/home/u/.config/termcut/keymap.toml:3: unknown key name \"ctrl-foo\" in [normal] (and 1 more)")
        XCTAssertTrue(session.view.message.isError)
    }

    func testMouseClickSeeksAndWheelZooms() {
        let (session, target) = Fixtures.session(width: 120, height: 30)
        let layout = ScreenLayout(width: 120, height: 30)
        let x = layout.timeline.x + 1 + TimelineGeometry.headerWidth + 10
        session.handle(mouse: MouseEvent(x: x, y: layout.timeline.y + 4, kind: .press))
        XCTAssertEqual(target.executed, ["goto f30"], "column 10 at 3 frames per column")
        session.handle(mouse: MouseEvent(x: x, y: layout.timeline.y + 4, kind: .scrollUp))
        XCTAssertEqual(TimelineZoom.framesPerColumn(session.view.zoomLevel), 2)
        session.handle(mouse: MouseEvent(x: 5, y: layout.bins.y + 4, kind: .press))
        XCTAssertEqual(session.view.focus, .bins)
        XCTAssertEqual(session.view.binsSelection, 2)
    }

    func testEscThenKeyTypedQuicklyIsNotTakenForAlt() {
        let (session, target) = Fixtures.session()
        session.press("?")
        session.handle(Key.char("J", .alt))
        XCTAssertEqual(session.layerCount, 1, "esc closed the help")
        XCTAssertEqual(target.executed, ["play-reverse"], "then J played")
    }
}
