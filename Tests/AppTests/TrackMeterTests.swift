import Foundation
import Media
import Render
import TimelineModel
import XCTest
@testable import App

/// The mixer strips' meters, fed the way the meters feed does it: a −6 dBFS sine on A1 reads
/// peak −6.0 and RMS −9.0 (a sine's RMS is 3.01 dB under its peak), a −20 dBFS one on A2 reads
/// its own level, not the mix's.
final class TrackMeterTests: XCTestCase {
    final class Sine: AudioSourcing {
        let sampleRate = 48_000, channels = 2, sampleCount: Int64 = 48_000 * 10
        let amplitude: Float, frequency: Double
        init(dBFS: Double, frequency: Double) { amplitude = Float(pow(10, dBFS / 20)); self.frequency = frequency }
        func read(from start: Int64, count: Int) throws(MediaError) -> [Float] {
            (0..<count).flatMap { i -> [Float] in
                let v = amplitude * Float(sin(2 * Double.pi * frequency * Double(start + Int64(i)) / 48_000))
                return [v, v]
            }
        }
    }

    func testEachTrackMetersItsOwnSound() {
        let frames: Int64 = 300
        func clip(_ id: Int64, _ media: String) -> Item {
            .clip(Clip(id: ClipID(id), name: media, media: MediaID(media), source: FrameRange(start: 0, duration: frames), available: frames))
        }
        func media(_ id: String) -> MediaReference {
            MediaReference(id: MediaID(id), name: "\(id).wav", path: "/nonexistent/\(id).wav", duration: RationalTime(frames, .fps30),
                           audio: .init(sampleRate: 48_000, channels: 2, layout: "stereo", codec: "pcm_f32le"))
        }
        var project = Project(name: "t", media: [media("a"), media("b")])
        project.timeline = Timeline(name: "T", rate: .fps30, tracks: [Track(kind: .audio, name: "A1", items: ItemList([clip(1, "a")])),
                                                                      Track(kind: .audio, name: "A2", items: ItemList([clip(2, "b")]))])
        let a = Sine(dBFS: -6, frequency: 1_000), b = Sine(dBFS: -20, frequency: 440)
        let pool = MediaPool(audio: { reference throws(MediaError) in reference.id == MediaID("a") ? a : b }, audioDelay: { _ in 0 })
        let renderer = TimelineRenderer(project: project, pool: pool)
        renderer.tapsTracks = true
        var meters = TrackMeters()
        var at: Int64 = 0
        for _ in 0..<10 {
            _ = renderer.sound(from: at, count: 4_800)
            meters.feed(renderer)
            at += 4_800
        }
        let levels = meters.levels(project.timeline)
        XCTAssertEqual(levels.map(\.name), ["A1", "A2"])
        XCTAssertEqual(levels[0].peak, -6, accuracy: 0.1)
        XCTAssertEqual(levels[0].rms, -9.0, accuracy: 0.1)
        XCTAssertEqual(levels[0].heldPeak, -6, accuracy: 0.1)
        XCTAssertEqual(levels[1].peak, -20, accuracy: 0.1)
        XCTAssertEqual(levels[1].rms, -23.0, accuracy: 0.1)
        // A muted track sounds nothing, so its meter reads silence.
        var muted = project
        muted.timeline.tracks[1].muted = true
        renderer.update(muted)
        var fresh = TrackMeters()
        _ = renderer.sound(from: 0, count: 4_800)
        fresh.feed(renderer)
        XCTAssertEqual(fresh.levels(muted.timeline)[1].peak, -.infinity)
        XCTAssertEqual(fresh.levels(muted.timeline)[0].peak, -6, accuracy: 0.1)
    }
}
