import XCTest
@testable import TUI

final class ScreenRenderingTests: XCTestCase {
    func testDump() {
        let (session, _) = Fixtures.session(width: 120, height: 30)
        print(Fixtures.screen(session).joined(separator: "\n"))
        let (s2, _) = Fixtures.session(width: 80, height: 24)
        print(Fixtures.screen(s2).joined(separator: "\n"))
    }
}
