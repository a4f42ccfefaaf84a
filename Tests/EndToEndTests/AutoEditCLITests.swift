import Foundation
import XCTest

/// `termcut silences`, `termcut autocut` and `termcut scenes` on a generated clip (the talk
/// clip of TmuxSilenceTests: silences [1.0, 2.5] and [4.0, 4.6] s, 30 fps).
final class AutoEditCLITests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("termcut-autoedit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    /// `pictureDelay`: seconds the picture starts after the sound (a camera's or encoder's delay).
    private func makeTalk(pictureDelay: Double = 0) throws -> URL {
        let url = folder.appendingPathComponent(pictureDelay > 0 ? "late-picture.mkv" : "talk.mov")   // Matroska keeps the offset; MOV here drops it
        let tone = "aevalsrc=exprs=if(between(t\\,0\\,1)+between(t\\,2.5\\,4)+between(t\\,4.6\\,6)\\,0.5*sin(2*PI*440*t)\\,0):s=48000:d=6"
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/ffmpeg") else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSLocalizedDescriptionKey: "ffmpeg is not installed; run scripts/install-deps.sh"])
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/ffmpeg")
        process.arguments = ["-hide_banner", "-loglevel", "error", "-nostdin", "-y",
                             ] + (pictureDelay > 0 ? ["-itsoffset", "\(pictureDelay)"] : []) + [
                             "-f", "lavfi", "-i", "testsrc=size=160x120:rate=30:duration=6", "-f", "lavfi", "-i", tone,
                             "-c:v", "mpeg4", "-q:v", "5", "-c:a", "pcm_s16le", "-shortest", url.path]
        try process.run()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0)
        return url
    }

    private var environment: [String: String] { ["XDG_CACHE_HOME": folder.appendingPathComponent("cache").path] }

    func testSilencesJSON() throws {
        let talk = try makeTalk()
        let result = try MediaCLIHarness.run(["silences", talk.path, "--pad", "0", "--json"], environment: environment)
        XCTAssertEqual(result.status, 0, result.standardError)
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: result.standardOutputData) as? [String: Any])
        XCTAssertEqual(json["count"] as? Int, 2)
        let ranges = try XCTUnwrap(json["ranges"] as? [[String: Any]])
        XCTAssertEqual(ranges.compactMap { $0["start"] as? Double }, [1.0, 4.0])
        XCTAssertEqual(ranges.compactMap { $0["end"] as? Double }.map { ($0 * 1000).rounded() / 1000 }, [2.5, 4.6])
        XCTAssertEqual(ranges.compactMap { $0["start_frame"] as? Int }, [30, 120])
        XCTAssertEqual((json["total"] as? Double).map { ($0 * 1000).rounded() / 1000 }, 2.1)

        let bad = try MediaCLIHarness.run(["silences", talk.path, "--threshold", "quiet"], environment: environment)
        XCTAssertEqual(bad.status, 1)
        XCTAssertTrue(bad.standardError.contains("threshold quiet"), bad.standardError)
    }

    /// The picture starts 0.4 s after the sound: frame 0 is the first picture, so a silence at
    /// 1.0 s of sound begins at picture frame (1.0 − 0.4) × 30 = 18, and autocut cuts there.
    func testSilenceFramesCountFromTheFirstPicture() throws {
        let talk = try makeTalk(pictureDelay: 0.4)
        let result = try MediaCLIHarness.run(["silences", talk.path, "--pad", "0", "--json"], environment: environment)
        XCTAssertEqual(result.status, 0, result.standardError)
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: result.standardOutputData) as? [String: Any])
        let ranges = try XCTUnwrap(json["ranges"] as? [[String: Any]])
        XCTAssertEqual(ranges.compactMap { $0["start"] as? Double }, [1.0, 4.0], "seconds stay the sound's")
        XCTAssertEqual(ranges.compactMap { $0["start_frame"] as? Int }, [18, 108])
        XCTAssertEqual(ranges.compactMap { $0["end_frame"] as? Int }, [63, 126])

        let project = folder.appendingPathComponent("late.termcut")
        let cut = try MediaCLIHarness.run(["autocut", talk.path, "-o", project.path, "--pad", "0"], environment: environment)
        XCTAssertEqual(cut.status, 0, cut.standardError)
        let dump = try MediaCLIHarness.run(["dump", project.path])
        let firstClip = dump.standardOutput.split(separator: "\n").drop { $0 != "V1" }.dropFirst().first.map(String.init) ?? ""
        XCTAssertTrue(firstClip.contains("src 00:00:00:00-00:00:00:18"), dump.standardOutput)
    }

    func testAutocutWritesTheCutProject() throws {
        let talk = try makeTalk()
        let project = folder.appendingPathComponent("cut.termcut")
        let result = try MediaCLIHarness.run(["autocut", talk.path, "-o", project.path], environment: environment)
        XCTAssertEqual(result.status, 0, result.standardError)
        XCTAssertTrue(result.standardOutput.contains("ripple-delete 2 silences, 00:00:01:21 removed"), result.standardOutput)
        let dump = try MediaCLIHarness.run(["dump", project.path])
        // Silences padded by 0.1 s: frames [33,72) and [123,135) go (worked out in SilenceProposalTests).
        let v1 = dump.standardOutput.split(separator: "\n").drop { $0 != "V1" }.dropFirst().prefix { $0.hasPrefix("  ") }
            .map { $0.split(separator: " ").enumerated().filter { $0.offset != 1 && $0.offset < 5 }.map(\.element).joined(separator: " ") }
        XCTAssertEqual(v1, [
            "01:00:00:00-01:00:01:03 talk.mov src 00:00:00:00-00:00:01:03",
            "01:00:01:03-01:00:02:24 talk.mov src 00:00:02:12-00:00:04:03",
            "01:00:02:24-01:00:04:09 talk.mov src 00:00:04:15-00:00:06:00",
        ], dump.standardOutput)
        let again = try MediaCLIHarness.run(["autocut", talk.path, "-o", project.path], environment: environment)
        XCTAssertEqual(again.status, 1, "never overwrites a project")
        let wrong = try MediaCLIHarness.run(["autocut", talk.path, "-o", folder.appendingPathComponent("x.mp4").path], environment: environment)
        XCTAssertEqual(wrong.status, 1)
        XCTAssertTrue(wrong.standardError.contains(".termcut, .otio or .edl"), wrong.standardError)
    }
}
