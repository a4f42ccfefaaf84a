import Foundation
import XCTest
@testable import Media

/// Bad input to `VideoSource`, conversion and the frame cache.
final class VideoSourceErrorTests: XCTestCase {
    private func openError(_ url: URL) -> MediaError? {
        do {
            _ = try VideoSource(url: url, cache: FrameCache(budgetBytes: 0))
            return nil
        } catch {
            return error
        }
    }

    func testAudioOnlyEmptyAndMissingFilesAreTypedErrors() throws {
        let audioOnly = try TestCorpus.file("debian.wav")
        XCTAssertEqual(openError(audioOnly)?.kind, .noVideoStream)
        let folder = try makeTemporaryFolder(self)
        let empty = folder.appendingPathComponent("empty.mp4")
        _ = FileManager.default.createFile(atPath: empty.path, contents: Data())
        XCTAssertEqual(openError(empty)?.kind, .emptyFile)
        XCTAssertEqual(openError(folder.appendingPathComponent("gone.mp4"))?.kind, .fileNotFound)
    }

    func testTruncatedFileDecodesWhatItCanAndReportsTheRest() throws {
        let folder = try makeTemporaryFolder(self)
        let data = try Data(contentsOf: try TestCorpus.file("movie-hello.mp4"))  // index at the front
        let url = folder.appendingPathComponent("truncated.mp4")
        try data.prefix(data.count / 3).write(to: url)
        let source = try VideoSource(url: url, cache: FrameCache(budgetBytes: 0))
        XCTAssertNoThrow(try source.frame(at: .seconds(0.5)), "the start is still there")
        do {
            _ = try source.frame(at: .seconds(7))
            XCTFail("a picture from data that is gone")
        } catch {
            XCTAssertEqual(error.kind, .damaged, error.description)
        }
        XCTAssertFalse(source.damagedRanges.isEmpty, "the damaged stretch is reported")
        XCTAssertLessThan(source.damagedRanges.first?.lowerBound ?? 99, 7)
    }

    func testTimesPastTheEndAndBadFrameNumbersAreRejected() throws {
        let source = try VideoSource(url: try TestCorpus.file("bikes.mp4"), cache: FrameCache(budgetBytes: 0))
        XCTAssertEqual(source.index.frameCount, 250)
        XCTAssertThrowsError(try source.frame(at: .frameNumber(250)))
        XCTAssertThrowsError(try source.frame(at: .seconds(-1)))
        XCTAssertThrowsError(try source.frame(at: .seconds(60)))
        let last = try source.frame(at: .seconds(9.99))
        XCTAssertEqual(last.timestamp, source.index.frameTimestamps.last)
    }

    func testRGBConversionUsesTheBT709MatrixOfTheBars() throws {
        let folder = try makeTemporaryFolder(self)
        let url = folder.appendingPathComponent("bars.mp4")
        try DemoMedia.generate(DemoScene.bars, to: url) { _ in }
        let frame = try VideoSource(url: url, cache: FrameCache(budgetBytes: 0)).frame(at: .seconds(1))
        XCTAssertEqual(frame.colorSpace, "bt709")
        let picture = try frame.converted(to: .rgb24)
        // Yellow bar: R and G at 75 %, no blue (decoded with the BT.709 matrix the stream signals).
        let offset = (300 * 1920 + Int(1.5 * 1920 / 7)) * 3
        XCTAssertEqual(Double(picture.bytes[offset]), 191.25, accuracy: 3)
        XCTAssertEqual(Double(picture.bytes[offset + 1]), 191.25, accuracy: 3)
        XCTAssertEqual(Double(picture.bytes[offset + 2]), 0, accuracy: 3)
        let small = try frame.converted(to: .rgba, width: 192, height: 108)
        XCTAssertEqual(small.bytes.count, 192 * 108 * 4)
    }

    func testCacheServesRepeatsAndStaysWithinBudget() throws {
        let url = try TestCorpus.file("bikes.mp4")
        let frameBytes = 640 * 272 * 3 / 2
        let cache = FrameCache(budgetBytes: frameBytes * 10)
        // No read-ahead: this counts the decoder's own work (ReadAheadTests covers read-ahead).
        let source = try VideoSource(url: url, cache: cache, readAheadFrames: 0)
        for number in 0..<30 { _ = try source.frame(at: .frameNumber(number)) }
        XCTAssertLessThanOrEqual(cache.usedBytes, frameBytes * 10)
        XCTAssertEqual(cache.count, 10)
        let decoded = source.decodedFrameCount
        _ = try source.frame(at: .frameNumber(25))
        XCTAssertEqual(source.decodedFrameCount, decoded, "a recent frame comes from the cache")
        _ = try source.frame(at: .frameNumber(2))
        XCTAssertGreaterThan(source.decodedFrameCount, decoded, "an evicted frame is decoded again")
    }

    func testKeyframeIndexIsPersistedAndReloaded() throws {
        let url = try TestCorpus.file("bikes.mp4")
        let source = try VideoSource(url: url, cache: FrameCache(budgetBytes: 0))
        let identity = try MediaFileIdentity(path: url.path)
        let stored = try XCTUnwrap(KeyframeIndex.load(for: identity, stream: source.stream.index))
        XCTAssertEqual(stored, source.index)
        XCTAssertEqual(stored.keyframeTimestamps.first, stored.frameTimestamps.first)
    }
}
