import Foundation
import Media
@testable import Playback
import Render
import TimelineModel
import XCTest

/// The window shows exactly Render's frame: SDL's offscreen driver, a window the size of the
/// rendered frame (no scaling, so equality is exact), pixels read back with SDL_RenderReadPixels.
final class PreviewPixelTests: XCTestCase {
    private func project(_ folder: URL) throws -> Project {
        let url = try PlaybackFixture.pattern(folder)
        var project = Project(name: "pixels", media: [PlaybackFixture.media("pattern", url: url, frames: 120)])
        project.timeline = Timeline(name: "T", rate: .fps30, tracks: [
            Track(kind: .video, name: "V1", items: ItemList([
                PlaybackFixture.clip(1, "pattern", from: 10, frames: 45), .gap(5), PlaybackFixture.clip(2, "pattern", from: 60, frames: 40),
            ])),
        ])
        return project
    }

    func testStillsSteppingAndPlayingShowRendersFrame() throws {
        let project = try project(try PlaybackFixture.folder(self))
        let engine = PlaybackEngine(options: PlaybackFixture.options())
        defer { engine.close() }
        XCTAssertNil(engine.previewMessage)
        engine.load(project)
        let renderer = TimelineRenderer(project: project)
        XCTAssertEqual(engine.renderSize.width, 320)

        for frame in [12, 47, 80] as [Int64] {  // a clip, the gap (black), the second clip
            engine.seek(frame)
            XCTAssertTrue(PlaybackFixture.pump(engine, for: 5) { engine.displayedFrame == frame && !engine.isPlaying })
            assertSamePicture(engine.readPreviewPixels(), renderer.picture(at: frame, width: 320, height: 180), "still \(frame)")
        }
        XCTAssertNotEqual(engine.readPreviewPixels()?.bytes, renderer.picture(at: 81, width: 320, height: 180).bytes,
                          "neighbouring frames differ, so equality above names the frame")
        engine.step(1)
        XCTAssertTrue(PlaybackFixture.pump(engine, for: 5) { engine.displayedFrame == 81 })
        assertSamePicture(engine.readPreviewPixels(), renderer.picture(at: 81, width: 320, height: 180), "stepped to 81")

        // While playing: after a pump that put a new frame up, the window holds that frame.
        engine.seek(0)
        PlaybackFixture.pump(engine, for: 5) { engine.displayedFrame == 0 }
        engine.play()
        var checked = 0
        var last = engine.displayedFrame
        PlaybackFixture.pump(engine, for: 5) {
            if engine.displayedFrame != last, checked < 6, engine.displayedFrame % 7 == 0 {
                last = engine.displayedFrame
                assertSamePicture(engine.readPreviewPixels(), renderer.picture(at: last, width: 320, height: 180), "playing, frame \(last)")
                checked += 1
            }
            return engine.displayedFrame >= 60
        }
        XCTAssertGreaterThanOrEqual(checked, 4)
        let stopped = engine.stop()
        XCTAssertFalse(engine.isPlaying)
        XCTAssertEqual(engine.position, stopped)
        PlaybackFixture.pump(engine, for: 0.1)
        assertSamePicture(engine.readPreviewPixels(), renderer.picture(at: stopped, width: 320, height: 180), "stopped at \(stopped)")
    }

    func testOverlaysDrawOnTopAndGoAway() throws {
        let project = try project(try PlaybackFixture.folder(self))
        let engine = PlaybackEngine(options: PlaybackFixture.options())
        defer { engine.close() }
        engine.load(project)
        engine.seek(20)
        XCTAssertTrue(PlaybackFixture.pump(engine, for: 5) { engine.displayedFrame == 20 })
        let plain = try XCTUnwrap(engine.readPreviewPixels())
        engine.setOverlay(timecode: true)
        let burnt = try XCTUnwrap(engine.readPreviewPixels())
        let expected = PreviewOverlay(timecode: true).apply(to: plain, label: "01:00:00:20")
        assertSamePicture(burnt, expected, "timecode 01:00:00:20 burnt in")
        XCTAssertNotEqual(burnt.bytes, plain.bytes)
        engine.setOverlay(timecode: false)
        engine.setSafeAreaGuides(true)
        let guided = try XCTUnwrap(engine.readPreviewPixels())
        XCTAssertEqual(guided.pixel(x: (320 - 320 * 93 / 100) / 2, y: 90), RGBAColour(r: 255, g: 255, b: 0), "action safe, left edge")
        XCTAssertEqual(guided.pixel(x: (320 - 320 * 90 / 100) / 2, y: 90), RGBAColour(r: 0, g: 255, b: 255), "title safe, left edge")
        engine.setSafeAreaGuides(false)
        assertSamePicture(engine.readPreviewPixels(), plain, "overlays off again")
    }

    func testSeekWhilePlayingShowsNoStaleFrame() throws {
        let project = try project(try PlaybackFixture.folder(self))
        var options = PlaybackFixture.options()
        options.logTiming = true
        let engine = PlaybackEngine(options: options)
        defer { engine.close() }
        engine.load(project)
        PlaybackFixture.pump(engine, for: 5) { engine.displayedFrame == 0 }
        engine.play()
        PlaybackFixture.pump(engine, for: 5) { engine.displayedFrame >= 10 }
        _ = engine.takeTimingLog()
        engine.seek(70)
        PlaybackFixture.pump(engine, for: 5) { engine.displayedFrame >= 75 }
        let after = engine.takeTimingLog().map(\.frame)
        XCTAssertEqual(after.first, 70, "the first frame after the seek is the seek target: \(after.prefix(5))")
        XCTAssertTrue(after.allSatisfy { $0 >= 70 }, "no frame from before the seek: \(after)")
        XCTAssertTrue(engine.isPlaying, "playing carries on from the new place")
        engine.stop()
    }

    func testLoopAndPlayAround() throws {
        let project = try project(try PlaybackFixture.folder(self))
        var options = PlaybackFixture.options()
        options.logTiming = true
        let engine = PlaybackEngine(options: options)
        defer { engine.close() }
        engine.load(project)
        engine.seek(15)
        PlaybackFixture.pump(engine, for: 5) { engine.displayedFrame == 15 }
        engine.play(range: 10..<20, loop: true)
        PlaybackFixture.pump(engine, for: 5) { engine.statistics.framesPresented >= 16 }
        engine.stop()
        let looped = engine.takeTimingLog().map(\.frame)
        XCTAssertTrue(looped.allSatisfy { (10..<20).contains($0) }, "\(looped)")
        XCTAssertTrue(zip(looped, looped.dropFirst()).contains { $0 == 19 && $1 == 10 }, "wraps from 19 to 10: \(looped)")

        engine.playAround(40, preroll: 6, postroll: 3)
        XCTAssertTrue(PlaybackFixture.pump(engine, for: 5) { !engine.isPlaying })
        let around = engine.takeTimingLog().map(\.frame)
        XCTAssertEqual(around.first, 34)
        XCTAssertTrue(around.allSatisfy { (34...43).contains($0) }, "\(around)")
        XCTAssertTrue(PlaybackFixture.pump(engine, for: 5) { engine.displayedFrame == 40 }, "back on the frame played around")
        XCTAssertEqual(engine.position, 40)
        assertSamePicture(engine.readPreviewPixels(), TimelineRenderer(project: project).picture(at: 40, width: 320, height: 180))
    }

    func testReverseAndSlowMotionShowTheirFrames() throws {
        let project = try project(try PlaybackFixture.folder(self))
        var options = PlaybackFixture.options()
        options.logTiming = true
        let engine = PlaybackEngine(options: options)
        defer { engine.close() }
        engine.load(project)
        let renderer = TimelineRenderer(project: project)
        engine.seek(40)
        PlaybackFixture.pump(engine, for: 5) { engine.displayedFrame == 40 }
        _ = engine.takeTimingLog()
        engine.play(speed: .reverse)
        PlaybackFixture.pump(engine, for: 5) { engine.displayedFrame <= 25 }
        let back = engine.stop()
        let reversed = engine.takeTimingLog().map(\.frame)
        XCTAssertEqual(reversed.first, 40)
        XCTAssertTrue(zip(reversed, reversed.dropFirst()).allSatisfy { $0 > $1 }, "backwards: \(reversed)")
        PlaybackFixture.pump(engine, for: 0.1)
        assertSamePicture(engine.readPreviewPixels(), renderer.picture(at: back, width: 320, height: 180), "stopped going back at \(back)")

        engine.play(speed: .slowMotion)
        PlaybackFixture.pump(engine, for: 5) { engine.displayedFrame >= back + 3 }
        engine.stop()
        let slow = engine.takeTimingLog().map(\.frame)
        XCTAssertEqual(slow.first, back)
        XCTAssertEqual(slow, Array(back...(slow.last ?? back)), "every frame in turn at 1/4x, none twice: \(slow)")
    }
}
