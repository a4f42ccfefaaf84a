import Editor
import Foundation
import TimelineModel
import XCTest

/// Thousands of random command lines, as a user mashing keys would type them: every command
/// either works or is refused with a message; the model's invariants hold after each one;
/// undoing everything gives back the first project exactly, and redoing everything the last.
final class RandomSessionTests: XCTestCase {
    func testRandomSessionsKeepInvariantsAndUndoToTheStart() throws {
        let folder = try makeMediaFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var refusals = 0, changes = 0, speedChanges = 0
        for seed in 1...40 {
            var rng = SplitMix64(seed: UInt64(seed))
            let editor = Editor(project: Project(name: "t", bins: [Bin(name: "Media")]), catalog: FakeCatalog.standard)
            let start = editor.project
            editor.run("import \(folder.path)")
            var history: [Project] = [start, editor.project]
            func frame() -> Int { Int.random(in: 0...max(1, Int(editor.timeline.duration) + 30), using: &rng) }
            func delta() -> String { let d = Int.random(in: -40...40, using: &rng); return d >= 0 ? "+\(d)" : "\(d)" }
            let media = ["interview", "broll", "logo"]
            for _ in 0..<250 {
                let line: String
                switch Int.random(in: 0..<17, using: &rng) {
                case 0: line = "source \(media.randomElement(using: &rng)!)"
                case 1: line = "mark-in \(Int.random(in: 0..<200, using: &rng))"
                case 2: line = "mark-out \(Int.random(in: 0..<400, using: &rng))"
                case 3: line = ["insert", "overwrite", "append"].randomElement(using: &rng)! + " at=\(frame())"
                case 4: line = "monitor record"
                case 5: line = "razor \(frame())"
                case 6: line = "goto \(frame())"
                case 7: line = "select-edit " + ["a", "b", "both"].randomElement(using: &rng)!
                case 8: line = "trim \(delta())"
                case 9: line = "roll \(delta())"
                case 10: line = "slip \(delta())"
                case 11: line = "slide \(delta())"
                case 12: line = ["lift", "extract", "ripple-delete", "delete"].randomElement(using: &rng)!
                case 13: line = "undo"
                case 14: line = "add-transition \(Int.random(in: 1...20, using: &rng))"
                case 15: line = ["lock V1", "unlock V1", "sync-unlock A1", "sync-lock A1", "add-marker m",
                                   "speed 200", "speed 50", "speed 33.3", "speed freeze", "speed 100"].randomElement(using: &rng)!
                default: line = "nudge \(delta())"
                }
                let outcome = editor.execute(line)
                if outcome.isError {
                    refusals += 1
                    XCTAssertFalse(outcome.message.isEmpty, "\(line) failed silently")
                } else if outcome.changedProject {
                    changes += 1
                    if line == "undo" { history.removeLast() } else { history.append(editor.project) }
                    if line.hasPrefix("speed") { speedChanges += 1 }
                }
                let problems = editor.timeline.validate()
                XCTAssertEqual(problems, [], "seed \(seed), after \(line)")
                if !problems.isEmpty { return }
                XCTAssertEqual(editor.project, history.last, "seed \(seed): undo history out of step after \(line)")
                if editor.project != history.last { return }
            }
            let end = editor.project
            let steps = editor.undoDepth
            while editor.undoDepth > 0 { editor.run("undo") }
            XCTAssertEqual(editor.project, start, "seed \(seed): undoing everything restores the start exactly")
            for _ in 0..<steps { editor.run("redo") }
            XCTAssertEqual(editor.project, end, "seed \(seed): redoing everything restores the end exactly")
        }
        XCTAssertGreaterThan(changes, 2000, "the random sessions made real edits")
        XCTAssertGreaterThan(refusals, 0, "and some were refused")
        XCTAssertGreaterThan(speedChanges, 10, "speed changes among them (21 with these seeds)")
    }
}
