import App
import Analysis
import ArgumentParser
import Foundation
import Interchange
import Media
import Render
import TimelineModel

/// `termcut scope KIND (FILE|PROJECT) --at TIME`: one video scope of one frame, as braille
/// text or as numbers.
struct ScopeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scope",
        abstract: "Show a video scope (waveform, parade, vectorscope, histogram, rgb-histogram) of one frame.",
        discussion: """
            FILE: the frame of a video file shown at TIME, with its code values as decoded. \
            PROJECT (.termcut): the timeline's picture at record TIME — the clip's own decoded \
            frame where one clip fills the picture (so sub-blacks and super-whites stay visible), \
            Render's RGBA picture (full range, BT.709) inside transitions, gaps and offline cards. \
            TIME: HH:MM:SS:FF, seconds (2.5s) or a frame number (f120). \
            --json prints the numbers: waveform and parade, per column the min/max/mean code value \
            and the legal-range counts; vectorscope, the samples in each 75% and 100% target box; \
            histograms, one bin per code value.
            """)

    @Argument(help: "waveform, parade, vectorscope, histogram or rgb-histogram.") var kind: String
    @Argument(help: "A video file, or a project (.termcut).") var input: String
    @Option(name: .long, help: "When: HH:MM:SS:FF, seconds (2.5s) or a frame number (f120).") var at: String
    @Flag(name: .long, help: "Print the scope's numbers as JSON instead of text.") var json = false
    @Option(name: .long, help: "Text: cells across (default 80). JSON: waveform/parade columns (default 80).") var width = 80
    @Option(name: .long, help: "Text: rows (default 20).") var height = 20

    func run() throws {
        guard let scope = ScopeKind(name: kind) else {
            throw CLIError("unknown scope \"\(kind)\": use waveform, parade, vectorscope, histogram or rgb-histogram")
        }
        guard width >= 8, height >= 4, width <= 2000, height <= 1000 else {
            throw CLIError("--width must be 8…2000 and --height 4…1000")
        }
        let (image, origin) = try ScopeSources.image(input, at: at)
        if json {
            var report = ScopeReport.numbers(scope, image, columns: width)
            report["input"] = input
            report["at"] = at
            report["picture"] = origin
            let data = try JSONSerialization.data(withJSONObject: report, options: [.prettyPrinted, .sortedKeys])
            print(String(decoding: data, as: UTF8.self))
            return
        }
        let trace = scope.traceSize(cells: width, rows: height)
        let rendered = scope.render(image, cells: trace.cells, rows: trace.rows)
        print("\(scope.title) · \(input) @ \(at) · \(image.width)x\(image.height) \(rendered.caption) · \(origin)")
        for line in ScopeReport.lines(rendered) { print(line) }
    }
}
