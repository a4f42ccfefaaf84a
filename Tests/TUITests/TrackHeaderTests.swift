import XCTest
@testable import TUI

/// The track header says where the source lands (`▸` on the patched track) and which tracks
/// the selectors chose (the name lit, reversed), as Avid's track panel does.
final class TrackHeaderTests: XCTestCase {
    func testPatchedTrackIsMarkedAndSelectedNamesAreLit() {
        var model = Fixtures.model
        let v1 = model.timeline.tracks.firstIndex { $0.name == "V1" }!
        let a1 = model.timeline.tracks.firstIndex { $0.name == "A1" }!
        model.timeline.tracks[v1].target = true
        model.timeline.tracks[a1].selected = true
        let (session, _) = Fixtures.session(width: 120, height: 30, model: model)
        let surface = session.render().surface
        let lines = surface.lines()
        let v1Row = lines.firstIndex { $0.hasPrefix("│V1 ") }!
        let a1Row = lines.firstIndex { $0.hasPrefix("│A1 ") }!
        XCTAssertTrue(lines[v1Row].hasPrefix("│V1 ▸· · ·│"), lines[v1Row])
        XCTAssertTrue(lines[a1Row].hasPrefix("│A1  L · ·│"), lines[a1Row])
        XCTAssertTrue(surface[1, a1Row].style.attributes.contains(.reverse) && surface[2, a1Row].style.attributes.contains(.reverse),
                      "A1's name is lit")
        XCTAssertFalse(surface[1, v1Row].style.attributes.contains(.reverse), "V1 is not selected")
        XCTAssertFalse(surface[3, a1Row].style.attributes.contains(.reverse), "only the name is lit")
    }
}
