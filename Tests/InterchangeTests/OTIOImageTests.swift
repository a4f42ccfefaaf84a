import Foundation
import Interchange
import TimelineModel
import XCTest

/// An image clip with motion keyframes in OpenTimelineIO: the real `opentimelineio` library
/// loads termcut's file and sees a `termcut.Image` generator with the file's URL, its placement
/// and the keyframes; termcut reads its own file back to the same clip; values out of range in
/// a hand-edited file are left out.
final class OTIOImageTests: XCTestCase {
    private func project() throws -> (Project, ClipID) {
        var t = Timeline(name: "T", rate: .fps25, tracks: [Track(kind: .video, name: "V1", items: ItemList([.gap(100)]))])
        let id = try XCTUnwrap(try t.addImage(ImageOverlay(path: "/media/logos/bug logo.png", position: .point(x: 0.9, y: 0.1), scale: 0.5,
                                                           opacity: 0.8, fadeIn: 5, fadeOut: 10), at: 20, duration: 50, track: nil).created.first)
        try t.addMotionKeyframe(clip: id, MotionKeyframe(frame: 0, x: 1.2, opacity: 0, ease: .easeOut))
        try t.addMotionKeyframe(clip: id, MotionKeyframe(frame: 25, x: 0.9, scale: 1.5, opacity: 1))
        var p = Project(name: "p")
        p.timeline = t
        return (p, id)
    }

    func testOpenTimelineIOLoadsTheImageGeneratorAndTermcutReadsItBack() throws {
        let (p, id) = try project()
        let data = OTIO.write(p, projectFolder: nil)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("termcut-image-\(UUID().uuidString).otio")
        defer { try? FileManager.default.removeItem(at: url) }
        try data.write(to: url)
        let python = try ReferenceOTIO.python()
        let script = """
            import sys, opentimelineio as otio
            tl = otio.adapters.read_from_file(sys.argv[1])
            for c in tl.find_clips():
                ref = c.media_reference
                if not isinstance(ref, otio.schema.GeneratorReference): continue
                p = ref.parameters
                print(ref.generator_kind, p["target_url"], p["position"], p["scale"], p["opacity"], p["fade_in"], p["fade_out"])
                print(c.range_in_parent().start_time.value, c.source_range.duration.value)
                for k in p["motion"]:
                    print(k["frame"], k.get("x"), k.get("scale"), k.get("opacity"), k["ease"])
            """
        let (status, out, err) = ReferenceOTIO.run(python, ["-c", script, url.path])
        XCTAssertEqual(status, 0, err)
        XCTAssertEqual(out.split(separator: "\n").map(String.init), [
            "termcut.Image file:///media/logos/bug%20logo.png 0.9,0.1 0.5 0.8 5 10",
            "20.0 50.0",
            "0 1.2 None 0.0 ease-out",
            "25 0.9 1.5 1.0 linear",
        ])
        let back = try OTIO.read(data, name: "p.otio")
        let clip = try XCTUnwrap(back.project.timeline.tracks.flatMap(\.clips).first { $0.clip.image != nil })
        let original = try XCTUnwrap(p.timeline.clip(id))
        XCTAssertEqual(clip.clip.image, original.clip.image)
        XCTAssertEqual(clip.clip.motion, original.clip.motion)
        XCTAssertEqual(clip.record, original.record)
    }

    func testOutOfRangeValuesInAHandEditedFileAreLeftOut() throws {
        let (p, _) = try project()
        var json = String(decoding: OTIO.write(p, projectFolder: nil), as: UTF8.self)
        json = json.replacingOccurrences(of: "\"scale\": 0.5", with: "\"scale\": 500")
        json = json.replacingOccurrences(of: "\"opacity\": 0.0", with: "\"opacity\": 7")
        let back = try OTIO.read(Data(json.utf8), name: "edited.otio")
        let clip = try XCTUnwrap(back.project.timeline.tracks.flatMap(\.clips).first { $0.clip.image != nil }?.clip)
        XCTAssertEqual(clip.image?.scale, 1, "a scale of 500 is out of range: the default")
        XCTAssertEqual(clip.motion.map(\.frame), [25], "the keyframe with opacity 7 is left out")
    }
}
