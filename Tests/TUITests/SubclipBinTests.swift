import Editor
import TimelineModel
import XCTest
@testable import TUI

/// Subclips in the bins: each lists under its bin with its own name and length; its filmstrip
/// spans its range of the media; the bin of a clip's scenes shows each scene's first frame;
/// enter loads the subclip into the source monitor by name.
final class SubclipBinTests: XCTestCase {
    func testSubclipRowsFilmstripsAndEnter() {
        let media = MediaReference(id: "cuts", name: "cuts.mp4", path: "/nonexistent/cuts.mp4", duration: RationalTime(250, .fps25),
                                   video: .init(width: 320, height: 180, rate: .fps25, codec: "mpeg4"))
        let range = { (start: Int64, end: Int64) in TimeRange(FrameRange(start: start, end: end), rate: .fps25) }
        let scenes = Bin(name: "cuts.mp4 scenes", subclips: [Subclip(name: "cuts.mp4 scene 01", media: "cuts", source: range(0, 50)),
                                                              Subclip(name: "cuts.mp4 scene 02", media: "cuts", source: range(50, 250))])
        let rows = EditorBridge.binRows(Project(name: "p", media: [media], bins: [Bin(name: "Media", media: ["cuts"]), scenes]))
        XCTAssertEqual(rows.map(\.name), ["Media", "cuts.mp4", "cuts.mp4 scenes", "cuts.mp4 scene 01", "cuts.mp4 scene 02"])
        XCTAssertEqual(rows[2].stills, [0, 2])
        XCTAssertEqual(rows[4].reference, "cuts.mp4 scene 02")
        XCTAssertEqual(rows[4].pictureMedia, "cuts")
        XCTAssertEqual(rows[4].duration, "00:00:08:00")
        XCTAssertEqual(rows[4].startSeconds, 2)

        func requests(selecting index: Int) -> [String] {
            var model = ScreenModel()
            model.bins = rows
            var view = ViewState()
            view.binsSelection = index
            let feed = FakeFeed()
            feed.image = FilmstripTests.picture
            let (theme, _) = Theme.load(name: "dark", searchDirectories: [])
            let (keymap, _) = Keymap.load(name: "default", userFile: nil, searchDirectories: [])
            var surface = Surface(width: 42, height: 14)
            BinsPane().render(area: surface.area, surface: &surface,
                              context: RenderContext(model: model, view: view, theme: theme, keymap: keymap,
                                                     commands: CommandCatalog(), feed: feed))
            return feed.thumbnailRequests.map { "\($0.media)@\($0.seconds)" }
        }
        // Three frames fit: over the subclip's 8 s from 2 s; the scenes bin, one per scene.
        XCTAssertEqual(requests(selecting: 4), Filmstrip.times(count: 3, seconds: 8).map { "cuts@\(2 + $0)" })
        XCTAssertEqual(requests(selecting: 2), ["cuts@0.0", "cuts@2.0"])

        var model = Fixtures.model
        model.bins = rows
        let (session, target) = Fixtures.session(width: 120, height: 40, model: model)
        session.press("<tab>")
        session.press("<down><down><down><enter>")
        XCTAssertEqual(target.executed, ["source \"cuts.mp4 scene 01\""])
    }
}
