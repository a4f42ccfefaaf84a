import XCTest
@testable import TUI

final class FilmstripTests: XCTestCase {
    /// A 12x6 picture: the top pixel row red, the second blue, the rest green.
    static let picture: RGBImage = {
        var pixels: [UInt8] = []
        for y in 0..<6 {
            for _ in 0..<12 { pixels += y == 0 ? [255, 0, 0] : y == 1 ? [0, 0, 255] : [0, 255, 0] }
        }
        return RGBImage(width: 12, height: 6, pixels: pixels)
    }()

    func testHalfBlocksCarryTwoPixelRowsPerCell() {
        var surface = Surface(width: 14, height: 4)
        Filmstrip.draw(Self.picture, x: 1, y: 0, on: &surface)
        XCTAssertEqual(surface.lines()[0], " " + String(repeating: "▀", count: 12))
        XCTAssertEqual(surface[1, 0].style.fg, .rgb(255, 0, 0), "upper pixel: foreground")
        XCTAssertEqual(surface[1, 0].style.bg, .rgb(0, 0, 255), "lower pixel: background")
        XCTAssertEqual(surface[1, 1].style.fg, .rgb(0, 255, 0))
        XCTAssertEqual(surface.lines()[3].trimmingCharacters(in: .whitespaces), "", "three rows of cells for six of pixels")
    }

    func testFramesAreSpreadOverTheMediaAndFitTheWidth() {
        XCTAssertEqual(Filmstrip.times(count: 4, seconds: 8), [1, 3, 5, 7])
        XCTAssertEqual(Filmstrip.count(width: 38), 3, "12 + 1 + 12 + 1 + 12 = 38 cells hold three")
        XCTAssertEqual(Filmstrip.count(width: 37), 2)
    }

    func testTheBinsShowAFilmstripOfTheSelectedMediaFromTheFeed() {
        var model = ScreenModel()
        model.bins = [BinRow(kind: .bin, name: "Media"),
                      BinRow(name: "bars.mp4", reference: "bars", duration: "00:00:10:00", seconds: 10, hasPicture: true)]
        var view = ViewState()
        view.binsSelection = 1
        let feed = FakeFeed()
        feed.image = Self.picture
        let (theme, _) = Theme.load(name: "dark", searchDirectories: [])
        let (keymap, _) = Keymap.load(name: "default", userFile: nil, searchDirectories: [])
        var surface = Surface(width: 42, height: 12)
        BinsPane().render(area: surface.area, surface: &surface,
                          context: RenderContext(model: model, view: view, theme: theme, keymap: keymap,
                                                 commands: CommandCatalog(), feed: feed))
        let lines = surface.lines()
        // Inner width 40: three frames of 12 at 0, 13, 26; along the bottom three inner rows.
        XCTAssertEqual(feed.thumbnailRequests.map(\.seconds), Filmstrip.times(count: 3, seconds: 10))
        XCTAssertEqual(feed.thumbnailRequests.first?.media, "bars")
        XCTAssertTrue(lines[8].contains(String(repeating: "▀", count: 12) + " " + String(repeating: "▀", count: 12)), lines[8])
        XCTAssertTrue(lines[3].contains("bars.mp4"), "the list is still there above it")
        feed.image = nil
        var plain = Surface(width: 42, height: 12)
        BinsPane().render(area: plain.area, surface: &plain,
                          context: RenderContext(model: model, view: view, theme: theme, keymap: keymap,
                                                 commands: CommandCatalog(), feed: feed))
        XCTAssertTrue(plain.lines()[9].contains("············"), "dots until the frames are decoded")
    }
}
