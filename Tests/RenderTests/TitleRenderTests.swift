import Foundation
import Render
import TimelineModel
import XCTest

/// Titles and subtitles drawn by Render: ink where the style puts them, nothing elsewhere.
final class TitleRenderTests: XCTestCase {
    /// A black sequence (no media) 60 frames long with a title over it and a subtitle event.
    private func project(title: TitleStyle, subtitles: SubtitleDisplay?) throws -> Project {
        var project = Fixture.project(media: [], tracks: [
            Fixture.track(.video, "V1", [.gap(60)]),
        ])
        _ = try project.timeline.addTitle(text: "TITLE", style: title, at: 0, duration: 30)
        _ = try project.timeline.addSubtitle(text: "Hello there", range: FrameRange(start: 30, duration: 30))
        project.timeline.subtitleDisplay = subtitles
        return project
    }

    /// Pixels brighter than 128 in a rectangle of the picture.
    private func lit(_ image: RGBAImage, x: Range<Int>, y: Range<Int>) -> Int {
        var n = 0
        for row in y { for col in x where image.pixel(x: col, y: row).r > 128 { n += 1 } }
        return n
    }

    func testCentredTitleIsDrawnInTheCentreOnly() throws {
        let p = try project(title: TitleStyle(size: 120, position: .centre), subtitles: nil)
        let renderer = TimelineRenderer(project: p)
        let image = renderer.picture(at: 10, width: 640, height: 360)
        let centre = lit(image, x: 220..<420, y: 150..<210)
        XCTAssertGreaterThan(centre, 400, "white letters in the middle")
        XCTAssertEqual(lit(image, x: 0..<640, y: 0..<120), 0, "nothing in the top third")
        XCTAssertEqual(lit(image, x: 0..<640, y: 240..<360), 0, "nothing in the bottom third")
        XCTAssertEqual(lit(image, x: 0..<150, y: 0..<360), 0, "nothing at the left")
        XCTAssertNil(renderer.lastProblem)
        XCTAssertTrue(renderer.hasOverlays(at: 10))
        // After the title ends, black again (the subtitles are off).
        XCTAssertEqual(lit(renderer.picture(at: 40, width: 640, height: 360), x: 0..<640, y: 0..<360), 0)
        XCTAssertFalse(renderer.hasOverlays(at: 40))
    }

    func testLowerThirdWithBoxSitsInTheLowerLeftInsideTitleSafe() throws {
        let p = try project(title: TitleStyle(size: 80, colour: 0xFFFF_FFFF, box: 0x2020_20FF, position: .lowerThird), subtitles: nil)
        let image = TimelineRenderer(project: p).picture(at: 5, width: 640, height: 360)
        XCTAssertGreaterThan(lit(image, x: 32..<320, y: 240..<310), 100, "letters in the lower left")
        XCTAssertEqual(lit(image, x: 0..<640, y: 0..<200), 0, "nothing above")
        XCTAssertEqual(lit(image, x: 0..<32, y: 0..<360), 0, "title-safe: nothing in the left 5%")
        // The box: dark grey (0x20) around the letters, not black.
        XCTAssertEqual(image.pixel(x: 34, y: 300).r, 0x20)
    }

    func testFadeInStartsFaint() throws {
        let p = try project(title: TitleStyle(size: 120, position: .centre, fadeIn: 10), subtitles: nil)
        let renderer = TimelineRenderer(project: p)
        func brightest(_ frame: Int64) -> UInt8 {
            let image = renderer.picture(at: frame, width: 640, height: 360)
            var m: UInt8 = 0
            for i in stride(from: 0, to: image.bytes.count, by: 4) { m = max(m, image.bytes[i]) }
            return m
        }
        XCTAssertLessThan(brightest(0), 20, "1/20 of the way in")
        XCTAssertGreaterThan(brightest(4), 100)
        XCTAssertEqual(brightest(15), 255)
    }

    func testSubtitlesDrawnWhenShownOrBurntInOnly() throws {
        let hidden = try project(title: TitleStyle(), subtitles: nil)
        let off = TimelineRenderer(project: hidden)
        XCTAssertEqual(lit(off.picture(at: 40, width: 640, height: 360), x: 0..<640, y: 0..<360), 0, "subtitles are off by default")
        off.burnSubtitles = true
        let burnt = off.picture(at: 40, width: 640, height: 360)
        XCTAssertGreaterThan(lit(burnt, x: 160..<480, y: 290..<345), 150, "burnt in at the bottom centre")
        XCTAssertEqual(lit(burnt, x: 0..<640, y: 0..<250), 0, "nothing above")

        let shown = try project(title: TitleStyle(), subtitles: SubtitleDisplay(shown: true))
        let image = TimelineRenderer(project: shown).picture(at: 40, width: 640, height: 360)
        XCTAssertEqual(image, burnt, "shown in the preview as burnt in the render")
        // The outline: black ring pixels next to white ones (the picture is black anyway, so
        // check on a grey sequence instead: outline pixels are darker than the background).
    }

    /// On a grey box, an outlined title has black ring pixels round the letters; without the
    /// outline there are none.
    func testOutlineDrawsARingRoundTheLetters() throws {
        func blackInBox(outline: Double) throws -> Int {
            let style = TitleStyle(size: 120, outline: outline, outlineColour: 0x0000_00FF, box: 0x8080_80FF, position: .centre)
            let image = TimelineRenderer(project: try project(title: style, subtitles: nil)).picture(at: 10, width: 640, height: 360)
            // The box: the bounds of the grey pixels; black inside it can only be outline.
            var (x0, y0, x1, y1) = (Int.max, Int.max, -1, -1)
            for y in 0..<360 { for x in 0..<640 where (0x70...0x90).contains(image.pixel(x: x, y: y).r) {
                x0 = min(x0, x); y0 = min(y0, y); x1 = max(x1, x); y1 = max(y1, y)
            } }
            XCTAssertGreaterThan(x1 - x0, 100, "the grey box is drawn")
            var n = 0
            for y in y0...y1 { for x in x0...x1 where image.pixel(x: x, y: y).r < 10 { n += 1 } }
            return n
        }
        XCTAssertEqual(try blackInBox(outline: 0), 0)
        XCTAssertGreaterThan(try blackInBox(outline: 8), 200)
    }

    func testASecondTitleOverTheFirstTakesANewTrack() throws {
        var p = try project(title: TitleStyle(), subtitles: nil)
        _ = try p.timeline.addTitle(text: "second", style: TitleStyle(), at: 10, duration: 30)
        XCTAssertEqual(p.timeline.videoTracks.count, 3)
        _ = try p.timeline.addTitle(text: "third", style: TitleStyle(), at: 40, duration: 10)
        XCTAssertEqual(p.timeline.videoTracks.count, 3, "V2 is free at 40, so the third goes there")
        XCTAssertEqual(p.timeline.tracks[1].clips.count, 2)
        XCTAssertThrowsError(try p.timeline.addTitle(text: "  ", style: TitleStyle(), at: 0, duration: 5))
    }
    /// The 16-bit picture (outputs of 10 bits and more) draws the title too, the same ink as
    /// the 8-bit preview to within a code value.
    func testDeepPictureDrawsTheTitleAsThePreviewDoes() throws {
        let p = try project(title: TitleStyle(size: 120, position: .centre), subtitles: nil)
        let renderer = TimelineRenderer(project: p)
        let preview = renderer.picture(at: 10, width: 640, height: 360)
        let deep = RGBAImage(narrowing: renderer.deepPicture(at: 10, width: 640, height: 360))
        XCTAssertGreaterThan(lit(deep, x: 220..<420, y: 150..<210), 400, "white letters in the middle at 16 bits")
        let largest = zip(preview.bytes, deep.bytes).map { abs(Int($0) - Int($1)) }.max() ?? 0
        XCTAssertLessThanOrEqual(largest, 1)
        XCTAssertEqual(lit(RGBAImage(narrowing: renderer.deepPicture(at: 10, width: 640, height: 360, overlays: false)), x: 0..<640, y: 0..<360), 0,
                       "without overlays: the black picture alone")
    }

    /// A title keyed to the top at frame 0 and the bottom at frame 20: at frame 10 (linear, half
    /// way) its centre is at y = 0.5; at frame 0 it is in the top fifth, at 20 in the bottom fifth.
    func testMotionKeyframesMoveATitle() throws {
        var p = try project(title: TitleStyle(size: 60, position: .centre), subtitles: nil)
        let id = try XCTUnwrap(p.timeline.tracks[1].clips.first?.clip.id)
        try p.timeline.addMotionKeyframe(clip: id, MotionKeyframe(frame: 0, y: 0.1))
        try p.timeline.addMotionKeyframe(clip: id, MotionKeyframe(frame: 20, y: 0.9))
        let renderer = TimelineRenderer(project: p)
        let top = renderer.picture(at: 0, width: 640, height: 360)
        XCTAssertGreaterThan(lit(top, x: 0..<640, y: 0..<72), 100)
        XCTAssertEqual(lit(top, x: 0..<640, y: 72..<360), 0)
        let middle = renderer.picture(at: 10, width: 640, height: 360)
        XCTAssertGreaterThan(lit(middle, x: 0..<640, y: 150..<210), 100)
        XCTAssertEqual(lit(middle, x: 0..<640, y: 0..<140), 0)
        XCTAssertEqual(lit(middle, x: 0..<640, y: 220..<360), 0)
        let bottom = renderer.picture(at: 20, width: 640, height: 360)
        XCTAssertGreaterThan(lit(bottom, x: 0..<640, y: 288..<360), 100)
        XCTAssertEqual(lit(bottom, x: 0..<640, y: 0..<288), 0)
    }
}
