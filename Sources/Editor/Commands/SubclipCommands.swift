import Foundation
import TimelineModel

/// Subclips: named ranges of media kept in bins (`Subclip`). `subclips-add` puts them in a bin
/// (scene detection writes it to the journal, so a replay needs no detection); `source NAME`
/// loads one into the source monitor with its range marked.
public enum SubclipCommands {
    static let all: [CommandSpec] = [
        CommandSpec("subclips-add", .bins, "Add subclips (named media ranges, as JSON) to bins, making the bins that are missing",
                    arguments: [ArgumentSpec("json", .text, "[{bin, subclips: [{name, media, source}]}]")],
                    changesProject: true) { editor, args in
            let groups: [SubclipGroup]
            do { groups = try JSONDecoder().decode([SubclipGroup].self, from: Data(try args.string("json").utf8)) } catch {
                throw CommandError("subclips-add: the subclips are not valid JSON: \(error)")
            }
            return try add(editor, groups)
        },
        CommandSpec("subclip", .bins, "Make a subclip of the source monitor's marked range, in a bin",
                    arguments: [ArgumentSpec("name", .word, "subclip name"),
                                ArgumentSpec("bin", .word, optional: true, "bin name (default: the first bin)")],
                    changesProject: true) { editor, args in
            guard let source = editor.context.source, let media = editor.project.mediaReference(source.media) else {
                throw CommandError("subclip: no source loaded (use source MEDIA, then mark in and out)")
            }
            guard let markIn = source.markIn, let markOut = source.markOut else {
                throw CommandError("subclip: mark in and out on the source monitor first")
            }
            let conform = editor.sourceConform
            let first = conform.mediaFrame(atSequenceFrame: markIn), last = conform.mediaFrame(atSequenceFrame: markOut)
            let sub = Subclip(name: try args.string("name"), media: media.id,
                              source: TimeRange(FrameRange(start: first, end: last + 1), rate: conform.mediaRate))
            return try add(editor, [SubclipGroup(bin: args["bin"] ?? editor.project.bins.first?.name ?? "Media", subclips: [sub])])
        },
    ]

    /// Subclips for one bin, as `subclips-add` reads and writes them.
    public struct SubclipGroup: Codable, Sendable, Equatable {
        public var bin: String
        public var subclips: [Subclip]
        public init(bin: String, subclips: [Subclip]) { self.bin = bin; self.subclips = subclips }
    }

    /// Adds each group's subclips to its bin (made at the top level when missing), in one step.
    /// Refused, project unchanged, when a media id is unknown, a range is empty or outside the
    /// media, or a name is taken (subclip names are unique: `source NAME` finds them by name).
    public static func add(_ editor: Editor, _ groups: [SubclipGroup]) throws(CommandError) -> CommandResult {
        let count = groups.reduce(0) { $0 + $1.subclips.count }
        guard count > 0 else { throw CommandError("subclips-add: no subclips given") }
        var project = editor.project
        var names = Set(project.subclips.map(\.name))
        for group in groups {
            for sub in group.subclips {
                guard let media = project.mediaReference(sub.media) else {
                    throw CommandError("subclips-add: \(sub.name): no media \(sub.media.rawValue) in the project")
                }
                let rate = sub.source.start.rate
                let frames = sub.source.frames(at: rate)
                let available = media.duration.rescaled(to: rate, rounding: .nearest).value
                guard sub.source.duration.rate == rate, frames.start >= 0, frames.duration > 0, frames.end <= available else {
                    throw CommandError("subclips-add: \(sub.name): the range \(frames) is not inside \(media.name) (0–\(available) frames)")
                }
                guard names.insert(sub.name).inserted else { throw CommandError("subclips-add: a subclip named \(sub.name) exists") }
            }
            if !BinCommands.modifyBin(group.bin, in: &project.bins, { $0.subclips = ($0.subclips ?? []) + group.subclips }) {
                project.bins.append(Bin(name: group.bin, subclips: group.subclips))
            }
        }
        editor.setProject(project)
        let bins = groups.map(\.bin).joined(separator: ", ")
        return CommandResult("\(count) subclip\(count == 1 ? "" : "s") in \(bins)", journalLine: line(groups))
    }

    /// The journal line that adds `groups`.
    public static func line(_ groups: [SubclipGroup]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let json = (try? encoder.encode(groups)).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
        return "subclips-add \(CommandText.quote(json))"
    }

    /// Loads `sub` into the source monitor with in and out on its first and last media frame.
    static func load(_ editor: Editor, _ sub: Subclip) throws(CommandError) -> CommandResult {
        guard let media = editor.project.mediaReference(sub.media) else { throw CommandError("source: subclip \(sub.name): its media is gone") }
        editor.context.loadSource(media.id)
        editor.context.monitor = .source
        let conform = editor.sourceConform
        let frames = sub.source.frames(at: conform.mediaRate)
        let first = conform.firstSequenceFrame(showing: frames.start)
        let last = max(first, conform.lastSequenceFrame(showing: frames.end - 1))
        editor.context.source = SourceMonitor(media: media.id, position: first, markIn: first, markOut: last)
        return CommandResult("source: \(sub.name) (\(media.name), in \(editor.sourceTimecode(first)), out \(editor.sourceTimecode(last)))")
    }
}
