import Foundation
import XCTest
import TimelineModel
@testable import Interchange

/// Speed (`LinearTimeWarp.1`) and freeze frames (`FreezeFrame.1`) in OpenTimelineIO. Its
/// convention, checked against the real library: `source_range.start_time` is the first media
/// frame and `source_range.duration` is the record duration (`range_in_parent` of a clip with a
/// time warp of 2.0 and a 20-frame source range is 20 frames long).
final class OTIOSpeedTests: XCTestCase {
    private func rt(_ value: Double) -> String { #"{"OTIO_SCHEMA": "RationalTime.1", "rate": 25.0, "value": \#(value)}"# }

    private func clip(_ name: String, start: Double, duration: Double, effect: String?) -> String {
        #"""
        {"OTIO_SCHEMA": "Clip.2", "name": "\#(name)", "metadata": {},
         "source_range": {"OTIO_SCHEMA": "TimeRange.1", "start_time": \#(rt(start)), "duration": \#(rt(duration))},
         "effects": [\#(effect ?? "")], "markers": [], "enabled": true,
         "media_references": {"DEFAULT_MEDIA": {"OTIO_SCHEMA": "ExternalReference.1", "metadata": {}, "name": "m.mov",
            "target_url": "file:///media/m.mov",
            "available_range": {"OTIO_SCHEMA": "TimeRange.1", "start_time": \#(rt(90000)), "duration": \#(rt(1000))}}},
         "active_media_reference_key": "DEFAULT_MEDIA"}
        """#
    }

    private func warp(_ scalar: Double) -> String {
        #"{"OTIO_SCHEMA": "LinearTimeWarp.1", "metadata": {}, "name": "", "effect_name": "LinearTimeWarp", "time_scalar": \#(scalar)}"#
    }
    private let freeze = #"{"OTIO_SCHEMA": "FreezeFrame.1", "metadata": {}, "name": "", "effect_name": "FreezeFrame", "time_scalar": 0.0}"#

    /// A 25 fps file; media m.mov starts at 01:00:00:00 (frame 90000) and holds 1000 frames.
    private var handWritten: String {
        let clips = [
            clip("fast", start: 90021, duration: 30, effect: warp(2.0)),
            clip("slow", start: 90100, duration: 40, effect: warp(0.5)),
            clip("third", start: 90010, duration: 9, effect: warp(1.0 / 3.0)),
            clip("hold", start: 90050, duration: 12, effect: freeze),
            clip("back", start: 90200, duration: 10, effect: warp(-1.0)),
        ]
        return #"""
        {"OTIO_SCHEMA": "Timeline.1", "name": "speeds", "metadata": {}, "global_start_time": null,
         "tracks": {"OTIO_SCHEMA": "Stack.1", "name": "tracks", "metadata": {}, "effects": [], "markers": [], "source_range": null,
          "children": [{"OTIO_SCHEMA": "Track.1", "name": "V", "kind": "Video", "metadata": {}, "effects": [], "markers": [],
                        "source_range": null, "children": [\#(clips.joined(separator: ",\n"))]}]}}
        """#
    }

    private func clips(_ project: Project) -> [(name: String, record: FrameRange, source: FrameRange, available: Int64?, speed: ClipSpeed?)] {
        project.timeline.tracks.flatMap { $0.clips }.map { ($0.clip.name, $0.record, $0.clip.source, $0.clip.available, $0.clip.speed) }
    }

    func testImportsTimeWarpsAndFreezesOverTheirRecordDurations() throws {
        let r = try OTIO.read(Data(handWritten.utf8), name: "speeds.otio")
        let c = clips(r.project)
        XCTAssertEqual(c.map(\.name), ["fast", "slow", "third", "hold", "back"])
        XCTAssertEqual(c.map(\.record), [FrameRange(start: 0, duration: 30), FrameRange(start: 30, duration: 40),
                                         FrameRange(start: 70, duration: 9), FrameRange(start: 79, duration: 12),
                                         FrameRange(start: 91, duration: 10)])
        // fast: media frame 21 at 200% is unit 10.5, rounded up to 11 (shows frame 22); 1000 frames = 500 units.
        XCTAssertEqual(c[0].speed, ClipSpeed(numerator: 2, denominator: 1))
        XCTAssertEqual(c[0].source, FrameRange(start: 11, duration: 30))
        XCTAssertEqual(c[0].available, 500)
        // slow: media 100 at 50% is unit 200; 2000 units.
        XCTAssertEqual(c[1].speed, ClipSpeed(numerator: 1, denominator: 2))
        XCTAssertEqual(c[1].source, FrameRange(start: 200, duration: 40))
        XCTAssertEqual(c[1].available, 2000)
        // third: 0.333… becomes exactly 1/3; media 10 is unit 30.
        XCTAssertEqual(c[2].speed, ClipSpeed(numerator: 1, denominator: 3))
        XCTAssertEqual(c[2].source, FrameRange(start: 30, duration: 9))
        XCTAssertEqual(c[2].available, 3000)
        // hold: frame 50 for 12 record frames, unbounded.
        XCTAssertEqual(c[3].speed, ClipSpeed(freezeFrame: 50))
        XCTAssertEqual(c[3].source, FrameRange(start: 0, duration: 12))
        XCTAssertNil(c[3].available)
        // back: −100% from media frame 200, mirrored about the last frame (999): unit 799 shows frame 200.
        XCTAssertEqual(c[4].speed, ClipSpeed(numerator: 1, denominator: 1, reversedFrom: 999))
        XCTAssertEqual(c[4].source, FrameRange(start: 799, duration: 10))
        XCTAssertEqual(c[4].available, 1000)
        XCTAssertEqual(r.project.timeline.tracks[0].clips[4].clip.mediaFrame(atUnit: 799), 200)
        XCTAssertEqual(r.problems.map(\.message), [])
        XCTAssertEqual(r.project.timeline.validate(), [])

        // The real OpenTimelineIO puts the clips on the same record frames.
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("termcut-speeds-\(UUID().uuidString).otio")
        try Data(handWritten.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let dump = try ReferenceOTIO.dump(url, adapter: "native", rate: .fps25)
        XCTAssertNil(dump.error)
        XCTAssertEqual(dump.rows?.map { "\($0.name) \($0.recordStart)+\($0.duration)" },
                       c.map { "\($0.name) \($0.record.start)+\($0.record.duration)" })
    }

    /// Clips at 200%, 50% from an odd unit, 1/3, 150% and a freeze, after 100% material.
    private func speedProject() -> Project {
        let media = MediaReference(id: "m", name: "m.mov", path: "/media/m.mov", duration: RationalTime(1000, .fps25),
                                   video: .init(width: 1920, height: 1080, rate: .fps25, codec: "h264"), startTimecode: 90000)
        var timeline = Timeline(name: "speeds", rate: .fps25, tracks: [])
        func clip(_ name: String, _ units: FrameRange, _ available: Int64?, _ speed: ClipSpeed?, markers: [Marker] = []) -> Item {
            .clip(Clip(id: ClipID(timeline.allocateID()), name: name, media: media.id, source: units, available: available,
                       markers: markers, speed: speed))
        }
        timeline.tracks = [Track(kind: .video, name: "V1", items: ItemList([
            clip("normal", FrameRange(start: 0, duration: 10), 1000, nil),
            clip("fast", FrameRange(start: 10, duration: 30), 500, ClipSpeed(numerator: 2, denominator: 1),
                 markers: [Marker(frame: 20, name: "here")]),
            clip("slow", FrameRange(start: 7, duration: 20), 2000, ClipSpeed(numerator: 1, denominator: 2)),
            clip("third", FrameRange(start: 5, duration: 9), 3000, ClipSpeed(numerator: 1, denominator: 3)),
            clip("brisk", FrameRange(start: 3, duration: 10), 667, ClipSpeed(numerator: 3, denominator: 2)),
            .gap(5),
            clip("hold", FrameRange(start: 0, duration: 12), nil, ClipSpeed(freezeFrame: 33)),
        ]))]
        return Project(name: "speeds", media: [media], timeline: timeline)
    }

    func testRoundTripKeepsSpeedsUnitsAndFreezes() throws {
        let project = speedProject()
        XCTAssertEqual(project.timeline.validate(), [])
        let data = OTIO.write(project, projectFolder: nil)
        let text = String(decoding: data, as: UTF8.self)
        XCTAssertTrue(text.contains("\"OTIO_SCHEMA\": \"LinearTimeWarp.1\""))
        XCTAssertTrue(text.contains("\"OTIO_SCHEMA\": \"FreezeFrame.1\""))
        let back = try OTIO.read(data, name: "speeds.otio")
        XCTAssertEqual(back.problems, [])
        let a = clips(project), b = clips(back.project)
        XCTAssertEqual(b.map(\.name), a.map(\.name))
        XCTAssertEqual(b.map(\.record), a.map(\.record))
        XCTAssertEqual(b.map(\.source), a.map(\.source))
        XCTAssertEqual(b.map(\.available), a.map(\.available))
        XCTAssertEqual(b.map(\.speed), a.map(\.speed))
        XCTAssertEqual(back.project.timeline.tracks[0].clips[1].clip.markers.map(\.frame), [20])
    }

    /// Reverse speeds (negative `time_scalar`) written and read back: the same units, speed,
    /// mirror frame and markers, and each unit shows the same media frame.
    func testReverseSpeedsRoundTrip() throws {
        let media = MediaReference(id: "m", name: "m.mov", path: "/media/m.mov", duration: RationalTime(1000, .fps25),
                                   video: .init(width: 1920, height: 1080, rate: .fps25, codec: "h264"), startTimecode: 90000)
        var timeline = Timeline(name: "reverse", rate: .fps25, tracks: [])
        func clip(_ name: String, _ units: FrameRange, _ available: Int64, _ speed: ClipSpeed?, markers: [Marker] = []) -> Item {
            .clip(Clip(id: ClipID(timeline.allocateID()), name: name, media: media.id, source: units, available: available,
                       markers: markers, speed: speed))
        }
        timeline.tracks = [Track(kind: .video, name: "V1", items: ItemList([
            clip("back", FrameRange(start: 120, duration: 10), 1000, ClipSpeed(numerator: 1, denominator: 1, reversedFrom: 999),
                 markers: [Marker(frame: 125, name: "here")]),
            clip("backslow", FrameRange(start: 41, duration: 20), 2000, ClipSpeed(numerator: 1, denominator: 2, reversedFrom: 999)),
            clip("backfast", FrameRange(start: 30, duration: 15), 500, ClipSpeed(numerator: 2, denominator: 1, reversedFrom: 999)),
        ]))]
        let project = Project(name: "reverse", media: [media], timeline: timeline)
        XCTAssertEqual(project.timeline.validate(), [])
        let data = OTIO.write(project, projectFolder: nil)
        XCTAssertTrue(String(decoding: data, as: UTF8.self).contains("\"time_scalar\": -0.5"))
        let back = try OTIO.read(data, name: "reverse.otio")
        XCTAssertEqual(back.problems, [])
        let a = clips(project), b = clips(back.project)
        XCTAssertEqual(b.map(\.record), a.map(\.record))
        XCTAssertEqual(b.map(\.source), a.map(\.source))
        XCTAssertEqual(b.map(\.available), a.map(\.available))
        XCTAssertEqual(b.map(\.speed), a.map(\.speed))
        XCTAssertEqual(back.project.timeline.tracks[0].clips[0].clip.markers.map(\.frame), [125])
        for (before, after) in zip(project.timeline.tracks[0].clips, back.project.timeline.tracks[0].clips) {
            let units = Array(before.clip.source.start..<before.clip.source.end)
            XCTAssertEqual(units.map(after.clip.mediaFrame(atUnit:)), units.map(before.clip.mediaFrame(atUnit:)), before.clip.name)
        }
    }

    func testExportLoadsInReferenceOpenTimelineIOWithTheSameRecordRanges() throws {
        let project = speedProject()
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("termcut-speed-export-\(UUID().uuidString).otio")
        try OTIO.write(project, projectFolder: nil).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let dump = try ReferenceOTIO.dump(url, adapter: "native", rate: .fps25)
        XCTAssertNil(dump.error)
        let start = project.timeline.startTimecode  // written as global_start_time
        XCTAssertEqual(dump.rows?.map { "\($0.name) \($0.recordStart)+\($0.duration)" },
                       clips(project).map { "\($0.name) \(start + $0.record.start)+\($0.record.duration)" })
        // Media starts as OpenTimelineIO reads them (rounded to whole frames): units × speed + 90000.
        // fast 10×2, slow 7×½ = 3.5 (Python rounds half to even: 4), third 5⁄3 ≈ 1.67 → 2, brisk 3×1.5 = 4.5 → 4, hold 33.
        XCTAssertEqual(dump.rows?.map(\.sourceStart), [90000, 90020, 90004, 90002, 90004, 90033])
    }
}
