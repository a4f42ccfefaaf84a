import Editor
import TimelineModel
import XCTest
@testable import TUI

/// Sub-bins, collapsing, sorting and the incremental search, drawn into the memory backend.
final class BinsTests: XCTestCase {
    /// Footage (interview, broll, drone) with a sub-bin Interviews (second_take), then Music.
    static var rows: [BinRow] {
        [
            BinRow(kind: .bin, depth: 0, name: "Footage", reference: "Footage"),
            BinRow(depth: 1, name: "interview.mov", duration: "00:01:00:00", size: "1920x1080", rate: "25", codec: "prores"),
            BinRow(depth: 1, name: "broll_beach.mp4", duration: "00:00:20:00", size: "3840x2160", rate: "50", codec: "h264"),
            BinRow(depth: 1, name: "drone.mov", duration: "00:00:10:00", size: "1280x720", rate: "29.97~", codec: "hevc"),
            BinRow(kind: .bin, depth: 1, name: "Interviews", reference: "Footage/Interviews"),
            BinRow(depth: 2, name: "second_take.mov", duration: "00:03:00:00", size: "1920x1080", rate: "25", codec: "prores"),
            BinRow(kind: .bin, depth: 0, name: "Music", reference: "Music"),
            BinRow(depth: 1, name: "theme.wav", duration: "00:02:00:00", codec: "pcm"),
        ]
    }

    func session() -> TUISession {
        var model = Fixtures.model
        model.bins = Self.rows
        let (session, _) = Fixtures.session(width: 80, height: 24, model: model)
        session.press("<tab>")
        XCTAssertEqual(session.view.focus, .bins)
        return session
    }

    /// The bins pane's inner rows (between the borders), trailing spaces trimmed.
    func binsLines(_ session: TUISession) -> [String] {
        let layout = ScreenLayout(width: session.width, height: session.height)
        let lines = session.render().surface.lines(trimTrailing: false)
        return (layout.bins.y ..< layout.bins.maxY).map { y in
            var line = String(lines[y].prefix(layout.bins.width))
            while line.hasSuffix(" ") { line.removeLast() }
            return line
        }
    }

    func testSubBinsAreNestedAndCollapsible() {
        let session = session()
        XCTAssertEqual(binsLines(session), [
            "┌ Bins · 5 items ──────────────────────────┐",
            "│Name                 Duration    Size     │",
            "│▾ Footage                                 │",
            "│  interview.mov      00:01:00:00 1920x1080│",
            "│  broll_beach.mp4    00:00:20:00 3840x2160│",
            "│  drone.mov          00:00:10:00 1280x720 │",
            "│  ▾ Interviews                            │",
            "│    second_take.mov  00:03:00:00 1920x1080│",
            "│▾ Music                                   │",
            "│  theme.wav          00:02:00:00          │",
            "└──────────────────────────────────────────┘",
        ])
        session.press("<down><down><down><down>")  // Interviews
        session.press("-")
        XCTAssertEqual(binsLines(session)[6 ... 8], ["│  ▸ Interviews                            │",
                                                     "│▾ Music                                   │",
                                                     "│  theme.wav          00:02:00:00          │"])
        XCTAssertEqual(session.binsRows[session.view.binsSelection].name, "Interviews", "the selection stays on the bin")
        session.press("<up>-")  // on drone.mov: closes Footage and selects it
        XCTAssertEqual(binsLines(session)[2 ... 4], ["│▸ Footage                                 │",
                                                     "│▾ Music                                   │",
                                                     "│  theme.wav          00:02:00:00          │"])
        XCTAssertEqual(session.view.binsSelection, 0)
        session.press("<enter>")  // enter on a bin opens it
        XCTAssertEqual(binsLines(session)[3], "│  interview.mov      00:01:00:00 1920x1080│")
        XCTAssertEqual(binsLines(session)[6], "│  ▸ Interviews                            │", "the sub-bin stays closed")
        session.press("+")
        XCTAssertEqual(session.binsRows.count, 7, "+ on an open bin changes nothing")
        session.press("<down><down><down><down>+")
        XCTAssertEqual(session.binsRows.count, 8)
        XCTAssertEqual(binsLines(session)[7], "│    second_take.mov  00:03:00:00 1920x1080│")
    }

    func testSortByColumnKeepsSubBinsAfterTheirBinsMediaAndReversesOnTheSameColumn() {
        let session = session()
        session.dispatch("bins-sort duration")
        XCTAssertEqual(session.binsRows.map(\.name), ["Footage", "drone.mov", "broll_beach.mp4", "interview.mov", "Interviews",
                                                      "second_take.mov", "Music", "theme.wav"])
        XCTAssertTrue(binsLines(session)[0].hasPrefix("┌ Bins · 5 items · by duration ↑ "), binsLines(session)[0])
        session.dispatch("bins-sort duration")
        XCTAssertEqual(session.binsRows.map(\.name)[1 ... 3], ["interview.mov", "broll_beach.mp4", "drone.mov"])
        XCTAssertTrue(binsLines(session)[0].contains("by duration ↓"))
        session.dispatch("bins-sort size")
        XCTAssertEqual(session.binsRows.map(\.name)[1 ... 3], ["drone.mov", "interview.mov", "broll_beach.mp4"], "by pixels")
        session.dispatch("bins-sort rate")
        XCTAssertEqual(session.binsRows.map(\.name)[1 ... 3], ["interview.mov", "drone.mov", "broll_beach.mp4"],
                       "25 < 29.97 (variable) < 50")
        session.dispatch("bins-sort codec")
        XCTAssertEqual(session.binsRows.map(\.name)[1 ... 3], ["broll_beach.mp4", "drone.mov", "interview.mov"],
                       "h264 < hevc < prores")
        session.press("S")
        XCTAssertEqual(session.view.binsSort, BinsSort(key: .name), "S cycles to the next column")
        XCTAssertEqual(session.binsRows.map(\.name)[1 ... 3], ["broll_beach.mp4", "drone.mov", "interview.mov"])
        session.dispatch("bins-sort colour")
        XCTAssertTrue(session.view.message.isError)
        session.dispatch("bins-sort none")
        XCTAssertEqual(session.binsRows, Self.rows)
    }

    func testIncrementalSearchFiltersAsYouTypeEnterKeepsEscClears() {
        let session = session()
        session.press("/in")
        XCTAssertEqual(session.binsRows.map(\.name), ["Footage", "interview.mov"],
                       "case-insensitive substring of media names; bins without a match are left out")
        XCTAssertTrue(Fixtures.screen(session)[23].hasPrefix("/in  enter keeps the filter"), Fixtures.screen(session)[23])
        XCTAssertEqual(session.binsRows[session.view.binsSelection].name, "interview.mov", "the first match is selected")
        session.press("<backspace><backspace>TA")
        XCTAssertEqual(session.binsRows.map(\.name), ["Footage", "Interviews", "second_take.mov"], "matches in sub-bins")
        session.press("<enter>")
        XCTAssertEqual(session.layerCount, 1)
        XCTAssertEqual(session.view.binsFilter, "TA")
        XCTAssertTrue(binsLines(session)[0].contains("/TA: 1"), binsLines(session)[0])
        session.press("<enter>")
        XCTAssertEqual(session.view.message.text, "source second_take.mov", "enter loads the selected match: \(session.view.message.text)")
        session.press("/<esc>")
        XCTAssertEqual(session.view.binsFilter, "")
        XCTAssertEqual(session.binsRows.count, 8)
        session.press("/zzz")
        XCTAssertTrue(binsLines(session)[2].contains("Nothing matches \"zzz\""), binsLines(session)[2])
    }

    func testImportOfAFolderSaysHowManyFilesBeforeItRuns() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("termcut-import-\(getpid())")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("day2"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for name in ["a.mov", "b.mov", "day2/c.mov"] {
            try Data().write(to: folder.appendingPathComponent(name))
        }
        let (session, target) = Fixtures.session()
        var shownBeforeRunning: [String] = []
        session.presentNow = { shownBeforeRunning.append(session.view.message.text) }
        session.dispatch("import \(folder.path)")
        XCTAssertEqual(shownBeforeRunning, ["importing \(folder.path): probing up to 3 files…"])
        XCTAssertEqual(target.executed, ["import \(folder.path)"])
        session.dispatch("import \(folder.path)/a.mov")
        XCTAssertEqual(shownBeforeRunning.count, 1, "a single file needs no notice")
    }
}
