import Foundation
import XCTest

/// Voice-over through `termcut run`, without a microphone: SDL's `disk` audio driver captures
/// from `SDL_DISKAUDIOFILEIN` (raw samples in the device format, mono s16 48 kHz here) and
/// writes what it plays to `SDL_DISKAUDIOFILE`. Scratch narration runs the real espeak-ng.
final class VoiceoverCLITests: XCTestCase {
    typealias H = MediaCLIHarness

    /// A 25 fps project with a 4 s clip on V1/A1 (A2 empty).
    func project(_ folder: URL) throws -> URL {
        let source = folder.appendingPathComponent("source.mp4")
        try RenderCLITests.makeSource(source, rate: "25", seconds: 4, tone: 440)
        return try RenderCLITests.makeProject(folder, sources: [source], rate: (25, 1))
    }

    func run(_ project: URL, _ script: String, environment: [String: String] = [:]) throws -> H.Result {
        let file = project.deletingLastPathComponent().appendingPathComponent("script-\(UUID().uuidString).txt")
        try script.write(to: file, atomically: true, encoding: .utf8)
        return try H.run(["run", project.path, file.path], environment: environment)
    }

    func dump(_ project: URL) throws -> String {
        let result = try H.run(["dump", project.path])
        XCTAssertEqual(result.status, 0, result.standardError)
        return result.standardOutput
    }

    /// The A2 lines of a dump (the track line and its items).
    func a2(_ dump: String) -> [String] {
        let lines = dump.split(separator: "\n").map(String.init)
        guard let start = lines.firstIndex(where: { $0.hasPrefix("A2") }) else { return [] }
        return Array(lines[start...].prefix { $0 == lines[start] || $0.hasPrefix("  ") })
    }

    func samples(ofWAV url: URL) throws -> [Int16] {
        let data = try Data(contentsOf: url)
        XCTAssertEqual(String(decoding: data.prefix(4), as: UTF8.self), "RIFF")
        return data.dropFirst(44).withUnsafeBytes { Array($0.bindMemory(to: Int16.self)) }
    }

    func testRecordedNarrationLandsBetweenTheMarksWithTheCapturedSamples() throws {
        let folder = try H.temporaryFolder(self)
        let project = try project(folder)
        // Seeded noise: every stretch of it is unique, so the recording's place in the file is unambiguous.
        var state: UInt64 = 0x5EED_0016
        var input = [Int16](repeating: 0, count: 48_000 * 4)
        for i in input.indices {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            input[i] = Int16(truncatingIfNeeded: state >> 40)
        }
        let raw = folder.appendingPathComponent("microphone.raw")
        try input.withUnsafeBytes { Data($0) }.write(to: raw)
        let environment = ["SDL_AUDIODRIVER": "disk", "SDL_DISKAUDIOFILEIN": raw.path,
                           "SDL_DISKAUDIOFILE": folder.appendingPathComponent("speaker.raw").path]
        // Marks 00:00:01:00 – 00:00:01:24 (out inclusive): 25 frames, one second; pre-roll 10 frames.
        let result = try run(project, "mark-in 00:00:01:00\nmark-out 00:00:01:24\nrecord-voiceover track=A2 preroll=10", environment: environment)
        XCTAssertEqual(result.status, 0, result.standardError + result.standardOutput)

        let lines = a2(try dump(project))
        XCTAssertEqual(lines.count, 3, lines.joined(separator: "\n"))
        XCTAssertTrue(lines.contains { $0.hasPrefix("  01:00:00:00-01:00:01:00 gap") }, lines.joined(separator: "\n"))
        XCTAssertTrue(lines.contains { $0.hasPrefix("  01:00:01:00-01:00:02:00 ") && $0.contains("VO voiceover-001") && $0.contains("src 00:00:00:00-") },
                      lines.joined(separator: "\n"))

        let wav = folder.appendingPathComponent("voiceover/voiceover-001.wav")
        let recorded = try samples(ofWAV: wav)
        XCTAssertEqual(recorded.count, 48_000, "one second at 48 kHz")
        // Where the recording sits in the microphone's samples: it must be an exact copy of one stretch.
        let offset = (0...(input.count - recorded.count)).first { j in
            input[j] == recorded[0] && Array(input[j..<(j + recorded.count)]) == recorded
        }
        let found = try XCTUnwrap(offset, "the recorded samples are not a stretch of the captured file")
        // Where that stretch starts: the disk driver reads the file from its start when capture
        // starts, which `record-voiceover` does once the play's sound is heard (τ ≥ 0) — and SDL's
        // paused capture thread only notices within one 20 ms buffer. File sample 0 is therefore
        // τ = d ≥ 0, and the clip (τ = 19,200, the in mark 10 frames into the play) starts at file
        // sample 19,200 − d. Measured d = 956–960 samples (one buffer) on a loaded machine; a
        // positive offset would mean samples placed before they were recorded.
        print("voice-over: the clip starts at sample \(found) of the captured file (\(found - 19_200) from the pre-roll)")
        XCTAssertLessThanOrEqual(found, 19_200 + 480, "the clip holds sound from before the in mark was heard")
        XCTAssertGreaterThanOrEqual(found, 19_200 - 9_600, "capture started over 200 ms after the play")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("voiceover").path), ["voiceover-001.wav"],
                       "no temporary file left behind")
    }

    func testRecordingWithoutACaptureDeviceSaysSoAndChangesNothing() throws {
        let folder = try H.temporaryFolder(self)
        let project = try project(folder)
        XCTAssertEqual(try run(project, "mark-in 00:00:01:00\nmark-out 00:00:01:24").status, 0)
        let before = try dump(project)
        // SDL's dummy driver has no capture.
        let result = try run(project, "record-voiceover", environment: ["SDL_AUDIODRIVER": "dummy"])
        XCTAssertNotEqual(result.status, 0)
        XCTAssertTrue((result.standardError + result.standardOutput).contains("no audio capture device"), result.standardError + result.standardOutput)
        XCTAssertEqual(try dump(project), before)
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent("voiceover").path), "no folder made for nothing")
        let noMarks = try run(project, "clear-marks\nrecord-voiceover", environment: ["SDL_AUDIODRIVER": "dummy"])
        XCTAssertTrue((noMarks.standardError + noMarks.standardOutput).contains("set the record in and out marks"), noMarks.standardError)
        let wrongTrack = try run(project, "record-voiceover track=V1")
        XCTAssertTrue((wrongTrack.standardError + wrongTrack.standardOutput).contains("V1 is a video track"), wrongTrack.standardError)
        XCTAssertEqual(try dump(project), before)
        let stop = try run(project, "record-voiceover-stop")
        XCTAssertTrue((stop.standardError + stop.standardOutput).contains("no voice-over recording in progress"), stop.standardError)
    }

    func testScratchNarrationIsSpokenByEspeakAndLabelledScratch() throws {
        let folder = try H.temporaryFolder(self)
        let project = try project(folder)
        let result = try run(project, "goto 00:00:00:10\nscratch-voiceover \"Welcome to the cut\" track=A2 voice=en")
        XCTAssertEqual(result.status, 0, result.standardError + result.standardOutput)
        let lines = a2(try dump(project))
        let clip = try XCTUnwrap(lines.first { $0.contains("SCRATCH VO") }, lines.joined(separator: "\n"))
        XCTAssertTrue(clip.hasPrefix("  01:00:00:10-"), clip)
        XCTAssertTrue(clip.contains("Welcome to the cut"), clip)

        // The file is what espeak-ng says for the same words.
        let spoken = folder.appendingPathComponent("voiceover/scratch-001.wav")
        let reference = folder.appendingPathComponent("reference.wav")
        let espeak = try H.tool("espeak-ng", ["-v", "en", "-w", reference.path, "--", "Welcome to the cut"])
        XCTAssertEqual(espeak.status, 0, espeak.standardError)
        let ours = try samples(ofWAV: spoken), theirs = try samples(ofWAV: reference)
        XCTAssertGreaterThan(ours.count, 10_000)
        XCTAssertEqual(ours, theirs)

        // One undoable edit: undo takes the clip and the media away together.
        let undone = try run(project, "scratch-voiceover \"Second take\"\nundo")
        XCTAssertEqual(undone.status, 0, undone.standardError)
        XCTAssertEqual(a2(try dump(project)).filter { $0.contains("SCRATCH") }.count, 1)

        // Without espeak-ng on the PATH: a clear error, nothing changed.
        let before = try dump(project)
        let missing = try run(project, "scratch-voiceover \"hello\"", environment: ["PATH": "/nonexistent"])
        XCTAssertNotEqual(missing.status, 0)
        XCTAssertTrue((missing.standardError + missing.standardOutput).contains("espeak-ng is not installed"), missing.standardError)
        let badVoice = try run(project, "scratch-voiceover \"hello\" voice=zz-nothing")
        XCTAssertTrue((badVoice.standardError + badVoice.standardOutput).contains("espeak-ng failed"), badVoice.standardError)
        XCTAssertEqual(try dump(project), before)
    }
}
