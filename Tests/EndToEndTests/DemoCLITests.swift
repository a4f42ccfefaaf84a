import Foundation
import XCTest

final class DemoCLITests: XCTestCase {
    /// First run: default folder under $XDG_CACHE_HOME; second run names the same folder
    /// with --folder and must reuse the clips.
    func testDemoGeneratesOnceAndPrintsThePaths() throws {
        let cache = try MediaCLIHarness.temporaryFolder(self)
        let folder = cache.appendingPathComponent("termcut/demo")
        let first = try MediaCLIHarness.run(["demo"], environment: ["XDG_CACHE_HOME": cache.path])
        XCTAssertEqual(first.status, 0, first.standardError)
        let paths = first.standardOutput.split(separator: "\n").map(String.init)
        XCTAssertEqual(paths.map { URL(fileURLWithPath: $0).lastPathComponent }, ["countdown.mp4", "bars.mp4", "talk.mp4"])
        for path in paths {
            XCTAssertTrue(path.hasPrefix(folder.path), path)
            let probe = try MediaCLIHarness.tool("ffprobe", ["-v", "error", "-show_entries", "stream=codec_name,width,height",
                                                             "-of", "csv=p=0", path])
            XCTAssertEqual(probe.status, 0, probe.standardError)
            XCTAssertTrue(probe.standardOutput.contains("h264,1920,1080"), probe.standardOutput)
            XCTAssertTrue(probe.standardOutput.contains("aac"), probe.standardOutput)
        }
        let stamps = try paths.map { try FileManager.default.attributesOfItem(atPath: $0)[.modificationDate] as? Date }

        let second = try MediaCLIHarness.run(["demo", "--folder", folder.path])
        XCTAssertEqual(second.status, 0, second.standardError)
        XCTAssertEqual(second.standardOutput, first.standardOutput)
        let restamps = try paths.map { try FileManager.default.attributesOfItem(atPath: $0)[.modificationDate] as? Date }
        XCTAssertEqual(stamps, restamps, "second run reuses the clips")
    }

    func testUnwritableFolderIsAOneLineError() throws {
        let file = try MediaCLIHarness.temporaryFolder(self).appendingPathComponent("not-a-folder")
        _ = FileManager.default.createFile(atPath: file.path, contents: Data("x".utf8))
        let result = try MediaCLIHarness.run(["demo", "--folder", file.path])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.standardError.hasPrefix("termcut: \(file.path): "), result.standardError)
        XCTAssertEqual(result.standardError.split(separator: "\n").count, 1, result.standardError)
    }
}
