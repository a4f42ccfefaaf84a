import TimelineModel
import XCTest
@testable import TUI

/// The mixer pane: a strip per audio track with fader, pan and mute/solo, the selected one marked.
final class MixerPaneTests: XCTestCase {
    func testAStripPerAudioTrack() {
        var model = Fixtures.model
        var timeline = Timeline(name: "T", rate: .fps30, tracks: [Track(kind: .video, name: "V1"), Track(kind: .audio, name: "A1", volumeDB: -3.5, pan: -0.5),
                                                                   Track(kind: .audio, name: "A2", muted: true, solo: true)])
        timeline.tracks[2].volumeDB = 6
        model.mixer = MixerStrip.strips(timeline, audioTarget: 2)
        let (theme, _) = Theme.load(name: "dark", searchDirectories: [])
        let (keymap, _) = Keymap.load(name: "default", userFile: nil, searchDirectories: [])
        var surface = Surface(width: 40, height: 16)
        MixerPane().render(area: surface.area, surface: &surface,
                           context: RenderContext(model: model, view: ViewState(), theme: theme.adapted(to: .none),
                                                  keymap: keymap, commands: CommandCatalog(), feed: nil))
        let lines = surface.lines()
        XCTAssertTrue(lines[0].contains("Mixer"), lines[0])
        XCTAssertTrue(lines[2].contains(" A1      ▸A2"), lines.joined(separator: "\n"))
        XCTAssertTrue(lines[3].contains("-3.5dB   +6.0dB"), lines[3])
        XCTAssertTrue(lines[4].contains("pan L50  pan C"), lines[4])
        XCTAssertTrue(lines[5].contains("· ·      M S"), lines[5])
        // Fader bars: +6 dB stands higher than −3.5 dB.
        let a1Bar = lines.filter { Array($0).count > 2 && Array($0)[2] == "█" }.count
        let a2Bar = lines.filter { Array($0).count > 11 && Array($0)[11] == "█" }.count
        XCTAssertGreaterThan(a2Bar, a1Bar, lines.joined(separator: "\n"))
    }
}
