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

/// Pictures for the scopes from a file or a project.
enum ScopeSources {
    static func readProject(_ url: URL, as name: String) throws -> Project {
        do {
            return try ProjectFile.read(url).project
        } catch {
            throw CLIError("\(error)")
        }
    }

    /// The picture at `at` of a video file or a project, and a note of where it came from.
    static func image(_ input: String, at: String) throws -> (ScopeImage, String) {
        let url = URL(fileURLWithPath: input)
        guard FileManager.default.fileExists(atPath: url.path) else { throw CLIError("\(input): no such file") }
        do {
            if url.pathExtension == ProjectFile.fileExtension {
                let project = try readProject(url, as: input)
                let timeline = project.timeline
                let frame: Int64
                do {
                    frame = try TimeArgument.parse(at, rate: timeline.rate, dropFrame: timeline.dropFrame)
                        .resolve(playhead: 0, startTimecode: timeline.startTimecode)
                } catch {
                    throw CLIError("\(input): --at: \(error.message)")
                }
                guard frame >= 0, frame < max(timeline.duration, 1) else {
                    throw CLIError("\(input): --at \(at) is outside the timeline (frames 0…\(max(timeline.duration - 1, 0)))")
                }
                let renderer = TimelineRenderer(project: project)
                let size = renderer.frameSize
                return try picture(renderer, frame: frame, width: size.width, height: size.height)
            }
            // One frame: no cache or read-ahead (see FrameCommand).
            let source = try VideoSource(url: url, cache: FrameCache(budgetBytes: 0), readAheadFrames: 0)
            let position = try FrameTime.parse(at, frameRate: source.frameRate)
            let frame = try source.frame(at: position)
            return (try ScopeImage(frame: frame), "frame at \(String(format: "%.3f", frame.time)) s, \(frame.pixelFormatName)")
        } catch let error as MediaError {
            throw CLIError("\(input): \(error.reason)")
        } catch let error as ScopeImageError {
            throw CLIError("\(input): \(error.message)")
        }
    }

    /// The timeline's picture at record `frame` for the scopes. Where one clip fills the picture,
    /// its decoded frame as it is (exact code values: Render's RGBA would clip sub-blacks and
    /// super-whites and round through a second matrix); otherwise Render's RGBA at
    /// `width`×`height` (fitted to the timeline's aspect by the caller).
    static func picture(_ renderer: TimelineRenderer, frame: Int64, width: Int, height: Int) throws -> (ScopeImage, String) {
        let project = renderer.project
        if case .layer(let layer) = renderer.composition(at: frame), case .media(let id, let sourceFrame) = layer.source,
           let reference = project.mediaReference(id), case .success(let source) = renderer.pool.video(for: reference),
           let decoded = try? source.frame(atTimestamp: TimelineRenderer.timestamp(of: sourceFrame, rate: project.timeline.rate, in: source)),
           let image = try? ScopeImage(frame: decoded) {
            return (image, "source frame of \(reference.name) (\(decoded.pixelFormatName), code values as decoded)")
        }
        let picture = renderer.picture(at: frame, width: width, height: height)
        return (try ScopeImage(rgba: picture.bytes, width: picture.width, height: picture.height),
                "timeline picture (Render RGBA, full range)")
    }
}

/// Text and JSON for `termcut scope`.
enum ScopeReport {
    /// The scope's rows with the IRE labels on the left.
    static func lines(_ scope: RenderedScope) -> [String] {
        let width = scope.kind.labelWidth
        return scope.text.lines.enumerated().map { row, line in
            guard width > 0 else { return line }
            let label = scope.labels.first { $0.row == row }?.text ?? ""
            return String(repeating: " ", count: max(width - 1 - label.count, 0)) + label + " " + line
        }
    }

    static func numbers(_ kind: ScopeKind, _ image: ScopeImage, columns: Int) -> [String: Any] {
        let levels = image.levels
        var report: [String: Any] = [
            "scope": kind.rawValue, "width": image.width, "height": image.height, "bit_depth": levels.bitDepth,
            "range": levels.range.rawValue, "matrix": image.matrix.rawValue,
            "black_code": levels.black, "white_code": levels.white,
        ]
        func columnList(_ levels: (Int) -> ColumnLevels?, count: Int) -> [Any] {
            (0..<count).map { c -> Any in
                guard let l = levels(c) else { return NSNull() }
                return ["min": l.min, "max": l.max, "mean": (l.mean * 100).rounded() / 100, "mode": l.mode]
            }
        }
        func legal(_ counts: LegalRangeCounts) -> [String: Int] {
            ["below_black": counts.below, "legal": counts.legal, "above_white": counts.above]
        }
        switch kind {
        case .waveform:
            let waveform = LumaWaveform.compute(image, columns: columns)
            report["columns"] = columnList(waveform.levels(ofColumn:), count: waveform.columns)
            report["legal_range"] = legal(waveform.legalRangeCounts)
        case .parade:
            let parade = RGBParade.compute(image, columnsPerChannel: columns)
            for (name, channel) in [("red", \RGBParade.red), ("green", \RGBParade.green), ("blue", \RGBParade.blue)] {
                report[name] = ["columns": columnList({ parade.levels(channel, column: $0) }, count: parade.columnsPerChannel),
                                "legal_range": legal(parade.legalRangeCounts(channel))]
            }
        case .vectorscope:
            let scope = Vectorscope.compute(image)
            // "Density" in a box: at least 0.1% of the sampled chroma (a patch, not stray edge samples).
            let threshold = max(scope.sampledCount / 1000, 1)
            for (name, saturation) in [("targets_75", 0.75), ("targets_100", 1.0)] {
                report[name] = scope.targetCounts(saturation: saturation).map {
                    ["colour": $0.target.colour.rawValue, "count": $0.count, "has_density": $0.count >= threshold] as [String: Any]
                }
            }
            report["sampled"] = scope.sampledCount
            report["stride"] = scope.stride
        case .histogram:
            let histogram = LumaHistogram.compute(image)
            report["bins"] = histogram.counts.map(Int.init)
            report["legal_range"] = legal(histogram.legalRangeCounts)
        case .rgbHistogram:
            let histogram = RGBHistogram.compute(image)
            report["red"] = histogram.red.map(Int.init)
            report["green"] = histogram.green.map(Int.init)
            report["blue"] = histogram.blue.map(Int.init)
        }
        return report
    }
}
