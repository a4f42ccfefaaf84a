import Foundation
@testable import Media
import XCTest

/// The analysis caches share one file layout; a file cut short, of another kind or of
/// another identity must read as a miss, never as numbers.
final class AnalysisCacheFileTests: XCTestCase {
    func testRoundTripAndEveryTornLengthIsAMiss() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cachefile-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let media = folder.appendingPathComponent("m.bin")
        try Data("media".utf8).write(to: media)
        let identity = try MediaFileIdentity(path: media.path)
        let url = folder.appendingPathComponent("c.cache")
        let magic = Array("TEST1\n".utf8)
        AnalysisCacheFile.write(url, magic: magic, identity: identity, numbers: [3, -7], floats: [0.5, -1, 2.25])
        let whole = try Data(contentsOf: url)
        let read = AnalysisCacheFile.read(url, magic: magic, numberCount: 2) { Int($0[0]) }
        XCTAssertEqual(read?.identity, identity)
        XCTAssertEqual(read?.numbers, [3, -7])
        XCTAssertEqual(read?.floats, [0.5, -1, 2.25])
        XCTAssertNil(AnalysisCacheFile.read(url, magic: Array("OTHER\n".utf8), numberCount: 2) { Int($0[0]) })
        XCTAssertNil(AnalysisCacheFile.read(url, magic: magic, numberCount: 2) { _ in 2 }, "a float count the header does not give")
        XCTAssertNil(AnalysisCacheFile.read(url, magic: magic, numberCount: 2) { _ in Int.max }, "an absurd count")
        for length in 0..<whole.count {
            try whole.prefix(length).write(to: url)
            XCTAssertNil(AnalysisCacheFile.read(url, magic: magic, numberCount: 2) { Int($0[0]) }, "cut at \(length)")
        }
        XCTAssertFalse(try FileManager.default.contentsOfDirectory(atPath: folder.path).contains { $0.contains("partial") })
    }
}
