import Foundation
import Media
import Render
import TimelineModel
import XCTest

final class SpeedRenderTests: XCTestCase {
    private func clip(_ id: Int64, _ media: String, units: FrameRange, available: Int64?, speed: ClipSpeed?) -> Item {
        .clip(Clip(id: ClipID(id), name: media, media: MediaID(media), source: units, available: available, speed: speed))
    }

    private func sourceFrame(_ project: Project, _ frame: Int64) -> Int64? {
        guard case .layer(let layer) = PictureComposition.at(frame, in: project),
              case .media(_, let sourceFrame) = layer.source else { return nil }
        return sourceFrame
    }

    func testCompositionAsksForTheMappedMediaFrame() {
        // 200% from unit 5 (media 10), then 50% from unit 7 (media 3), then a freeze of media 40.
        let project = Fixture.project(media: [Fixture.media("m")], tracks: [
            Fixture.track(.video, "V1", [
                clip(1, "m", units: FrameRange(start: 5, duration: 4), available: 1500, speed: ClipSpeed(numerator: 2, denominator: 1)),
                clip(2, "m", units: FrameRange(start: 7, duration: 4), available: 6000, speed: ClipSpeed(numerator: 1, denominator: 2)),
                clip(3, "m", units: FrameRange(start: 0, duration: 3), available: nil, speed: ClipSpeed(freezeFrame: 40)),
            ]),
        ])
        XCTAssertEqual((0..<11).map { sourceFrame(project, $0) }, [10, 12, 14, 16, 3, 4, 4, 5, 40, 40, 40])
    }

    /// A speed clip sounds through atempo at its level; a freeze is silent.
    func testSpeedClipsSoundAndFreezesAreSilent() {
        let project = Fixture.project(media: [Fixture.media("m")], tracks: [
            Fixture.track(.video, "V1", []),
            Fixture.track(.audio, "A1", [
                Fixture.clip(1, "m", from: 0, frames: 30),
                clip(2, "m", units: FrameRange(start: 0, duration: 30), available: 1500, speed: ClipSpeed(numerator: 2, denominator: 1)),
                clip(3, "m", units: FrameRange(start: 0, duration: 30), available: nil, speed: ClipSpeed(freezeFrame: 3)),
            ]),
        ])
        let pool = MediaPool(audio: { _ throws(MediaError) in SyntheticAudio(level: 0.25) })
        let renderer = TimelineRenderer(project: project, pool: pool)
        XCTAssertEqual(AudioMix.plan(project, range: 0..<(48_000 * 3)).map(\.clip), [ClipID(1), ClipID(2)])
        let mix = renderer.sound(from: 0, count: 48_000 * 3)
        XCTAssertEqual(mix[2 * 47_999], 0.25, "the 100% clip sounds")
        XCTAssertEqual(mix[2 * (48_000 + 9_600)], 0.25, accuracy: 0.01, "the 200% clip sounds at its level (past atempo's first window)")
        XCTAssertEqual(mix[2 * 96_000 + 1], 0, "the freeze is silent")
    }

    /// A 440 Hz tone in a clip at 200% and at 50%: the pitch stays 440 Hz (zero crossings),
    /// as the clip plays its media twice (half) as fast.
    func testSpeedClipsKeepThePitch() {
        for speed in [ClipSpeed(numerator: 2, denominator: 1)!, ClipSpeed(numerator: 1, denominator: 2)!] {
            let project = Fixture.project(media: [Fixture.media("m")], tracks: [
                Fixture.track(.audio, "A1", [clip(1, "m", units: FrameRange(start: 0, duration: 60), available: 6000, speed: speed)]),
            ])
            let tone = SyntheticAudio { _, n in Float(0.5 * sin(2 * Double.pi * 440 * Double(n) / 48_000)) }
            let renderer = TimelineRenderer(project: project, pool: MediaPool(audio: { _ throws(MediaError) in tone }, audioDelay: { _ in 0 }))
            var mix: [Float] = []
            for chunk in 0..<50 { mix += renderer.sound(from: Int64(chunk * 960), count: 960) }
            var crossings: [Int] = []
            for i in 4800..<(mix.count / 2) where mix[2 * i - 2] < 0 && mix[2 * i] >= 0 { crossings.append(i) }
            let hz = Double(crossings.count - 1) * 48_000 / Double(crossings.last! - crossings.first!)
            XCTAssertEqual(hz, 440, accuracy: 4.4, "\(speed)")
            let rms = sqrt(mix[(2 * 4800)...].reduce(0.0) { $0 + Double($1 * $1) } / Double(mix.count - 9600))
            XCTAssertEqual(rms, 0.5 / 2.0.squareRoot(), accuracy: 0.04, "\(speed): the level is kept")
        }
    }

    func testCorpusClipAtDoubleSpeedAndFrozenShowsVideoSourcesFrames() throws {
        let url = try Fixture.corpusFile("bikes.mp4")  // 640x272, 25 fps, 250 frames
        let reference = Fixture.media("bikes", path: url.path, frames: 250, rate: .fps25, width: 640, height: 272, audio: false)
        let project = Fixture.project(rate: .fps25, media: [reference], tracks: [
            Fixture.track(.video, "V1", [
                // 200% from unit 20 (media 40); media 250 frames = 125 units.
                clip(1, "bikes", units: FrameRange(start: 20, duration: 50), available: 125, speed: ClipSpeed(numerator: 2, denominator: 1)),
                clip(2, "bikes", units: FrameRange(start: 0, duration: 10), available: nil, speed: ClipSpeed(freezeFrame: 77)),
            ]),
        ])
        let renderer = TimelineRenderer(project: project)
        let direct = try VideoSource(url: url)
        func theirs(_ n: Int) throws -> RGBAImage {
            RGBAImage(try direct.frame(at: .frameNumber(n)).converted(to: .rgba, width: 640, height: 272))
        }
        for (record, media) in [(0, 40), (1, 42), (2, 44), (49, 138)] as [(Int64, Int)] {
            assertSamePicture(renderer.picture(at: record, width: 640, height: 272), try theirs(media), "record \(record) → media \(media)")
        }
        for record in [50, 55, 59] as [Int64] {
            assertSamePicture(renderer.picture(at: record, width: 640, height: 272), try theirs(77), "freeze at record \(record)")
        }
        XCTAssertGreaterThan(differingBytes(renderer.picture(at: 1, width: 640, height: 272), try theirs(41)), 1000, "200% skips frame 41")
    }
}
