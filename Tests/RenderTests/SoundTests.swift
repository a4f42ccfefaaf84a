import Foundation
import Media
import Render
import TimelineModel
import XCTest

final class SoundTests: XCTestCase {
    /// A1 and A2 each hold one clip over frames [0, 30) (samples [0, 48000)).
    private func twoTracks(configure: (inout [Track]) -> Void = { _ in }) -> Project {
        var tracks = [
            Fixture.track(.video, "V1", []),
            Fixture.track(.audio, "A1", [Fixture.clip(1, "quiet", from: 0, frames: 30)]),
            Fixture.track(.audio, "A2", [Fixture.clip(2, "loud", from: 0, frames: 30)]),
        ]
        configure(&tracks)
        return Fixture.project(media: [Fixture.media("quiet"), Fixture.media("loud")], tracks: tracks)
    }

    private func renderer(_ project: Project) -> TimelineRenderer {
        let levels: [String: Float] = ["quiet": 0.125, "loud": 0.5]
        let pool = MediaPool(audio: { reference throws(MediaError) in
            SyntheticAudio(level: levels[reference.id.rawValue] ?? 0.9)
        })
        return TimelineRenderer(project: project, pool: pool)
    }

    private func stereo(_ samples: [Float], at index: Int) -> [Float] { [samples[index * 2], samples[index * 2 + 1]] }

    func testEveryAudibleTrackIsSummed() {
        let mix = renderer(twoTracks()).sound(from: 100, count: 10)
        XCTAssertEqual(mix.count, 20)
        XCTAssertEqual(stereo(mix, at: 0), [0.625, 0.625])
        XCTAssertEqual(stereo(mix, at: 9), [0.625, 0.625])
    }

    func testMuteAndSolo() {
        XCTAssertEqual(stereo(renderer(twoTracks { $0[2].muted = true }).sound(from: 0, count: 1), at: 0), [0.125, 0.125])
        XCTAssertEqual(stereo(renderer(twoTracks { $0[2].solo = true }).sound(from: 0, count: 1), at: 0), [0.5, 0.5], "only the soloed track")
        XCTAssertEqual(stereo(renderer(twoTracks { $0[1].solo = true; $0[2].solo = true }).sound(from: 0, count: 1), at: 0), [0.625, 0.625])
        XCTAssertEqual(stereo(renderer(twoTracks { $0[1].muted = true; $0[2].muted = true }).sound(from: 0, count: 1), at: 0), [0, 0])
        XCTAssertEqual(AudioMix.audibleTracks(twoTracks { $0[1].solo = true }.timeline), [1])
    }

    func testClipGainTrackVolumeAndPan() {
        let half = 20 * log10(0.5)
        XCTAssertEqual(stereo(renderer(twoTracks { $0[2].items = ItemList([Fixture.clip(2, "loud", from: 0, frames: 30, gainDB: half)]) })
            .sound(from: 0, count: 1), at: 0)[0], 0.375, accuracy: 1e-6, "0.125 + 0.5 × ½")
        XCTAssertEqual(stereo(renderer(twoTracks { $0[2].volumeDB = half; $0[1].muted = true }).sound(from: 0, count: 1), at: 0)[1],
                       0.25, accuracy: 1e-6)
        // Clip gain and track volume in dB add.
        XCTAssertEqual(stereo(renderer(twoTracks {
            $0[2].volumeDB = half; $0[1].muted = true
            $0[2].items = ItemList([Fixture.clip(2, "loud", from: 0, frames: 30, gainDB: half)])
        }).sound(from: 0, count: 1), at: 0)[0], 0.125, accuracy: 1e-6)
        let left = renderer(twoTracks { $0[2].pan = -1; $0[1].muted = true }).sound(from: 0, count: 1)
        XCTAssertEqual(stereo(left, at: 0), [0.5, 0], "hard left")
        let right = renderer(twoTracks { $0[2].pan = 0.5; $0[1].muted = true }).sound(from: 0, count: 1)
        XCTAssertEqual(stereo(right, at: 0), [0.25, 0.5], "half right turns the left down by half")
    }

    func testDisabledClipsAndOfflineMediaAreSilent() {
        let disabled = twoTracks { $0[2].items = ItemList([Fixture.clip(2, "loud", from: 0, frames: 30, enabled: false)]) }
        XCTAssertEqual(stereo(renderer(disabled).sound(from: 0, count: 1), at: 0), [0.125, 0.125])
        var offline = twoTracks()
        offline.media[1].isOffline = true
        let r = renderer(offline)
        XCTAssertEqual(stereo(r.sound(from: 0, count: 1), at: 0), [0.125, 0.125])
        XCTAssertEqual(r.pool.openCount, 1, "offline media is not opened")
        // Media without sound (a picture-only file) adds nothing either.
        var pictureOnly = twoTracks()
        pictureOnly.media[1].audio = nil
        XCTAssertEqual(stereo(renderer(pictureOnly).sound(from: 0, count: 1), at: 0), [0.125, 0.125])
    }

    func testClipsLandOnTheirSamplesAndReadTheirSourceSamples() {
        // A1: gap 10 frames, then a clip whose source starts 45 frames into its media.
        // At 30 fps a frame is 1600 samples: the clip sounds from sample 16000, reading media sample 72000.
        let project = Fixture.project(media: [Fixture.media("ramp")], tracks: [
            Fixture.track(.audio, "A1", [.gap(10), Fixture.clip(1, "ramp", from: 45, frames: 20)]),
        ])
        let source = SyntheticAudio { channel, sample in Float(sample) + (channel == 1 ? 0.5 : 0) }
        let renderer = TimelineRenderer(project: project, pool: MediaPool(audio: { _ throws(MediaError) in source }))
        let mix = renderer.sound(from: 15_998, count: 4)
        XCTAssertEqual(mix, [0, 0, 0, 0, 72_000, 72_000.5, 72_001, 72_001.5])
        XCTAssertEqual(source.reads.first?.from, 72_000)
        // The clip's last sample is 16000 + 20 × 1600 − 1; silence after it.
        let end = renderer.sound(from: 47_999, count: 2)
        XCTAssertEqual(end, [Float(72_000 + 31_999), Float(72_000 + 31_999) + 0.5, 0, 0])
    }

    func testSoundThatStartsAfterTheFileStartIsShiftedToStayWithThePicture() {
        // The file's sound starts 480 samples (10 ms) after its start time: media sample 72000
        // from the file start is the source's sample 71520.
        let project = Fixture.project(media: [Fixture.media("late")], tracks: [
            Fixture.track(.audio, "A1", [Fixture.clip(1, "late", from: 45, frames: 20)]),
        ])
        let source = SyntheticAudio { _, sample in Float(sample) }
        let pool = MediaPool(audio: { _ throws(MediaError) in source }, audioDelay: { _ in 480 })
        let mix = TimelineRenderer(project: project, pool: pool).sound(from: 0, count: 1)
        XCTAssertEqual(mix, [71_520, 71_520])
    }

    func testAudioDelayIsProbedFromTheFile() throws {
        let url = try Fixture.corpusFile("movie-hello.mp4")  // file starts at 0.033008 s, its sound at 0.042 s
        let delay = MediaPool.probeAudioDelay(Fixture.media("hello", path: url.path))
        XCTAssertEqual(delay, Int64(((0.042 - 0.033008) * 48_000).rounded()))
        XCTAssertEqual(MediaPool.probeAudioDelay(Fixture.media("missing")), 0)
    }

    func testNTSCClipsTileTheSampleLine() {
        // At 29.97 a frame is 1601.6 samples: cuts fall on the sample the one rescale gives, with no gap or overlap.
        let project = Fixture.project(rate: .fps29_97, media: [Fixture.media("a", rate: .fps29_97), Fixture.media("b", rate: .fps29_97)], tracks: [
            Fixture.track(.audio, "A1", [Fixture.clip(1, "a", from: 0, frames: 7), Fixture.clip(2, "b", from: 0, frames: 7)]),
        ])
        let cut = AudioMix.sample(ofFrame: 7, rate: .fps29_97)
        XCTAssertEqual(cut, 11_211)  // 7 × 48000 × 1001 / 30000 = 11211.2
        let pool = MediaPool(audio: { reference throws(MediaError) in SyntheticAudio(level: reference.id == "a" ? 0.25 : 0.5) })
        let mix = TimelineRenderer(project: project, pool: pool).sound(from: cut - 2, count: 4)
        XCTAssertEqual(mix, [0.25, 0.25, 0.25, 0.25, 0.5, 0.5, 0.5, 0.5])
    }

    func testCrossFadeAtAnAudioTransitionKeepsTheLevel() {
        // a [0,30) cross-fades into b over 6 frames centred on the cut: samples [27×1600, 33×1600).
        let project = Fixture.project(media: [Fixture.media("a"), Fixture.media("b")], tracks: [
            Fixture.track(.audio, "A1", [Fixture.clip(1, "a", from: 0, frames: 30, transitionOut: Transition(kind: .dissolve, duration: 6)),
                                         Fixture.clip(2, "b", from: 100, frames: 30)]),
        ])
        let pool = MediaPool(audio: { _ throws(MediaError) in SyntheticAudio(level: 0.5) })
        let renderer = TimelineRenderer(project: project, pool: pool)
        let mix = renderer.sound(from: 27 * 1600 - 100, count: 6 * 1600 + 200)
        for i in stride(from: 0, to: mix.count, by: 97) {
            XCTAssertEqual(mix[i], 0.5, accuracy: 1e-5, "sample \(i / 2)")
        }
        let plan = AudioMix.plan(project, range: 0..<100_000)
        XCTAssertEqual(plan.map(\.record), [0..<(33 * 1600), (27 * 1600)..<(60 * 1600)])
        XCTAssertEqual(plan[1].sourceStart, 97 * 1600, "b starts 3 frames early, from its head handle")
        XCTAssertEqual(plan[0].envelope(at: 27 * 1600), 1 - 0.5 / 9600, accuracy: 1e-6)
        XCTAssertEqual(plan[1].envelope(at: 27 * 1600), 0.5 / 9600, accuracy: 1e-6)
    }

    func testEachMediaFileIsOpenedOnceAndThePoolIsBounded() {
        var opened: [String] = []
        let pool = MediaPool(limit: 2, audio: { reference throws(MediaError) in
            opened.append(reference.id.rawValue)
            return SyntheticAudio(level: 0.1)
        })
        let project = Fixture.project(media: [Fixture.media("a"), Fixture.media("b"), Fixture.media("c")], tracks: [
            Fixture.track(.audio, "A1", [Fixture.clip(1, "a", from: 0, frames: 30), Fixture.clip(2, "b", from: 0, frames: 30),
                                         Fixture.clip(3, "c", from: 0, frames: 30)]),
        ])
        let renderer = TimelineRenderer(project: project, pool: pool)
        for chunk in 0..<(90 * 1600 / 960) { _ = renderer.sound(from: Int64(chunk * 960), count: 960) }
        XCTAssertEqual(opened, ["a", "b", "c"])
        _ = renderer.sound(from: 0, count: 10)
        XCTAssertEqual(opened, ["a", "b", "c", "a"], "a fell out of a pool of two and is opened again")
    }
}

final class SampleFrameTests: XCTestCase {
    func testFrameContainingSampleInvertsSampleOfFrameAtEveryRate() {
        for rate in [Rate.fps23_976, .fps24, .fps25, .fps29_97, .fps30, .fps50, .fps59_94, .fps60] {
            for frame in (0 as Int64)..<400 {
                let first = AudioMix.sample(ofFrame: frame, rate: rate), next = AudioMix.sample(ofFrame: frame + 1, rate: rate)
                XCTAssertEqual(AudioMix.frame(containingSample: first, rate: rate), frame, "\(rate) first sample of \(frame)")
                XCTAssertEqual(AudioMix.frame(containingSample: next - 1, rate: rate), frame, "\(rate) last sample of \(frame)")
            }
        }
    }
}
