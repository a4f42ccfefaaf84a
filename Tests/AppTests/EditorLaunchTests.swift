import App
import Editor
import Foundation
import XCTest

/// The pieces of `termcut open` that run without a terminal: opening the project with the
/// whole command table, the terminal check, preview settings changed by commands.
final class EditorLaunchTests: XCTestCase {
    func testANewProjectIsWrittenAtOnceWithTheWholeTable() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("launch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("new cut.termcut")
        let editor = try EditorLaunch.openEditor(url, readOnly: false)
        XCTAssertTrue(FileManager.default.fileExists(atPath: url.path), "written before the first edit")
        XCTAssertEqual(editor.registry.command(named: "zoom-in")?.scope, .view)
        XCTAssertNotNil(editor.registry.command(named: "render"), "the app's commands are there too")
        XCTAssertEqual(editor.registry.aliasLine("wq"), "save; quit")
        editor.session?.release()
        XCTAssertThrowsError(try EditorLaunch.openEditor(folder.appendingPathComponent("missing.termcut"), readOnly: true))
    }

    func testTheEditorNeedsATerminal() {
        XCTAssertNoThrow(try EditorLaunch.requireTerminal(stdin: true, stdout: true))
        XCTAssertThrowsError(try EditorLaunch.requireTerminal(stdin: true, stdout: false)) { error in
            XCTAssertTrue("\(error)".contains("termcut run"), "\(error)")
        }
    }

    func testPreviewSettingsChangeThroughCommands() {
        let editor = Editor(project: CommandTableTests.project(), registry: CommandTable.registry)
        XCTAssertTrue(editor.preview.visible)
        XCTAssertFalse(editor.execute("preview off").isError)
        XCTAssertFalse(editor.preview.visible)
        XCTAssertFalse(editor.execute("preview-timecode; preview-guides on").isError)
        XCTAssertTrue(editor.preview.timecode && editor.preview.safeGuides)
    }
}
