import Foundation
import XCTest

/// `termcut render --segments`: a segmented render, on a local pool and on a one-node Slurm
/// brought up by `scripts/slurm-local.sh`, decodes to the same frames as a plain render
/// (lossless H.264 so that "the same" is exact), decodes cleanly, and a re-run redoes only
/// the part that is missing or incomplete.
final class RenderFarmCLITests: XCTestCase {
    typealias H = MediaCLIHarness

    /// Lossless, so a plain and a segmented render must decode to identical pictures.
    static let lossless = ["--crf", "0", "--pixel-format", "yuv444p", "--encoder-preset", "ultrafast"]

    /// A 3 s 25 fps timeline of two generated clips.
    static func makeProject(_ folder: URL) throws -> URL {
        let a = folder.appendingPathComponent("a.mp4"), b = folder.appendingPathComponent("b.mp4")
        try RenderCLITests.makeSource(a, rate: "25", seconds: 2, tone: 440)
        try RenderCLITests.makeSource(b, rate: "25", seconds: 1, tone: 880, pattern: "smptebars")
        return try RenderCLITests.makeProject(folder, sources: [a, b], rate: (25, 1))
    }

    /// The decoded pictures' md5s, in order (ffmpeg's framemd5 hash column).
    static func pictureHashes(_ file: URL) throws -> [String] {
        let result = try H.tool("ffmpeg", ["-v", "error", "-i", file.path, "-map", "0:v", "-f", "framemd5", "-"])
        XCTAssertEqual(result.status, 0, result.standardError)
        return String(decoding: result.standardOutputData, as: UTF8.self).split(separator: "\n")
            .filter { !$0.hasPrefix("#") }.compactMap { $0.split(separator: ",").last.map { $0.trimmingCharacters(in: .whitespaces) } }
    }

    static func soundHash(_ file: URL) throws -> String {
        let result = try H.tool("ffmpeg", ["-v", "error", "-i", file.path, "-map", "0:a", "-f", "md5", "-"])
        XCTAssertEqual(result.status, 0, result.standardError)
        return String(decoding: result.standardOutputData, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func decodesCleanly(_ file: URL) throws {
        let result = try H.tool("ffmpeg", ["-v", "error", "-i", file.path, "-f", "null", "-"])
        XCTAssertEqual(result.status, 0)
        XCTAssertEqual(result.standardError, "", "\(file.lastPathComponent) does not decode cleanly")
    }

    func render(_ arguments: [String], environment: [String: String] = [:]) throws -> (json: [String: Any], log: String) {
        let result = try H.run(["render"] + arguments + ["--json"], environment: environment)
        XCTAssertEqual(result.status, 0, result.standardError)
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: result.standardOutputData) as? [String: Any], result.standardError)
        return (json, result.standardError)
    }

    func testLocalPoolSegmentsEqualAPlainRenderAndAReRunRedoesOnlyTheBrokenSegment() throws {
        let folder = try H.temporaryFolder(self)
        let project = try Self.makeProject(folder)
        let plain = folder.appendingPathComponent("plain.mp4"), joined = folder.appendingPathComponent("joined.mp4")
        _ = try render([project.path, "-o", plain.path] + Self.lossless)
        let first = try render([project.path, "-o", joined.path, "--segments", "3", "--workers", "2", "--keep-segments"] + Self.lossless)
        XCTAssertEqual(first.json["frames"] as? Int, 75)
        XCTAssertEqual((first.json["rendered"] as? [String])?.count, 4, first.log)
        let plainPictures = try Self.pictureHashes(plain)
        XCTAssertEqual(plainPictures.count, 75)
        XCTAssertEqual(try Self.pictureHashes(joined), plainPictures, "the joined segments decode to other pictures than the plain render")
        XCTAssertEqual(try Self.soundHash(joined), try Self.soundHash(plain))
        try Self.decodesCleanly(joined)

        // A segment cut short (as a killed task's copy on a shared folder might be) is found by probe and redone alone.
        let parts = folder.appendingPathComponent(".joined.termcut-segments")
        let names = ["segment-0000.mp4", "segment-0001.mp4", "segment-0002.mp4", "sound.mp4"]
        func modified(_ name: String) throws -> Date {
            try XCTUnwrap(try FileManager.default.attributesOfItem(atPath: parts.appendingPathComponent(name).path)[.modificationDate] as? Date)
        }
        let before = try names.map(modified)
        let broken = parts.appendingPathComponent("segment-0001.mp4")
        let data = try Data(contentsOf: broken)
        try data.prefix(data.count / 2).write(to: broken)
        let brokenDate = try modified("segment-0001.mp4")
        Thread.sleep(forTimeInterval: 0.05)
        let second = try render([project.path, "-o", joined.path, "--segments", "3", "--workers", "2", "--keep-segments"] + Self.lossless)
        XCTAssertEqual(second.json["rendered"] as? [String], ["segment 2"], second.log)
        XCTAssertEqual(second.json["reused"] as? [String], ["segment 1", "segment 3", "sound"], second.log)
        let after = try names.map(modified)
        XCTAssertEqual(after[0], before[0]); XCTAssertEqual(after[2], before[2]); XCTAssertEqual(after[3], before[3])
        XCTAssertGreaterThan(after[1], brokenDate)
        XCTAssertEqual(try Self.pictureHashes(joined), plainPictures)

        // Without --keep-segments the work folder goes once the output is in place; no partial file is left.
        _ = try render([project.path, "-o", joined.path, "--segments", "2"] + Self.lossless)
        XCTAssertFalse(FileManager.default.fileExists(atPath: parts.path))
        let left = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.contains("termcut-partial") }
        XCTAssertEqual(left, [])
        XCTAssertEqual(try Self.pictureHashes(joined), plainPictures)
    }

    func testUnreadableMediaIsNamedBeforeAnythingIsSubmitted() throws {
        let folder = try H.temporaryFolder(self)
        let project = try Self.makeProject(folder)
        let media = folder.appendingPathComponent("b.mp4")
        try FileManager.default.removeItem(at: media)
        let out = folder.appendingPathComponent("out.mp4")
        let result = try H.run(["render", project.path, "-o", out.path, "--segments", "2", "--farm", "slurm"])
        XCTAssertNotEqual(result.status, 0)
        XCTAssertTrue(result.standardError.contains(media.path), result.standardError)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out.path))
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent(".out.termcut-segments/tasks.sh").path))
    }

    /// Brings up a one-node Slurm of its own (its own state folder and ports), renders through
    /// it, and tears it down. Fails, never skips, where Slurm is not installed.
    func testSlurmArrayRenderEqualsAPlainRender() throws {
        let folder = try H.temporaryFolder(self)
        guard let slurm = try LocalSlurm.up(in: folder, cpus: 2, for: self) else { return }
        let environment = slurm.environment

        let project = try Self.makeProject(folder)
        let plain = folder.appendingPathComponent("plain.mp4"), joined = folder.appendingPathComponent("joined.mp4")
        let shared = folder.appendingPathComponent("shared")
        try FileManager.default.createDirectory(at: shared, withIntermediateDirectories: true)
        _ = try render([project.path, "-o", plain.path] + Self.lossless)
        let farm = try render([project.path, "-o", joined.path, "--segments", "3", "--farm", "slurm", "--shared", shared.path,
                               "--keep-segments"] + Self.lossless, environment: environment)
        XCTAssertTrue(farm.log.contains("slurm job "), farm.log)
        XCTAssertTrue(farm.log.contains("segment 3: completed"), farm.log)
        XCTAssertEqual(try Self.pictureHashes(joined), try Self.pictureHashes(plain))
        XCTAssertEqual(try Self.soundHash(joined), try Self.soundHash(plain))
        try Self.decodesCleanly(joined)

        // One array element lost: the re-run submits only that one.
        try FileManager.default.removeItem(at: shared.appendingPathComponent("joined.termcut-segments/segment-0000.mp4"))
        let again = try render([project.path, "-o", joined.path, "--segments", "3", "--farm", "slurm", "--shared", shared.path]
                               + Self.lossless, environment: environment)
        XCTAssertEqual(again.json["rendered"] as? [String], ["segment 1"], again.log)
        XCTAssertTrue(again.log.contains("submitting 1 task to Slurm"), again.log)
        XCTAssertEqual(try Self.pictureHashes(joined), try Self.pictureHashes(plain))
    }
}
