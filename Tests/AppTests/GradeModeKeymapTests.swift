import App
import Editor
import Foundation
import TimelineModel
import TUI
import XCTest

/// Grading mode's keys: in both shipped keymaps every `[grade]` binding parses with the one
/// parser, lift/gamma/gain × red/green/blue/master each have a raise and a lower key in a
/// small and a ten-times-larger step; and pressed in a session they move the grade, show the
/// mode and the values in the status bar, and esc leaves.
final class GradeModeKeymapTests: XCTestCase {
    func testEveryGradeBindingParsesAndEveryControlHasFourSteps() throws {
        let registry = CommandTable.registry
        for name in ["default", "vim"] {
            let (keymap, problems) = Keymap.load(name: name, userFile: nil, isKnownCommand: { registry.names.contains($0) }, searchDirectories: [])
            XCTAssertEqual(problems.map(\.description), [], name)
            let bindings = keymap.bindings(mode: "grade")
            var steps: [String: Set<Double>] = [:]   // "gain m" → the deltas bound
            for binding in bindings {
                let parsed = try XCTUnwrap(CommandText.parse(binding.command), "\(name) [grade] \(binding.keys)")
                let spec = try XCTUnwrap(registry.command(named: parsed.name), "\(name) [grade] \(binding.keys): \(parsed.name)")
                let arguments = try Arguments(command: spec.name, specs: spec.arguments, text: parsed)
                guard spec.name == "grade-nudge" else { continue }
                let control = try arguments.string("control"), channel = try arguments.string("channel")
                let delta = try XCTUnwrap(arguments["delta"].flatMap(Double.init), binding.command)
                steps["\(control) \(channel)", default: []].insert(delta)
            }
            for control in ["lift", "gamma", "gain"] {
                for channel in ["r", "g", "b", "m"] {
                    let deltas = steps["\(control) \(channel)"] ?? []
                    let small = deltas.filter { $0 > 0 }.min() ?? 0
                    XCTAssertGreaterThan(small, 0, "\(name): \(control) \(channel) has a raise key")
                    let want = [-small * 10, -small, small, small * 10]
                    XCTAssertEqual(deltas.count, 4, "\(name): \(control) \(channel): \(deltas.sorted())")
                    for (got, expected) in zip(deltas.sorted(), want) {
                        XCTAssertEqual(got, expected, accuracy: 1e-12, "\(name): \(control) \(channel) small and large, both ways: \(deltas.sorted())")
                    }
                }
            }
            XCTAssertTrue(bindings.contains { $0.command == "grade-mode" && $0.keys == "esc" }, "\(name): esc leaves")
        }
    }

    func testKeysNudgeTheGradeAndTheStatusBarShowsTheModeAndValues() throws {
        let (keymap, _) = Keymap.load(name: "default", userFile: nil, searchDirectories: [])
        let (theme, _) = Theme.load(name: "dark", searchDirectories: [])
        let editor = Editor(project: CommandTableTests.project(), registry: CommandTable.registry)
        let s = TUISession(target: EditorBridge(editor: editor), keymap: keymap, theme: theme, colorDepth: .none, width: 140, height: 40)
        s.dispatch("source interview; mark-in 0; mark-out 99; monitor record; overwrite; goto 10")
        XCTAssertFalse(s.view.message.isError, s.view.message.text)
        let clip = try XCTUnwrap(editor.timeline.clip(at: 10, track: 0)?.clip.id)
        s.press("g")
        XCTAssertEqual(s.keymapMode, "grade")
        XCTAssertTrue(s.model.status.grade?.contains("gain 1.00/1.00/1.00/1.00") == true, s.model.status.grade ?? "no grade text")
        s.press("=<alt-=>1q")   // gain master +0.01 and +0.1; lift red +0.005 and −0.005
        s.press("5")          // gamma red +0.01
        let grade = try XCTUnwrap(editor.timeline.clip(clip)?.clip.grade)
        XCTAssertEqual(grade.gain.master, 1.11, accuracy: 1e-9)
        XCTAssertEqual(grade.lift.red, 0, accuracy: 1e-9)
        XCTAssertEqual(grade.gamma.red, 1.01, accuracy: 1e-9)
        XCTAssertTrue(s.model.status.grade?.contains("gamma 1.01/1.00/1.00/1.00 gain 1.00/1.00/1.00/1.11") == true, s.model.status.grade ?? "")
        // Keys grading mode leaves alone still work as in normal mode (the arrows step).
        s.press("<right>")
        XCTAssertEqual(editor.context.playhead, 11)
        s.press("<esc>")
        XCTAssertEqual(s.keymapMode, "normal")
        XCTAssertEqual(s.model.status.grade, "\(clip) grade: gamma r1.01 gain m1.11", "outside the mode the summary shows")
        // One undo per key press.
        s.press("u")
        XCTAssertEqual(editor.timeline.clip(clip)?.clip.grade?.gamma.red ?? 1, 1, accuracy: 1e-9)
    }
}
