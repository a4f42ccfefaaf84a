import Foundation
import XCTest
@testable import Media

/// Every way a file can be unreadable gives a typed error naming the file, never a crash.
final class ProbeErrorTests: XCTestCase {
    private func probeError(_ url: URL) -> MediaError? {
        do {
            _ = try MediaProbe.probe(url)
            return nil
        } catch {
            return error
        }
    }

    private func assertError(_ url: URL, _ kind: MediaError.Kind, file: StaticString = #filePath, line: UInt = #line) {
        guard let error = probeError(url) else {
            return XCTFail("\(url.lastPathComponent) probed without error", file: file, line: line)
        }
        XCTAssertEqual(error.kind, kind, error.description, file: file, line: line)
        XCTAssertEqual(error.path, url.path, file: file, line: line)
        XCTAssertFalse(error.reason.contains("\n"), "one line", file: file, line: line)
        XCTAssertFalse(error.reason.isEmpty, file: file, line: line)
    }

    func testMissingFolderEmptyAndRandomFiles() throws {
        let folder = try makeTemporaryFolder(self)
        assertError(folder.appendingPathComponent("nothing-here.mp4"), .fileNotFound)
        assertError(folder, .isDirectory)

        let empty = folder.appendingPathComponent("empty.mp4")
        _ = FileManager.default.createFile(atPath: empty.path, contents: Data())
        assertError(empty, .emptyFile)

        var generator = SeededGenerator(seed: 42)
        let noise = folder.appendingPathComponent("noise.mov")
        try Data((0..<200_000).map { _ in UInt8.random(in: 0...255, using: &generator) }).write(to: noise)
        assertError(noise, .notMedia)
    }

    func testTruncatedFilesAreDamaged() throws {
        let folder = try makeTemporaryFolder(self)
        // moov at the end (cannot open), moov at the front (data missing), MP3 with a
        // Xing header, WAV and WebM with declared durations.
        for name in ["bikes.mp4", "movie-hello.mp4", "Lively_Light.mp3", "house_lo.wav", "oa4_launch.webm", "click-120bpm.flac"] {
            let source = try TestCorpus.file(name)
            let data = try Data(contentsOf: source)
            let truncated = folder.appendingPathComponent(name)
            try data.prefix(data.count / 3).write(to: truncated)
            XCTAssertNoThrow(try MediaProbe.probe(source), "intact \(name) must probe")
            assertError(truncated, .damaged)
        }
    }

    func testUnknownCodecHasNoDecodableStream() throws {
        let folder = try makeTemporaryFolder(self)
        // A WAV whose format tag (0x3412) no decoder knows.
        var body = Data("WAVE".utf8)
        func le<T: FixedWidthInteger>(_ value: T) -> Data { withUnsafeBytes(of: value.littleEndian) { Data($0) } }
        body += Data("fmt ".utf8) + le(UInt32(16)) + le(UInt16(0x3412)) + le(UInt16(1))
        body += le(UInt32(8000)) + le(UInt32(8000)) + le(UInt16(1)) + le(UInt16(8))
        let samples = Data((0..<8000).map { UInt8(truncatingIfNeeded: $0) })
        body += Data("data".utf8) + le(UInt32(samples.count)) + samples
        let url = folder.appendingPathComponent("unknown-codec.wav")
        try (Data("RIFF".utf8) + le(UInt32(body.count)) + body).write(to: url)
        assertError(url, .noDecodableStream)
    }
}
