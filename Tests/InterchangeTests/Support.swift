import Foundation
import XCTest
import TimelineModel
@testable import Interchange

/// Where the shared test corpus lives: `$TERMCUT_CORPUS`, else `<repo root>/../shared/corpus`.
enum Corpus {
    static let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var root: URL {
        if let env = ProcessInfo.processInfo.environment["TERMCUT_CORPUS"], !env.isEmpty { return URL(fileURLWithPath: env) }
        return repoRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus")
    }

    static func files(_ folder: String, extensions: Set<String>) -> [URL] {
        let dir = root.appendingPathComponent(folder)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return names.sorted().map { dir.appendingPathComponent($0) }
            .filter { extensions.contains($0.pathExtension.lowercased()) }
    }

    static var otioFiles: [URL] { files("edl/otio", extensions: ["otio"]) }
    static var edlFiles: [URL] { files("edl/pycmx", extensions: ["edl", "txt", "cdl"]) + files("edl/python-edl", extensions: ["edl"]) }
}

/// One clip as both sides can describe it: name, source range in media time and record range
/// in absolute record time (timeline start + position), all in frames at the timeline rate.
struct ClipRow: Hashable, Comparable, CustomStringConvertible {
    /// Track index ("0", "1"…) for OTIO files, track name ("V1", "A2") for EDLs.
    var track: String
    var name: String
    var sourceStart: Int64
    var duration: Int64
    var recordStart: Int64

    static func < (a: ClipRow, b: ClipRow) -> Bool {
        (a.track, a.recordStart, a.name, a.sourceStart) < (b.track, b.recordStart, b.name, b.sourceStart)
    }

    var description: String { "\(track) '\(name)' src \(sourceStart)+\(duration) rec \(recordStart)" }
}

extension Project {
    /// Our side of a comparison: source ranges back in media time (media timecode added); for a
    /// clip with a speed the source start is its first media frame (OpenTimelineIO's convention).
    func clipRows(byName: Bool = false) -> [ClipRow] {
        var rows: [ClipRow] = []
        let rate = timeline.rate
        for (t, track) in timeline.tracks.enumerated() {
            for (clip, record) in track.clips {
                var base: Int64 = 0
                if let media = mediaReference(clip.media) {
                    base = RationalTime(media.startTimecode, media.duration.rate).rescaled(to: rate, rounding: .nearest).value
                }
                rows.append(ClipRow(track: byName ? track.name : String(t), name: clip.name, sourceStart: base + clip.mediaFrame(atUnit: clip.source.start),
                                    duration: clip.duration, recordStart: timeline.startTimecode + record.start))
            }
        }
        return rows
    }
}

/// The reference OpenTimelineIO in a venv made by scripts/otio-venv.sh.
enum ReferenceOTIO {
    nonisolated(unsafe) private static var cached: Result<String, Error>?
    private static let lock = NSLock()

    struct Unavailable: Error, CustomStringConvertible { var description: String }

    /// The venv's python, creating the venv on first use; throws (failing the test) when it cannot be made.
    static func python() throws -> String {
        lock.lock()
        defer { lock.unlock() }
        if cached == nil {
            let script = Corpus.repoRoot.appendingPathComponent("scripts/otio-venv.sh").path
            let (status, out, err) = run("/bin/bash", [script])
            if status == 0, let last = out.split(separator: "\n").last {
                cached = .success(String(last))
            } else {
                cached = .failure(Unavailable(description: "the OpenTimelineIO venv could not be created (no PyPI?): \(err.suffix(400))"))
            }
        }
        switch cached! {
        case .success(let p): return p
        // A missing venv is a broken install step (CI makes it): a failure, never a skip.
        case .failure(let e): throw e
        }
    }

    static func run(_ executable: String, _ arguments: [String], stdin: Data? = nil) -> (Int32, String, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let outPipe = Pipe(), errPipe = Pipe(), inPipe = Pipe()
        process.standardOutput = outPipe
        process.standardError = errPipe
        process.standardInput = inPipe
        do { try process.run() } catch { return (-1, "", "\(error)") }
        if let stdin { inPipe.fileHandleForWriting.write(stdin) }
        try? inPipe.fileHandleForWriting.close()
        // Read both pipes concurrently so neither fills up and blocks the child.
        nonisolated(unsafe) var errData = Data()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async { errData = errPipe.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        let outData = outPipe.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
    }

    /// Python that prints, per clip of every track, what OpenTimelineIO makes of the file:
    /// name, source start and duration (frames at the timeline rate), and the absolute record
    /// start: global_start_time + range_in_parent − the track's source_range start.
    static let dumpScript = #"""
import sys, json
import opentimelineio as otio
path, adapter, rate_num, rate_den = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
rate = rate_num / rate_den
if adapter == 'cmx_3600':
    text = open(path, encoding='utf-8', errors='replace').read()
    try:
        tl = otio.adapters.read_from_string(text, adapter_name='cmx_3600', rate=rate)
        mode = 'strict'
    except Exception:
        try:
            tl = otio.adapters.read_from_string(text, adapter_name='cmx_3600', rate=rate, ignore_timecode_mismatch=True)
            mode = 'ignore_timecode_mismatch'
        except Exception as e:
            print(json.dumps({'error': type(e).__name__ + ': ' + str(e)})); sys.exit(0)
else:
    tl = otio.adapters.read_from_file(path)
    mode = 'native'
def fr(t):
    return int(round(t.rescaled_to(rate).value))
start = fr(tl.global_start_time) if tl.global_start_time is not None else 0
rows = []
for ti, track in enumerate(tl.tracks):
    offset = fr(track.source_range.start_time) if track.source_range is not None else 0
    for item in track:
        if isinstance(item, otio.schema.Transition) or isinstance(item, otio.schema.Gap):
            continue
        r = item.range_in_parent()
        sr = item.trimmed_range()
        rows.append({'track': ti, 'trackName': track.name, 'kind': type(item).__name__, 'name': item.name, 'generator': isinstance(getattr(item, 'media_reference', None), otio.schema.GeneratorReference),
                     'sourceStart': fr(sr.start_time), 'duration': fr(r.duration),
                     'recordStart': start + fr(r.start_time) - offset})
print(json.dumps({'mode': mode, 'tracks': [t.kind for t in tl.tracks], 'rows': rows}))
"""#

    struct Dump: Decodable {
        struct Row: Decodable { var track: Int; var trackName: String; var kind: String; var generator: Bool; var name: String; var sourceStart: Int64; var duration: Int64; var recordStart: Int64 }
        var mode: String?
        var tracks: [String]?
        var rows: [Row]?
        var error: String?
    }

    static func dump(_ file: URL, adapter: String, rate: Rate) throws -> Dump {
        let python = try python()
        let script = FileManager.default.temporaryDirectory.appendingPathComponent("termcut-otio-dump.py")
        try Data(dumpScript.utf8).write(to: script)
        let (status, out, err) = run(python, [script.path, file.path, adapter, "\(rate.numerator)", "\(rate.denominator)"])
        guard status == 0, let line = out.split(separator: "\n").last else {
            throw Unavailable(description: "reference dump failed for \(file.lastPathComponent): \(err.suffix(600))")
        }
        return try JSONDecoder().decode(Dump.self, from: Data(line.utf8))
    }

    /// OpenTimelineIO's rows in our terms: EDL track "V" is our "V1"; OTIO files by track index.
    static func rows(_ dump: Dump, byName: Bool) -> [(row: ClipRow, kind: String, generator: Bool)] {
        (dump.rows ?? []).map { r in
            let track = byName ? (r.trackName == "V" ? "V1" : r.trackName) : String(r.track)
            return (ClipRow(track: track, name: r.name, sourceStart: r.sourceStart, duration: r.duration, recordStart: r.recordStart), r.kind, r.generator)
        }
    }
}
