import Foundation
import Media
import Render
import TimelineModel
import XCTest

final class PictureTests: XCTestCase {
    /// V1: a [0,100) b [100,200); V2: gap 50, c [50,120).
    private func stacked(hiddenV2: Bool = false, cEnabled: Bool = true) -> Project {
        var v2 = Fixture.track(.video, "V2", [.gap(50), Fixture.clip(3, "c", from: 10, frames: 70, enabled: cEnabled)])
        v2.hidden = hiddenV2
        return Fixture.project(media: [Fixture.media("a"), Fixture.media("b"), Fixture.media("c")], tracks: [
            Fixture.track(.video, "V1", [Fixture.clip(1, "a", from: 0, frames: 100), Fixture.clip(2, "b", from: 500, frames: 100)]),
            v2,
            Fixture.track(.audio, "A1", []),
        ])
    }

    func testTopMostEnabledClipOnAVisibleTrackWins() {
        let project = stacked()
        XCTAssertEqual(PictureComposition.at(10, in: project),
                       .layer(PictureLayer(track: 0, clip: ClipID(1), source: .media("a", sourceFrame: 10))))
        XCTAssertEqual(PictureComposition.at(50, in: project),
                       .layer(PictureLayer(track: 1, clip: ClipID(3), source: .media("c", sourceFrame: 10))), "V2 over V1")
        XCTAssertEqual(PictureComposition.at(119, in: project),
                       .layer(PictureLayer(track: 1, clip: ClipID(3), source: .media("c", sourceFrame: 79))))
        XCTAssertEqual(PictureComposition.at(120, in: project),
                       .layer(PictureLayer(track: 0, clip: ClipID(2), source: .media("b", sourceFrame: 520))), "V2 ended")
        XCTAssertEqual(PictureComposition.at(200, in: project), .black, "past the end")
        XCTAssertEqual(PictureComposition.at(60, in: stacked(hiddenV2: true)),
                       .layer(PictureLayer(track: 0, clip: ClipID(1), source: .media("a", sourceFrame: 60))), "hidden V2")
        XCTAssertEqual(PictureComposition.at(60, in: stacked(cEnabled: false)),
                       .layer(PictureLayer(track: 0, clip: ClipID(1), source: .media("a", sourceFrame: 60))), "disabled clip")
    }

    func testGapIsBlackAtTheRequestedSize() {
        let project = Fixture.project(media: [Fixture.media("a")], tracks: [
            Fixture.track(.video, "V1", [.gap(30), Fixture.clip(1, "a", from: 0, frames: 30)]),
        ])
        let renderer = TimelineRenderer(project: project)
        XCTAssertEqual(renderer.composition(at: 29), .black)
        let picture = renderer.picture(at: 29, width: 64, height: 36)
        XCTAssertEqual(picture.width, 64)
        XCTAssertEqual(picture.height, 36)
        assertSamePicture(picture, RGBAImage(width: 64, height: 36, colour: .black))
        XCTAssertEqual(renderer.pool.openCount, 0, "a gap opens no file")
    }

    func testOfflineMediaShowsTheCardWithBlockLettersAndTheName() {
        let project = Fixture.project(media: [Fixture.media("lost", offline: true), Fixture.media("gone")], tracks: [
            Fixture.track(.video, "V1", [Fixture.clip(1, "lost", from: 0, frames: 10), Fixture.clip(2, "gone", from: 0, frames: 10)]),
        ])
        let renderer = TimelineRenderer(project: project)
        XCTAssertEqual(renderer.composition(at: 0),
                       .layer(PictureLayer(track: 0, clip: ClipID(1), source: .offline("lost", name: "lost.mov"))))
        let card = renderer.picture(at: 0, width: 480, height: 270)
        assertSamePicture(card, OfflineCard.draw(width: 480, height: 270, name: "lost.mov"))
        XCTAssertEqual(card.pixel(x: 0, y: 0), OfflineCard.background)
        let white = stride(from: 0, to: card.bytes.count, by: 4).filter { card.bytes[$0] == 255 && card.bytes[$0 + 1] == 255 }.count
        XCTAssertGreaterThan(white, 480 * 270 / 50, "big white letters")
        // The title's first letter, M, at the scale the card uses: its left stem is solid white.
        let scale = (480 * 7 / 10) / BlockFont.size(of: "MEDIA OFFLINE", scale: 1).width
        let titleWidth = BlockFont.size(of: "MEDIA OFFLINE", scale: scale).width
        let nameScale = max(1, scale / 3)
        let top = (270 - 7 * scale - 7 * scale / 2 - 7 * nameScale) / 2
        for row in 0..<(7 * scale) {
            XCTAssertEqual(card.pixel(x: (480 - titleWidth) / 2, y: top + row), OfflineCard.lettering, "row \(row) of the M's stem")
        }
        XCTAssertEqual(card.pixel(x: (480 - titleWidth) / 2 + scale, y: top + 3 * scale), OfflineCard.background, "inside the M")
        // The name line differs with the name.
        XCTAssertGreaterThan(differingBytes(card, OfflineCard.draw(width: 480, height: 270, name: "other.mov")), 0)

        // A file that is not flagged offline but is missing: the same card, named after the file.
        let missing = renderer.picture(at: 10, width: 480, height: 270)
        assertSamePicture(missing, OfflineCard.draw(width: 480, height: 270, name: "gone.mov"))
        XCTAssertNotNil(renderer.lastProblem)
        _ = renderer.picture(at: 11, width: 480, height: 270)
        XCTAssertEqual(renderer.pool.openCount, 1, "a missing file is tried once, not once per frame")
    }

    func testCorpusClipThroughTheTimelineIsVideoSourcesFrame() throws {
        let url = try Fixture.corpusFile("bikes.mp4")  // 640x272, 25 fps, starts at 0
        let reference = Fixture.media("bikes", path: url.path, frames: 250, rate: .fps25, width: 640, height: 272, audio: false)
        let project = Fixture.project(rate: .fps25, media: [reference], tracks: [
            Fixture.track(.video, "V1", [.gap(10), Fixture.clip(1, "bikes", from: 37, frames: 100)]),
        ])
        let renderer = TimelineRenderer(project: project)
        let direct = try VideoSource(url: url)
        for k in [0, 1, 2, 50, 99] as [Int64] {
            let ours = renderer.picture(at: 10 + k, width: 640, height: 272)
            let theirs = RGBAImage(try direct.frame(at: .frameNumber(Int(37 + k))).converted(to: .rgba, width: 640, height: 272))
            assertSamePicture(ours, theirs, "record frame \(10 + k) is source frame \(37 + k)")
        }
        let next = RGBAImage(try direct.frame(at: .frameNumber(38)).converted(to: .rgba, width: 640, height: 272))
        XCTAssertGreaterThan(differingBytes(renderer.picture(at: 10, width: 640, height: 272), next), 1000, "and not its neighbour")
        XCTAssertEqual(renderer.pool.openCount, 1, "one file, opened once")
    }

    /// 29.97 with timestamps rounded to whole milliseconds (an MP4 with a 1/1000 time base, as
    /// phones and some muxers write): the timeline frame's start instant, rescaled to the time
    /// base rounding up, still lands in the right frame. Rounding down would miss every frame
    /// whose timestamp was rounded up (frame 2 at 67 ms starts after 2 × 33.367 ms).
    func testNTSCClipWithMillisecondTimestampsMapsFrameForFrame() throws {
        let folder = try Generated.folder(self)
        let url = folder.appendingPathComponent("ntsc.mp4")
        try Generated.ffmpeg(["-f", "lavfi", "-i", "testsrc2=size=320x240:rate=30000/1001", "-t", "4", "-c:v", "libx264",
                              "-preset", "ultrafast", "-g", "15", "-pix_fmt", "yuv420p", "-video_track_timescale", "1000", url.path])
        let reference = Fixture.media("ntsc", path: url.path, frames: 119, rate: .fps29_97, width: 320, height: 240, audio: false)
        let project = Fixture.project(rate: .fps29_97, media: [reference], tracks: [
            Fixture.track(.video, "V1", [.gap(3), Fixture.clip(1, "ntsc", from: 1, frames: 100)]),
        ])
        let renderer = TimelineRenderer(project: project)
        let direct = try VideoSource(url: url)
        XCTAssertEqual(direct.stream.timeBase, MediaRational(1, 1000))
        for k in [0, 1, 2, 3, 4, 5, 50, 98] as [Int64] {
            let theirs = RGBAImage(try direct.frame(at: .frameNumber(Int(1 + k))).converted(to: .rgba, width: 320, height: 240))
            assertSamePicture(renderer.picture(at: 3 + k, width: 320, height: 240), theirs, "record \(3 + k) is source frame \(1 + k)")
        }
    }

    /// A 25 fps clip in a 30 fps timeline plays at real time: record frame n shows the media
    /// frame on screen at n/30 s, i.e. frame ⌊n × 25/30⌋.
    func testMixedRateClipPlaysAtRealTime() throws {
        let url = try Fixture.corpusFile("bikes.mp4")
        let reference = Fixture.media("bikes", path: url.path, frames: 250, rate: .fps25, width: 640, height: 272, audio: false)
        let project = Fixture.project(rate: .fps30, media: [reference], tracks: [
            Fixture.track(.video, "V1", [Fixture.clip(1, "bikes", from: 0, frames: 290)]),
        ])
        let renderer = TimelineRenderer(project: project)
        let direct = try VideoSource(url: url)
        for n in [0, 5, 6, 7, 121] as [Int] {
            let theirs = RGBAImage(try direct.frame(at: .frameNumber(n * 25 / 30)).converted(to: .rgba, width: 640, height: 272))
            assertSamePicture(renderer.picture(at: Int64(n), width: 640, height: 272), theirs, "record \(n) → media \(n * 25 / 30)")
        }
    }

    func testPictureKeepsItsAspectWithBars() throws {
        let url = try Fixture.corpusFile("bikes.mp4")  // 640x272 into 16:9: bars above and below
        let reference = Fixture.media("bikes", path: url.path, frames: 250, rate: .fps25, width: 640, height: 272, audio: false)
        let project = Fixture.project(rate: .fps25, media: [reference], tracks: [
            Fixture.track(.video, "V1", [Fixture.clip(1, "bikes", from: 0, frames: 100)]),
        ])
        let renderer = TimelineRenderer(project: project)
        let picture = renderer.picture(at: 20, width: 640, height: 360)
        let rect = PixelRect.fitting(aspectWidth: 640, aspectHeight: 272, in: PixelRect(x: 0, y: 0, width: 640, height: 360))
        XCTAssertEqual(rect, PixelRect(x: 0, y: 44, width: 640, height: 272))
        for x in stride(from: 0, to: 640, by: 37) {
            XCTAssertEqual(picture.pixel(x: x, y: 0), .black)
            XCTAssertEqual(picture.pixel(x: x, y: 43), .black)
            XCTAssertEqual(picture.pixel(x: x, y: 359), .black)
        }
        let inside = RGBAImage(try VideoSource(url: url).frame(at: .frameNumber(20)).converted(to: .rgba, width: 640, height: 272))
        var expected = RGBAImage(width: 640, height: 360)
        expected.draw(inside, atX: 0, y: 44)
        assertSamePicture(picture, expected)
        // Pillarbox: a 4:3 box for a 16:9 picture's opposite case.
        XCTAssertEqual(PixelRect.fitting(aspectWidth: 4, aspectHeight: 3, in: PixelRect(x: 0, y: 0, width: 1920, height: 1080)),
                       PixelRect(x: 240, y: 0, width: 1440, height: 1080))
    }

    func testDissolveMixesBothSidesOfTheCut() {
        // a [0,60) dissolves into b over 10 frames centred on the cut at 60: frames 55..<65.
        let project = Fixture.project(media: [Fixture.media("a"), Fixture.media("b")], tracks: [
            Fixture.track(.video, "V1", [Fixture.clip(1, "a", from: 0, frames: 60, transitionOut: Transition(kind: .dissolve, duration: 10)),
                                         Fixture.clip(2, "b", from: 100, frames: 60)]),
        ])
        XCTAssertEqual(PictureComposition.at(54, in: project),
                       .layer(PictureLayer(track: 0, clip: ClipID(1), source: .media("a", sourceFrame: 54))))
        XCTAssertEqual(PictureComposition.at(55, in: project),
                       .transition(.dissolve, from: PictureLayer(track: 0, clip: ClipID(1), source: .media("a", sourceFrame: 55)),
                                   to: PictureLayer(track: 0, clip: ClipID(2), source: .media("b", sourceFrame: 95)), progress: 0.05))
        XCTAssertEqual(PictureComposition.at(62, in: project),
                       .transition(.dissolve, from: PictureLayer(track: 0, clip: ClipID(1), source: .media("a", sourceFrame: 62)),
                                   to: PictureLayer(track: 0, clip: ClipID(2), source: .media("b", sourceFrame: 102)), progress: 0.75))
        XCTAssertEqual(PictureComposition.at(65, in: project),
                       .layer(PictureLayer(track: 0, clip: ClipID(2), source: .media("b", sourceFrame: 105))))

        let black = RGBAImage(width: 4, height: 2), white = RGBAImage(width: 4, height: 2, colour: .white)
        XCTAssertEqual(black.mixed(with: white, amount: 0.75).pixel(x: 1, y: 1), RGBAColour(r: 191, g: 191, b: 191))
        XCTAssertEqual(black.mixed(with: white, amount: 0).pixel(x: 0, y: 0), .black)
        XCTAssertEqual(black.mixed(with: white, amount: 1).pixel(x: 0, y: 0), .white)
    }
}
