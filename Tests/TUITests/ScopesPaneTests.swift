import Analysis
import XCTest
@testable import TUI

/// The scopes pane draws what the feed computed for its layout: braille traces with IRE labels
/// and legal lines in the scope roles, a second scope when wide, meters and loudness below.
final class ScopesPaneTests: XCTestCase {
    /// A known small frame: 75% bars over a ramp, 256×96, BT.709 limited.
    static let image = try! TestPattern.barsAndRamp(width: 256, height: 96)

    static func view(area: Rect, kind: ScopeKind, meters: MeterReading? = nil) -> ScopesView {
        let scopes = ScopesPane.traceSizes(area: area, kind: kind).map { $0.kind.render(image, cells: $0.cells, rows: $0.rows) }
        return ScopesView(scopes: scopes, meters: meters, note: "f12 · bars")
    }

    func render(width: Int, height: Int, kind: ScopeKind, meters: MeterReading? = nil) -> Surface {
        let area = Rect(x: 0, y: 0, width: width, height: height)
        var model = Fixtures.model
        model.scopes = Self.view(area: area, kind: kind, meters: meters)
        var view = ViewState()
        view.scopes = ScopeSelection(kind: kind)
        let (theme, _) = Theme.load(name: "dark", searchDirectories: [])
        let (keymap, _) = Keymap.load(name: "default", userFile: nil, searchDirectories: [])
        let context = RenderContext(model: model, view: view, theme: theme, keymap: keymap, commands: Fixtures.catalog)
        var surface = Surface(width: width, height: height)
        ScopesPane().render(area: area, surface: &surface, context: context)
        return surface
    }

    func testWaveformRowsOfBarsWithLabelsLegalLinesAndMeters() {
        let level = ChannelLevel(peak: -6, rms: -12, heldPeak: -3, clipped: false, clipCount: 0)
        let clipped = ChannelLevel(peak: 0, rms: -9, heldPeak: 0, clipped: true, clipCount: 3)
        let meters = MeterReading(channels: [level, clipped], momentary: -14.2, shortTerm: -15, integrated: -16.04)
        let surface = render(width: 40, height: 16, kind: .waveform, meters: meters)
        let lines = surface.lines()
        XCTAssertEqual(lines, Self.expectedWaveform)
        // Theme roles: the 100 IRE legal line, a trace cell, a label.
        let dark = Theme.load(name: "dark", searchDirectories: []).0
        let legalRow = 2 + (lines[2...].firstIndex { $0.hasPrefix("│100") }! - 2)
        XCTAssertEqual(surface[10, legalRow].style, dark.style(ScopeThemeRole.legal))
        XCTAssertEqual(surface[2, legalRow].style, dark.style(ScopeThemeRole.label))
        let traceCells = (0..<surface.width).flatMap { x in (2..<11).map { surface[x, $0].style } }
        XCTAssertTrue(traceCells.contains(dark.style(ScopeThemeRole.traceBright)), "the densest dots are bright")
        XCTAssertEqual(surface[32, 13].style, dark.style(ScopeThemeRole.meterClip), "CLIP latched on R")
    }

    func testWidePaneShowsTheVectorscopeBesideTheWaveform() {
        let lines = render(width: 80, height: 14, kind: .waveform).lines()
        XCTAssertEqual(lines, Self.expectedWide)
    }

    func testKeysSwitchTheScope() {
        let (session, _) = Fixtures.session(width: 100, height: 30)
        XCTAssertTrue(Fixtures.screen(session).contains { $0.contains("Scopes · Waveform") })
        session.press("w")
        XCTAssertEqual(session.view.scopes.kind, .parade)
        XCTAssertTrue(Fixtures.screen(session).contains { $0.contains("Scopes · RGB parade") })
        session.press("WW")
        XCTAssertEqual(session.view.scopes.kind, .rgbHistogram)
        session.dispatch("scope vectorscope")
        XCTAssertEqual(session.view.scopes.kind, .vectorscope)
        session.dispatch("scope nonsense")
        XCTAssertTrue(session.view.message.isError)
        XCTAssertEqual(session.view.scopes.kind, .vectorscope)
        let (vim, _) = Fixtures.session(keymapName: "vim")
        vim.press("W")
        XCTAssertEqual(vim.view.scopes.kind, .parade)
    }

    func testEveryThemeStylesTheScopeRoles() throws {
        for name in ["dark", "light", "high-contrast", "16color"] {
            let (theme, problems) = Theme.load(name: name, searchDirectories: [])
            XCTAssertEqual(problems.map(\.description), [], name)
            for role in ScopeThemeRole.all {
                XCTAssertNotNil(theme.roles[role], "\(name) defines \(role)")
            }
        }
    }

    static let expectedWaveform: [String] = [
        "┌ Scopes · Waveform ───────────────────┐",
        "│f12 · bars                            │",
        "│100 ⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀ │",
        "│                                ⣀⡤⠖⠋  │",
        "│    ⣀⣀⣀⣀⣀ ⣀ ⣀ ⣀ ⣀ ⣀ ⣀ ⣀ ⣀ ⣀ ⣀⡤⣖⠋⣁ ⣀ ⣀ │",
        "│        ⠐⠒⠒⠒⠒⠂          ⣀⣠⠔⠋⠁         │",
        "│             ⠐⠒⠒⠒⠒⣂⣀⣀⣠⣔⠊⠁             │",
        "│ 50 ⠉ ⠉ ⠉ ⠉ ⠉ ⠉ ⢉⣠⠽⠚⠉ ⠉ ⠉ ⠉ ⠉ ⠉ ⠉ ⠉ ⠉ │",
        "│             ⣀⠴⠚⠉                     │",
        "│    ⠉ ⠉ ⠉⣀⡭⠖⠉ ⠉ ⠉ ⠉ ⠉ ⠩⠤⠭⠤⠭⢄⣉⣀⣉⣀⡉ ⠉ ⠉ │",
        "│     ⣀⡤⠖⠋⠁                      ⣀⣀⣀⣀⣀ │",
        "│  0 ⠛⠓⠒⠒⠒⠒⠒⠒⠒⠒⠒⠒⠒⠒⠒⠒⠒⠒⠒⠒⠒⠒⠒⠒⠒⠒⠒⠒⠒⠒⠒⠒⠒ │",
        "│L ██████████████████████▒▒▒·│· -6.0   │",
        "│R ████████████████████████▒▒▒▒ CLIP   │",
        "│M -14.2  S -15.0  I -16.0 LUFS        │",
        "└──────────────────────────────────────┘",
    ]
    static let expectedWide: [String] = [
        "┌ Scopes · Waveform ───────────────────────────────────────────────────────────┐",
        "│f12 · bars                                                                    │",
        "│100 ⠤⠤⠤⠤⠤⠤⠤⠤⠤⠤⠤⠤⠤⠤⠤⠤⠤⠤⠤⠤⠤⠤⠤⠤⠤⠤⠤⠤⠤⠤⠤⠤⠤⠤⠤⠤⠤⠤⠤⠤⠤⠤⠤⠤⠤⠤⠤⠤⠤⠤⠤⠤⢤⣤⣤⠤     ⣀⠠⠕⠕⠖⠐⠠⢀ ⡂⡂  │",
        "│                                                ⢀⣀⣠⠤⠴⠒⠚⠉⠉      ⡀⠊⠈⢆⠸⠽⠆  ⠸⠽⠂⡀  │",
        "│    ⠒⠒⠒⠒⠒⠒⠒⠒⠶⠤⠶⠤⠶⠤⠶⠤⠒ ⠒ ⠒ ⠒ ⠒ ⠒ ⠒ ⠒ ⠒ ⠒ ⢒⣀⣲⠤⠖⠒⠚⠉⠛ ⠒ ⠒ ⠒ ⠒ ⠒   ⢐    ⢣ ⠆     ⢐  │",
        "│                    ⠒⠒⠒⠒⠒⠒⠒⠒⣀⣀⣀⣀⣀⣀⣠⣤⠔⠒⠊⠉⠉                    ⢐⣒⢰⣲ ⣀ ⣱⡆⣀ ⣀ ⣀⣀⣂ │",
        "│ 50 ⠉ ⠉ ⠉ ⠉ ⠉ ⠉ ⠉ ⠉ ⠉ ⠉ ⣉⣀⡭⠤⠝⠒⠋⠉⠉ ⠉ ⠉ ⠉ ⠉ ⠉ ⠉ ⠉ ⠉ ⠉ ⠉ ⠉ ⠉ ⠉   ⢂      ⠆    ⠓⢓⠒ │",
        "│    ⣀ ⣀ ⣀ ⣀ ⣀ ⣀ ⣀⣀⣤⠤⣒⠒⣋⠉⣁ ⣀ ⣀ ⣀ ⣀ ⣀ ⣀ ⣀ ⣀ ⣀ ⣀ ⣀ ⣀ ⣀ ⣀ ⣀ ⣀ ⣀   ⠐⡀     ⠆     ⡐  │",
        "│        ⣀⣀⠤⠤⠒⠒⠉⠉⠁                   ⠉⠉⠉⠉⠉⠉⠉⠉⠒⠒⠒⠒⠒⠒⠒⠒           ⡀⡺⢽   ⢶⣶ ⢀⠠⠂   │",
        "│  0 ⠒⠚⠛⠛⠒⠒⠒⠒⠒⠒⠒⠒⠒⠒⠒⠒⠒⠒⠒⠒⠒⠒⠒⠒⠒⠒⠒⠒⠒⠒⠒⠒⠒⠒⠒⠒⠒⠒⠒⠒⠒⠒⠒⠒⠒⠒⠒⠒⠛⠛⠛⠛⠛⠛⠛⠛   ⠂⠂ ⠈⠐⠐⠒⠕⠍      │",
        "│meters: play to measure                                                       │",
        "│                                                                              │",
        "│                                                                              │",
        "└──────────────────────────────────────────────────────────────────────────────┘",
    ]
}
