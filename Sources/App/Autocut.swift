import Editor
import Foundation
import Interchange
import Media
import TimelineModel

/// `termcut autocut MEDIA -o OUT`: a timeline of the media with its silences removed, written
/// as a project, OpenTimelineIO or an EDL. It runs the editor's own commands (import, insert,
/// detect-silences, proposal-accept, export), so the cut is exactly what the editor would make.
public enum Autocut {
    /// `options`: detect-silences's named words (`threshold=-40dB min=0.5s pad=0.1s keep=3s action=…`).
    public static func run(media: URL, output: URL, options: [String: String]) throws(CLIError) -> String {
        let format = output.pathExtension.lowercased()
        guard ["termcut", "otio", "edl"].contains(format) else {
            throw CLIError("\(output.path): write .termcut, .otio or .edl (the extension .\(format) is none of them)")
        }
        if format == "termcut", FileManager.default.fileExists(atPath: output.path) {
            throw CLIError("\(output.path) exists; autocut writes a new project (remove it or choose another name)")
        }
        guard FileManager.default.fileExists(atPath: media.path) else { throw CLIError("\(media.path): no such file") }
        // The timeline runs at the picture's rate, so cuts fall on the media's own frames.
        var timeline = Timeline()
        if let rate = (try? MediaProbe.probe(media))?.primaryVideo?.frameRate, rate.numerator > 0, rate.denominator > 0 {
            timeline.rate = Rate(Int64(rate.numerator), Int64(rate.denominator))
            timeline.startTimecode = 3600 * timeline.rate.timecodeBase
        }
        let name = output.deletingPathExtension().lastPathComponent
        let editor = Editor(project: Project(name: name, bins: [Bin(name: "Media")], timeline: timeline),
                            registry: MeasureLoudness.registry, catalog: LibavMediaCatalog())
        func run(_ line: String) throws(CLIError) -> String {
            let outcome = editor.execute(line)
            if outcome.isError { throw CLIError(outcome.message) }
            return outcome.message
        }
        _ = try run("import \(CommandText.quote(media.path))")
        guard let imported = editor.project.media.last else { throw CLIError("\(media.path): nothing was imported") }
        _ = try run("source \(CommandText.quote(imported.id.rawValue))")
        _ = try run("insert")
        let words = options.sorted { $0.key < $1.key }.map { "\($0.key)=\(CommandText.quote($0.value))" }
        let detected = try run((["detect-silences", "timeline"] + words).joined(separator: " "))
        var report = detected
        if editor.proposals != nil { report = try run("proposal-accept") }
        switch format {
        case "termcut":
            do { _ = try editor.save(to: output) } catch { throw CLIError("\(output.path): \(error)") }
        default:
            _ = try run("export-\(format) \(CommandText.quote(output.path))")
        }
        let duration = Timecode.format(frame: editor.timeline.duration, rate: editor.timeline.rate, dropFrame: false)
        return "\(report); \(output.lastPathComponent): \(editor.timeline.tracks.first?.clips.count ?? 0) clips, \(duration)"
    }
}
