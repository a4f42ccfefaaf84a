import App
import Editor
import Foundation
import TUI
import XCTest

/// Zoom, playhead, open bins and the focused pane are saved with the project and come back.
final class ViewStateSavingTests: XCTestCase {
    func testTheScreenComesBackAsItWasSaved() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("view-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("v.termcut")
        let seed = Editor(project: CommandTableTests.project())
        _ = try seed.save(to: file)
        XCTAssertFalse(try String(contentsOf: file, encoding: .utf8).contains("\"view\""), "nothing to keep before a screen")
        seed.session?.release()

        let (keymap, _) = Keymap.load(name: "default", userFile: nil, searchDirectories: [])
        let (theme, _) = Theme.load(name: "dark", searchDirectories: [])
        let editor = try Editor(opening: file, registry: CommandTable.registry)
        let first = TUISession(target: EditorBridge(editor: editor), keymap: keymap, theme: theme, colorDepth: .none,
                               width: 140, height: 40)
        let defaultZoom = first.view.zoomLevel
        first.dispatch("source interview; mark-in 0; mark-out 99; monitor record; overwrite; goto 01:00:00:20")
        first.dispatch("zoom-in; zoom-in; focus bins; bins-top; bins-collapse")
        XCTAssertFalse(first.view.message.isError, first.view.message.text)
        let zoom = first.view.zoomLevel
        XCTAssertNotEqual(zoom, defaultZoom)
        first.dispatch("w")
        XCTAssertFalse(first.view.message.isError, first.view.message.text)
        editor.session?.release()

        let reopened = try Editor(opening: file, registry: CommandTable.registry)
        defer { reopened.session?.release() }
        XCTAssertEqual(reopened.context.playhead, 20)
        let second = TUISession(target: EditorBridge(editor: reopened), keymap: keymap, theme: theme, colorDepth: .none,
                                width: 140, height: 40)
        XCTAssertEqual(second.view.zoomLevel, zoom)
        XCTAssertEqual(second.view.focus, .bins)
        XCTAssertEqual(second.view.collapsedBins, ["Footage"])
    }
}

/// Typing a time moves the active monitor's position, as Avid's keypad does.
final class TypedTimeTests: XCTestCase {
    func testDigitsThenEnterGoThereOnTheActiveMonitor() throws {
        let (keymap, _) = Keymap.load(name: "default", userFile: nil, searchDirectories: [])
        let (theme, _) = Theme.load(name: "dark", searchDirectories: [])
        let editor = Editor(project: CommandTableTests.project(), registry: CommandTable.registry)
        let s = TUISession(target: EditorBridge(editor: editor), keymap: keymap, theme: theme, colorDepth: .none,
                           width: 140, height: 40)
        s.dispatch("source interview; mark-in 0; mark-out 599; monitor record; overwrite; home")
        XCTAssertFalse(s.view.message.isError, s.view.message.text)
        s.press("1000<enter>")
        XCTAssertEqual(editor.context.playhead, 250, "1000 is 01:00:10:00 on a sequence starting at 01:00:00:00, 25 fps")
        s.press("+12<enter>")
        XCTAssertEqual(editor.context.playhead, 262)
        s.press("<esc>")
        s.dispatch("monitor source")
        s.press("200<enter>")
        XCTAssertEqual(editor.context.source?.position, 50, "on the source monitor: 00:00:02:00 of the clip")
        XCTAssertEqual(editor.context.playhead, 262, "the record side stays")
    }
}
