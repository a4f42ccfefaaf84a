import App
import Editor
import Foundation
import Render
import Delivery
import TimelineModel
import XCTest

/// `normalize` on corpus speech (debian.wav: −23.3 LUFS, −5.0 dBTP) and music (the first 20 s of
/// Lively_Light.mp3: −12.6 LUFS, +0.2 dBTP): the Render mix written to a WAV and measured by
/// FFmpeg's `ebur128` lands within 0.5 LU of the target and under the ceiling.
final class NormalizeTests: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("termcut-normalize-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    static var corpus: URL {
        if let override = ProcessInfo.processInfo.environment["TERMCUT_CORPUS"] {
            return URL(fileURLWithPath: override).appendingPathComponent("media")
        }
        return URL(fileURLWithPath: "/work/shared/corpus/media")
    }

    /// Speech at record 0, then 20 s of music, both on A1.
    func editorWithSpeechAndMusic(journalled: Bool = false) throws -> Editor {
        let speech = Self.corpus.appendingPathComponent("debian.wav"), music = Self.corpus.appendingPathComponent("Lively_Light.mp3")
        for f in [speech, music] where !FileManager.default.fileExists(atPath: f.path) { throw XCTSkip("corpus file \(f.lastPathComponent) not found") }
        let editor = journalled
            ? try Editor(openingOrCreating: folder.appendingPathComponent("p.termcut"), forScript: false, registry: MeasureLoudness.registry,
                         catalog: LibavMediaCatalog())
            : Editor(project: Project(name: "t", bins: [Bin(name: "Media")]), registry: MeasureLoudness.registry, catalog: LibavMediaCatalog())
        let (ok, messages) = editor.runScript("""
            import \(speech.path)
            import \(music.path)
            source debian
            insert
            source Lively_Light
            mark-in 00:00:00:00
            mark-out 00:00:19:29
            insert
            """)
        XCTAssertTrue(ok, messages.joined(separator: "\n"))
        XCTAssertEqual(editor.timeline.tracks[editor.timeline.trackIndex(named: "A1")!].clips.count, 2)
        return editor
    }

    /// FFmpeg's integrated loudness and true peak of the mix over record frames `frames`.
    func reference(_ project: Project, frames: Range<Int64>) throws -> (integrated: Double, truePeak: Double) {
        let rate = project.timeline.rate
        let start = AudioMix.sample(ofFrame: frames.lowerBound, rate: rate), end = AudioMix.sample(ofFrame: frames.upperBound, rate: rate)
        let samples = TimelineRenderer(project: project, pool: ProgrammeLoudness.makePool()).sound(from: start, count: Int(end - start))
        let wav = folder.appendingPathComponent("mix-\(UUID().uuidString).wav")
        var data = Data()
        func u32(_ v: Int) { withUnsafeBytes(of: UInt32(v).littleEndian) { data.append(contentsOf: $0) } }
        func u16(_ v: Int) { withUnsafeBytes(of: UInt16(v).littleEndian) { data.append(contentsOf: $0) } }
        data.append(contentsOf: Array("RIFF".utf8)); u32(36 + samples.count * 4); data.append(contentsOf: Array("WAVE".utf8))
        data.append(contentsOf: Array("fmt ".utf8)); u32(16); u16(3); u16(2); u32(48000); u32(48000 * 8); u16(8); u16(32)
        data.append(contentsOf: Array("data".utf8)); u32(samples.count * 4)
        samples.withUnsafeBytes { data.append(contentsOf: $0) }
        try data.write(to: wav)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["ffmpeg", "-nostdin", "-hide_banner", "-i", wav.path, "-af", "ebur128=peak=true", "-f", "null", "-"]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let log = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertNotEqual(process.terminationStatus, 127, "ffmpeg is not installed (scripts/install-deps.sh)")
        guard let summary = log.range(of: "Summary:") else { XCTFail("no ebur128 summary:\n\(log.suffix(800))"); throw CocoaError(.fileReadCorruptFile) }
        var values: [String: Double] = [:]
        for line in log[summary.upperBound...].split(separator: "\n") {
            let parts = line.split(separator: " ")
            if parts.count >= 2, ["I:", "Peak:"].contains(parts[0]) { values[String(parts[0])] = Double(parts[1]) ?? -.infinity }
        }
        return (try XCTUnwrap(values["I:"]), try XCTUnwrap(values["Peak:"]))
    }

    func testProgrammeToMinus16UnderMinus1() throws {
        let editor = try editorWithSpeechAndMusic(journalled: true)
        let original = editor.project
        let result = editor.execute("normalize --target -16 --ceiling -1 programme")
        XCTAssertTrue(result.message.hasPrefix("normalize the programme to -16.0 LUFS: gain -"), result.message)
        XCTAssertTrue(result.message.contains("on 2 clips; before I"), result.message)
        let measured = try reference(editor.project, frames: 0..<editor.timeline.duration)
        print("\(result.message) | ffmpeg: I \(measured.integrated) LUFS, TP \(measured.truePeak) dBTP")
        XCTAssertEqual(measured.integrated, -16, accuracy: 0.5, result.message)
        XCTAssertLessThanOrEqual(measured.truePeak, -1, result.message)
        // Both clips got the same gain, as one undoable change.
        let gains = editor.timeline.tracks[editor.timeline.trackIndex(named: "A1")!].clips.map(\.clip.gainDB)
        XCTAssertEqual(gains[0], gains[1])
        // What the journal keeps: the gain applied, which replays to the same gains without measuring.
        let journal = try String(contentsOf: folder.appendingPathComponent("p.termcut.journal"), encoding: .utf8)
        let line = try XCTUnwrap(journal.split(separator: "\n").first { $0.contains("clip-gain-nudge") }, journal)
        XCTAssertFalse(journal.contains("normalize"), "the measurement is not replayed")
        let replay = Editor(project: original, registry: MeasureLoudness.registry)
        // The journal record is JSON; the command is its string up to the closing quote.
        let command = String(line[line.range(of: "clip-gain-nudge")!.lowerBound...].prefix { $0 != "\"" })
        XCTAssertEqual(replay.execute(command).isError, false, command)
        XCTAssertEqual(replay.timeline.tracks[replay.timeline.trackIndex(named: "A1")!].clips.map(\.clip.gainDB), gains)
        XCTAssertLessThan(gains[0], -2)
        editor.execute("undo")
        XCTAssertEqual(editor.timeline.tracks[editor.timeline.trackIndex(named: "A1")!].clips.map(\.clip.gainDB), [0, 0])
    }

    func testOneClipToEBUR128AndTheCeilingHoldsAnUnreachableTarget() throws {
        let editor = try editorWithSpeechAndMusic()
        let a1 = editor.timeline.trackIndex(named: "A1")!
        let speech = editor.timeline.tracks[a1].clips[0]
        editor.execute("goto 00:00:01:00")
        let result = editor.execute("normalize -23 clip")
        XCTAssertTrue(result.message.contains("on 1 clip;"), result.message)
        XCTAssertEqual(editor.timeline.tracks[a1].clips[1].clip.gainDB, 0, "the music is untouched")
        let measured = try reference(editor.project, frames: speech.record.start..<speech.record.end)
        XCTAssertEqual(measured.integrated, -23, accuracy: 0.5, result.message)

        // −14 would lift the speech's −5 dBTP peak far over −1: the gain stops under the ceiling.
        let held = editor.execute("normalize --target -14 --ceiling -1 clip")
        XCTAssertTrue(held.message.contains("held by the -1.0 dBTP ceiling"), held.message)
        let loud = try reference(editor.project, frames: speech.record.start..<speech.record.end)
        print("\(result.message) | ffmpeg: I \(measured.integrated) LUFS, TP \(measured.truePeak) dBTP")
        print("\(held.message) | ffmpeg: I \(loud.integrated) LUFS, TP \(loud.truePeak) dBTP")
        XCTAssertLessThanOrEqual(loud.truePeak, -1, held.message)
        XCTAssertLessThan(loud.integrated, -14.5, "the target is out of reach under the ceiling")
    }

    func testBadOptionsChangeNothing() throws {
        let editor = try editorWithSpeechAndMusic()
        let before = editor.project
        for (line, expected) in [("normalize --target nan", "needs a number"), ("normalize --target 1e9", "out of range"),
                                 ("normalize --ceiling 5", "out of range"), ("normalize track A9", "no track named A9"),
                                 ("normalize track V1", "not an audio track")] {
            let (ok, messages) = editor.runScript(line)
            XCTAssertFalse(ok, line)
            XCTAssertTrue(messages.last?.contains(expected) == true, "\(line): \(messages.last ?? "")")
            XCTAssertEqual(editor.project, before, line)
        }
    }
}
