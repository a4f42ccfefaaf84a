import Foundation
import Media
import Render
import TimelineModel
import XCTest

/// A nested clip sounds the inner sequence's mix at the mapped time, as it shows its picture.
final class NestedSoundTests: XCTestCase {
    /// Inner: A1 a ramp from frame 10 (gain −6 dB), A2 a steady tone panned left, both inside the
    /// nested range, so the inner mix has its own levels, pan and tracks to get right.
    /// Outer: V1 a media clip (5 frames; media on a video track has no sound) then Inner from its
    /// frame 15 for 20 frames; A1 a tone over frames 20–30.
    private func project(nestedGainDB: Double = 0, configure: (inout Project) -> Void = { _ in }) -> Project {
        let ramp = Fixture.clip(1, "ramp", from: 0, frames: 50, gainDB: -6)
        var a2 = Fixture.track(.audio, "A2", [.gap(12), Fixture.clip(2, "tone", from: 100, frames: 40)])
        a2.pan = -0.5
        var inner = Timeline(name: "Inner", rate: .fps30, tracks: [
            Fixture.track(.video, "V1", [Fixture.clip(3, "ramp", from: 0, frames: 60)]),
            Fixture.track(.audio, "A1", [.gap(10), ramp]),
            a2,
        ])
        inner.nextID = 10
        var nested = Clip(id: ClipID(4), name: "Inner", media: Clip.sequenceMedia, source: FrameRange(start: 15, duration: 20), available: 60)
        nested.sequence = "Inner"
        nested.gainDB = nestedGainDB
        var project = Fixture.project(media: [Fixture.media("ramp"), Fixture.media("tone")], tracks: [
            Fixture.track(.video, "V1", [Fixture.clip(5, "ramp", from: 0, frames: 5), .clip(nested)]),
            Fixture.track(.audio, "A1", [.gap(20), Fixture.clip(6, "tone", from: 0, frames: 10)]),
        ])
        project.otherSequences = [inner]
        configure(&project)
        return project
    }

    /// Media "ramp" rises sample by sample (a shift of one sample shows); "tone" is steady.
    private func pool() -> MediaPool {
        MediaPool(audio: { reference throws(MediaError) in
            reference.id.rawValue == "ramp"
                ? SyntheticAudio { channel, sample in Float(sample % 4800) / 9600 + Float(channel) * 0.01 }
                : SyntheticAudio(level: 0.25)
        })
    }

    private func sample(_ frame: Int64) -> Int64 { AudioMix.sample(ofFrame: frame, rate: .fps30) }

    func testTheNestedClipSoundsTheInnerMixAtTheMappedTime() {
        let project = project()
        let outer = TimelineRenderer(project: project, pool: pool())
        let inner = TimelineRenderer(project: project.withSequenceOpen("Inner")!, pool: pool())
        // Record frames 5–20 hold only the nested clip: exactly Inner's frames 15–30.
        let count = Int(sample(20) - sample(5))
        let heard = outer.sound(from: sample(5), count: count)
        let expected = inner.sound(from: sample(15), count: count)
        XCTAssertEqual(heard, expected)
        XCTAssertNil(outer.lastProblem)
        XCTAssertGreaterThan(expected.map(abs).max() ?? 0, 0.1, "the inner mix is not silence, so the comparison can fail")
        XCTAssertNotEqual(expected, inner.sound(from: sample(15) + 1, count: count), "a shift of one sample shows")
        // Before it, the media clip on V1 is silent, as media on a video track always was.
        XCTAssertEqual(outer.sound(from: 0, count: Int(sample(5))).map(abs).max(), 0)
        // Frames 20–25: the nested clip and the outer A1 add up.
        let both = outer.sound(from: sample(20), count: Int(sample(5)))
        let innerPart = inner.sound(from: sample(30), count: Int(sample(5)))
        for (index, value) in both.enumerated() { XCTAssertEqual(value, innerPart[index] + 0.25, accuracy: 1e-6) }
    }

    func testTheNestedClipsGainAndTrackMuteApply() {
        let quieter = TimelineRenderer(project: project(nestedGainDB: -6), pool: pool()).sound(from: sample(5), count: 3200)
        let full = TimelineRenderer(project: project(), pool: pool()).sound(from: sample(5), count: 3200)
        let factor = Float(AudioMix.linear(dB: -6))
        for (index, value) in quieter.enumerated() { XCTAssertEqual(value, full[index] * factor, accuracy: 1e-6) }
        let muted = project { $0.timeline.tracks[0].muted = true }
        XCTAssertEqual(TimelineRenderer(project: muted, pool: pool()).sound(from: sample(5), count: 3200).map(abs).max(), 0)
        let soloed = project { $0.timeline.tracks[1].solo = true }
        XCTAssertEqual(TimelineRenderer(project: soloed, pool: pool()).sound(from: sample(5), count: 3200).map(abs).max(), 0,
                       "while an audio track is soloed, a nest on an unsoloed track is silent")
        let hidden = project { $0.timeline.tracks[0].hidden = true }
        XCTAssertEqual(TimelineRenderer(project: hidden, pool: pool()).sound(from: sample(5), count: 3200), full,
                       "hiding the track hides the picture only")
    }

    func testAMissingOrCyclicNestIsSilentWithAProblem() {
        var loop = Clip(id: ClipID(1), name: "T", media: Clip.sequenceMedia, source: FrameRange(start: 0, duration: 10), available: 10)
        loop.sequence = "T"
        var missing = loop
        missing.id = ClipID(2)
        missing.sequence = "Gone"
        let project = Fixture.project(media: [Fixture.media("tone")], tracks: [
            Fixture.track(.video, "V1", [.clip(loop), .clip(missing)]),
            Fixture.track(.audio, "A1", [.gap(10), Fixture.clip(3, "tone", from: 0, frames: 10)]),
        ])
        let renderer = TimelineRenderer(project: project, pool: pool())
        // The loop nests itself down to the depth limit and gives up there, silent.
        XCTAssertEqual(Set(renderer.sound(from: 0, count: 1600)), [0])
        XCTAssertEqual(renderer.lastProblem?.contains("deeper than"), true, renderer.lastProblem ?? "")
        renderer.clearProblem()
        // The missing one is silent; A1 beside it still sounds.
        XCTAssertEqual(Set(renderer.sound(from: sample(10), count: 1600)), [0.25])
        XCTAssertEqual(renderer.lastProblem, "no sequence named Gone to nest")
    }
}
