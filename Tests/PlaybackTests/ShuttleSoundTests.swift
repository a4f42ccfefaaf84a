import Foundation
import Media
@testable import Playback
import Render
import TimelineModel
import XCTest

/// A 440 Hz tone on the timeline, played at shuttle speeds: the pitch stays 440 Hz (zero
/// crossings) while the timeline goes by `speed` times as fast (the sound of 10 s at 2x lasts 5 s).
final class ShuttleSoundTests: XCTestCase {
    final class Tone: AudioSourcing {
        let sampleRate = 48_000, channels = 2
        let sampleCount: Int64 = 48_000 * 60
        func read(from start: Int64, count: Int) throws(MediaError) -> [Float] {
            var out = [Float](repeating: 0, count: count * 2)
            for i in 0..<count {
                let n = start + Int64(i)
                let v = n >= 0 && n < sampleCount ? Float(0.5 * sin(2 * Double.pi * 440 * Double(n) / 48_000)) : 0
                out[2 * i] = v; out[2 * i + 1] = v
            }
            return out
        }
    }

    func renderer() -> TimelineRenderer {
        var project = Project(name: "t", media: [MediaReference(id: MediaID("tone"), name: "tone.wav", path: "/nonexistent/tone.wav",
                                                                 duration: RationalTime(1800, .fps30), video: nil,
                                                                 audio: .init(sampleRate: 48_000, channels: 2, layout: "stereo", codec: "pcm_f32le"))])
        project.timeline = Timeline(name: "T", rate: .fps30, tracks: [
            Track(kind: .audio, name: "A1", items: ItemList([.clip(Clip(id: ClipID(1), name: "tone", media: MediaID("tone"),
                                                                        source: FrameRange(start: 0, duration: 1800), available: 1800))])),
        ])
        return TimelineRenderer(project: project, pool: MediaPool(audio: { _ throws(MediaError) in Tone() }, audioDelay: { _ in 0 }))
    }

    func frequency(_ interleaved: [Float]) -> Double {
        var crossings: [Int] = []
        for i in 1..<(interleaved.count / 2) where interleaved[2 * i - 2] < 0 && interleaved[2 * i] >= 0 { crossings.append(i) }
        guard crossings.count > 2 else { return 0 }
        return Double(crossings.count - 1) * 48_000 / Double(crossings.last! - crossings.first!)
    }

    func rms(_ interleaved: [Float]) -> Double {
        sqrt(interleaved.reduce(0.0) { $0 + Double($1 * $1) } / Double(interleaved.count))
    }

    func testShuttleSpeedsKeepThePitchAndRunTheTimelineAtTheirSpeed() throws {
        let renderer = renderer()
        for speed in [PlaySpeed(2), PlaySpeed(4), PlaySpeed(-1), PlaySpeed(-2), PlaySpeed(1, 4)] {
            let schedule = PlaySchedule(rate: .fps30, start: speed.isForward ? 0 : 1799, speed: speed, range: 0..<1800)
            let shuttle = try XCTUnwrap(ShuttleSound(schedule: schedule))
            // One second of device time in device-sized chunks.
            var out: [Float] = []
            for _ in 0..<50 { out += shuttle.next(960, renderer: renderer) }
            let steady = Array(out[(2 * 4800)...])  // past atempo's first window
            XCTAssertEqual(frequency(steady), 440, accuracy: 4.4, "\(speed): the pitch is kept")
            XCTAssertEqual(rms(steady), 0.5 / sqrt(2), accuracy: 0.5 / sqrt(2) * 0.12, "\(speed): the level is kept (within 1 dB)")
        }
        // 10 s of timeline at 2x is 5 s of play, whose sound comes from 2 s of timeline per second.
        let schedule = PlaySchedule(rate: .fps30, start: 0, speed: PlaySpeed(2), range: 0..<300)
        XCTAssertEqual(schedule.endTau, 48_000 * 5)
    }

    func testReverseReadsTheMixBackwards() throws {
        // A rising ramp played at −1x comes out falling.
        let schedule = PlaySchedule(rate: .fps30, start: 299, speed: PlaySpeed(-1), range: 0..<300)
        let shuttle = try XCTUnwrap(ShuttleSound(schedule: schedule))
        var project = Project(name: "t", media: [MediaReference(id: MediaID("ramp"), name: "ramp.wav", path: "/nonexistent/ramp.wav",
                                                                 duration: RationalTime(300, .fps30), video: nil,
                                                                 audio: .init(sampleRate: 48_000, channels: 2, layout: "stereo", codec: "pcm_f32le"))])
        project.timeline = Timeline(name: "T", rate: .fps30, tracks: [
            Track(kind: .audio, name: "A1", items: ItemList([.clip(Clip(id: ClipID(1), name: "ramp", media: MediaID("ramp"),
                                                                        source: FrameRange(start: 0, duration: 300), available: 300))])),
        ])
        final class Ramp: AudioSourcing {
            let sampleRate = 48_000, channels = 2, sampleCount: Int64 = 480_000
            func read(from start: Int64, count: Int) throws(MediaError) -> [Float] {
                (0..<(count * 2)).map { Float(start + Int64($0 / 2)) / 480_000 }
            }
        }
        let renderer = TimelineRenderer(project: project, pool: MediaPool(audio: { _ throws(MediaError) in Ramp() }, audioDelay: { _ in 0 }))
        var out: [Float] = []
        for _ in 0..<20 { out += shuttle.next(960, renderer: renderer) }
        let early = out[(2 * 4800)..<(2 * 5800)].reduce(0, +), late = out[(2 * 17000)..<(2 * 18000)].reduce(0, +)
        XCTAssertGreaterThan(early, late, "the level falls as the play goes back towards the start")
        XCTAssertEqual(Double(out[2 * 10_000]), Double(479_999 - 10_000) / 480_000, accuracy: 0.01, "about where −1x should be")
    }
}
