import Analysis
import XCTest
@testable import TUI

/// Scope rows are drawn with few colour changes: short runs of one trace intensity take their
/// neighbour's, and gaps share the dim trace colour (each colour change costs bytes on the wire).
final class ScopeRowRolesTests: XCTestCase {
    func trace(_ intensity: UInt8) -> ScopeCell { ScopeCell(character: "⣿", role: .trace, intensity: intensity) }
    let dim: UInt8 = 40, mid: UInt8 = 120, bright: UInt8 = 220

    func testShortRunsTakeTheLongerNeighboursIntensity() {
        // mid ×4, one bright, dim ×3, two mid, bright ×5.
        let row = [trace(mid), trace(mid), trace(mid), trace(mid), trace(bright), trace(dim), trace(dim), trace(dim),
                   trace(mid), trace(mid), trace(bright), trace(bright), trace(bright), trace(bright), trace(bright)]
        let roles = ScopesPane.rowRoles(row).drawn
        XCTAssertEqual(roles, Array(repeating: ScopeThemeRole.trace, count: 5) + Array(repeating: ScopeThemeRole.traceDim, count: 3)
                       + Array(repeating: ScopeThemeRole.traceBright, count: 7))
    }

    func testLongRunsOverlaysAndLoneCellsKeepTheirOwnRoles() {
        let graticule = ScopeCell(character: "⠒", role: .graticule, intensity: 0)
        // A lone bright cell between gaps has no trace neighbour: it stays bright.
        let row = [trace(dim), trace(dim), trace(dim), graticule, trace(bright), .empty, trace(mid), trace(mid), trace(mid)]
        XCTAssertEqual(ScopesPane.rowRoles(row).drawn, [
            ScopeThemeRole.traceDim, ScopeThemeRole.traceDim, ScopeThemeRole.traceDim, ScopeThemeRole.graticule,
            ScopeThemeRole.traceBright, ScopeThemeRole.traceDim, ScopeThemeRole.trace, ScopeThemeRole.trace, ScopeThemeRole.trace,
        ], "the gap is drawn in the dim trace colour")
    }

    /// On a real scope (bars over a ramp, and the same picture a little noisier) the smoothed rows
    /// change colour far less often than the raw intensities would.
    func testAWaveformRowChangesColourLessOften() throws {
        let image = try TestPattern.barsAndRamp(width: 256, height: 96)
        let scope = ScopeKind.waveform.render(image, cells: 60, rows: 16)
        func changes(_ roles: [String]) -> Int { zip(roles, roles.dropFirst()).filter { $0 != $1 }.count }
        var raw = 0, smoothed = 0
        for row in scope.text.cells {
            raw += changes(row.map { $0.role == .background ? ScopeThemeRole.traceDim : ScopeThemeRole.role(of: $0) })
            smoothed += changes(ScopesPane.rowRoles(row).drawn)
        }
        XCTAssertGreaterThan(raw, 0)
        XCTAssertLessThanOrEqual(smoothed, raw)
    }

    func testAnIntensityKeepsItsBandNearTheEdge() {
        XCTAssertEqual(ScopesPane.traceRole(intensity: 90, shown: nil), ScopeThemeRole.trace)
        XCTAssertEqual(ScopesPane.traceRole(intensity: 90, shown: ScopeThemeRole.traceDim), ScopeThemeRole.traceDim, "just past the edge")
        XCTAssertEqual(ScopesPane.traceRole(intensity: 120, shown: ScopeThemeRole.traceDim), ScopeThemeRole.trace, "well inside the next band")
        XCTAssertEqual(ScopesPane.traceRole(intensity: 160, shown: ScopeThemeRole.traceBright), ScopeThemeRole.traceBright)
        XCTAssertEqual(ScopesPane.traceRole(intensity: 30, shown: ScopeThemeRole.traceBright), ScopeThemeRole.traceDim)
        // A gap last time gives no band to keep.
        XCTAssertEqual(ScopesPane.rowRoles([trace(90)], shown: [ThemeRole.ui]).bands, [ScopeThemeRole.trace])
    }

    /// The same scope drawn again (every screen redraws the pane) comes out the same: the kept
    /// bands are a fixed point, so nothing flickers between two colourings.
    func testRedrawingTheSameScopeChangesNothing() throws {
        let image = try TestPattern.barsAndRamp(width: 256, height: 96)
        let scope = ScopeKind.vectorscope.render(image, cells: 32, rows: 16)
        var shown: [[String]] = []
        var drawn: [[[String]]] = []
        for _ in 0..<3 {
            let rows = scope.text.cells.enumerated().map { ScopesPane.rowRoles($1, shown: $0 < shown.count ? shown[$0] : []) }
            shown = rows.map(\.bands)
            drawn.append(rows.map(\.drawn))
        }
        XCTAssertEqual(drawn[0], drawn[1])
        XCTAssertEqual(drawn[1], drawn[2])
    }
}
