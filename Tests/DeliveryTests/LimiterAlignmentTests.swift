import Foundation
import Media
import Render
import TimelineModel
import XCTest
@testable import Delivery

/// The limiters look ahead, so their output lags their input; the delivered sound must not.
/// A single click lands on the same sample with the master limiter and the delivery limiter
/// on as with both off.
final class LimiterAlignmentTests: XCTestCase {
    /// Silence with one loud click (over every ceiling used here) at `at` samples on both channels.
    final class Click: AudioSourcing {
        let sampleRate = 48_000
        let channels = 2
        let sampleCount: Int64 = 48_000 * 2
        let at: Int64
        init(at: Int64) { self.at = at }
        func read(from start: Int64, count: Int) throws(MediaError) -> [Float] {
            var out = [Float](repeating: 0, count: count * 2)
            if at >= start && at < start + Int64(count) {
                out[Int(at - start) * 2] = 1.5
                out[Int(at - start) * 2 + 1] = 1.5
            }
            return out
        }
    }

    func project(masterLimiter: MasterLimiter?) -> Project {
        let media = MediaReference(id: MediaID("click"), name: "click", path: "click.wav", duration: RationalTime(96_000, .audio48k),
                                   video: nil, audio: .init(sampleRate: 48_000, channels: 2, layout: "stereo", codec: "pcm_s16le"))
        var project = Project(name: "t", media: [media])
        var timeline = Timeline(name: "t", rate: .fps30, tracks: [Track(kind: .audio, name: "A1")])
        timeline.tracks[0].items.append(.clip(Clip(id: ClipID(timeline.allocateID()), name: "click", media: media.id,
                                                   source: FrameRange(start: 0, duration: 60), available: 60)))
        timeline.masterLimiter = masterLimiter
        project.timeline = timeline
        return project
    }

    /// The delivered left channel of samples `range`, read in blocks of `block`.
    func delivered(_ project: Project, range: Range<Int64>, limiterCeilingDB: Double?, block: Int = 1_000) -> [Float] {
        let click = Click(at: 30_007)
        let renderer = TimelineRenderer(project: project, pool: MediaPool(audio: { _ throws(MediaError) in click }))
        let sound = ProgrammeSound(renderer: renderer, range: range, gainDB: 0, limiterCeilingDB: limiterCeilingDB)
        var left: [Float] = []
        while left.count < range.count {
            let n = min(block, range.count - left.count)
            let chunk = sound.next(n)
            left += stride(from: 0, to: chunk.count, by: 2).map { chunk[$0] }
        }
        return left
    }

    func loudest(_ samples: [Float]) -> Int { samples.indices.max { abs(samples[$0]) < abs(samples[$1]) }! }

    func testAClickLandsOnTheSameSampleWithTheLimitersOnAndOff() {
        let range: Range<Int64> = 10_000..<60_000
        let plain = delivered(project(masterLimiter: nil), range: range, limiterCeilingDB: nil)
        XCTAssertEqual(loudest(plain), 30_007 - 10_000, "without limiters the click is where the source has it")
        XCTAssertEqual(plain[loudest(plain)], 1.5)
        for (master, delivery) in [(MasterLimiter(ceilingDB: -1), nil), (nil, -3.0), (MasterLimiter(ceilingDB: -1), -6.0)] as [(MasterLimiter?, Double?)] {
            let limited = delivered(project(masterLimiter: master), range: range, limiterCeilingDB: delivery, block: 777)
            XCTAssertEqual(limited.count, plain.count)
            XCTAssertEqual(loudest(limited), loudest(plain), "master \(String(describing: master)), delivery \(String(describing: delivery))")
            XCTAssertLessThan(abs(limited[loudest(limited)]), 1, "the click was limited")
        }
    }
}
