import Foundation
import XCTest
import TimelineModel
@testable import Interchange

/// CMX 3600 `M2` speed lines and freeze frames, worked out by hand at 25 fps (timecode base 25:
/// 050.0 is 200%, 012.5 is 50%, 000.0 a freeze).
final class EDLSpeedTests: XCTestCase {
    static let list = """
    TITLE: speeds
    FCM: NON-DROP FRAME

    001  TAPE1    V     C        01:00:00:00 01:00:02:00 01:00:00:00 01:00:01:00
    M2   TAPE1       050.0    01:00:00:00
    * FROM CLIP NAME: fast
    002  TAPE2    V     C        02:00:00:10 02:00:00:11 01:00:01:00 01:00:02:00
    M2   TAPE2       000.0    02:00:00:10
    * FROM CLIP NAME: hold
    003  TAPE3    V     C        03:00:00:00 03:00:00:13 01:00:02:00 01:00:03:00
    M2   TAPE3       012.5    03:00:00:00
    * FROM CLIP NAME: slow
    004  TAPE4    V     C        04:00:00:00 04:00:01:00 01:00:03:00 01:00:04:00
    M2   TAPE4      -025.0    04:00:00:00
    * FROM CLIP NAME: back

    """

    private func clips(_ project: Project) -> [(name: String, record: FrameRange, source: FrameRange, speed: ClipSpeed?)] {
        project.timeline.tracks[0].clips.map { ($0.clip.name, $0.record, $0.clip.source, $0.clip.speed) }
    }

    func testM2LinesBecomeSpeedsAndFreezes() throws {
        let r = try CMX3600.read(EDLSpeedTests.list, rate: .fps25, name: "speeds.edl")
        let c = clips(r.project)
        XCTAssertEqual(c.map(\.name), ["fast", "hold", "slow", "back"])
        XCTAssertEqual(c.map(\.record), (0..<4).map { FrameRange(start: Int64($0) * 25, duration: 25) })
        // fast: 200% from source 01:00:00:00, the media's first frame: units 0..<25, the media is the 50 frames used.
        XCTAssertEqual(c[0].speed, ClipSpeed(numerator: 2, denominator: 1))
        XCTAssertEqual(c[0].source, FrameRange(start: 0, duration: 25))
        XCTAssertEqual(r.project.timeline.tracks[0].clips[0].clip.available, 25)
        // hold: 02:00:00:10 held; the media is that one frame.
        XCTAssertEqual(c[1].speed, ClipSpeed(freezeFrame: 0))
        XCTAssertEqual(c[1].source, FrameRange(start: 0, duration: 25))
        XCTAssertNil(r.project.timeline.tracks[0].clips[1].clip.available)
        XCTAssertEqual(r.project.mediaReference(r.project.timeline.tracks[0].clips[1].clip.media)?.startTimecode, 2 * 90_000 + 10)
        // slow: 50% over 25 record frames runs through 13 source frames = 26 units.
        XCTAssertEqual(c[2].speed, ClipSpeed(numerator: 1, denominator: 2))
        XCTAssertEqual(c[2].source, FrameRange(start: 0, duration: 25))
        XCTAssertEqual(r.project.timeline.tracks[0].clips[2].clip.available, 26)
        // back: −100% from 04:00:00:00, the first frame played, down to 03:59:59:01. The media is
        // those 25 frames; units run forwards from its last frame (24), so unit 0 shows frame 24.
        XCTAssertEqual(c[3].speed, ClipSpeed(numerator: 1, denominator: 1, reversedFrom: 24))
        XCTAssertEqual(c[3].source, FrameRange(start: 0, duration: 25))
        let back = r.project.timeline.tracks[0].clips[3].clip
        XCTAssertEqual(r.project.mediaReference(back.media)?.startTimecode, 4 * 90_000 - 24)
        XCTAssertEqual(back.mediaFrame(atUnit: 0), 24, "04:00:00:00 first")
        XCTAssertEqual(back.mediaFrame(atUnit: 24), 0, "03:59:59:01 last")
        XCTAssertEqual(r.problems, [])
        XCTAssertEqual(r.project.timeline.validate(), [])

        // otio-cmx3600-adapter reads the same clips at the same source ins and record ranges.
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("termcut-speeds-\(UUID().uuidString).edl")
        try Data(EDLSpeedTests.list.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let dump = try ReferenceOTIO.dump(url, adapter: "cmx_3600", rate: .fps25)
        XCTAssertEqual(dump.mode, "strict", dump.error ?? "")
        XCTAssertEqual(ReferenceOTIO.rows(dump, byName: true).map(\.row).sorted(), r.project.clipRows(byName: true).sorted())
    }

    /// 25 fps: m.mov (1000 frames from 00:00:00:00): 100%, 200% from unit 10 (frame 20),
    /// 50% from unit 8 (frame 4) and a freeze of frame 33.
    private func speedProject() -> Project {
        let media = MediaReference(id: "m", name: "m.mov", path: "/media/m.mov", duration: RationalTime(1000, .fps25),
                                   video: .init(width: 1920, height: 1080, rate: .fps25, codec: "h264"))
        var timeline = Timeline(name: "speeds", rate: .fps25, tracks: [])
        func clip(_ name: String, _ units: FrameRange, _ available: Int64?, _ speed: ClipSpeed?) -> Item {
            .clip(Clip(id: ClipID(timeline.allocateID()), name: name, media: media.id, source: units, available: available, speed: speed))
        }
        timeline.tracks = [Track(kind: .video, name: "V1", items: ItemList([
            clip("normal", FrameRange(start: 0, duration: 10), 1000, nil),
            clip("fast", FrameRange(start: 10, duration: 25), 500, ClipSpeed(numerator: 2, denominator: 1)),
            clip("slow", FrameRange(start: 8, duration: 25), 2000, ClipSpeed(numerator: 1, denominator: 2)),
            clip("hold", FrameRange(start: 0, duration: 12), nil, ClipSpeed(freezeFrame: 33)),
        ]))]
        return Project(name: "speeds", media: [media], timeline: timeline)
    }

    func testExportWritesM2LinesAndReadsBack() throws {
        let project = speedProject()
        let out = CMX3600.export(project, videoTrack: nil)
        XCTAssertEqual(out.problems, [])
        let lines = out.text.split(separator: "\n").map(String.init)
        // fast: source 20..<70 (25 units × 2), slow: 4..<17 (⌈25 × ½⌉), hold: one frame.
        XCTAssertTrue(lines.contains { $0.hasPrefix("002") && $0.contains("00:00:00:20 00:00:02:20 01:00:00:10 01:00:01:10") }, out.text)
        XCTAssertTrue(lines.contains { $0.hasPrefix("M2   M") && $0.contains(" 050.0    00:00:00:20") }, out.text)
        XCTAssertTrue(lines.contains { $0.hasPrefix("003") && $0.contains("00:00:00:04 00:00:00:17 01:00:01:10 01:00:02:10") }, out.text)
        XCTAssertTrue(lines.contains { $0.hasPrefix("M2   M") && $0.contains(" 012.5    00:00:00:04") }, out.text)
        XCTAssertTrue(lines.contains { $0.hasPrefix("004") && $0.contains("00:00:01:08 00:00:01:09 01:00:02:10 01:00:02:22") }, out.text)
        XCTAssertTrue(lines.contains { $0.hasPrefix("M2   M") && $0.contains(" 000.0    00:00:01:08") }, out.text)
        XCTAssertTrue(lines.contains("* * FREEZE FRAME"), out.text)

        let back = try CMX3600.read(out.text, rate: .fps25, name: "speeds.edl")
        XCTAssertEqual(back.problems, [])
        let a = clips(project), b = clips(back.project)
        XCTAssertEqual(b.map(\.name), a.map(\.name))
        XCTAssertEqual(b.map(\.record), a.map(\.record))
        XCTAssertEqual(b.map(\.source), a.map(\.source))
        XCTAssertEqual(b.map(\.speed), a.map(\.speed))

        let url = FileManager.default.temporaryDirectory.appendingPathComponent("termcut-speed-export-\(UUID().uuidString).edl")
        try Data(out.text.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let dump = try ReferenceOTIO.dump(url, adapter: "cmx_3600", rate: .fps25)
        XCTAssertEqual(dump.mode, "strict", dump.error ?? "")
        XCTAssertEqual(ReferenceOTIO.rows(dump, byName: true).map(\.row).sorted(), project.clipRows(byName: true).sorted())
    }
}
