import Foundation
import Media
@testable import Render
import TimelineModel
import XCTest

/// A keyframed volume ramp, measured at the keyframes and between them, on a constant source.
final class KeyframeMixTests: XCTestCase {
    /// The level in dB of the mix at timeline sample `at` for one clip of a 0.5 source.
    func levels(_ clip: Clip, gapBefore: Int64 = 0, at samples: [Int64]) -> [Double] {
        var items: [Item] = gapBefore > 0 ? [.gap(gapBefore)] : []
        items.append(.clip(clip))
        let project = Fixture.project(media: [Fixture.media("flat")], tracks: [Fixture.track(.audio, "A1", items)])
        let renderer = TimelineRenderer(project: project, pool: MediaPool(audio: { _ throws(MediaError) in SyntheticAudio(level: 0.5) }))
        return samples.map { s in 20 * log10(Double(renderer.sound(from: s, count: 1)[0]) / 0.5) }
    }

    func testRampIsExactAtTheKeyframesAndLinearInDBBetween() {
        // Units 100…190 of the media at record 10…100 (30 fps: 1600 samples a frame).
        var clip = Clip(id: ClipID(1), name: "flat", media: MediaID("flat"), source: FrameRange(start: 100, duration: 90), available: 3000)
        clip.gainDB = -2
        clip.volumeKeyframes = [VolumeKeyframe(frame: 110, gainDB: 0), VolumeKeyframe(frame: 140, gainDB: -20, curve: .hold),
                                VolumeKeyframe(frame: 160, gainDB: -6, curve: .ease), VolumeKeyframe(frame: 180, gainDB: 0)]
        let sample = { (recordFrame: Double) in Int64(recordFrame * 1600) }
        // Record frame of unit u: 10 + (u − 100).
        let measured = levels(clip, gapBefore: 10, at: [sample(15), sample(20), sample(35), sample(50), sample(60), sample(69.99),
                                                        sample(70), sample(80), sample(85), sample(90), sample(95)])
        let expected: [Double] = [0, 0, -10, -20, -20, -20, -6, -3, -6 + 6 * 0.84375, 0, 0].map { $0 - 2 }
        for (i, (m, e)) in zip(measured, expected).enumerated() {
            XCTAssertEqual(m, e, accuracy: 0.01, "point \(i)")
        }
    }

    func testKeyframesCombineWithFadesAndTrackVolume() {
        var clip = Clip(id: ClipID(1), name: "flat", media: MediaID("flat"), source: FrameRange(start: 0, duration: 60), available: 3000)
        clip.volumeKeyframes = [VolumeKeyframe(frame: 0, gainDB: -12)]
        clip.fadeIn = ClipFade(duration: 10, curve: .linear)
        // Halfway through the 16000-sample fade-in: 0.5 linear (−6.02 dB) on top of −12.
        XCTAssertEqual(levels(clip, at: [8000])[0], -12 + 20 * log10(0.5), accuracy: 0.001)
        XCTAssertEqual(levels(clip, at: [20_000])[0], -12, accuracy: 0.001)
    }

    /// Track (fader) keyframes at record frames, applied after the clip's gain and keyframes and
    /// with the fader: measured at the keyframes, between them, and across a cut between two clips.
    func testTrackKeyframesRampTheWholeTrackAfterClipGain() {
        var first = Clip(id: ClipID(1), name: "flat", media: MediaID("flat"), source: FrameRange(start: 0, duration: 40), available: 3000)
        first.gainDB = -2
        first.volumeKeyframes = [VolumeKeyframe(frame: 0, gainDB: -4)]
        let second = Clip(id: ClipID(2), name: "flat", media: MediaID("flat"), source: FrameRange(start: 500, duration: 60), available: 3000)
        var track = Fixture.track(.audio, "A1", [.clip(first), .clip(second)])
        track.volumeDB = -1
        // Record 20: 0 dB; linear to −18 at record 50 (across the cut at 40); held from 50 to 80, then up to −6 at 90.
        track.volumeKeyframes = [VolumeKeyframe(frame: 20, gainDB: 0), VolumeKeyframe(frame: 50, gainDB: -18, curve: .hold),
                                 VolumeKeyframe(frame: 80, gainDB: -18), VolumeKeyframe(frame: 90, gainDB: -6)]
        let project = Fixture.project(media: [Fixture.media("flat")], tracks: [track])
        let renderer = TimelineRenderer(project: project, pool: MediaPool(audio: { _ throws(MediaError) in SyntheticAudio(level: 0.5) }))
        func level(_ recordFrame: Double) -> Double {
            20 * log10(Double(renderer.sound(from: Int64(recordFrame * 1600), count: 1)[0]) / 0.5)
        }
        let points: [(Double, Double)] = [
            (5, -2 - 4 - 1 + 0),       // before the first keyframe: its level
            (20, -2 - 4 - 1 + 0),      // at it
            (35, -2 - 4 - 1 - 9),      // halfway down the ramp, on the first clip
            (45, -1 - 15),             // five sixths down, on the second clip (no clip gain)
            (50, -1 - 18),             // at the hold keyframe
            (70, -1 - 18),             // held
            (85, -1 - 12),             // halfway back up
            (95, -1 - 6),              // after the last
        ]
        for (frame, expected) in points {
            XCTAssertEqual(level(frame), expected, accuracy: 0.01, "record frame \(frame)")
        }
    }

    /// The largest difference in dB between the mixer's block envelope and the per-sample one
    /// over `range` (where either is silent, both must be).
    func worstBlockError(_ segment: AudioSegment, over range: Range<Int64>) -> Double {
        let block = segment.envelope(over: range)
        var worst = 0.0
        for (i, s) in range.enumerated() {
            let exact = segment.envelope(at: s)
            if exact == 0 || block[i] == 0 {
                XCTAssertEqual(block[i], exact, "sample \(s): silent in one only")
                continue
            }
            worst = max(worst, abs(20 * log10(Double(block[i]) / Double(exact))))
        }
        return worst
    }

    /// The mixer's block envelope (exact levels at the ends of short stretches, straight lines
    /// between) stays within 0.01 dB of the per-sample envelope across fades of every curve, ramps,
    /// eases, holds and both kinds of keyframes.
    func testBlockEnvelopeIsWithinAHundredthOfADecibelOfThePerSampleOne() {
        var segment = AudioSegment(track: 0, clip: ClipID(1), media: MediaID("m"), record: 0..<20_000, sourceStart: 0, left: 1, right: 1)
        segment.clipFadeIn = SampleFade(range: 0..<3_000, curve: .equalPower)
        segment.clipFadeOut = SampleFade(range: 17_000..<20_000, curve: .logarithmic)
        segment.keyframes = [VolumeKeyframe(frame: 2_000, gainDB: -3), VolumeKeyframe(frame: 6_000, gainDB: -15, curve: .hold),
                             VolumeKeyframe(frame: 9_000, gainDB: 0, curve: .ease), VolumeKeyframe(frame: 12_000, gainDB: -6)]
        segment.trackKeyframes = [VolumeKeyframe(frame: 5_000, gainDB: 0), VolumeKeyframe(frame: 15_000, gainDB: -20)]
        let error = worstBlockError(segment, over: 500..<19_800)
        XCTAssertLessThan(error, 0.01)
        XCTAssertGreaterThan(error, 0, "the ramps are interpolated, not computed per sample")
    }

    /// Steep curves shorten the stretches down to single samples: 96 dB in one frame (linear and
    /// eased), an equal-power fade of 40 samples and one of a frame, a cross-fade under it all.
    func testSteepRampsAndShortFadesStayWithinAHundredthOfADecibel() {
        var segment = AudioSegment(track: 0, clip: ClipID(1), media: MediaID("m"), record: 0..<12_000, sourceStart: 0, left: 1, right: 1,
                                   fadeIn: 0..<4_800)
        segment.clipFadeIn = SampleFade(range: 100..<140, curve: .equalPower)
        segment.clipFadeOut = SampleFade(range: 10_400..<12_000, curve: .equalPower)
        segment.keyframes = [VolumeKeyframe(frame: 1_000, gainDB: 0), VolumeKeyframe(frame: 2_600, gainDB: -96, curve: .ease),
                             VolumeKeyframe(frame: 4_200, gainDB: 0), VolumeKeyframe(frame: 5_800, gainDB: -96),
                             VolumeKeyframe(frame: 7_400, gainDB: 48, curve: .hold), VolumeKeyframe(frame: 7_401, gainDB: -10)]
        segment.trackKeyframes = [VolumeKeyframe(frame: 8_000, gainDB: 12), VolumeKeyframe(frame: 8_100, gainDB: -12, curve: .ease),
                                  VolumeKeyframe(frame: 8_200, gainDB: 0)]
        XCTAssertLessThan(worstBlockError(segment, over: 0..<12_000), 0.01)
        // Any block of the range gives the same levels as the whole (stretches restart at its start).
        XCTAssertLessThan(worstBlockError(segment, over: 2_345..<2_399), 0.01)
    }

    /// Where only straight factors apply (cross-fades, linear fades, constant and held levels) the
    /// block envelope is the per-sample one, bit for bit.
    func testStraightFactorsAreExact() {
        var segment = AudioSegment(track: 0, clip: ClipID(1), media: MediaID("m"), record: 0..<20_000, sourceStart: 0, left: 1, right: 1,
                                   fadeIn: 0..<2_000, fadeOut: 18_000..<20_000)
        segment.clipFadeIn = SampleFade(range: 1_000..<4_000, curve: .linear)
        segment.clipFadeOut = SampleFade(range: 15_000..<19_000, curve: .linear)
        segment.keyframes = [VolumeKeyframe(frame: 5_000, gainDB: -3, curve: .hold), VolumeKeyframe(frame: 9_000, gainDB: -9)]
        segment.trackKeyframes = [VolumeKeyframe(frame: 3_000, gainDB: -1.5)]
        XCTAssertEqual(segment.envelope(over: 0..<20_000), (0..<Int64(20_000)).map { segment.envelope(at: $0) })
    }
}
