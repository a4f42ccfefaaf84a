import Foundation
import XCTest
import TimelineModel
@testable import Interchange

/// Timelines we did not choose: OpenTimelineIO generates them at random (seeded) at every common
/// rate, with reels, clip names, gaps, dissolves, several audio tracks and speed effects, and
/// writes them with its own OTIO and CMX 3600 adapters. termcut reads each and writes it again;
/// OpenTimelineIO reads both and must find the same clips, names, reels, source and record
/// ranges, speeds and transitions (`scripts/otio-conformance.py` says what is compared).
///
/// `TERMCUT_CONFORMANCE_COUNT` (default 200) timelines per run; `TERMCUT_CONFORMANCE_SEED`
/// replays a run (the seed is printed on failure).
final class OTIOConformanceTests: XCTestCase {
    func testGeneratedTimelinesSurviveImportAndExport() throws {
        let python = try ReferenceOTIO.python()
        let env = ProcessInfo.processInfo.environment
        let count = env["TERMCUT_CONFORMANCE_COUNT"].flatMap(Int.init) ?? 200
        let seed = env["TERMCUT_CONFORMANCE_SEED"].flatMap(UInt32.init) ?? UInt32.random(in: 1...UInt32.max)
        let script = Corpus.repoRoot.appendingPathComponent("scripts/otio-conformance.py").path
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("termcut-conformance-\(seed)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        // TERMCUT_CONFORMANCE_KEEP=1 keeps the files to look at.
        defer { if env["TERMCUT_CONFORMANCE_KEEP"] == nil { try? FileManager.default.removeItem(at: folder) } }
        let replay = "\(folder.path): seed \(seed) (replay: TERMCUT_CONFORMANCE_SEED=\(seed) TERMCUT_CONFORMANCE_COUNT=\(count))"

        let (genStatus, _, genErr) = ReferenceOTIO.run(python, [script, "generate", "\(seed)", "\(count)", folder.path])
        XCTAssertEqual(genStatus, 0, "\(replay): generating failed: \(genErr.suffix(2000))")
        guard genStatus == 0 else { return }

        let stems = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".rate") }.map { String($0.dropLast(5)) }.sorted()
        XCTAssertEqual(stems.count, count, replay)
        for stem in stems {
            let base = folder.appendingPathComponent(stem)
            let fields = try String(contentsOf: base.appendingPathExtension("rate"), encoding: .utf8).split(separator: " ")
            let rate = try XCTUnwrap(Rate(parsing: String(fields[1])), "\(replay): \(stem).rate")
            let otio = try OTIO.read(try Data(contentsOf: base.appendingPathExtension("otio")), name: "\(stem).otio")
            try OTIO.write(otio.project, projectFolder: nil).write(to: folder.appendingPathComponent("\(stem).back.otio"))
            let edl = try CMX3600.read(try Data(contentsOf: base.appendingPathExtension("edl")), rate: rate, name: "\(stem).edl")
            try Data(CMX3600.write(edl.project, videoTrack: nil).utf8).write(to: folder.appendingPathComponent("\(stem).back.edl"))
        }

        let (status, out, err) = ReferenceOTIO.run(python, [script, "compare", folder.path])
        XCTAssertEqual(status, 0, "\(replay): \(out.split(separator: "\n").prefix(12).joined(separator: "\n"))\(err.suffix(2000))")
        XCTAssertTrue(out.hasPrefix("{\"checked\": \(2 * count),"), "\(replay): \(out.prefix(300))")
    }
}
