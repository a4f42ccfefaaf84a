import App
import Editor
@testable import TUI
import XCTest

/// Every command the shipped keymaps bind exists in the registry termcut runs with (the
/// editor's commands plus the App's, such as detect-silences) or a view command of the TUI (all in the one table).
final class KeymapCommandTests: XCTestCase {
    func testShippedKeymapsNameOnlyCommandsTheAppHas() {
        let registry = CommandTable.registry
        var checked = 0
        for name in ["default", "vim"] {
            let (keymap, _) = Keymap.load(name: name, userFile: nil, searchDirectories: [])
            var lines = Array(keymap.aliases.values)
            for mode in Keymap.modeNames { lines += keymap.bindings(mode: mode).map(\.command) }
            for line in lines {
                for command in Keymap.commandNames(in: line) {
                    checked += 1
                    XCTAssertTrue(registry.names.contains(command), "\(name): unknown command \(command)")
                }
            }
            XCTAssertTrue(lines.contains("detect-silences"), "\(name) binds detect-silences")
        }
        XCTAssertGreaterThan(checked, 100)
    }

    /// The clean-up commands and voice-over recording have keys in both shipped keymaps, and
    /// the help (built from the keymap in force) shows each with its key.
    func testCleanupAndVoiceoverKeysAreBoundAndInTheHelp() {
        let catalog = CommandCatalog(registry: CommandTable.registry)
        for name in ["default", "vim"] {
            let (keymap, _) = Keymap.load(name: name, userFile: nil, searchDirectories: [])
            let help = HelpOverlay.lines(mode: "normal", keymap: keymap, catalog: catalog)
            for (command, key) in [("highpass", "alt-h"), ("denoise", "alt-e"), ("cleanup-bypass", "alt-b"),
                                   ("master-limiter", "alt-l"), ("record-voiceover", "alt-v")] {
                let line = help.first { $0.command == command }
                XCTAssertEqual(line?.keys, key, "\(name): \(command)")
                XCTAssertFalse(line?.help.isEmpty ?? true, "\(name): \(command) has its help text")
            }
        }
    }
}
