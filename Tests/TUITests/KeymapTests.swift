import Foundation
import XCTest
@testable import TUI

final class KeymapTests: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("termcut-keymap-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    func write(_ name: String, _ text: String) throws -> URL {
        let url = folder.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    // MARK: Key names

    func testKeyNamesParseAndPrintCanonically() {
        let cases: [(String, String)] = [
            ("j", "j"), ("J", "J"), ("shift-j", "J"), ("?", "?"), (":", ":"), ("space", "space"), ("enter", "enter"),
            ("ret", "enter"), ("esc", "esc"), ("ctrl-z", "ctrl-z"), ("C-z", "ctrl-z"), ("ctrl-shift-z", "ctrl-shift-z"),
            ("shift-left", "shift-left"), ("alt-x", "alt-x"), ("f1", "f1"), ("pageup", "pageup"), ("-", "-"),
            ("shift-delete", "shift-delete"), ("ctrl--", "ctrl--"), ("[", "["),
        ]
        for (name, canonical) in cases {
            let key = Key(name: name)
            XCTAssertNotNil(key, name)
            XCTAssertEqual(key?.description, canonical, name)
            XCTAssertEqual(Key(name: canonical), key, "round trip of \(name)")
        }
        XCTAssertNil(Key(name: "ctrl-foo"))
        XCTAssertNil(Key(name: "hyper-x"))
        XCTAssertNil(Key(name: ""))
    }

    func testKeyStringsForTests() {
        XCTAssertEqual(Key.sequence("?<esc>q"), [.char("?"), .named("esc"), .char("q")])
        XCTAssertEqual(Key.sequence("<ctrl-z><shift-left>"), [.char("z", .ctrl), .named("left", .shift)])
        XCTAssertNil(Key.sequence("<nonsense>"))
    }

    // MARK: Shipped keymaps

    func testShippedKeymapsParseWithoutProblems() {
        for name in ["default", "vim"] {
            let (keymap, problems) = Keymap.load(name: name, userFile: nil, searchDirectories: [])
            XCTAssertEqual(problems, [], name)
            XCTAssertEqual(keymap.lookup([.char("?")], mode: "normal"), .command("help"), name)
            XCTAssertEqual(keymap.lookup([.char(":")], mode: "normal"), .command("palette"), name)
            XCTAssertEqual(keymap.lookup([.named("esc")], mode: "palette"), .command("palette-cancel"), name)
            XCTAssertEqual(keymap.lookup([.named("esc")], mode: "help"), .command("help-close"), name)
        }
    }

    func testDefaultKeymapHasTheEditorKeys() {
        let (keymap, _) = Keymap.load(name: "default", userFile: nil, searchDirectories: [])
        let expected: [(String, String)] = [
            ("J", "play-reverse"), ("K", "stop"), ("L", "play-forward"), ("i", "mark-in"), ("o", "mark-out"),
            ("x", "mark-clip"), (",", "insert"), (".", "overwrite"), ("ctrl-k", "razor"), ("shift-delete", "ripple-delete"),
            ("left", "step -1"), ("right", "step +1"), ("up", "previous-edit"), ("down", "next-edit"), ("u", "undo"),
            ("ctrl-z", "undo"), ("ctrl-r", "redo"), ("t", "trim-mode"), ("m", "add-marker"), ("=", "zoom-in"),
            ("-", "zoom-out"), ("q", "quit"), ("ctrl-s", "save"),
        ]
        for (name, command) in expected {
            XCTAssertEqual(keymap.lookup([Key(name: name)!], mode: "normal"), .command(command), name)
        }
        for (name, command) in [("[", "trim -1"), ("]", "trim +1"), ("{", "trim -10"), ("}", "trim +10")] {
            XCTAssertEqual(keymap.lookup([Key(name: name)!], mode: "trim"), .command(command), name)
        }
        // trim falls back to normal for keys it does not bind (J/K/L while trimming).
        XCTAssertEqual(keymap.lookup([.char("L")], mode: "trim"), .command("play-forward"))
        // help does not.
        XCTAssertEqual(keymap.lookup([.char("L")], mode: "help"), .unbound)
    }

    func testVimKeymapSequences() {
        let (keymap, _) = Keymap.load(name: "vim", userFile: nil, searchDirectories: [])
        XCTAssertEqual(keymap.lookup([.char("d")], mode: "normal"), .pending)
        XCTAssertEqual(keymap.lookup([.char("d"), .char("d")], mode: "normal"), .command("extract"))
        XCTAssertEqual(keymap.lookup([.char("d"), .char("x")], mode: "normal"), .unbound)
        XCTAssertEqual(keymap.lookup([.char("h")], mode: "normal"), .command("step -1"))
        XCTAssertEqual(keymap.lookup([.char("w")], mode: "normal"), .command("next-edit"))
        XCTAssertEqual(keymap.lookup([.char("p")], mode: "normal"), .command("insert"))
        XCTAssertEqual(keymap.lookup([.char("P")], mode: "normal"), .command("overwrite"))
        XCTAssertEqual(keymap.aliases["w"], "save")
        XCTAssertEqual(keymap.aliases["q"], "quit")
    }

    // MARK: Problems with file and line

    func testSyntaxErrorReportsFileAndLineAndKeepsDefaults() throws {
        let user = try write("keymap.toml", "[normal]\nq = \"quit\"\nJ = \"play-reverse\n")
        let (keymap, problems) = Keymap.load(name: "default", userFile: user, searchDirectories: [])
        XCTAssertEqual(problems.count, 1)
        XCTAssertEqual(problems.first?.file, user.path)
        XCTAssertEqual(problems.first?.line, 3)
        XCTAssertTrue(problems.first!.description.hasPrefix("\(user.path):3"), problems.first!.description)
        XCTAssertEqual(keymap.lookup([.char("J")], mode: "normal"), .command("play-reverse"))
    }

    func testUnknownKeyNameModeAndCommandAreReportedWithTheirLines() throws {
        let user = try write("keymap.toml", """
            # my keys
            [normal]
            ctrl-foo = "razor"
            Q = "no-such-command"
            W = "save"

            [nomral]
            x = "razor"
            """)
        let (keymap, problems) = Keymap.load(name: "default", userFile: user,
                                             knownCommands: ["razor", "save", "play-reverse"], searchDirectories: [])
        let byMessage = Dictionary(problems.map { ($0.message, $0.line) }, uniquingKeysWith: { a, _ in a })
        XCTAssertEqual(problems.count, 3, "\(problems)")
        XCTAssertEqual(byMessage["unknown key name \"ctrl-foo\" in [normal]"], 3)
        XCTAssertEqual(byMessage["unknown command \"no-such-command\" for key Q in [normal]"], 4)
        XCTAssertEqual(problems.first { $0.message.hasPrefix("unknown mode \"nomral\"") }?.line, 7)
        // The good line in the same file still applies; the bad ones leave the defaults.
        XCTAssertEqual(keymap.lookup([.char("W")], mode: "normal"), .command("save"))
        XCTAssertEqual(keymap.lookup([.char("x")], mode: "normal"), .command("mark-clip"))
    }

    func testUserFileOverridesSingleKeysAndCanUnbind() throws {
        let user = try write("keymap.toml", """
            [normal]
            c = "insert"
            q = ""
            F = "razor"
            [normal.g]
            g = "home"
            """)
        let (keymap, problems) = Keymap.load(name: "default", userFile: user, searchDirectories: [])
        XCTAssertEqual(problems, [])
        XCTAssertEqual(keymap.lookup([.char("c")], mode: "normal"), .command("insert"), "overridden")
        XCTAssertEqual(keymap.lookup([.char("q")], mode: "normal"), .unbound, "unbound with \"\"")
        XCTAssertEqual(keymap.lookup([.char("F")], mode: "normal"), .command("razor"), "added")
        XCTAssertEqual(keymap.lookup([.char("g"), .char("g")], mode: "normal"), .command("home"), "sequence added")
        XCTAssertEqual(keymap.lookup([.char("J")], mode: "normal"), .command("play-reverse"), "untouched keys stay")
        XCTAssertEqual(keymap.lookup([.named("left", .shift)], mode: "normal"), .command("step -10"))
    }

    func testUnknownBaseKeymapFallsBackToDefaultWithAProblem() {
        let (keymap, problems) = Keymap.load(name: "emacs", userFile: nil, searchDirectories: [])
        XCTAssertEqual(problems.count, 1)
        XCTAssertTrue(problems[0].message.contains("no keymap named \"emacs\""), problems[0].message)
        XCTAssertEqual(keymap.lookup([.char("J")], mode: "normal"), .command("play-reverse"))
    }

    func testBaseKeymapFromADirectoryWinsOverTheBuiltIn() throws {
        let dir = folder.appendingPathComponent("keymaps")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try "[normal]\nz = \"razor\"\n".write(to: dir.appendingPathComponent("mine.toml"), atomically: true, encoding: .utf8)
        let (keymap, problems) = Keymap.load(name: "mine", userFile: nil, searchDirectories: [dir])
        XCTAssertEqual(problems, [])
        XCTAssertEqual(keymap.lookup([.char("z")], mode: "normal"), .command("razor"))
        XCTAssertEqual(keymap.lookup([.char("J")], mode: "normal"), .unbound, "a base keymap is complete in itself")
    }

    func testUserFileFollowsXDGConfigHome() {
        XCTAssertEqual(Keymap.defaultUserFile(environment: ["XDG_CONFIG_HOME": "/x/cfg", "HOME": "/home/u"]).path,
                       "/x/cfg/termcut/keymap.toml")
        XCTAssertEqual(Keymap.defaultUserFile(environment: ["HOME": "/home/u"]).path, "/home/u/.config/termcut/keymap.toml")
    }

    func testHelpLinesComeFromTheKeymapInForce() throws {
        let user = try write("keymap.toml", "[normal]\nF = \"razor\"\n")
        let (keymap, _) = Keymap.load(name: "default", userFile: user, searchDirectories: [])
        let lines = HelpOverlay.lines(mode: "normal", keymap: keymap, catalog: Fixtures.catalog)
        let razor = lines.first { $0.command == "razor" }
        XCTAssertEqual(razor?.keys, "F · c · ctrl-k")
        XCTAssertEqual(razor?.help, "Cut the clips under the playhead")
        let trimLines = HelpOverlay.lines(mode: "trim", keymap: keymap, catalog: Fixtures.catalog)
        XCTAssertEqual(trimLines.first?.command, "extend", "trim mode's own keys first, by command name (extend, play-around, slide…)")
        XCTAssertTrue(trimLines.contains { $0.command == "trim +1" && !$0.heading })
        XCTAssertTrue(trimLines.contains { $0.heading }, "trim help shows the normal keys it falls back to")
    }
}

/// The picture-finishing commands (speed, subtitles, grade copy/paste/match, adjustment
/// layers) are reachable by keys in both shipped keymaps, and each bound line is a command
/// the keymap loader accepts.
final class PictureFinishingKeyTests: XCTestCase {
    func testBothKeymapsReachThePictureFinishingCommands() {
        for name in ["default", "vim"] {
            let (keymap, problems) = Keymap.load(name: name, userFile: nil, searchDirectories: [])
            XCTAssertEqual(problems, [], name)
            let normal: [(String, String)] = [("alt-r", "speed -100"), ("alt-f", "speed freeze"), ("alt-z", "speed 50 blend=on"),
                                              ("alt-x", "speed 100"), ("alt-t", "subtitles toggle")]
            for (key, command) in normal {
                XCTAssertEqual(keymap.lookup([Key(name: key)!], mode: "normal"), .command(command), "\(name): \(key)")
            }
            let grade: [(String, String)] = [("c", "grade-copy"), ("v", "grade-paste"), ("m", "grade-match"), ("a", "adjustment-add"),
                                             ("x", "grade-bypass")]
            for (key, command) in grade {
                XCTAssertEqual(keymap.lookup([Key(name: key)!], mode: "grade"), .command(command), "\(name): grade \(key)")
            }
        }
    }
}
