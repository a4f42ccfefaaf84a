import Foundation
import XCTest
import TimelineModel
@testable import Interchange

final class OTIOTests: XCTestCase {
    static let rates: [(Rate, Bool)] = [(.fps23_976, false), (.fps25, false), (.fps29_97, true)]

    func testRoundTripKeepsTracksRangesTransitionsAndMarkers() throws {
        for (rate, df) in OTIOTests.rates {
            let project = Fixtures.project(rate: rate, dropFrame: df)
            let data = OTIO.write(project, projectFolder: URL(fileURLWithPath: "/projects/demo"))
            let back = try OTIO.read(data, name: "roundtrip.otio")
            // The relative path comes back absolute (the project folder was given); nothing else changes.
            let expected = Fixtures.summary(project).map { $0.replacingOccurrences(of: "'footage/broll.mp4'", with: "'/projects/demo/footage/broll.mp4'") }
            XCTAssertEqual(Fixtures.summary(back.project), expected, "\(rate)")
            XCTAssertEqual(back.problems, [], "\(rate)")
            XCTAssertEqual(back.project.timeline.name, project.timeline.name)
            // The audio-only media keeps its sample rate, the 2× picture its own rate.
            XCTAssertEqual(back.project.media.first { $0.name == "music.wav" }?.duration, RationalTime(48_000 * 300, .audio48k))
        }
    }

    func testWriteIsStableAndPretty() {
        let project = Fixtures.project(rate: .fps25, dropFrame: false)
        let a = OTIO.write(project, projectFolder: nil), b = OTIO.write(project, projectFolder: nil)
        XCTAssertEqual(a, b)
        let text = String(decoding: a, as: UTF8.self)
        XCTAssertTrue(text.hasPrefix("{\n    \"OTIO_SCHEMA\": \"Timeline.1\",\n    \"metadata\": {"))
        XCTAssertTrue(text.contains("\"target_url\": \"file:///media/interview.mov\""))
        // Without a project folder a relative path stays relative.
        XCTAssertTrue(text.contains("\"target_url\": \"footage/broll.mp4\""))
        XCTAssertTrue(text.contains("\"OTIO_SCHEMA\": \"MissingReference.1\""))
    }

    /// What we export loads in the real OpenTimelineIO 0.18.1 with the same clips and ranges.
    func testExportLoadsInReferenceOpenTimelineIO() throws {
        for (rate, df) in OTIOTests.rates {
            let project = Fixtures.project(rate: rate, dropFrame: df)
            let url = FileManager.default.temporaryDirectory.appendingPathComponent("termcut-export-\(rate.numerator).otio")
            try OTIO.write(project, projectFolder: URL(fileURLWithPath: "/projects/demo")).write(to: url)
            let dump = try ReferenceOTIO.dump(url, adapter: "native", rate: rate)
            XCTAssertNil(dump.error)
            let theirs = ReferenceOTIO.rows(dump, byName: false).map(\.row)
            XCTAssertEqual(theirs.sorted(), project.clipRows().sorted(), "\(rate)")
            XCTAssertEqual(dump.tracks, ["Video", "Video", "Audio", "Audio"])
        }
    }

    /// Names OpenTimelineIO lists that we do not, and the reverse, per corpus file, worked out
    /// from the files by hand; each a deliberate choice.
    static let expectedDifferences: [String: (onlyOTIO: Set<String>, onlyOurs: Set<String>, reason: String)] = [
        "nested_example.otio": (["Nested Stack 1", "Nested Stack 2 (with effects)", "Nested Track"],
                                ["Clip Inside A Stack 1", "Clip Inside A Stack 2", "Clip Inside A Track"],
                                "a stack or track nested in a track is flattened into the clips it shows"),
        "premiere_example.otio": (["sc01_sh010_anim"], [],
                                  "the nested stack 'sc01_sh010_anim' has no children: read as empty record time"),
        "screening_example.otio": (["ZZ100_501 (LAY3)", "ZZ100_502A (LAY3)", "ZZ100_503A (LAY1)", "ZZ100_504C (LAY1)", "ZZ100_504B (LAY1)",
                                    "ZZ100_507C (LAY2)", "ZZ100_508 (LAY2)", "ZZ100_510 (LAY1)", "ZZ100_510B (LAY1)"],
                                   ["ZZ100_501 (LAY3)", "ZZ100_502A (LAY3)", "ZZ100_503A (LAY1)", "ZZ100_504C (LAY1)", "ZZ100_504B (LAY1)",
                                    "ZZ100_507C (LAY2)", "ZZ100_508 (LAY2)", "ZZ100_510 (LAY1)", "ZZ100_510B (LAY1)"],
                                   "track V's source_range [-86243, +1049) shows none of its clips; we ignore that trim (clips from record 0), OpenTimelineIO places them at 86243"),
    ]

    func testCorpusAgreesWithReferenceOpenTimelineIO() throws {
        let files = try CorpusFolder.require(Corpus.otioFiles, under: Corpus.root)
        for file in files {
            let ours = try OTIO.read(try Data(contentsOf: file), name: file.lastPathComponent)
            let dump = try ReferenceOTIO.dump(file, adapter: "native", rate: ours.project.timeline.rate)
            XCTAssertNil(dump.error, file.lastPathComponent)
            let theirs = ReferenceOTIO.rows(dump, byName: false).map(\.row)
            let oursRows = ours.project.clipRows()
            let onlyTheirs = Set(Set(theirs).subtracting(oursRows).map(\.name))
            let onlyOurs = Set(Set(oursRows).subtracting(theirs).map(\.name))
            let expected = OTIOTests.expectedDifferences[file.lastPathComponent]
            XCTAssertEqual(onlyTheirs, expected?.onlyOTIO ?? [], "\(file.lastPathComponent): only in OpenTimelineIO")
            XCTAssertEqual(onlyOurs, expected?.onlyOurs ?? [], "\(file.lastPathComponent): only ours")
        }
    }

    func testCorpusProblemsNameWhatWasLeftOut() throws {
        let nested = Corpus.root.appendingPathComponent("edl/otio/nested_example.otio")
        try CorpusFolder.require(nested)
        let r = try OTIO.read(try Data(contentsOf: nested), name: "nested_example.otio")
        let text = r.problems.map(\.description)
        XCTAssertTrue(text.contains { $0.contains("speed 85.5% (LinearTimeWarp)") }, "\(text)")
        XCTAssertTrue(text.contains { $0.contains("freeze frame") })
        XCTAssertTrue(text.contains { $0.hasPrefix("line ") && $0.contains("nested stack 'Nested Stack 1' flattened") })
        // Hand-read from the file: the 'Nested Track' is 4 frames holding a 1-frame clip at 471.
        let v1 = r.project.timeline.tracks[0]
        let inner = v1.clips.first { $0.clip.name == "Clip Inside A Track" }
        XCTAssertEqual(inner?.record, FrameRange(start: 394, duration: 1))
        XCTAssertEqual(v1.duration, 238 + 31 + 33 + 29 + 63 + 4 + 238)
    }

    func testTransitionsMapToTheOutgoingClip() throws {
        let file = Corpus.root.appendingPathComponent("edl/otio/transition_test.otio")
        try CorpusFolder.require(file)
        let r = try OTIO.read(try Data(contentsOf: file), name: "transition_test.otio")
        let clips = r.project.timeline.tracks[0].clips.map(\.clip)
        // t0 leads the track (dropped, reported); t1 sits between A and B; t3 follows C.
        XCTAssertEqual(clips.map { $0.transitionOut }, [Transition(kind: .dissolve, duration: 20, alignment: .centered), nil,
                                                         Transition(kind: .dissolve, duration: 20, alignment: .centered)])
        XCTAssertEqual(r.problems.count, 1)
        XCTAssertEqual(r.problems.first?.line, 11)
    }

    func testUnknownSchemasHugeNumbersAndGarbage() throws {
        let json = """
        {"OTIO_SCHEMA": "Timeline.1", "name": "x", "tracks": {"OTIO_SCHEMA": "Stack.1", "children": [
          {"OTIO_SCHEMA": "Track.1", "kind": "Video", "children": [
            {"OTIO_SCHEMA": "Foo.3", "source_range": {"OTIO_SCHEMA": "TimeRange.1",
               "start_time": {"OTIO_SCHEMA": "RationalTime.1", "rate": 24, "value": 0},
               "duration": {"OTIO_SCHEMA": "RationalTime.1", "rate": 24, "value": 12}}},
            {"OTIO_SCHEMA": "Clip.1", "name": "big", "source_range": {"OTIO_SCHEMA": "TimeRange.1",
               "start_time": {"OTIO_SCHEMA": "RationalTime.1", "rate": 24, "value": 0},
               "duration": {"OTIO_SCHEMA": "RationalTime.1", "rate": 24, "value": 9999999999999999999999}}},
            {"OTIO_SCHEMA": "Bar.1"},
            {"OTIO_SCHEMA": "Clip.1", "name": "ok", "media_reference": null, "source_range": {"OTIO_SCHEMA": "TimeRange.1",
               "start_time": {"OTIO_SCHEMA": "RationalTime.1", "rate": 24, "value": 5},
               "duration": {"OTIO_SCHEMA": "RationalTime.1", "rate": 24, "value": NaN}}}
          ]}]}}
        """
        let r = try OTIO.read(Data(json.utf8), name: "odd.otio")
        XCTAssertEqual(Array(r.project.timeline.tracks[0].items), [.gap(12)])
        let text = r.problems.map(\.description)
        XCTAssertTrue(text.contains("line 3: unknown schema Foo.3 in a track; replaced by a gap of 12 frames"), "\(text)")
        XCTAssertTrue(text.contains("line 9: unknown schema Bar.1 in a track; skipped"), "\(text)")
        XCTAssertTrue(text.contains { $0.contains("out of range") })
        XCTAssertThrowsError(try OTIO.read(Data("not json".utf8), name: "a.otio")) { error in
            XCTAssertEqual("\(error)", "a.otio: line 1: not JSON: not a JSON value: not")
        }
        XCTAssertThrowsError(try OTIO.read(Data(String(repeating: "[", count: 100_000).utf8), name: "deep.otio"))
        XCTAssertThrowsError(try OTIO.read(Data("{\"a\": 1}".utf8), name: "b.otio"))
    }
}
