import Foundation
import TimelineModel
import XCTest
@testable import Interchange

/// A nested sequence goes to OpenTimelineIO as a nested Stack of the inner sequence's tracks;
/// an edit list cannot nest, so it says so.
final class NestedExportTests: XCTestCase {
    /// Outer: V1 = 10 frames of gap, then the fixture sequence nested from its frame 20 for 60 frames.
    func nestedProject() -> (Project, inner: Timeline) {
        var project = Fixtures.project(rate: .fps25, dropFrame: false)
        let inner = project.timeline
        var nested = Clip(id: ClipID(1), name: "Scene", media: Clip.sequenceMedia, source: FrameRange(start: 20, duration: 60),
                          available: inner.duration)
        nested.sequence = inner.name
        var outer = Timeline(name: "Outer", rate: .fps25, tracks: [Track(kind: .video, name: "V1", items: ItemList([.gap(10), .clip(nested)]))])
        outer.nextID = 2
        project.timeline = outer
        project.otherSequences = [inner]
        return (project, inner)
    }

    func testOTIOWritesANestedStackOfTheInnerTracks() throws {
        let (project, inner) = nestedProject()
        let data = OTIO.write(project, projectFolder: nil)
        let root = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let tracks = try XCTUnwrap((root["tracks"] as? [String: Any])?["children"] as? [[String: Any]])
        let v1 = try XCTUnwrap(tracks.first?["children"] as? [[String: Any]])
        XCTAssertEqual(v1.map { $0["OTIO_SCHEMA"] as? String }, ["Gap.1", "Stack.1"])
        let stack = v1[1]
        XCTAssertEqual(stack["name"] as? String, "Scene")
        XCTAssertEqual(((stack["metadata"] as? [String: Any])?["termcut"] as? [String: Any])?["sequence"] as? String, inner.name)
        let range = try XCTUnwrap(stack["source_range"] as? [String: Any])
        XCTAssertEqual((range["start_time"] as? [String: Any])?["value"] as? Double, 20)
        XCTAssertEqual((range["duration"] as? [String: Any])?["value"] as? Double, 60)
        let children = try XCTUnwrap(stack["children"] as? [[String: Any]])
        XCTAssertEqual(children.map { $0["name"] as? String }, inner.tracks.map(\.name), "the inner sequence's own tracks")
        XCTAssertEqual(children.map { $0["OTIO_SCHEMA"] as? String }, Array(repeating: "Track.1", count: inner.tracks.count))

        // Read back: the same nested clip over the same range, and the inner sequence whole, under its name.
        let back = try OTIO.read(data, name: "nested.otio")
        let items = Array(back.project.timeline.tracks[0].items)
        XCTAssertEqual(items.count, 2, "\(items)")
        guard items.count == 2, case .gap(10) = items[0], case .clip(let nestedBack) = items[1] else { return XCTFail("\(items)") }
        XCTAssertEqual(nestedBack.sequence, inner.name)
        XCTAssertEqual(nestedBack.media, Clip.sequenceMedia)
        XCTAssertEqual(nestedBack.source, FrameRange(start: 20, duration: 60))
        let innerBack = try XCTUnwrap(back.project.sequence(named: inner.name), back.problems.map(\.message).joined(separator: "\n"))
        XCTAssertEqual(innerBack.tracks.map(\.name), inner.tracks.map(\.name))
        XCTAssertEqual(innerBack.duration, inner.duration)
        // Its clips point at the project's media (by path), as the outer sequence's would.
        let paths = Set(innerBack.tracks.flatMap(\.clips).compactMap { back.project.mediaReference($0.clip.media)?.path })
        XCTAssertEqual(paths, Set(project.media.map(\.path)))
        var loaded = back.project
        let problem = loaded.checkAfterLoading().problem
        XCTAssertNil(problem, problem ?? "")
    }

    /// OpenTimelineIO itself reads the file: the Stack sits in V1 at 10–70 and holds the inner tracks.
    func testReferenceOpenTimelineIOReadsTheNestedStack() throws {
        let (project, inner) = nestedProject()
        let python = try ReferenceOTIO.python()
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("termcut-nested-\(UUID().uuidString).otio")
        defer { try? FileManager.default.removeItem(at: file) }
        try OTIO.write(project, projectFolder: nil).write(to: file)
        let script = """
            import sys, opentimelineio as otio
            t = otio.adapters.read_from_file(sys.argv[1])
            s = t.tracks[0][1]
            r = s.range_in_parent()
            print(type(s).__name__, r.start_time.value, r.duration.value, len(s), s.metadata["termcut"]["sequence"])
            """
        let (status, out, err) = ReferenceOTIO.run(python, ["-c", script, file.path])
        XCTAssertEqual(status, 0, err)
        XCTAssertEqual(out.trimmingCharacters(in: .whitespacesAndNewlines), "Stack 10.0 60.0 \(inner.tracks.count) \(inner.name)")
    }

    func testEDLExportNotesThatItCannotNest() {
        let (project, inner) = nestedProject()
        let result = CMX3600.export(project, videoTrack: nil)
        XCTAssertTrue(result.problems.contains { $0.message == "V1 at 01:00:00:10: nested sequence '\(inner.name)' written as reel AX; "
                                                 + "an edit list cannot nest (export that sequence's own list, or use OpenTimelineIO)" },
                      result.problems.map(\.message).joined(separator: "\n"))
        XCTAssertTrue(result.text.contains("AX"), result.text)
    }
}
