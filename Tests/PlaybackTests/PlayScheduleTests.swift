import Playback
import Render
import TimelineModel
import XCTest

final class PlayScheduleTests: XCTestCase {
    private func visits(_ schedule: PlaySchedule, count: Int) -> [(frame: Int64, tau: Int64)] {
        var out: [(Int64, Int64)] = []
        var visit: PlaySchedule.Visit? = schedule.firstVisit
        while let v = visit, out.count < count {
            out.append((v.frame, schedule.tau(of: v)))
            visit = schedule.visit(after: v)
        }
        return out
    }

    func testNormalSpeedShowsEveryFrameAtItsFirstSample() {
        let schedule = PlaySchedule(rate: .fps30, start: 10, speed: .normal, range: 0..<100)
        let shown = visits(schedule, count: 4)
        XCTAssertEqual(shown.map(\.frame), [10, 11, 12, 13])
        XCTAssertEqual(shown.map(\.tau), [0, 1600, 3200, 4800])
        XCTAssertEqual(schedule.frame(at: 1599), 10)
        XCTAssertEqual(schedule.frame(at: 1600), 11)
        XCTAssertEqual(schedule.soundPosition(at: 1600)?.sample, 11 * 1600, "the sample heard belongs to the frame shown")
        XCTAssertEqual(schedule.endTau, 90 * 1600)
        XCTAssertNil(schedule.frame(at: 90 * 1600))
        XCTAssertEqual(schedule.frame(at: 90 * 1600 - 1), 99)
    }

    func testNTSCFramesAndSamplesNeverDisagree() {
        // 1601.6 samples a frame: the frame on screen at the moment a frame is due is that frame, for a minute.
        let schedule = PlaySchedule(rate: .fps29_97, start: 7, speed: .normal, range: 0..<3000)
        for (frame, tau) in visits(schedule, count: 1800) {
            XCTAssertEqual(schedule.frame(at: tau), frame)
            if tau > 0 { XCTAssertEqual(schedule.frame(at: tau - 1), frame - 1) }
            let heard = schedule.soundPosition(at: tau)!.sample
            XCTAssertGreaterThanOrEqual(heard, AudioMix.sample(ofFrame: frame, rate: .fps29_97))
            XCTAssertLessThan(heard, AudioMix.sample(ofFrame: frame + 1, rate: .fps29_97))
        }
    }

    func testShuttleSpeedsShowEveryNthFrameAtDisplayRate() {
        let fast = PlaySchedule(rate: .fps30, start: 0, speed: PlaySpeed(4), range: 0..<1000)
        XCTAssertEqual(visits(fast, count: 4).map(\.frame), [0, 4, 8, 12])
        XCTAssertEqual(visits(fast, count: 4).map(\.tau), [0, 1600, 3200, 4800], "30 pictures a second")
        let back = PlaySchedule(rate: .fps30, start: 100, speed: PlaySpeed(-2), range: 0..<1000)
        XCTAssertEqual(visits(back, count: 3).map(\.frame), [100, 98, 96])
        XCTAssertEqual(visits(back, count: 3).map(\.tau), [0, 1600, 3200])
        XCTAssertEqual(back.frame(at: 799), 100, "the position runs at 2x: frame 100 is left after half a frame's time")
        XCTAssertEqual(back.frame(at: 800), 99)
        XCTAssertEqual(back.endTau, 101 * 1600 / 2, "frames 100 down to 0, each for half its time")
        let slow = PlaySchedule(rate: .fps30, start: 0, speed: .slowMotion, range: 0..<1000)
        XCTAssertEqual(visits(slow, count: 3).map(\.tau), [0, 6400, 12800], "each frame four times as long")
        XCTAssertEqual(slow.frame(at: 6399), 0)
    }

    func testLoopWrapsPictureAndSoundTogether() {
        let loop = PlaySchedule(rate: .fps30, start: 18, speed: .normal, range: 10..<20, loops: true)
        let shown = visits(loop, count: 14)
        XCTAssertEqual(shown.map(\.frame), [18, 19, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 10, 11])
        XCTAssertEqual(shown.map(\.tau), (0..<14).map { Int64($0) * 1600 }, "time runs on across the wrap")
        XCTAssertNil(loop.endTau)
        XCTAssertEqual(loop.soundPosition(at: 2 * 1600)?.sample, 10 * 1600)
        XCTAssertEqual(loop.soundPosition(at: 1600 + 5)?.run, 1600 - 5, "a sound chunk stops at the wrap")
        let backLoop = PlaySchedule(rate: .fps30, start: 11, speed: .reverse, range: 10..<20, loops: true)
        XCTAssertEqual(visits(backLoop, count: 4).map(\.frame), [11, 10, 19, 18])
        XCTAssertEqual(visits(backLoop, count: 4).map(\.tau), [0, 1600, 3200, 4800])
    }

    func testShuttleLadder() {
        var speed: PlaySpeed? = nil
        var seen: [String] = []
        for _ in 0..<5 {
            speed = PlaySpeed.shuttle(after: speed, forward: true)
            seen.append(speed!.description)
        }
        XCTAssertEqual(seen, ["1x", "2x", "4x", "8x", "8x"])
        XCTAssertEqual(PlaySpeed.shuttle(after: PlaySpeed(4), forward: false), .reverse, "J while going forward: 1x back")
        XCTAssertEqual(PlaySpeed.shuttle(after: .reverse, forward: false), PlaySpeed(-2))
        XCTAssertEqual(PlaySpeed.shuttle(after: .slowMotion, forward: true), .normal)
        XCTAssertTrue(PlaySpeed.normal.isNormal)
        XCTAssertFalse(PlaySpeed(2).isNormal)
        XCTAssertFalse(PlaySpeed.slowMotion.isNormal)
        XCTAssertEqual(PlaySpeed(ratio: 0.25), .slowMotion)
        XCTAssertEqual(PlaySpeed(ratio: -8), PlaySpeed(-8))
        XCTAssertEqual(PlaySpeed(ratio: 1)?.isNormal, true)
        XCTAssertNil(PlaySpeed(ratio: 0), "0 is stopped, not a speed")
        XCTAssertNil(PlaySpeed(ratio: 0.3))
    }
}
