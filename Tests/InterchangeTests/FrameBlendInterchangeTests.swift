import Foundation
import Interchange
import TimelineModel
import XCTest

/// Frame blending (`ClipSpeed.frameBlend`) is kept by the project file and by OTIO, where it
/// rides on the time warp as `metadata.termcut.frame_blend`; a speed without it is written as
/// before, so older files and other readers see nothing new.
final class FrameBlendInterchangeTests: XCTestCase {
    private func project() -> Project {
        let media = MediaReference(id: "m", name: "m.mov", path: "/media/m.mov", duration: RationalTime(1000, .fps25),
                                   video: .init(width: 1920, height: 1080, rate: .fps25, codec: "h264"))
        var slow = ClipSpeed(numerator: 1, denominator: 2)!
        slow.frameBlend = true
        var back = ClipSpeed(numerator: 1, denominator: 3, reversedFrom: 999)!
        back.frameBlend = true
        var timeline = Timeline(name: "blend", rate: .fps25, tracks: [])
        func clip(_ name: String, _ units: FrameRange, _ available: Int64, _ speed: ClipSpeed) -> Item {
            .clip(Clip(id: ClipID(timeline.allocateID()), name: name, media: media.id, source: units, available: available, speed: speed))
        }
        timeline.tracks = [Track(kind: .video, name: "V1", items: ItemList([
            clip("blended", FrameRange(start: 40, duration: 20), 2000, slow),
            clip("plain", FrameRange(start: 40, duration: 20), 2000, ClipSpeed(numerator: 1, denominator: 2)!),
            clip("backwards", FrameRange(start: 30, duration: 30), 3000, back),
        ]))]
        return Project(name: "blend", media: [media], timeline: timeline)
    }

    private func speeds(_ project: Project) -> [ClipSpeed?] { project.timeline.tracks[0].clips.map(\.clip.speed) }

    func testProjectFileKeepsFrameBlendAndWritesNothingWithout() throws {
        let project = project()
        XCTAssertEqual(project.timeline.validate(), [])
        let data = ProjectFile.encode(project, saveID: nil, folder: nil)
        let back = try ProjectFile.decode(data, path: "b.termcut", folder: nil)
        XCTAssertEqual(back.project.timeline, project.timeline)
        XCTAssertEqual(speeds(back.project).map { $0?.frameBlend }, [true, false, true])
        XCTAssertEqual(String(decoding: data, as: UTF8.self).components(separatedBy: "\"frameBlend\"").count, 3, "two clips blend")
        // A project written before frame blending (no field) loads with it off.
        let old = String(decoding: data, as: UTF8.self)
            .replacingOccurrences(of: #""frameBlend" : true,\s*"#, with: "", options: .regularExpression)
        XCTAssertFalse(old.contains("frameBlend"))
        let older = try ProjectFile.decode(Data(old.utf8), path: "old.termcut", folder: nil)
        XCTAssertEqual(speeds(older.project).map { $0?.frameBlend }, [false, false, false])
    }

    func testOTIOCarriesFrameBlendOnTheTimeWarp() throws {
        let project = project()
        let data = OTIO.write(project, projectFolder: nil)
        let text = String(decoding: data, as: UTF8.self)
        XCTAssertEqual(text.components(separatedBy: "\"frame_blend\": true").count, 3, "on the two blended time warps")
        let back = try OTIO.read(data, name: "blend.otio")
        XCTAssertEqual(back.problems, [])
        XCTAssertEqual(speeds(back.project), speeds(project))
        XCTAssertEqual(back.project.timeline.tracks[0].clips.map(\.clip.source), project.timeline.tracks[0].clips.map(\.clip.source))
    }
}
