import CSDL2
import Foundation
import Media
@testable import Playback
import Render
import TimelineModel
import XCTest

final class HeadlessTests: XCTestCase {
    private func blackProject() -> Project {
        var project = Project(name: "gaps")
        project.timeline = Timeline(name: "T", rate: .fps30, tracks: [Track(kind: .video, name: "V1", items: ItemList([.gap(300)]))])
        return project
    }

    /// No DISPLAY, no WAYLAND_DISPLAY, no offscreen driver: no window, a message saying why,
    /// and the position still runs in real time (here on the system clock: audio off too).
    func testWithoutADisplayThePositionStillRuns() {
        var options = PlaybackOptions()
        options.environment = ["TERM": "xterm"]
        options.audio = false
        let engine = PlaybackEngine(options: options)
        defer { engine.close() }
        XCTAssertEqual(engine.previewMessage?.contains("no display"), true, engine.previewMessage ?? "")
        XCTAssertFalse(engine.isPreviewVisible)
        XCTAssertNil(engine.readPreviewPixels())
        engine.load(blackProject())
        engine.seek(30)
        XCTAssertEqual(engine.position, 30)
        engine.play()
        PlaybackFixture.pump(engine, for: 0.5)
        XCTAssertGreaterThan(engine.position, 30, "time passed, the position moved")
        XCTAssertLessThan(engine.position, 300)
        let stopped = engine.stop()
        XCTAssertEqual(engine.position, stopped)
        PlaybackFixture.pump(engine, for: 0.1)
        XCTAssertEqual(engine.position, stopped, "stopped stays put")
    }

    func testNoPreviewChoiceIsHonouredEvenWithADisplay() {
        var options = PlaybackOptions()
        options.environment = ["DISPLAY": ":0"]
        options.preview = false
        options.audio = false
        let engine = PlaybackEngine(options: options)
        defer { engine.close() }
        XCTAssertEqual(engine.previewMessage?.contains("--no-preview"), true)
        XCTAssertFalse(engine.isPreviewVisible)
    }

    /// Closing the window hides the preview; playback goes on; `showPreview` brings it back.
    func testClosingTheWindowHidesThePreviewOnly() {
        let engine = PlaybackEngine(options: PlaybackFixture.options())
        defer { engine.close() }
        engine.load(blackProject())
        XCTAssertTrue(engine.isPreviewVisible)
        engine.play()
        var close = SDL_Event()
        close.type = SDL_WINDOWEVENT.rawValue
        close.window.event = UInt8(SDL_WINDOWEVENT_CLOSE.rawValue)
        XCTAssertEqual(SDL_PushEvent(&close), 1)
        var quit = SDL_Event()
        quit.type = SDL_QUIT.rawValue
        SDL_PushEvent(&quit)
        let events = engine.pump()
        XCTAssertTrue(events.contains(.closed))
        XCTAssertFalse(engine.isPreviewVisible)
        XCTAssertTrue(engine.isPlaying, "still playing")
        PlaybackFixture.pump(engine, for: 0.2)
        XCTAssertGreaterThan(engine.position, 0)
        engine.showPreview()
        XCTAssertTrue(engine.isPreviewVisible)
        engine.stop()
    }
}
