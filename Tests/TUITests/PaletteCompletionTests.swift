import Editor
import Foundation
import TUI
import XCTest

/// The palette completes arguments from their types and hints the argument being typed.
final class PaletteCompletionTests: XCTestCase {
    func session() -> TUISession {
        let target = StaticTarget(model: Fixtures.model, catalog: CommandCatalog(registry: CommandRegistry.standard.addingViewCommands()))
        let (keymap, _) = Keymap.load(name: "default", userFile: nil, searchDirectories: [])
        let (theme, _) = Theme.load(name: "dark", searchDirectories: [])
        return TUISession(target: target, keymap: keymap, theme: theme, colorDepth: .none, width: 140, height: 40)
    }

    func paletteText(_ session: TUISession) -> String? { (session.topLayer as? Palette)?.text }

    func testMediaTracksChoicesAndThemes() {
        let s = session()
        s.press(":source br<tab>")
        XCTAssertEqual(paletteText(s), "source broll_beach.mp4 ")
        s.press("<esc>:focus b<tab>")
        XCTAssertEqual(paletteText(s), "focus bins ")
        s.press("<esc>:select-tracks V1,A<tab>")
        XCTAssertEqual(paletteText(s), "select-tracks V1,A1", "A1 and A2 start alike as typed: tab cycles")
        s.press("<tab>")
        XCTAssertEqual(paletteText(s), "select-tracks V1,A2")
        s.press("<tab>")
        XCTAssertEqual(paletteText(s), "select-tracks V1,A1")
        s.press("<esc>:theme li<tab>")
        XCTAssertEqual(paletteText(s), "theme light ")
        s.press("<esc>:razor at=+5 tracks=V<tab>")
        XCTAssertEqual(paletteText(s), "razor at=+5 tracks=V2", "a named argument completes too (V2, V1 in screen order)")
    }

    func testPathsWithSpacesAreQuoted() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("palette-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("My Clips"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        FileManager.default.createFile(atPath: folder.appendingPathComponent("My Clips/take one.mov").path, contents: Data())
        let s = session()
        s.press(":import \(folder.path)/My<tab>")
        XCTAssertEqual(paletteText(s), "import \"\(folder.path)/My Clips/\"", "a folder stays open for the next name")
        s.press("t<tab>")
        XCTAssertEqual(paletteText(s), "import \"\(folder.path)/My Clips/take one.mov\" ")
        // The completed line parses back to the file's path.
        let parsed = try XCTUnwrap(CommandText.parse(try XCTUnwrap(paletteText(s))))
        XCTAssertEqual(parsed.positional, [folder.path + "/My Clips/take one.mov"])
    }

    func testTheArgumentBeingTypedIsHinted() {
        let s = session()
        s.press(":goto ")
        let last = Fixtures.screen(s).last ?? ""
        XCTAssertTrue(last.contains("<time>") && last.contains("timecode"), last)
        s.press("<esc>:razor 01:00:00:00 ")
        let razor = Fixtures.screen(s).last ?? ""
        XCTAssertTrue(razor.contains("[tracks]") && !razor.contains("[at]"), razor)
    }
}
