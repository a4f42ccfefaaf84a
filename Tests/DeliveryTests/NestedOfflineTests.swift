import Foundation
import TimelineModel
import XCTest
@testable import Delivery

/// A render refuses offline media inside a nested sequence too, over the frames it uses of it.
final class NestedOfflineTests: XCTestCase {
    func media(_ id: String, path: String) -> MediaReference {
        MediaReference(id: MediaID(id), name: "\(id).mov", path: path, duration: RationalTime(3000, .fps30),
                       video: .init(width: 64, height: 36, rate: .fps30, codec: "h264"), audio: nil)
    }

    func clip(_ id: Int64, _ media: String, frames: Int64) -> Item {
        .clip(Clip(id: ClipID(id), name: "\(media).mov", media: MediaID(media), source: FrameRange(start: 0, duration: frames), available: 3000))
    }

    func testOfflineMediaInANestedSequenceIsListedWhereTheRenderUsesIt() throws {
        let readable = FileManager.default.temporaryDirectory.appendingPathComponent("termcut-nested-offline-\(UUID().uuidString).mov")
        try Data([0]).write(to: readable)
        addTeardownBlock { try? FileManager.default.removeItem(at: readable) }
        // Inner: 20 frames of readable media, then 20 of a file that is gone.
        let inner = Timeline(name: "Inner", rate: .fps30, tracks: [
            Track(kind: .video, name: "V1", items: ItemList([clip(1, "here", frames: 20), clip(2, "gone", frames: 20)])),
        ])
        // Outer: 10 frames of readable media, then Inner's frames 15–35 nested.
        var nested = Clip(id: ClipID(3), name: "Inner", media: Clip.sequenceMedia, source: FrameRange(start: 15, duration: 20), available: 40)
        nested.sequence = "Inner"
        var project = Project(name: "p", media: [media("here", path: readable.path), media("gone", path: "/nonexistent/gone.mov")])
        project.timeline = Timeline(name: "Outer", rate: .fps30, tracks: [
            Track(kind: .video, name: "V1", items: ItemList([clip(4, "here", frames: 10), .clip(nested)])),
        ])
        project.otherSequences = [inner]
        let preset = try PresetLibrary().preset(named: "h264")
        let output = URL(fileURLWithPath: "/tmp/out.mp4")

        let whole = try RenderPlan.make(project: project, preset: preset, output: output).offlineClips(in: project)
        XCTAssertEqual(whole, ["nested sequence 'Inner' on V1 at 01:00:00:10: clip 'gone.mov' on V1 at 01:00:00:20: its media (/nonexistent/gone.mov) is offline"])
        // Outer frames 10–14 use Inner's frames 15–19 only: all readable.
        let early = try RenderPlan.make(project: project, preset: preset, output: output, frames: 0..<15).offlineClips(in: project)
        XCTAssertEqual(early, [])
        // A hidden, muted track neither shows nor sounds the nest.
        project.timeline.tracks[0].hidden = true
        project.timeline.tracks[0].muted = true
        XCTAssertEqual(try RenderPlan.make(project: project, preset: preset, output: output).offlineClips(in: project), [])
    }
}
