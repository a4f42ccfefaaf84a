import Foundation
import XCTest
import TimelineModel
@testable import Interchange

/// A clip's grade in OpenTimelineIO (an `Effect.1` named `termcut.grade`) and in the project
/// file: written, read back equal, and a bad one reported rather than applied.
final class OTIOGradeTests: XCTestCase {
    func gradedProject() -> Project {
        let media = MediaReference(id: "m", name: "m.mov", path: "/media/m.mov", duration: RationalTime(1000, .fps25),
                                   video: .init(width: 1920, height: 1080, rate: .fps25, codec: "h264"))
        var grade = Grade()
        grade.exposure = 0.5
        grade.lift = ChannelValues(red: 0.01, green: -0.02, blue: 0, master: 0.005)
        grade.gain.master = 1.1
        grade.saturation = 1.25
        grade.temperature = -0.3
        grade.lut = GradeLUT(path: "/looks/film.cube", interpolation: .trilinear)
        var timeline = Timeline(name: "graded", rate: .fps25, tracks: [])
        var graded = Clip(id: ClipID(timeline.allocateID()), name: "graded", media: media.id, source: FrameRange(start: 0, duration: 50), available: 1000)
        graded.grade = grade
        let plain = Clip(id: ClipID(timeline.allocateID()), name: "plain", media: media.id, source: FrameRange(start: 50, duration: 50), available: 1000)
        timeline.tracks = [Track(kind: .video, name: "V1", items: ItemList([.clip(graded), .clip(plain)]))]
        return Project(name: "graded", media: [media], timeline: timeline)
    }

    func testOTIORoundTripKeepsTheGrade() throws {
        let project = gradedProject()
        let data = OTIO.write(project, projectFolder: nil)
        XCTAssertTrue(String(decoding: data, as: UTF8.self).contains("\"effect_name\": \"termcut.grade\""))
        let back = try OTIO.read(data, name: "graded.otio")
        XCTAssertEqual(back.problems, [])
        let clips = back.project.timeline.tracks[0].clips.map(\.clip)
        XCTAssertEqual(clips.map(\.grade), project.timeline.tracks[0].clips.map(\.clip.grade))
        XCTAssertNil(clips[1].grade)
    }

    func testAnOutOfRangeGradeInOTIOIsReportedAndIgnored() throws {
        var text = String(decoding: OTIO.write(gradedProject(), projectFolder: nil), as: UTF8.self)
        text = text.replacingOccurrences(of: "\"exposure\": 0.5", with: "\"exposure\": 99")
        let back = try OTIO.read(Data(text.utf8), name: "bad.otio")
        XCTAssertNil(back.project.timeline.tracks[0].clips[0].clip.grade)
        XCTAssertTrue(back.problems.contains { $0.message.contains("exposure 99.0 is out of range") }, "\(back.problems)")
    }

    func testProjectFileKeepsTheGradeAndOlderProjectsHaveNone() throws {
        let project = gradedProject()
        let data = ProjectFile.encode(project, saveID: nil, folder: nil)
        let back = try ProjectFile.decode(data, path: "g.termcut", folder: nil)
        XCTAssertEqual(back.project.timeline, project.timeline)
        XCTAssertEqual(String(decoding: data, as: UTF8.self).components(separatedBy: "\"grade\"").count, 2, "one clip has a grade")
        // A clip without a grade writes no field, so files stay as older termcuts wrote them.
        var ungraded = project
        ungraded.timeline.tracks[0].items = ItemList([.clip(project.timeline.tracks[0].clips[1].clip)])
        XCTAssertFalse(String(decoding: ProjectFile.encode(ungraded, saveID: nil, folder: nil), as: UTF8.self).contains("\"grade\""))
    }
}
