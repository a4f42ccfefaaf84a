import Foundation
import XCTest

/// Runs the built `termcut` binary the way a user does, for the Media commands' tests
/// (probe, demo, frame), and finds the shared corpus and reference tools.
enum MediaCLIHarness {
    struct Result {
        var status: Int32
        var standardOutputData: Data
        var standardError: String
        var standardOutput: String { String(decoding: standardOutputData, as: UTF8.self) }
    }

    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// `productsDirectory/termcut`: beside the test bundle, else `.build/debug/termcut`.
    static var binary: URL {
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            let candidate = bundle.bundleURL.deletingLastPathComponent().appendingPathComponent("termcut")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        let beside = Bundle.main.bundleURL.appendingPathComponent("termcut")
        if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
        return repositoryRoot.appendingPathComponent(".build/debug/termcut")
    }

    static var corpusMedia: URL {
        if let override = ProcessInfo.processInfo.environment["TERMCUT_CORPUS"] {
            return URL(fileURLWithPath: override).appendingPathComponent("media")
        }
        return repositoryRoot.appendingPathComponent("../shared/corpus/media").standardizedFileURL
    }

    /// One corpus file; the test is skipped (with the reason) where the corpus is not beside the clone.
    static func corpusFile(_ name: String) throws -> URL {
        let url = corpusMedia.appendingPathComponent(name)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw XCTSkip("corpus file \(name) not found under \(corpusMedia.path); set TERMCUT_CORPUS")
        }
        return url
    }

    static func corpusFiles() throws -> [URL] {
        let manifest = corpusMedia.appendingPathComponent("MANIFEST.tsv")
        guard let text = try? String(contentsOf: manifest, encoding: .utf8) else {
            throw XCTSkip("corpus not found at \(corpusMedia.path); set TERMCUT_CORPUS")
        }
        return text.split(separator: "\n").dropFirst().compactMap { line in
            let url = corpusMedia.appendingPathComponent(String(line.split(separator: "\t").first ?? ""))
            return FileManager.default.fileExists(atPath: url.path) ? url : nil
        }
    }

    static func run(_ arguments: [String], executable: URL? = nil, environment: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = executable ?? binary
        process.arguments = arguments
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("termcut-e2e-\(UUID().uuidString)")
        let outFile = scratch.appendingPathExtension("out")
        let errFile = scratch.appendingPathExtension("err")
        _ = FileManager.default.createFile(atPath: outFile.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errFile.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: outFile)
            try? FileManager.default.removeItem(at: errFile)
        }
        process.standardOutput = try FileHandle(forWritingTo: outFile)
        process.standardError = try FileHandle(forWritingTo: errFile)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return Result(status: process.terminationStatus,
                      standardOutputData: (try? Data(contentsOf: outFile)) ?? Data(),
                      standardError: (try? String(contentsOf: errFile, encoding: .utf8)) ?? "")
    }

    /// A reference tool (`ffprobe`, `ffmpeg`) from PATH.
    static func tool(_ name: String, _ arguments: [String]) throws -> Result {
        try run([name] + arguments, executable: URL(fileURLWithPath: "/usr/bin/env"))
    }

    static func temporaryFolder(_ testCase: XCTestCase) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("termcut-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        testCase.addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
        return folder
    }
}

final class ProbeCLITests: XCTestCase {
    func testProbeJSONAgreesWithFFprobeOnTheCorpus() throws {
        let files = try MediaCLIHarness.corpusFiles()
        let result = try MediaCLIHarness.run(["probe", "--json"] + files.map(\.path))
        XCTAssertEqual(result.status, 0, result.standardError)
        XCTAssertEqual(result.standardError, "")
        let entries = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [[String: Any]])
        XCTAssertEqual(entries.count, files.count)

        for (url, entry) in zip(files, entries) {
            let name = url.lastPathComponent
            XCTAssertEqual(entry["path"] as? String, url.path)
            let reference = try MediaCLIHarness.tool("ffprobe", ["-v", "error", "-show_format", "-show_streams", "-of", "json", url.path])
            XCTAssertEqual(reference.status, 0, reference.standardError)
            let expected = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(reference.standardOutput.utf8)) as? [String: Any])
            let format = try XCTUnwrap(expected["format"] as? [String: Any])
            let expectedStreams = try XCTUnwrap(expected["streams"] as? [[String: Any]])
            let streams = try XCTUnwrap(entry["streams"] as? [[String: Any]], name)
            XCTAssertEqual(streams.count, expectedStreams.count, "\(name): stream count")

            // Duration within one frame of the first video stream (1 ms for audio only).
            let videoRate = streams.first { $0["type"] as? String == "video" }?["frame_rate"] as? String
            let frame = videoRate.flatMap(Self.rationalValue).map { $0 > 0 ? 1 / $0 : 0.001 } ?? 0.001
            if let want = (format["duration"] as? String).flatMap(Double.init) {
                let got = try XCTUnwrap(entry["duration"] as? Double, "\(name): duration")
                XCTAssertEqual(got, want, accuracy: frame, "\(name): duration")
            }
            for (ours, theirs) in zip(streams, expectedStreams) {
                let label = "\(name) #\(ours["index"] ?? "?")"
                XCTAssertEqual(ours["codec"] as? String, theirs["codec_name"] as? String ?? "unknown", label)
                XCTAssertEqual(ours["type"] as? String, theirs["codec_type"] as? String, label)
                XCTAssertEqual(ours["width"] as? Int, theirs["width"] as? Int, "\(label) width")
                XCTAssertEqual(ours["height"] as? Int, theirs["height"] as? Int, "\(label) height")
                XCTAssertEqual(ours["sample_rate"] as? Int, (theirs["sample_rate"] as? String).flatMap(Int.init), "\(label) rate")
                XCTAssertEqual(ours["channels"] as? Int, theirs["channels"] as? Int, "\(label) channels")
            }
        }
        // Issue 5: the phone clip is variable frame rate, and says so.
        let phone = try XCTUnwrap(entries.first { ($0["path"] as? String)?.hasSuffix("VID_20191220_170832.mp4") == true })
        let phoneVideo = (phone["streams"] as? [[String: Any]])?.first { $0["type"] as? String == "video" }
        XCTAssertEqual(phoneVideo?["vfr"] as? Bool, true)
    }

    func testBrokenFilesFailOneLineEachWhileGoodFilesStillPrint() throws {
        let folder = try MediaCLIHarness.temporaryFolder(self)
        let good = try MediaCLIHarness.corpusFile("bikes.mp4")
        let source = try Data(contentsOf: try MediaCLIHarness.corpusFile("movie-hello.mp4"))
        let truncated = folder.appendingPathComponent("truncated.mp4")
        try source.prefix(source.count / 3).write(to: truncated)
        let empty = folder.appendingPathComponent("empty.mov")
        _ = FileManager.default.createFile(atPath: empty.path, contents: Data())
        let noise = folder.appendingPathComponent("noise.mp4")
        var state: UInt64 = 7
        try Data((0..<100_000).map { _ in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return UInt8(truncatingIfNeeded: state >> 33)
        }).write(to: noise)
        let directory = folder.appendingPathComponent("a-folder.mp4")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let missing = folder.appendingPathComponent("missing.mp4")
        let broken = [truncated, empty, noise, directory, missing]

        for json in [false, true] {
            let arguments = ["probe"] + (json ? ["--json"] : []) + [good.path] + broken.map(\.path) + [good.path]
            let result = try MediaCLIHarness.run(arguments)
            XCTAssertEqual(result.status, 1, "any failure → exit 1")
            let errorLines = result.standardError.split(separator: "\n").map(String.init)
            XCTAssertEqual(errorLines.count, broken.count, result.standardError)
            for (url, line) in zip(broken, errorLines) {
                XCTAssertTrue(line.hasPrefix("termcut: \(url.path): "), line)
                XCTAssertGreaterThan(line.count, "termcut: \(url.path): ".count + 8, "a reason follows: \(line)")
            }
            XCTAssertTrue(errorLines[0].contains("truncated"), errorLines[0])
            XCTAssertTrue(errorLines[1].contains("empty"), errorLines[1])
            XCTAssertTrue(errorLines[2].contains("not a media file"), errorLines[2])
            XCTAssertTrue(errorLines[3].contains("folder"), errorLines[3])
            XCTAssertTrue(errorLines[4].contains("no such file"), errorLines[4])
            XCTAssertFalse(result.standardError.contains("Fatal error"), "no crash")

            if json {
                let entries = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [[String: Any]])
                XCTAssertEqual(entries.count, broken.count + 2)
                XCTAssertEqual((entries.first?["streams"] as? [Any])?.count, 1, "good file still probed")
                XCTAssertEqual((entries.last?["streams"] as? [Any])?.count, 1, "good file after the bad ones too")
                for (url, entry) in zip(broken, entries.dropFirst()) {
                    XCTAssertEqual(entry["path"] as? String, url.path)
                    XCTAssertNotNil(entry["error"] as? String, url.lastPathComponent)
                    XCTAssertNil(entry["streams"])
                }
            } else {
                let headers = result.standardOutput.split(separator: "\n").filter { $0.hasPrefix(good.path + ":") }
                XCTAssertEqual(headers.count, 2, result.standardOutput)
                XCTAssertTrue(result.standardOutput.contains("640x272"), result.standardOutput)
            }
        }
    }

    /// The header names the source timecode a file carries (here a MOV timecode track at 29.97
    /// drop-frame), as an editor logging footage needs it; a file without one names none.
    func testProbeTextNamesTheSourceTimecode() throws {
        let folder = try MediaCLIHarness.temporaryFolder(self)
        let tagged = folder.appendingPathComponent("tagged.mov"), plain = folder.appendingPathComponent("plain.mp4")
        for (url, extra) in [(tagged, ["-timecode", "01:02:03;04"]), (plain, [])] {
            let made = try MediaCLIHarness.tool("ffmpeg", ["-v", "error", "-f", "lavfi", "-i", "testsrc2=size=64x48:rate=30000/1001",
                                                            "-frames:v", "5", "-c:v", "libx264"] + extra + [url.path])
            XCTAssertEqual(made.status, 0, made.standardError)
        }
        let result = try MediaCLIHarness.run(["probe", tagged.path, plain.path])
        XCTAssertEqual(result.status, 0, result.standardError)
        let headers = result.standardOutput.split(separator: "\n").filter { !$0.hasPrefix(" ") }
        XCTAssertEqual(headers.count, 2, result.standardOutput)
        XCTAssertTrue(headers[0].hasSuffix(", timecode 01:02:03;04"), String(headers[0]))
        XCTAssertFalse(headers[1].contains("timecode"), String(headers[1]))
    }

    private static func rationalValue(_ text: String) -> Double? {
        let parts = text.split(separator: "/").compactMap { Double($0) }
        guard parts.count == 2, parts[1] != 0 else { return nil }
        return parts[0] / parts[1]
    }
}
