import Foundation
import XCTest
@testable import Delivery

/// The presets compiled into the binary are the files in `presets/`, and every one of them
/// reads. Regenerate with `scripts/regenerate-builtin-presets.py`.
final class BuiltinPresetsTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    func testBuiltInCopiesMatchTheFiles() throws {
        let folder = Self.root.appendingPathComponent("presets")
        var onDisk: [String: String] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.hasSuffix(".toml") {
            onDisk[name] = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
        }
        XCTAssertEqual(Set(BuiltinPresets.files.keys), Set(onDisk.keys), "run scripts/regenerate-builtin-presets.py")
        for (name, text) in onDisk {
            XCTAssertEqual(BuiltinPresets.files[name], text, "presets/\(name) changed: run scripts/regenerate-builtin-presets.py")
        }
    }

    func testEveryBuiltInPresetReads() throws {
        let library = PresetLibrary(userDirectory: FileManager.default.temporaryDirectory.appendingPathComponent("no-such-\(UUID())"))
        XCTAssertTrue(library.names.contains("youtube-1080p"))
        for name in library.names {
            let preset = try library.preset(named: name)
            XCTAssertEqual(preset.name, name)
            XCTAssertFalse(preset.summary.isEmpty, name)
            XCTAssertTrue(preset.video != nil || preset.audio != nil, name)
        }
        let youtube = try library.preset(named: "youtube-1080p")
        XCTAssertEqual(youtube.video?.width, 1920)
        XCTAssertEqual(youtube.loudness, DeliveryPreset.Loudness(integrated: -14, truePeak: -1))
        XCTAssertEqual(youtube.containerOptions["movflags"], "+faststart")
        XCTAssertNil(try library.preset(named: "podcast-wav").video)
    }

    func testUserPresetOverridesByNameAndBadFilesSayWhere() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("presets-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "description = \"mine\"\ncontainer = \"mp4\"\n[video]\ncodec = \"libx264\"\ncrf = 30\n"
            .write(to: folder.appendingPathComponent("h264.toml"), atomically: true, encoding: .utf8)
        try "container = \"mp4\"\n[video]\ncodec = 5\n".write(to: folder.appendingPathComponent("broken.toml"), atomically: true, encoding: .utf8)
        let library = PresetLibrary(userDirectory: folder)
        let mine = try library.preset(named: "h264")
        XCTAssertEqual(mine.summary, "mine")
        XCTAssertEqual(mine.video?.crf, 30)
        XCTAssertTrue(library.names.contains("broken"))
        XCTAssertThrowsError(try library.preset(named: "broken")) { error in
            XCTAssertTrue("\(error)".contains("broken.toml") && "\(error)".contains("video.codec"), "\(error)")
        }
        XCTAssertThrowsError(try library.preset(named: "youtub")) { error in
            XCTAssertTrue("\(error)".contains("no preset named 'youtub'") && "\(error)".contains("youtube-1080p"), "\(error)")
        }
    }

    func testOverridesReplaceCodecOptions() throws {
        let library = PresetLibrary(userDirectory: URL(fileURLWithPath: "/nonexistent"))
        var overrides = RenderOverrides()
        overrides.videoCodec = "libx265"
        overrides.width = 1280
        overrides.height = 720
        overrides.audioBitRate = 96_000
        let changed = try overrides.applied(to: try library.preset(named: "youtube-1080p"))
        XCTAssertEqual(changed.video?.codec, "libx265")
        XCTAssertEqual(changed.video?.options, [:])
        XCTAssertEqual(changed.video?.width, 1280)
        XCTAssertEqual(changed.audio?.bitRate, 96_000)
        var noPicture = RenderOverrides()
        noPicture.crf = 20
        XCTAssertThrowsError(try noPicture.applied(to: try library.preset(named: "podcast-mp3")))
        XCTAssertEqual(DeliveryPreset.parseBitRate("8M"), 8_000_000)
        XCTAssertEqual(DeliveryPreset.parseBitRate("192k"), 192_000)
        XCTAssertNil(DeliveryPreset.parseBitRate("fast"))
    }
}
