import XCTest
@testable import TUI

/// A feed that answers from fixed data and records what it was asked.
final class FakeFeed: MediaFeed {
    var peaks: [WaveformPeak]?
    var image: RGBImage?
    var waveformRequests: [(media: String, from: Double, to: Double, buckets: Int)] = []
    var thumbnailRequests: [(media: String, seconds: Double, width: Int, height: Int)] = []

    func waveform(media: String, from: Double, to: Double, buckets: Int) -> [WaveformPeak]? {
        waveformRequests.append((media, from, to, buckets))
        guard let peaks else { return nil }
        return (0 ..< buckets).map { peaks[$0 % peaks.count] }
    }

    func thumbnail(media: String, seconds: Double, width: Int, height: Int) -> RGBImage? {
        thumbnailRequests.append((media, seconds, width, height))
        return image
    }

    func takeChanges() -> Bool { false }
}

final class WaveformTests: XCTestCase {
    func render(feed: FakeFeed?, width: Int = 60) -> [String] {
        var model = Fixtures.model
        model.timeline.tracks[2].items[0].media = "interview"
        model.timeline.tracks[2].items[0].sourceStart = 250  // 10 s into the file
        let (theme, _) = Theme.load(name: "dark", searchDirectories: [])
        let (keymap, _) = Keymap.load(name: "default", userFile: nil, searchDirectories: [])
        var surface = Surface(width: width, height: 9)
        TimelinePane().render(area: surface.area, surface: &surface,
                              context: RenderContext(model: model, view: ViewState(), theme: theme.adapted(to: .none),
                                                     keymap: keymap, commands: CommandCatalog(), feed: feed))
        return surface.lines()
    }

    func testBrailleBarsRiseFromTheBottomByAmplitude() {
        let peaks = [0, 0.25, 0.5, 1.0, -0.8].map { WaveformPeak(min: Float(-abs($0)), max: Float($0 / 2)) }
        XCTAssertEqual(BrailleWaveform.cells(peaks), ["⢀", "⣼", "⡆"], "0|1 dot, 2|4 dots, then 3 dots alone (the min counts)")
        XCTAssertEqual(BrailleWaveform.dots(0.0001), 0)
        XCTAssertEqual(BrailleWaveform.dots(0.01), 1, "any sound shows")
    }

    func testAudioClipShowsItsWaveformAfterTheLabelOverTheSourceTimeItCovers() {
        let feed = FakeFeed()
        feed.peaks = [0, 0.25, 0.5, 1.0].map { WaveformPeak(min: -Float($0), max: Float($0)) }
        let lines = render(feed: feed)
        // 3 frames per column; the label "interview" fills columns 1–9, the waveform starts at 11
        // and runs to the pane's last column (47): 37 cells, 74 buckets.
        XCTAssertEqual(lines[5], "│A1  L · ·│[interview " + String(repeating: "⢀⣼", count: 18) + "⢀│", lines[5])
        XCTAssertEqual(feed.waveformRequests.count, 1, "only the audio clip with media asks")
        let request = feed.waveformRequests[0]
        XCTAssertEqual(request.media, "interview")
        XCTAssertEqual(request.buckets, 74)
        XCTAssertEqual(request.from, (250 + 33) / 25.0, accuracy: 1e-9, "source start + column 11 × 3 frames, at 25 fps")
        XCTAssertEqual(request.to, (250 + 144) / 25.0, accuracy: 1e-9, "up to the pane's right edge")
        XCTAssertEqual(lines[4], render(feed: nil)[4], "video tracks are unchanged")
    }

    func testClipStaysPlainUntilThePeaksArrive() {
        let feed = FakeFeed()
        XCTAssertEqual(render(feed: feed), render(feed: nil))
        XCTAssertEqual(feed.waveformRequests.count, 1, "but it has asked for them")
    }
}
