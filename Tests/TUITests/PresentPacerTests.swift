import TUI
import XCTest

/// The spacing of screens sent to the terminal, on a clock the test supplies.
final class PresentPacerTests: XCTestCase {
    func testScreensAreSpacedByTheBaseIntervalAndAQuietKeyIsDrawnAtOnce() {
        var pacer = PresentPacer(baseInterval: 0.2)
        XCTAssertTrue(pacer.isDue(now: 100), "the first screen goes out at once")
        pacer.presented(at: 100, flushSeconds: 0.001)
        XCTAssertFalse(pacer.isDue(now: 100.1), "a second screen 100 ms later waits")
        XCTAssertTrue(pacer.isDue(now: 100.2))
        XCTAssertEqual(pacer.interval, 0.2)
    }

    func testABlockedFlushBacksOffAndFastFlushesComeBack() {
        var pacer = PresentPacer(baseInterval: 0.04, maximumInterval: 0.5, blockedAfter: 0.02)
        pacer.presented(at: 0, flushSeconds: 0.05)
        XCTAssertEqual(pacer.interval, 0.1, accuracy: 1e-9, "twice the blocked flush")
        pacer.presented(at: 1, flushSeconds: 0.03)
        XCTAssertEqual(pacer.interval, 0.2, accuracy: 1e-9, "doubled again while writes still block")
        for step in 2..<6 { pacer.presented(at: Double(step), flushSeconds: 0.4) }
        XCTAssertEqual(pacer.interval, 0.5, accuracy: 1e-9, "never past the maximum")
        pacer.presented(at: 10, flushSeconds: 0.001)
        XCTAssertEqual(pacer.interval, 0.375, accuracy: 1e-9, "a quick flush eases it down by a quarter")
        for step in 11..<40 { pacer.presented(at: Double(step), flushSeconds: 0.001) }
        XCTAssertEqual(pacer.interval, 0.04, accuracy: 1e-9, "back to the base, not below")
    }

    func testLowBandwidthSendsFewerScreens() {
        XCTAssertEqual(PresentPacer.forLink(lowBandwidth: false).interval, 1.0 / 30, accuracy: 1e-9)
        XCTAssertEqual(PresentPacer.forLink(lowBandwidth: true).interval, 0.2, accuracy: 1e-9)
    }
}

/// `--low-bandwidth` draws the scope traces in one colour: fewer colour changes on the wire.
final class LowBandwidthThemeTests: XCTestCase {
    func testScopeTracesShareOneStyle() {
        let (theme, _) = Theme.load(name: "dark")
        XCTAssertNotEqual(theme.style(ScopeThemeRole.traceDim), theme.style(ScopeThemeRole.traceBright),
                          "the dark theme has three intensities, so the test can fail")
        let plain = theme.withPlainScopeTraces()
        for role in [ScopeThemeRole.traceDim, ScopeThemeRole.traceBright] {
            XCTAssertEqual(plain.style(role), theme.style(ScopeThemeRole.trace), role)
        }
        XCTAssertEqual(plain.style(ScopeThemeRole.graticule), theme.style(ScopeThemeRole.graticule), "other roles kept")
    }
}
