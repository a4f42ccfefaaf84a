import TimelineModel
import XCTest
@testable import TUI

/// The volume envelope drawn over an audio clip's waveform as a braille line.
final class VolumeLineTests: XCTestCase {
    func render(_ volume: VolumeLine?) -> [String] {
        var model = Fixtures.model
        model.timeline.tracks[2].items[0].volume = volume
        let (theme, _) = Theme.load(name: "dark", searchDirectories: [])
        let (keymap, _) = Keymap.load(name: "default", userFile: nil, searchDirectories: [])
        var surface = Surface(width: 60, height: 9)
        TimelinePane().render(area: surface.area, surface: &surface,
                              context: RenderContext(model: model, view: ViewState(), theme: theme.adapted(to: .none),
                                                     keymap: keymap, commands: CommandCatalog(), feed: nil))
        return surface.lines()
    }

    func testLevelsAndRows() {
        var clip = Clip(id: ClipID(1), name: "a", media: MediaID("m"), source: FrameRange(start: 100, duration: 100), available: 1000)
        XCTAssertNil(VolumeLine(clip: clip), "a clip at unity draws no line")
        clip.gainDB = -3
        clip.fadeIn = ClipFade(duration: 10, curve: .linear)
        clip.volumeKeyframes = [VolumeKeyframe(frame: 150, gainDB: 0), VolumeKeyframe(frame: 170, gainDB: -20)]
        let line = VolumeLine(clip: clip)!
        XCTAssertEqual(line.level(at: 5), -3 + 20 * log10(0.5), accuracy: 1e-9, "halfway through the fade")
        XCTAssertEqual(line.level(at: 60), -13, accuracy: 1e-9, "halfway between the keyframes (offsets 50 and 70)")
        XCTAssertEqual(line.level(at: 0), -.infinity)
        XCTAssertEqual([0, -2, -10, -30].map(VolumeLine.row), [3, 2, 1, 0])
        XCTAssertEqual(VolumeLine.merged("⢀", VolumeLine.bits(left: 0, right: 0)), "⢉", "top dots added to a one-dot bar")
        XCTAssertEqual(VolumeLine.merged(" ", VolumeLine.bits(left: -30, right: -30)), "⣀")
    }

    func testAKeyframedClipShowsItsLineAfterTheLabel() {
        var clip = Clip(id: ClipID(1), name: "a", media: MediaID("m"), source: FrameRange(start: 0, duration: 300), available: 1000)
        clip.volumeKeyframes = [VolumeKeyframe(frame: 40, gainDB: 0), VolumeKeyframe(frame: 120, gainDB: -40)]
        let plain = render(nil)[5], drawn = render(VolumeLine(clip: clip))[5]
        XCTAssertTrue(plain.hasPrefix("│A1  L · ·│[interview "), plain)
        XCTAssertTrue(drawn.hasPrefix("│A1  L · ·│[interview ⠉"), "starts at the top (0 dB): \(drawn)")
        XCTAssertTrue(drawn.contains("⣀"), "and falls to the bottom row: \(drawn)")
        let columns = Array(drawn)
        let rows = columns.compactMap { c -> Int? in
            guard let v = c.unicodeScalars.first?.value, (0x2801...0x28FF).contains(v) else { return nil }
            return [0x09: 3, 0x12: 2, 0x24: 1, 0xC0: 0][v - 0x2800]
        }
        XCTAssertGreaterThan(rows.count, 20)
        XCTAssertEqual(rows, rows.sorted(by: >), "a falling ramp never rises: \(drawn)")
    }

    /// A track's fader keyframes (record frames) shape the line of every clip on the track, at
    /// the clip's own offsets, on top of its gain; a clip at unity then draws one too.
    func testTrackKeyframesShapeTheLineOfTheClipsUnderThem() throws {
        let clip = Clip(id: ClipID(1), name: "a", media: MediaID("m"), source: FrameRange(start: 0, duration: 100), available: 1000)
        var gained = clip
        gained.gainDB = -3
        gained.id = ClipID(2)
        var track = Track(kind: .audio, name: "A1")
        track.items.append(.clip(clip))
        track.items.append(.clip(gained))
        track.volumeKeyframes = [VolumeKeyframe(frame: 50, gainDB: 0), VolumeKeyframe(frame: 150, gainDB: -20)]
        let row = EditorBridge.trackRow(track, offline: [], selected: [])
        let first = try XCTUnwrap(row.items[0].volume, "a clip at unity under track keyframes draws a line")
        let second = try XCTUnwrap(row.items[1].volume)
        XCTAssertEqual(first.level(at: 10), 0, accuracy: 1e-9, "before the first keyframe: its level")
        XCTAssertEqual(first.level(at: 75), -5, accuracy: 1e-9, "record 75: a quarter of the way down the ramp")
        XCTAssertEqual(second.level(at: 0), -3 - 10, accuracy: 1e-9, "record 100: clip gain plus halfway down")
        XCTAssertEqual(second.level(at: 60), -3 - 20, accuracy: 1e-9, "past the last keyframe: its level")
        track.volumeKeyframes = []
        XCTAssertNil(EditorBridge.trackRow(track, offline: [], selected: []).items[0].volume)
    }
}
