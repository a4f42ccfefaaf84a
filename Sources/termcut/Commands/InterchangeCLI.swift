import App
import ArgumentParser
import Editor
import Foundation
import Interchange
import PathBytes
import TimelineModel

/// `termcut export PROJECT --format otio|edl|srt -o FILE`
struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a project's timeline as OpenTimelineIO, CMX 3600 EDL or SRT.")

    enum Format: String, ExpressibleByArgument, CaseIterable { case otio, edl, srt }

    @Argument(help: "The project file (.termcut).") var project: String
    @Option(name: .long, help: "otio, edl or srt (default: from the output file's extension).") var format: Format?
    @Option(name: [.short, .customLong("output")], help: "The file to write.") var output: String
    @Option(name: .long, help: "The track to export (EDL: a video track; SRT: a subtitle track).") var track: String?

    func run() throws {
        let editor = try Editor(opening: URL(fileURLWithPath: project), readOnly: true, catalog: nil)
        let ext = URL(fileURLWithPath: output).pathExtension.lowercased()
        guard let format = format ?? Format(rawValue: ext) else {
            throw CLIError("\(output): say --format otio, edl or srt (the extension .\(ext) does not tell)")
        }
        let command = "export-\(format.rawValue) \(CommandText.quote(output))" + (track.map { " \(CommandText.quote($0))" } ?? "")
        let outcome = editor.execute(command)
        if outcome.isError { throw CLIError(outcome.message) }
        print(outcome.message)
        for line in outcome.details { print("  " + line) }
    }
}

/// `termcut import FILE -o PROJECT`
struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Make a project from an OpenTimelineIO file, a CMX 3600 EDL or an SRT file.",
        discussion: "Problems the reader found (with line numbers for EDLs) are printed; the project is written anyway.")

    @Argument(help: "The .otio, .edl or .srt file.") var file: String
    @Option(name: [.short, .customLong("output")], help: "The project file to create (.termcut).") var output: String
    @Option(name: .long, help: "Frame rate for an EDL or SRT (e.g. 25, 29.97); EDLs are guessed otherwise.") var rate: String?

    func run() throws {
        let url = URL(fileURLWithPath: output)
        if SystemFile.exists(url.path) {
            throw CLIError("\(PathBytes.shown(output)) exists; import writes a new project (use the import-otio/import-edl commands inside a project)")
        }
        var timeline = Timeline()
        if let rate {
            guard let r = Rate(parsing: rate) else { throw CLIError("\(rate) is not a frame rate") }
            timeline.rate = r
            timeline.startTimecode = 3600 * r.timecodeBase
        }
        let editor = Editor(project: Project(name: url.deletingPathExtension().lastPathComponent, timeline: timeline),
                            catalog: LibavMediaCatalog())
        let quoted = CommandText.quote(file)
        let command: String
        switch URL(fileURLWithPath: file).pathExtension.lowercased() {
        case "otio": command = "import-otio \(quoted)"
        case "srt": command = "import-srt \(quoted)"
        default: command = "import-edl \(quoted)" + (rate.map { " \($0)" } ?? "")
        }
        let outcome = editor.execute(command)
        if outcome.isError { throw CLIError(outcome.message) }
        _ = try editor.save(to: url)
        print(outcome.message)
        for line in outcome.details { print("  " + line) }
    }
}
