import Editor
import Foundation
import TimelineModel
import XCTest

/// Every command with numbers at the edges in every argument position (0, −1, ±2⁶², Int64's
/// ends and one past, NaN, huge rationals, out-of-range timecodes): each line works or is refused
/// with a message, never traps, and the model's invariants hold after it.
/// `TERMCUT_FUZZ_SCALE=N` runs N times as many lines (README, "Robustness checks").
final class CommandFuzzTests: XCTestCase {
    static let numbers = ["0", "-1", "1", "4611686018427387904", "-4611686018427387904", "9223372036854775807",
                          "-9223372036854775808", "9223372036854775808", "1099511627776", "1099511627777", "nan", "NaN",
                          "inf", "-inf", "1e308", "99999999999999999999999", "0.5", "1/0", "9223372036854775807/1",
                          "1/9223372036854775807", "0x7fffffffffffffff"]

    /// Commands that touch files outside the editor (a number would become a file name) are left out.
    static let skipped: Set<String> = ["save", "save-as", "import", "import-otio", "import-edl", "import-srt", "export-otio",
                                       "export-edl", "export-srt", "relink", "media-add-probed", "measure-loudness"]

    func argument(_ rng: inout SplitMix64) -> String {
        let n = Self.numbers.randomElement(using: &rng)!
        switch Int.random(in: 0..<12, using: &rng) {
        case 0: return "f" + n
        case 1: return "+" + n
        case 2: return "-" + n
        case 3: return n + "f"
        case 4: return n + "s"
        case 5: return n + "ms"
        case 6: return ["23:59:59:29", "99:99:99:99", "+00:00:01:00", "-23:59:59;29", "00:00:00:00"].randomElement(using: &rng)!
        case 7: return ["at", "duration", "frames", "on", "to", "track", "gain", "speed"].randomElement(using: &rng)! + "=" + n
        case 8: return ["V1", "A1", "A2", "interview", "broll", "red", "z", "all", "c1", "c9223372036854775807"].randomElement(using: &rng)!
        default: return n
        }
    }

    func testEdgeNumbersInEveryCommandNeverTrap() throws {
        let folder = try makeMediaFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let scale = Int(ProcessInfo.processInfo.environment["TERMCUT_FUZZ_SCALE"] ?? "") ?? 1
        var lines = 0, refused = 0
        for seed in 1...(20 * scale) {
            var rng = SplitMix64(seed: UInt64(seed))
            let editor = Editor(project: Project(name: "t", bins: [Bin(name: "Media")]), catalog: FakeCatalog.standard)
            editor.run("import \(folder.path)")
            for setup in ["source interview", "mark-in 10", "mark-out 100", "monitor record", "insert at=0", "source broll",
                          "overwrite at=50", "add-marker m1", "monitor record"] {
                _ = editor.execute(setup)
            }
            let names = editor.registry.ordered.map(\.name).filter { !Self.skipped.contains($0) }
            for _ in 0..<150 {
                let name = names.randomElement(using: &rng)!
                let line = ([name] + (0..<Int.random(in: 0...3, using: &rng)).map { _ in argument(&rng) }).joined(separator: " ")
                let outcome = editor.execute(line)
                lines += 1
                if outcome.isError {
                    refused += 1
                    XCTAssertFalse(outcome.message.isEmpty, "seed \(seed): \(line) failed silently")
                }
                let problems = editor.timeline.validate(offline: Set(editor.project.media.map(\.id)))
                if !problems.isEmpty {
                    XCTFail("seed \(seed), after \(line): \(problems)")
                    return
                }
                XCTAssertNil(editor.context.outOfRangeProblem, "seed \(seed), after \(line)")
            }
        }
        XCTAssertGreaterThan(refused, 0)
        XCTAssertLessThan(refused, lines, "some lines must work, or the fuzz tests nothing")
    }
    /// A saved project with every number in it replaced, one at a time, by each edge value:
    /// opening and dumping it works or names the problem, never traps.
    func testEdgeNumbersInProjectFilesOpenAndDump() throws {
        let folder = try makeMediaFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("p.termcut")
        let editor = Editor(project: Project(name: "t", bins: [Bin(name: "Media")]), catalog: FakeCatalog.standard)
        for line in ["import \(folder.path)", "source interview", "mark-in 10", "mark-out 100", "insert at=0", "source broll",
                     "overwrite at=50", "add-marker m1", "monitor record", "speed 50", "razor 30"] { _ = editor.execute(line) }
        _ = try editor.save(to: url)
        editor.session?.release()
        let text = Array(try Data(contentsOf: url))
        try FileManager.default.removeItem(at: URL(fileURLWithPath: url.path + ".journal"))
        var opened = 0, refused = 0
        var i = 0
        while i < text.count {
            guard (0x30...0x39).contains(text[i]) else { i += 1; continue }
            var j = i
            while j < text.count, (0x30...0x39).contains(text[j]) || text[j] == 0x2E { j += 1 }
            let start = i > 0 && text[i - 1] == 0x2D ? i - 1 : i
            for v in Self.numbers {
                try Data(text[..<start] + Array(v.utf8) + text[j...]).write(to: url)
                do {
                    let e = try Editor(opening: url, readOnly: true, catalog: FakeCatalog.standard)
                    _ = TimelineDump.text(e.project)
                    opened += 1
                } catch {
                    refused += 1
                    XCTAssertTrue("\(error)".contains("p.termcut"), "the error names the file: \(error)")
                }
            }
            i = j
        }
        XCTAssertGreaterThan(opened, 0)
        XCTAssertGreaterThan(refused, 0)
    }
}
