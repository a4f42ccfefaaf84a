import Analysis
import TimelineModel
import XCTest
@testable import TUI

/// The mixer strips' meters: a louder track's peak bar stands higher, and the held peak's value
/// is printed under the strip.
final class MixerMeterTests: XCTestCase {
    func level(_ peak: Double, _ rms: Double) -> [ChannelLevel] {
        [ChannelLevel](repeating: ChannelLevel(peak: peak, rms: rms, heldPeak: peak, clipped: false, clipCount: 0), count: 2)
    }

    func testStripsShowTheirTracksMeters() {
        var model = Fixtures.model
        let timeline = Timeline(name: "T", rate: .fps30, tracks: [Track(kind: .audio, name: "A1"), Track(kind: .audio, name: "A2")])
        model.mixer = MixerStrip.strips(timeline, audioTarget: 0)
        model.scopes.meters = MeterReading(channels: level(-6, -9), momentary: -20, shortTerm: -21, integrated: -22,
                                           tracks: [TrackLevel(name: "A1", channels: level(-6, -9)), TrackLevel(name: "A2", channels: level(-30, -33))])
        let (theme, _) = Theme.load(name: "dark", searchDirectories: [])
        let (keymap, _) = Keymap.load(name: "default", userFile: nil, searchDirectories: [])
        var surface = Surface(width: 40, height: 20)
        MixerPane().render(area: surface.area, surface: &surface,
                           context: RenderContext(model: model, view: ViewState(), theme: theme.adapted(to: .none),
                                                  keymap: keymap, commands: CommandCatalog(), feed: nil))
        let lines = surface.lines()
        let text = lines.joined(separator: "\n")
        XCTAssertTrue(lines.contains { $0.contains("-6.0") && $0.contains("-30.0") }, text)
        // Peak bars at columns 4 (A1) and 13 (A2): −6 dBFS stands higher than −30.
        func bar(_ column: Int) -> Int { lines.filter { Array($0).count > column && Array($0)[column] == "█" }.count }
        XCTAssertGreaterThan(bar(4), bar(13), text)
        XCTAssertGreaterThan(bar(13), 0, text)
        XCTAssertTrue(lines[1].contains("M -20.0  S -21.0  I -22.0 LUFS"), lines[1])
    }
}
