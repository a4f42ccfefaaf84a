import App
import Editor
import Foundation
import TimelineModel
import TUI
import XCTest

/// Walks the one command table: every command is listed, explained, reachable from the
/// palette; every shipped binding parses with the one parser; a script and the palette agree.
final class CommandTableTests: XCTestCase {
    static func project() -> Project {
        let rate = Rate.fps25
        let interview = MediaReference(id: "interview", name: "interview.mov", path: "/nonexistent/interview.mov",
                                       duration: RationalTime(1500, rate),
                                       video: .init(width: 1920, height: 1080, rate: rate, codec: "prores"),
                                       audio: .init(sampleRate: 48000, channels: 2, layout: "stereo", codec: "pcm_s24le"))
        let timeline = Timeline(name: "Cut 1", rate: rate, startTimecode: 90000, tracks: [
            Track(kind: .video, name: "V1", items: ItemList([])), Track(kind: .audio, name: "A1", items: ItemList([])),
        ])
        return Project(name: "walk", media: [interview], bins: [Bin(name: "Footage", media: ["interview"])], timeline: timeline)
    }

    func session(_ editor: Editor) -> TUISession {
        let (keymap, _) = Keymap.load(name: "default", userFile: nil, searchDirectories: [])
        let (theme, _) = Theme.load(name: "dark", searchDirectories: [])
        return TUISession(target: EditorBridge(editor: editor), keymap: keymap, theme: theme, colorDepth: .none,
                          width: 140, height: 40)
    }

    func testEveryCommandIsListedExplainedAndReachableFromThePalette() {
        let registry = CommandTable.registry
        let listing = CommandListing.text(registry, json: false)
        let listed = Set(listing.split(separator: "\n").compactMap { $0.hasPrefix("  ") ? $0.split(separator: " ").first.map(String.init) : nil })
        XCTAssertGreaterThan(registry.ordered.count, 100, "editor and view commands in one table")
        let viewNames = ["zoom-in", "focus", "bins-sort", "palette-accept", "help-close", "quit", "theme", "scope"]
        for name in viewNames {
            XCTAssertEqual(registry.command(named: name)?.scope.needsScreen, true, "\(name) is in the table as a view command")
        }
        let session = session(Editor(project: Self.project(), registry: registry))
        for spec in registry.ordered {
            XCTAssertTrue(listed.contains(spec.name), "termcut commands lists \(spec.name)")
            XCTAssertFalse(spec.help.trimmingCharacters(in: .whitespaces).isEmpty, "\(spec.name) has help")
            XCTAssertTrue(session.catalog.contains(spec.name), "the palette's catalog has \(spec.name)")
            // Typed at the palette and completed with tab, the name comes back whole.
            session.press(":" + spec.name + "<tab>")
            let text = (session.topLayer as? Palette)?.text.trimmingCharacters(in: .whitespaces)
            XCTAssertEqual(text, spec.name, "tab completes \(spec.name) in the palette")
            session.press("<esc>")
            XCTAssertFalse(session.topLayer is Palette)
        }
    }

    func testViewCommandsSayTheyNeedTheScreenInAScript() {
        let editor = Editor(project: Self.project(), registry: CommandTable.registry)
        let outcome = editor.execute("zoom-in")
        XCTAssertTrue(outcome.isError)
        XCTAssertTrue(outcome.message.contains("termcut open"), outcome.message)
        XCTAssertFalse(outcome.message.contains("unknown"), outcome.message)
        // Every view command the TUI runs itself does something there (no "unknown command").
        let session = session(Editor(project: Self.project(), registry: CommandTable.registry))
        for spec in CommandTable.registry.ordered where spec.scope == .view && spec.name != "quit" && spec.name != "quit!" {
            let required = spec.arguments.filter { !$0.optional }
            var line = spec.name
            for argument in required {
                if case .choice(let options) = argument.kind { line += " " + options[0] } else { line += " dark" }
            }
            session.dispatch(line)
            XCTAssertFalse(session.view.message.isError, "\(line): \(session.view.message.text)")
        }
    }

    func testShippedBindingsParseWithTheOneParser() {
        let registry = CommandTable.registry
        for name in ["default", "vim"] {
            let (keymap, problems) = Keymap.load(name: name, userFile: nil, isKnownCommand: { registry.names.contains($0) },
                                                 searchDirectories: [])
            XCTAssertEqual(problems.map(\.description), [], name)
            var lines: [(String, String)] = keymap.aliases.map { ("alias \($0.key)", $0.value) }
            for mode in Keymap.modeNames { lines += keymap.bindings(mode: mode).map { ("[\(mode)] \($0.keys)", $0.command) } }
            XCTAssertGreaterThan(lines.count, 50, name)
            for (key, line) in lines {
                do {
                    let commands = try CommandExpansion.expand(line, aliases: { keymap.aliases[$0] ?? registry.aliasLine($0) },
                                                               placeholders: ["media": "interview"])
                    XCTAssertFalse(commands.isEmpty, "\(name) \(key): \(line)")
                    for command in commands {
                        let parsed = try XCTUnwrap(CommandText.parse(command), "\(name) \(key): \(command)")
                        let spec = try XCTUnwrap(registry.command(named: parsed.name), "\(name) \(key): unknown \(parsed.name)")
                        XCTAssertNoThrow(try Arguments(command: spec.name, specs: spec.arguments, text: parsed),
                                         "\(name) \(key): \(command)")
                    }
                } catch {
                    XCTFail("\(name) \(key): \(line): \(error)")
                }
            }
        }
    }

    /// The same lines through `termcut run` (the script path) and typed at the palette give
    /// the same dump; `;` inside quotes, `;` between commands and `w` work in both.
    func testScriptAndPaletteGiveTheSameDump() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("table-walk-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let lines = [
            "source interview", "mark-in 00:00:00:10", "mark-out 00:00:01:09", "monitor record", "home",
            "overwrite", #"add-marker "a; b" at=01:00:00:05"#, "add-marker c at=01:00:00:20; razor 01:00:00:12", "w",
        ]
        var dumps: [String] = []
        for path in ["script", "palette"] {
            let file = folder.appendingPathComponent("\(path).termcut")
            let seed = Editor(project: Self.project())
            _ = try seed.save(to: file)
            seed.session?.release()
            let editor = try openOrCreate(file.path)
            if path == "script" {
                let (ok, messages) = editor.runScript(lines.joined(separator: "\n"))
                XCTAssertTrue(ok, messages.joined(separator: "\n"))
            } else {
                let session = session(editor)
                for line in lines {
                    session.press(":" + line + "<enter>")
                    XCTAssertFalse(session.view.message.isError, "\(line): \(session.view.message.text)")
                }
                XCTAssertFalse(editor.isDirty, "w saved from the palette")
            }
            _ = try editor.save()
            editor.session?.release()
            let reopened = try Editor(opening: file, readOnly: true)
            dumps.append(TimelineDump.text(reopened.project))
            reopened.session?.release()
        }
        XCTAssertEqual(dumps[0], dumps[1])
        XCTAssertTrue(dumps[0].contains("a; b"), dumps[0])
        XCTAssertTrue(dumps[0].contains(" c"), dumps[0])
        XCTAssertEqual(dumps[0].components(separatedBy: "interview").count - 1, 4,
                       "overwrite then razor: two pieces on V1 and on A1\n\(dumps[0])")
    }
}
