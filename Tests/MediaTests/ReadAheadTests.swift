import Foundation
import XCTest
@testable import Media

/// `VideoSource` read-ahead: frames asked for in order are decoded ahead on the source's
/// queue into the cache, which stays within its budget whatever happens.
final class ReadAheadTests: XCTestCase {
    func testAfterSequentialAccessTheNextFrameIsACacheHit() throws {
        let url = try TestCorpus.file("bikes.mp4")
        let cache = FrameCache(budgetBytes: 64 << 20)
        let source = try VideoSource(url: url, cache: cache, readAheadFrames: 8)
        let plain = try VideoSource(url: url, cache: FrameCache(budgetBytes: 0), readAheadFrames: 0)
        for number in 100..<110 {
            let frame = try source.frame(at: .frameNumber(number))
            XCTAssertEqual(frame.packedPlanes(), try plain.frame(at: .frameNumber(number)).packedPlanes(), "frame \(number)")
        }
        source.waitForReadAhead()
        XCTAssertGreaterThan(source.readAheadFrameCount, 0)
        for number in 110...117 {
            XCTAssertTrue(cache.contains(source: try cacheSource(source), timestamp: source.index.frameTimestamps[number]),
                          "frame \(number) decoded ahead")
        }
        XCTAssertFalse(cache.contains(source: try cacheSource(source), timestamp: source.index.frameTimestamps[119]),
                       "no further than 8 ahead")
        let decoded = source.decodedFrameCount
        let (hits, _) = cache.hitsAndMisses
        let next = try source.frame(at: .frameNumber(110))
        XCTAssertEqual(cache.hitsAndMisses.hits, hits + 1, "a cache hit")
        XCTAssertEqual(next.timestamp, source.index.frameTimestamps[110])
        XCTAssertEqual(next.packedPlanes(), try plain.frame(at: .frameNumber(110)).packedPlanes())
        source.waitForReadAhead()
        XCTAssertGreaterThan(source.decodedFrameCount, decoded, "reading on extends the read-ahead")
        XCTAssertEqual(source.seekCount, 1, "read-ahead never seeks")
    }

    func testJumpsDoNotReadAhead() throws {
        let url = try TestCorpus.file("bikes.mp4")
        let source = try VideoSource(url: url, cache: FrameCache(budgetBytes: 64 << 20))
        for number in [10, 200, 50, 120, 3] { _ = try source.frame(at: .frameNumber(number)) }
        source.waitForReadAhead()
        XCTAssertEqual(source.readAheadFrameCount, 0)
    }

    func testATinyCacheGetsNoReadAhead() throws {
        let url = try TestCorpus.file("bikes.mp4")
        let frameBytes = 640 * 272 * 3 / 2
        let source = try VideoSource(url: url, cache: FrameCache(budgetBytes: frameBytes * 3 / 2))
        for number in 0..<10 { _ = try source.frame(at: .frameNumber(number)) }
        source.waitForReadAhead()
        XCTAssertEqual(source.readAheadFrameCount, 0, "half the budget holds no whole frame")
    }

    /// Random jumps and runs of sequential frames over 10 files, from two threads at once
    /// (one thread per source and one source shared by both), into one small cache: every
    /// frame is the one asked for and the cache never holds more than its budget.
    /// `TERMCUT_SOAK_SECONDS=60 swift test --filter ReadAheadTests/testSoak` for the long run.
    func testSoakOfRandomAccessStaysWithinTheBudget() throws {
        let seconds = Double(ProcessInfo.processInfo.environment["TERMCUT_SOAK_SECONDS"] ?? "") ?? 10
        let names = ["bigbuckbunny.mp4", "bikes.mp4", "movie-hello.mp4", "movie-hello.avi", "movie-hello.ogg",
                     "balle-jbart.mp4", "message-board.ogv", "oa4_launch.webm", "gtk-logo.webm", "cityCC0.mpg"]
        let urls = try names.map { try TestCorpus.file($0) }
        let budget = 24 << 20
        let cache = FrameCache(budgetBytes: budget)
        let shared = try VideoSource(url: urls[0], cache: cache)
        let deadline = Date().addingTimeInterval(seconds)
        let failures = Locked<[String]>([])
        let requests = Locked(0)
        let overBudget = Locked(0)

        let group = DispatchGroup()
        for worker in 0..<2 {
            DispatchQueue.global().async(group: group) {
                var generator = SeededGenerator(seed: UInt64(worker) + 100)
                do {
                    let sources = try urls.map { try VideoSource(url: $0, cache: cache) }
                    while Date() < deadline {
                        let source = Int.random(in: 0..<4, using: &generator) == 0 ? shared
                            : sources[Int.random(in: 0..<sources.count, using: &generator)]
                        let count = source.index.frameCount
                        var number = Int.random(in: 0..<count, using: &generator)
                        let run = Int.random(in: 0..<3, using: &generator) == 0 ? Int.random(in: 1...40, using: &generator) : 1
                        for _ in 0..<run where number < count {
                            let frame = try source.frame(at: .frameNumber(number))
                            if frame.timestamp != source.index.frameTimestamps[number] {
                                failures.withLock { $0.append("\(source.url.lastPathComponent) frame \(number): got \(frame.timestamp)") }
                            }
                            if cache.usedBytes > budget { overBudget.withLock { $0 += 1 } }
                            requests.withLock { $0 += 1 }
                            number += 1
                        }
                    }
                } catch {
                    failures.withLock { $0.append("\(error)") }
                }
            }
        }
        // A watcher samples the cache's size all along, between the workers' own checks.
        var samples = 0
        while group.wait(timeout: .now() + .milliseconds(2)) == .timedOut {
            XCTAssertLessThanOrEqual(cache.usedBytes, budget)
            samples += 1
        }
        XCTAssertEqual(failures.withLock { $0 }, [])
        XCTAssertEqual(overBudget.withLock { $0 }, 0, "cache over budget")
        XCTAssertLessThanOrEqual(cache.usedBytes, budget)
        XCTAssertGreaterThan(requests.withLock { $0 }, 50, "the soak did work")
        print("soak: \(requests.withLock { $0 }) frames in \(seconds) s, \(samples) budget samples, cache \(cache.usedBytes >> 20) MB")
    }

    private func cacheSource(_ source: VideoSource) throws -> String {
        try MediaFileIdentity(path: source.url.path).cacheKey + "#\(source.stream.index)"
    }
}
