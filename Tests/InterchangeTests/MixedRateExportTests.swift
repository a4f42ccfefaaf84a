import Foundation
import XCTest
import TimelineModel
@testable import Interchange

/// A 25 fps clip and a 20 fps clip in a 30 fps sequence, exported: the source timecodes are the
/// media's own (never a :25–:29 frame at 25 fps, never :20+ at 20), through `RateConform`.
///
/// Worked by hand. pal (25 fps, starts 10:00:00:00) is used from sequence frame 6 for 12 frames:
/// frames 6…17 show media frames floor(6 × 25/30) = 5 … floor(17 × 25/30) = 14, so source
/// 10:00:00:05–10:00:00:15 (out exclusive). Then from unit 36 for 30 frames: media frames
/// floor(36 × 25/30) = 30 … floor(65 × 25/30) = 54 → 10:00:01:05–10:00:02:05. slow (20 fps, starts 00:00:00:00) from unit 40 for 45 frames:
/// floor(40 × 20/30) = 26 … floor(84 × 20/30) = 56 → 00:00:01:06–00:00:02:17.
final class MixedRateExportTests: XCTestCase {
    func project() -> Project {
        let pal = MediaReference(id: "pal", name: "pal.mov", path: "/m/pal.mov", duration: RationalTime(250, .fps25),
                                 video: .init(width: 1920, height: 1080, rate: .fps25, codec: "h264"), startTimecode: 10 * 3600 * 25)
        let slow = MediaReference(id: "slow", name: "slow.mov", path: "/m/slow.mov", duration: RationalTime(200, Rate(20)),
                                  video: .init(width: 640, height: 480, rate: Rate(20), codec: "h264"))
        func clip(_ id: Int64, _ media: MediaID, _ start: Int64, _ duration: Int64, available: Int64) -> Item {
            .clip(Clip(id: ClipID(id), name: "\(media.rawValue) \(id)", media: media, source: FrameRange(start: start, duration: duration), available: available))
        }
        var t = Timeline(name: "mixed", rate: .fps30, tracks: [])
        t.tracks = [Track(kind: .video, name: "V1", items: ItemList([
            clip(1, "pal", 6, 12, available: 300), clip(2, "pal", 36, 30, available: 300), clip(3, "slow", 40, 45, available: 300),
        ]))]
        return Project(name: "mixed", media: [pal, slow], timeline: t)
    }

    func testEDLWritesEachSourceAtItsOwnRateAndOpenTimelineIOReadsIt() throws {
        let export = CMX3600.export(project(), videoTrack: nil)
        let events = export.text.split(separator: "\n").filter { $0.first?.isNumber == true }.map { $0.split(separator: " ").map(String.init) }
        XCTAssertEqual(events.map { [$0[4], $0[5], $0[6], $0[7]] }, [
            ["10:00:00:05", "10:00:00:15", "01:00:00:00", "01:00:00:12"],
            ["10:00:01:05", "10:00:02:05", "01:00:00:12", "01:00:01:12"],
            ["00:00:01:06", "00:00:02:17", "01:00:01:12", "01:00:02:27"],
        ], export.text)
        XCTAssertEqual(export.problems.count, 3, "each mixed-rate event is reported: \(export.problems)")
        // CMX 3600 counts every timecode at the list's rate, so OpenTimelineIO's strict reader sees
        // source and record durations that differ; with ignore_timecode_mismatch it places each
        // clip at its record in and takes its length from the source labels counted at 30
        // (:05→:15 is 10, 01:05→02:05 is 30, 01:06→02:17 is 41): a list cannot say a source runs
        // at another rate, which is why each such event is reported on export.
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("termcut-mixed-\(UUID().uuidString).edl")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data(export.text.utf8).write(to: url)
        let dump = try ReferenceOTIO.dump(url, adapter: "cmx_3600", rate: .fps30)
        XCTAssertEqual(dump.mode, "ignore_timecode_mismatch", dump.error ?? "")
        let rows = ReferenceOTIO.rows(dump, byName: true).map(\.row)
        XCTAssertEqual(rows.map(\.recordStart), [108_000, 108_012, 108_042])
        XCTAssertEqual(rows.map(\.duration), [10, 30, 41])
        // The 25 fps label 10:00:00:05 read at 30 is 10 × 108000 + 5 frames.
        XCTAssertEqual(rows.map(\.sourceStart), [1_080_005, 1_080_035, 36])
    }

    func testOTIOWritesSourceRangesAtTheMediaRateAndReadsThemBack() throws {
        let p = project()
        let data = try OTIO.write(p, projectFolder: nil)
        let json = String(decoding: data, as: UTF8.self)
        // Through OpenTimelineIO itself: the source range starts at the media's rate and frame.
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("termcut-mixed-\(UUID().uuidString).otio")
        defer { try? FileManager.default.removeItem(at: url) }
        try data.write(to: url)
        let python = try ReferenceOTIO.python()
        let script = """
            import sys, opentimelineio as otio
            tl = otio.adapters.read_from_file(sys.argv[1])
            for c in tl.tracks[0].find_clips():
                sr = c.source_range
                print(c.name, sr.start_time.rate, int(sr.start_time.value), round(sr.duration.rescaled_to(30).value, 6), c.range_in_parent().start_time.rescaled_to(30).value)
            """
        let (status, out, err) = ReferenceOTIO.run(python, ["-c", script, url.path])
        XCTAssertEqual(status, 0, err)
        XCTAssertEqual(out.split(separator: "\n").map(String.init), [
            "pal 1 25.0 900005 12.0 0.0",
            "pal 2 25.0 900030 30.0 12.0",
            "slow 3 20.0 26 45.0 42.0",
        ], json)
        // And termcut reads its own export back to the same clips. 6 and 36 are the first sequence
        // frames showing media frames 5 and 30; 40 is not the first showing 26 (39 is), and
        // starting at 39 would show 26 twice (floor(39 × 2/3) = floor(40 × 2/3)) and shift every
        // later frame's cadence, so the exact start travels in metadata.termcut.sequence_start.
        XCTAssertTrue(json.contains("\"sequence_start\" : 40") || json.contains("\"sequence_start\": 40"), json)
        let back = try OTIO.read(data, name: "mixed.otio")
        let clips = back.project.timeline.tracks[0].clips.map(\.clip)
        XCTAssertEqual(clips.map(\.source), [FrameRange(start: 6, duration: 12), FrameRange(start: 36, duration: 30), FrameRange(start: 40, duration: 45)])
        // Without termcut's metadata (another tool's file), the clip starts on the frame showing 26.
        let foreign = try OTIO.read(Data(json.replacingOccurrences(of: "sequence_start", with: "other").utf8), name: "foreign.otio")
        XCTAssertEqual(foreign.project.timeline.tracks[0].clips.map(\.clip.source.start), [6, 36, 39])
        XCTAssertEqual(back.project.timeline.rate, .fps30)
        XCTAssertEqual(Set(back.project.media.map(\.duration.rate)), [.fps25, Rate(20)])
    }
}
