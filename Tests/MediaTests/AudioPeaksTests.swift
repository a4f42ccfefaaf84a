import Foundation
import XCTest
@testable import Media

final class AudioPeaksTests: XCTestCase {
    /// 1 s silence, 1 s of a 440 Hz tone at half scale, 1 s silence (stereo WAV, 48 kHz).
    private func makeToneFile() throws -> URL {
        let url = try makeTemporaryFolder(self, "peaks").appendingPathComponent("tone.wav")
        _ = try ReferenceTool.succeed("ffmpeg", ["-v", "error", "-f", "lavfi",
                                                "-i", "aevalsrc=0.5*sin(2*PI*440*t)*between(t\\,1\\,2-1/48000):s=48000:d=3:c=stereo",
                                                "-c:a", "pcm_s16le", url.path])
        addTeardownBlock { Self.removeCachedPeaks(url) }
        return url
    }

    private static func removeCachedPeaks(_ url: URL) {
        guard let identity = try? MediaFileIdentity(path: url.path) else { return }
        for stream in 0..<4 { try? FileManager.default.removeItem(at: AudioPeaks.cacheURL(for: identity, stream: stream)) }
    }

    func testToneAndSilenceHaveTheRightPeaks() throws {
        let url = try makeToneFile()
        let peaks = try AudioPeaks.compute(url: url)
        XCTAssertEqual(peaks.sampleRate, 48000)
        XCTAssertEqual(peaks.channels, 2)
        XCTAssertEqual(peaks.blockSamples, 256)
        XCTAssertEqual(peaks.sampleCount, 144_000)
        XCTAssertEqual(peaks.blocks.count, (144_000 + 255) / 256)
        let tenths = peaks.peaks(from: 0, to: 3, buckets: 30)
        XCTAssertEqual(tenths.count, 30)
        for bucket in [0, 1, 5, 8, 21, 25, 29] {
            XCTAssertEqual(tenths[bucket].min, 0, "bucket \(bucket) is silent")
            XCTAssertEqual(tenths[bucket].max, 0, "bucket \(bucket) is silent")
        }
        for bucket in 11...18 {
            // s16 holds 0.5 as 16384/32768 exactly; each 0.1 s holds 44 periods, so their crests.
            XCTAssertEqual(tenths[bucket].max, 0.5, accuracy: 0.001, "bucket \(bucket)")
            XCTAssertEqual(tenths[bucket].min, -0.5, accuracy: 0.001, "bucket \(bucket)")
        }
        // Zoomed right out (one bucket: the coarsest level) and right in (finer than a block).
        let whole = peaks.peaks(from: 0, to: 3, buckets: 1)
        XCTAssertEqual(whole[0].max, peaks.blocks.map(\.max).max())
        XCTAssertEqual(whole[0].min, peaks.blocks.map(\.min).min())
        XCTAssertEqual(peaks.levels.count, 4, "600 blocks, 38, 3, 1")
        let fine = peaks.peaks(from: 1.601, to: 1.604, buckets: 4)  // inside block 300 (1.6 s to 1.60533 s)
        XCTAssertTrue(fine.allSatisfy { $0.min == fine[0].min && $0.max == fine[0].max }, "one block seen four times")
        // Past the end: nothing there.
        XCTAssertTrue(peaks.peaks(from: 3.5, to: 4, buckets: 5).allSatisfy { $0.min == 0 && $0.max == 0 })
    }

    /// Level-0 blocks equal the extremes of ffmpeg's own decode, block by block, over all channels.
    func testBlocksMatchFFmpegsSamples() throws {
        for name in ["debian.mp3", "bigbuckbunny.mp4"] {
            let url = try TestCorpus.file(name)
            let peaks = try AudioPeaks.compute(url: url)
            addTeardownBlock { Self.removeCachedPeaks(url) }
            let data = try ReferenceTool.succeed("ffmpeg", ["-v", "error", "-i", url.path, "-vn", "-f", "f32le", "-"])
            let samples = data.withUnsafeBytes { Array($0.bindMemory(to: Float.self)) }
            let frames = samples.count / peaks.channels
            XCTAssertEqual(peaks.sampleCount, Int64(frames), name)
            let expectedBlock = max(1, (256 * peaks.sampleRate + 24_000) / 48_000)
            XCTAssertEqual(peaks.blockSamples, expectedBlock)
            XCTAssertEqual(peaks.blocks.count, (frames + expectedBlock - 1) / expectedBlock, name)
            for (index, block) in peaks.blocks.enumerated() {
                let values = samples[(index * expectedBlock * peaks.channels)..<min(samples.count, (index + 1) * expectedBlock * peaks.channels)]
                if block.min != values.min() || block.max != values.max() {
                    XCTFail("\(name) block \(index): \(block) vs \(values.min()!)…\(values.max()!)")
                    break
                }
            }
        }
    }

    func testSecondLoadReadsTheCacheWithoutDecoding() throws {
        let url = try makeToneFile()
        XCTAssertNil(try AudioPeaks.load(url: url), "nothing cached yet")
        let computed = try AudioPeaks.compute(url: url)
        let identity = try MediaFileIdentity(path: url.path)
        XCTAssertTrue(FileManager.default.fileExists(atPath: AudioPeaks.cacheURL(for: identity, stream: 0).path))

        let computations = AudioPeaks.computeCount
        let loaded = try XCTUnwrap(try AudioPeaks.load(url: url))
        XCTAssertEqual(AudioPeaks.computeCount, computations, "a load does not decode")
        XCTAssertEqual(loaded.blocks, computed.blocks)
        XCTAssertEqual(loaded.sampleCount, computed.sampleCount)
        XCTAssertEqual(loaded.identity, identity)
        let job = AudioPeaksJob(url: url)
        guard case .done(let fromJob) = job.wait() else { return XCTFail("job: \(job.status)") }
        XCTAssertEqual(fromJob.blocks, computed.blocks)
        XCTAssertEqual(AudioPeaks.computeCount, computations, "the job found the cache too")

        // The file changes: its old peaks no longer apply.
        let later = Date().addingTimeInterval(5)
        try FileManager.default.setAttributes([.modificationDate: later], ofItemAtPath: url.path)
        XCTAssertNil(try AudioPeaks.load(url: url))
        addTeardownBlock { Self.removeCachedPeaks(url) }
        try? FileManager.default.removeItem(at: AudioPeaks.cacheURL(for: identity, stream: 0))
    }

    func testBackgroundJobReportsProgressAndCanBeCancelled() throws {
        let url = try makeTemporaryFolder(self, "peaks").appendingPathComponent("long.flac")
        _ = try ReferenceTool.succeed("ffmpeg", ["-v", "error", "-f", "lavfi", "-i", "anoisesrc=d=120:r=48000:a=0.3",
                                                "-c:a", "flac", url.path])
        addTeardownBlock { Self.removeCachedPeaks(url) }
        let cancelled = AudioPeaksJob(url: url)
        // cancel() says whether it took; either way the outcome is decided, not raced.
        if cancelled.cancel() {
            guard case .failed(let error) = cancelled.wait() else { return XCTFail("a cancel that took must end the job: \(cancelled.status)") }
            XCTAssertEqual(error.reason, "cancelled")
        } else {
            guard case .done = cancelled.wait() else { return XCTFail("\(cancelled.status)") }
        }
        XCTAssertFalse(cancelled.cancel(), "an ended job cannot be cancelled")

        let seen = Locked<[Double]>([])
        let job = AudioPeaksJob(url: url)
        while case .running(let progress) = job.status {
            seen.withLock { $0.append(progress) }
            usleep(20_000)
        }
        guard case .done(let peaks) = job.status else { return XCTFail("\(job.status)") }
        XCTAssertEqual(peaks.duration, 120, accuracy: 0.001)
        let values = seen.withLock { $0 }
        XCTAssertEqual(values, values.sorted(), "progress only rises")
        XCTAssertTrue(values.allSatisfy { $0 >= 0 && $0 < 1 })
        XCTAssertGreaterThan(peaks.peaks(from: 0, to: 120, buckets: 1)[0].max, 0.2, "noise at 0.3")
    }
}
