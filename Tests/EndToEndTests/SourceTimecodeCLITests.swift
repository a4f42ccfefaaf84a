import Foundation
import XCTest

/// A file's own source timecode (a MOV/MP4 timecode track, BWF's time_reference) is the clip's
/// source timecode everywhere, as Avid and Premiere read it: before, every imported file started
/// at 00:00:00:00, so `dump`, the EDL and relinking an edit list's reels onto camera files were
/// off by the camera's hour.
final class SourceTimecodeCLITests: XCTestCase {
    typealias H = MediaCLIHarness

    func ffmpeg(_ arguments: [String]) throws {
        let result = try H.tool("ffmpeg", ["-nostdin", "-v", "error", "-y"] + arguments)
        XCTAssertEqual(result.status, 0, "ffmpeg (scripts/install-deps.sh --test) must make the test media: \(result.standardError)")
    }

    func run(_ project: URL, _ script: String) throws -> H.Result {
        let file = project.deletingLastPathComponent().appendingPathComponent("script-\(UUID().uuidString).txt")
        try script.write(to: file, atomically: true, encoding: .utf8)
        let result = try H.run(["run", project.path, file.path, "--verbose"])
        XCTAssertEqual(result.status, 0, result.standardError)
        return result
    }

    func dumpLines(_ project: URL) throws -> [String] {
        let result = try H.run(["dump", project.path])
        XCTAssertEqual(result.status, 0, result.standardError)
        return result.standardOutput.split(separator: "\n").map(String.init)
    }

    /// ProRes at 23.976 with a 01:00:00:00 timecode track, as a camera or an Avid export writes it.
    func makeProRes(_ url: URL, timecode: String = "01:00:00:00") throws {
        try ffmpeg(["-f", "lavfi", "-i", "testsrc2=size=320x240:rate=24000/1001", "-f", "lavfi", "-i", "sine=r=48000",
                    "-t", "2", "-c:v", "prores_ks", "-profile:v", "1", "-c:a", "pcm_s24le", "-timecode", timecode, url.path])
    }

    func testProbeReportsTheTimecodeTrackAsFFprobeDoes() throws {
        let folder = try H.temporaryFolder(self)
        let clip = folder.appendingPathComponent("a.mov")
        try makeProRes(clip)
        let result = try H.run(["probe", "--json", clip.path])
        XCTAssertEqual(result.status, 0, result.standardError)
        let entries = try XCTUnwrap(try JSONSerialization.jsonObject(with: result.standardOutputData) as? [[String: Any]])
        let streams = try XCTUnwrap(entries.first?["streams"] as? [[String: Any]])
        let reference = try H.tool("ffprobe", ["-v", "error", "-show_entries", "stream=index:stream_tags=timecode", "-of", "json", clip.path])
        let expected = try XCTUnwrap(try JSONSerialization.jsonObject(with: reference.standardOutputData) as? [String: Any])
        let expectedStreams = try XCTUnwrap(expected["streams"] as? [[String: Any]])
        XCTAssertEqual(streams.count, expectedStreams.count)
        for (ours, theirs) in zip(streams, expectedStreams) {
            XCTAssertEqual(ours["timecode"] as? String, (theirs["tags"] as? [String: Any])?["timecode"] as? String,
                           "stream \(ours["index"] ?? "?")")
        }
        XCTAssertEqual(streams.compactMap { $0["timecode"] as? String }.first, "01:00:00:00")
    }

    func testClipsShowAndExportTheFilesOwnTimecode() throws {
        let folder = try H.temporaryFolder(self)
        try makeProRes(folder.appendingPathComponent("a.mov"))
        // Drop-frame at 29.97: the `;` says how the file counts, and the source is shown that way
        // in a 23.976 sequence that does not count drop-frame itself.
        try ffmpeg(["-f", "lavfi", "-i", "testsrc2=size=320x240:rate=30000/1001", "-t", "2", "-c:v", "libx264",
                    "-timecode", "10:00:00;00", folder.appendingPathComponent("b.mp4").path])
        let project = folder.appendingPathComponent("p.termcut")
        let edl = folder.appendingPathComponent("out.edl")
        _ = try run(project, """
            import \(folder.appendingPathComponent("a.mov").path)
            import \(folder.appendingPathComponent("b.mp4").path)
            source a.mov
            mark-in 12
            mark-out 23
            append
            source b.mp4
            mark-in +30
            mark-out +59
            append
            export-edl \(edl.path)
            """)
        let lines = try dumpLines(project)
        XCTAssertEqual(lines.first { $0.contains(" a.mov ") }, "  01:00:00:00-01:00:00:12 c1 a.mov src 01:00:00:12-01:00:01:00 link L3",
                       lines.joined(separator: "\n"))
        // Media frame 59, the file's last, is one no 23.976 frame shows: the out mark lands on the
        // last sequence frame, which shows frame 58.
        XCTAssertTrue(lines.contains { $0.contains(" b.mp4 src 10:00:01;00-10:00:01;29 @30000/1001") }, lines.joined(separator: "\n"))

        let list = try String(contentsOf: edl, encoding: .utf8)
        let event = try XCTUnwrap(list.split(separator: "\n").first { $0.hasPrefix("001") }, list)
        XCTAssertTrue(event.contains("01:00:00:12 01:00:01:00 01:00:00:00 01:00:00:12"), String(event))
    }

    func testBroadcastWAVStartsAtItsTimeReference() throws {
        let folder = try H.temporaryFolder(self)
        let wav = folder.appendingPathComponent("c.wav")
        // 172 800 000 samples at 48 kHz: one hour after midnight.
        try ffmpeg(["-f", "lavfi", "-i", "sine=r=48000", "-t", "2", "-c:a", "pcm_s16le", "-write_bext", "1",
                    "-metadata", "time_reference=172800000", wav.path])
        let project = folder.appendingPathComponent("p.termcut")
        _ = try run(project, """
            sequence-settings rate=25
            import \(wav.path)
            source c.wav
            mark-in 00:00:00:10
            append
            """)
        let lines = try dumpLines(project)
        XCTAssertTrue(lines.contains { $0.contains(" c.wav src 01:00:00:10-01:00:02:00") }, lines.joined(separator: "\n"))
    }

    /// The conform-house case: an edit list names reel A001 at 01:00:00:12; the camera file
    /// A001.mov starts at 01:00:00:00. Relinking finds it and keeps the source timecode; before,
    /// the file seemed to start at 00:00:00:00 and was refused as not holding the clip.
    func testAnEditListReelRelinksToTheCameraFileByTimecode() throws {
        let folder = try H.temporaryFolder(self)
        let media = folder.appendingPathComponent("media")
        try FileManager.default.createDirectory(at: media, withIntermediateDirectories: true)
        try makeProRes(media.appendingPathComponent("A001.mov"))
        let list = folder.appendingPathComponent("cut_23976.edl")
        try """
            TITLE: CONFORM
            FCM: NON-DROP FRAME

            001  A001     V     C        01:00:00:12 01:00:01:00 00:00:00:00 00:00:00:12

            """.write(to: list, atomically: true, encoding: .utf8)
        let project = folder.appendingPathComponent("p.termcut")
        let result = try run(project, """
            import-edl \(list.path) rate=23.976
            relink \(media.path)
            """)
        XCTAssertTrue(result.standardOutput.contains("relinked 1 of 1 offline media"), result.standardOutput + result.standardError)
        let lines = try dumpLines(project)
        XCTAssertTrue(lines.contains { $0.contains("src 01:00:00:12-01:00:01:00") }, lines.joined(separator: "\n"))
    }
}
