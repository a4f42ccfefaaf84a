import Editor
import TimelineModel
import XCTest
@testable import TUI

/// The screen model lists only the items the timeline pane can show, and drawing it looks
/// exactly as drawing every item would.
final class TimelineWindowTests: XCTestCase {
    /// One video and one audio track of `clips` clips each, 1 to 40 frames long, with gaps.
    static func longProject(clips: Int) -> Project {
        var rng = SplitMix64(seed: 7)
        let rate = Rate.fps25
        let media = MediaReference(id: "m", name: "m.mov", path: "/nonexistent/m.mov", duration: RationalTime(100_000, rate),
                                   video: .init(width: 640, height: 360, rate: rate, codec: "h264"))
        var timeline = Timeline(name: "long", rate: rate, tracks: [Track(kind: .video, name: "V1"), Track(kind: .audio, name: "A1")])
        for t in 0 ..< 2 {
            var items: [Item] = []
            for n in 0 ..< clips {
                if n % 7 == 3 { items.append(.gap(Int64.random(in: 1 ... 30, using: &rng))) }
                let length = Int64.random(in: 1 ... 40, using: &rng)
                items.append(.clip(Clip(id: ClipID(timeline.allocateID()), name: "c\(n)", media: "m",
                                        source: FrameRange(start: 10, duration: length), available: 100_000)))
            }
            timeline.tracks[t].items = ItemList(items)
        }
        return Project(name: "long", media: [media], timeline: timeline)
    }

    func render(_ model: ScreenModel, view: ViewState, width: Int = 160, height: Int = 12) -> [String] {
        let (theme, _) = Theme.load(name: "dark", searchDirectories: [])
        let (keymap, _) = Keymap.load(name: "default", userFile: nil, searchDirectories: [])
        var surface = Surface(width: width, height: height)
        TimelinePane().render(area: surface.area, surface: &surface,
                              context: RenderContext(model: model, view: view, theme: theme.adapted(to: .none),
                                                     keymap: keymap, commands: CommandCatalog()))
        return surface.lines()
    }

    func testWindowListsOnlyItemsNearTheViewAndKeepsTheSequenceLength() {
        let state = EditorState(project: Self.longProject(clips: 2000))
        let full = EditorBridge.screenModel(state: state, projectName: "p", dirty: false)
        let window = TimelineWindow(range: 10_000 ..< 10_500)
        let windowed = EditorBridge.screenModel(state: state, projectName: "p", dirty: false, window: window)
        XCTAssertEqual(windowed.timeline.duration, full.timeline.duration, "zoom-fit still sees the whole sequence")
        XCTAssertEqual(windowed.timeline.window, 10_000 ..< 10_500)
        for (all, some) in zip(full.timeline.tracks, windowed.timeline.tracks) {
            let overlapping = all.items.filter { $0.recordEnd > 10_000 && $0.recordStart < 10_500 }
            XCTAssertLessThan(some.items.count, 40, "only the items near the window, not all \(all.items.count)")
            XCTAssertEqual(some.items.count, overlapping.count + 1, "plus the one before, whose transition may reach in")
            XCTAssertTrue(some.items.dropFirst().allSatisfy { overlapping.contains($0) })
        }
    }

    func testCoarseZoomListsFewItemsAndDrawsTheSameAsTheFullList() {
        let state = EditorState(project: Self.longProject(clips: 2000))
        let full = EditorBridge.screenModel(state: state, projectName: "p", dirty: false)
        for (level, start) in [(TimelineZoom.levels.firstIndex(of: 96)!, 0), (TimelineZoom.levels.firstIndex(of: 12)!, 4_812),
                               (TimelineZoom.levels.firstIndex(of: 1)!, 20_001)] {
            var view = ViewState()
            view.zoomLevel = level
            view.timelineStart = start
            let fpc = TimelineZoom.framesPerColumn(level)
            let visible = 149 * fpc
            let window = TimelineWindow(range: max(0, start - visible) ..< start + 2 * visible, framesPerColumn: fpc,
                                        columnOrigin: start)
            let windowed = EditorBridge.screenModel(state: state, projectName: "p", dirty: false, window: window)
            XCTAssertEqual(render(windowed, view: view), render(full, view: view), "\(fpc) frames per column from \(start)")
            if fpc == 96 {
                XCTAssertLessThan(windowed.timeline.tracks[0].items.count, 2 * 149 * 2,
                                  "at most about two items per column, not \(full.timeline.tracks[0].items.count)")
            }
        }
    }

    func testSessionFetchesANewWindowWhenTheViewLeavesIt() {
        let editor = Editor(project: Self.longProject(clips: 2000))
        let (keymap, _) = Keymap.load(name: "default", userFile: nil, searchDirectories: [])
        let (theme, _) = Theme.load(name: "dark", searchDirectories: [])
        let session = TUISession(target: EditorBridge(editor: editor), keymap: keymap, theme: theme, colorDepth: .none,
                                 width: 120, height: 30)
        XCTAssertNotNil(session.model.timeline.window)
        session.press(":goto f30000<enter>")
        XCTAssertEqual(session.model.timeline.playhead, 30000)
        let g = TimelineGeometry(pane: ScreenLayout(width: 120, height: 30).timeline,
                                 framesPerColumn: TimelineZoom.framesPerColumn(session.view.zoomLevel), start: session.view.timelineStart)
        XCTAssertTrue(session.model.timeline.covers(g.start ..< g.start + g.visibleFrames), "\(session.model.timeline.window!)")
        let screen = Fixtures.screen(session)
        XCTAssertTrue(screen.contains { $0.hasPrefix("│V1") && $0.contains("[") }, "clips drawn at the new place")
        session.press("\\")
        XCTAssertEqual(session.view.timelineStart, 0)
        XCTAssertTrue(session.model.timeline.covers(0 ..< session.model.timeline.duration), "zoom-fit lists the whole sequence")
    }
}
