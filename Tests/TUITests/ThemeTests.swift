import Foundation
import XCTest
@testable import TUI

final class ThemeTests: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("termcut-theme-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    func write(_ name: String, _ text: String) throws {
        try text.write(to: folder.appendingPathComponent("\(name).toml"), atomically: true, encoding: .utf8)
    }

    func testShippedThemesLoadAndStyleEveryRole() {
        for name in ["dark", "light", "high-contrast", "16color"] {
            let (theme, problems) = Theme.load(name: name, searchDirectories: [])
            XCTAssertEqual(problems, [], name)
            for role in ThemeRole.all where role != ThemeRole.ui {
                // Every role is set explicitly somewhere up its scope chain beyond the base.
                let hasOwnOrParent = role.split(separator: ".").indices.dropFirst().contains { i in
                    theme.roles[role.split(separator: ".").prefix(i + 1).joined(separator: ".")] != nil
                }
                XCTAssertTrue(hasOwnOrParent || theme.roles[role] != nil, "\(name): \(role) has no style")
            }
        }
    }

    func testDottedScopesFallBackToTheirParents() {
        let (theme, problems) = Theme.parse(text: """
            "ui" = { fg = "#ffffff", bg = "#000000" }
            "ui.statusline" = { bg = "#333333", modifiers = ["bold"] }
            "ui.statusline.mode" = { fg = "red" }
            """, file: "t.toml")
        XCTAssertEqual(problems, [])
        let mode = theme.style("ui.statusline.mode")
        XCTAssertEqual(mode.fg, .indexed(1), "own")
        XCTAssertEqual(mode.bg, .rgb(0x33, 0x33, 0x33), "from ui.statusline")
        XCTAssertEqual(mode.attributes, .bold, "from ui.statusline")
        XCTAssertEqual(theme.style("ui.statusline.flag.extra").bg, .rgb(0x33, 0x33, 0x33), "unknown leaf uses parent")
        XCTAssertEqual(theme.style("ui.text").fg, .rgb(255, 255, 255), "falls to ui")
    }

    func testInheritedRolesTakeTheChildsPalette() throws {
        try write("base", """
            "ui" = { fg = "text", bg = "base" }
            "ui.border" = "accent"
            [palette]
            text = "#eeeeee"
            base = "#111111"
            accent = "#0000ff"
            """)
        try write("child", """
            inherits = "base"
            "ui.border.focused" = { fg = "accent", modifiers = ["bold"] }
            [palette]
            accent = "#ff0000"
            """)
        let (theme, problems) = Theme.load(name: "child", searchDirectories: [folder])
        XCTAssertEqual(problems, [])
        XCTAssertEqual(theme.style("ui.border").fg, .rgb(255, 0, 0), "the parent's role, recoloured by the child's palette")
        XCTAssertEqual(theme.style("ui.border.focused").attributes, .bold)
        XCTAssertEqual(theme.style("ui").bg, .rgb(0x11, 0x11, 0x11), "inherited as is")
    }

    func testInheritanceCycleIsReportedNotLooped() throws {
        try write("a", "inherits = \"b\"\n\"ui\" = \"red\"\n")
        try write("b", "inherits = \"a\"\n\"ui.border\" = \"blue\"\n")
        let (theme, problems) = Theme.load(name: "a", searchDirectories: [folder])
        XCTAssertEqual(problems.count, 1, "\(problems)")
        XCTAssertTrue(problems[0].message.contains("inherits cycle: a → b → a"), problems[0].message)
        XCTAssertEqual(problems[0].line, 1)
        XCTAssertEqual(theme.style("ui").fg, .indexed(1), "what could be read is used")
    }

    func testUnknownColourAndSyntaxErrorsCarryTheirLines() throws {
        try write("bad", "\"ui\" = { fg = \"#12345\" }\n\"ui.border\" = \"chartreuse-ish\"\n")
        let (_, problems) = Theme.load(name: "bad", searchDirectories: [folder])
        XCTAssertEqual(Set(problems.compactMap(\.line)), [1, 2], "\(problems)")
        try write("broken", "\"ui\" = { fg = \"red\"\n")
        let (fallback, syntax) = Theme.load(name: "broken", searchDirectories: [folder])
        XCTAssertEqual(syntax.first?.line, 1)
        XCTAssertNotNil(fallback.roles[ThemeRole.clipVideo], "a theme that cannot be read falls back to dark")
    }

    func testColourParsing() {
        XCTAssertEqual(Color(parsing: "#ff8000"), .rgb(255, 128, 0))
        XCTAssertEqual(Color(parsing: "#f80"), .rgb(255, 136, 0))
        XCTAssertEqual(Color(parsing: "bright-blue"), .indexed(12))
        XCTAssertEqual(Color(parsing: "light_blue"), .indexed(12))
        XCTAssertEqual(Color(parsing: "gray"), .indexed(8))
        XCTAssertEqual(Color(parsing: "208"), .indexed(208))
        XCTAssertEqual(Color(parsing: "default"), .default)
        XCTAssertNil(Color(parsing: "#12"))
        XCTAssertNil(Color(parsing: "mauve-ish"))
    }

    func testColourDepthDetection() {
        XCTAssertEqual(ColorDepth.detect(environment: ["NO_COLOR": "1", "COLORTERM": "truecolor"], terminalColors: 256,
                                         canShowRGB: true), .none)
        XCTAssertEqual(ColorDepth.detect(environment: ["NO_COLOR": ""], terminalColors: 256, canShowRGB: false), .indexed256,
                       "an empty NO_COLOR does not count")
        XCTAssertEqual(ColorDepth.detect(environment: ["COLORTERM": "truecolor"], terminalColors: 256, canShowRGB: true), .trueColor)
        XCTAssertEqual(ColorDepth.detect(environment: ["COLORTERM": "24bit"], terminalColors: 256, canShowRGB: false), .indexed256)
        XCTAssertEqual(ColorDepth.detect(environment: [:], terminalColors: 8, canShowRGB: false), .ansi16)
        XCTAssertEqual(ColorDepth.detect(environment: [:], terminalColors: 0, canShowRGB: false), .none)
    }

    func testColoursMapToTheNearestTheTerminalHas() {
        XCTAssertEqual(ColorDepth.ansi16.map(.rgb(250, 10, 10)), .indexed(9), "bright red")
        XCTAssertEqual(ColorDepth.ansi16.map(.rgb(0, 0, 0)), .indexed(0))
        XCTAssertEqual(ColorDepth.ansi16.map(.rgb(128, 128, 128)), .indexed(8), "grey")
        XCTAssertEqual(ColorDepth.ansi16.map(.indexed(196)), .indexed(9), "indexed colours too")
        XCTAssertEqual(ColorDepth.ansi16.map(.indexed(4)), .indexed(4))
        XCTAssertEqual(ColorDepth.indexed256.map(.rgb(255, 135, 0)), .indexed(208), "exact cube colour")
        XCTAssertEqual(ColorDepth.indexed256.map(.rgb(0x30, 0x30, 0x30)), .indexed(236), "grey ramp")
        XCTAssertEqual(ColorDepth.trueColor.map(.rgb(1, 2, 3)), .rgb(1, 2, 3))
        // Every role of the true-colour dark theme lands inside the 16 ANSI colours.
        let (dark, _) = Theme.load(name: "dark", searchDirectories: [])
        for (_, style) in dark.adapted(to: .ansi16).roles {
            for colour in [style.fg, style.bg].compactMap({ $0 }) {
                if case .indexed(let i) = colour { XCTAssertLessThan(i, 16) } else { XCTAssertEqual(colour, .default) }
            }
        }
    }

    func testNoColorKeepsAttributesAndMakesRolesDistinguishable() {
        let (dark, _) = Theme.load(name: "dark", searchDirectories: [])
        let mono = dark.adapted(to: .none)
        for (role, style) in mono.roles {
            XCTAssertNil(style.fg, role)
            XCTAssertNil(style.bg, role)
        }
        XCTAssertTrue(mono.style(ThemeRole.clipSelected).attributes.contains(.reverse))
        XCTAssertTrue(mono.style(ThemeRole.playhead).attributes.contains(.reverse))
        XCTAssertTrue(mono.style(ThemeRole.borderFocused).attributes.contains(.bold))
        XCTAssertTrue(mono.style(ThemeRole.binsHeader).attributes.contains(.underline), "the theme's own modifiers stay")
    }
}

/// The light theme paints the bins (header and rows, not the selected one) with its own background.
final class LightBinsBackgroundTests: XCTestCase {
    func testBinRowsAndHeaderUseTheThemesBackground() throws {
        let target = StaticTarget(model: Fixtures.model)
        let (keymap, _) = Keymap.load(name: "default", userFile: nil, searchDirectories: [])
        let (theme, _) = Theme.load(name: "light", searchDirectories: [])
        let session = TUISession(target: target, keymap: keymap, theme: theme, colorDepth: .trueColor, width: 120, height: 40)
        let surface = session.render().surface
        let background = try XCTUnwrap(session.theme.style(ThemeRole.ui).bg, "the light theme sets a background")
        let inner = ScreenLayout(width: 120, height: 40).bins.inner
        var checked = 0
        // The header row and the rows below the selected first one.
        for y in [inner.y] + Array(inner.y + 2 ..< inner.y + 1 + Fixtures.bins.count) {
            for x in inner.x ..< inner.x + 20 {
                XCTAssertEqual(surface[x, y].style.bg, background, "cell \(x),\(y)")
                checked += 1
            }
        }
        XCTAssertGreaterThan(checked, 100)
    }
}
