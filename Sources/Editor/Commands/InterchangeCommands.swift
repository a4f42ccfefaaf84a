import Foundation
import Interchange
import PathBytes
import TimelineModel

/// Bringing cuts in from other editors and handing them on: OpenTimelineIO, CMX 3600, SRT.
enum InterchangeCommands {
    static let all: [CommandSpec] = [
        CommandSpec("import-otio", .interchange, "Replace the timeline with an OpenTimelineIO file's (media are added to a bin)",
                    arguments: [ArgumentSpec("path", .path, ".otio file")], changesProject: true) { editor, args in
            let url = URL(fileURLWithPath: try args.string("path"))
            let data = try read(url, args.command)
            let result: ImportResult
            do { result = try OTIO.read(data, name: url.deletingPathExtension().lastPathComponent) } catch {
                throw CommandError("import-otio: \(error)")
            }
            return try adopt(editor, result, from: url)
        },
        CommandSpec("import-edl", .interchange, "Replace the timeline with a CMX 3600 EDL's (reels become offline media)",
                    arguments: [ArgumentSpec("path", .path, ".edl file"),
                                ArgumentSpec("rate", .word, optional: true, "frame rate, e.g. 25 or 29.97 (default: from the list)")],
                    changesProject: true) { editor, args in
            let url = URL(fileURLWithPath: try args.string("path"))
            let data = try read(url, args.command)
            var rate: Rate?
            if let r = args["rate"] {
                guard let parsed = Rate(parsing: r) else { throw CommandError("import-edl: \"\(r)\" is not a frame rate") }
                rate = parsed
            }
            let result: ImportResult
            do { result = try CMX3600.read(data, rate: rate, name: url.deletingPathExtension().lastPathComponent) } catch {
                throw CommandError("import-edl: \(error)")
            }
            return try adopt(editor, result, from: url)
        },
        CommandSpec("import-srt", .interchange, "Add a subtitle track from an SRT file",
                    arguments: [ArgumentSpec("path", .path, ".srt file")], changesProject: true) { editor, args in
            let url = URL(fileURLWithPath: try args.string("path"))
            let data = try read(url, args.command)
            let text = TextEncoding.utf16Text(data) ?? String(decoding: data, as: UTF8.self)
            var project = editor.project
            let name = "S\(project.timeline.tracks.filter { $0.kind == .subtitle }.count + 1)"
            let parsed: (track: Track, problems: [InterchangeProblem], nextID: Int64)
            do {
                parsed = try SRT.read(text, rate: project.timeline.rate, startTimecode: 0, firstID: project.timeline.nextID,
                                      trackName: name, name: url.lastPathComponent)
            } catch {
                throw CommandError("import-srt: \(error)")
            }
            project.timeline.tracks.append(parsed.track)
            project.timeline.nextID = max(project.timeline.nextID, parsed.nextID)
            editor.setProject(project)
            let cues = parsed.track.clips.count
            return report("imported \(cues) subtitle\(cues == 1 ? "" : "s") onto \(name)", parsed.problems,
                          journalLine: "timeline-set \(CommandText.quote(try snapshot(project)))")
        },
        CommandSpec("export-otio", .interchange, "Write the timeline as OpenTimelineIO JSON",
                    arguments: [ArgumentSpec("path", .path, ".otio file to write")]) { editor, args in
            let url = URL(fileURLWithPath: try args.string("path"))
            try write(OTIO.write(editor.project, projectFolder: editor.session?.url.deletingLastPathComponent()), to: url, args.command)
            return CommandResult("wrote \(url.lastPathComponent)")
        },
        CommandSpec("export-edl", .interchange, "Write one video track (and its sound on A1/A2) as a CMX 3600 EDL",
                    arguments: [ArgumentSpec("path", .path, ".edl file to write"),
                                ArgumentSpec("track", .track, optional: true, "video track (default V1)")]) { editor, args in
            let url = URL(fileURLWithPath: try args.string("path"))
            let track = try args.track("track", in: editor.timeline)
            let result = CMX3600.export(editor.project, videoTrack: track)
            try write(Data(result.text.utf8), to: url, args.command)
            return report("wrote \(url.lastPathComponent)", result.problems)
        },
        CommandSpec("export-srt", .interchange, "Write a subtitle track as SRT",
                    arguments: [ArgumentSpec("path", .path, ".srt file to write"),
                                ArgumentSpec("track", .track, optional: true, "subtitle track (default: the first)")]) { editor, args in
            let url = URL(fileURLWithPath: try args.string("path"))
            let t = editor.timeline
            guard let index = try args.track("track", in: t) ?? t.tracks.firstIndex(where: { $0.kind == .subtitle }) else {
                throw CommandError("export-srt: no subtitle track")
            }
            try write(Data(SRT.write(t.tracks[index], rate: t.rate).utf8), to: url, args.command)
            return CommandResult("wrote \(url.lastPathComponent)")
        },
        CommandSpec("timeline-set", .interchange, "Set the timeline and media from JSON (written by imports to the journal)",
                    arguments: [ArgumentSpec("json", .text, "timeline and media as JSON")], changesProject: true) { editor, args in
            let data = Data(try args.string("json").utf8)
            let imported: Snapshot
            do { imported = try JSONDecoder().decode(Snapshot.self, from: data) } catch {
                throw CommandError("timeline-set: not a timeline snapshot: \(error)")
            }
            var project = editor.project
            project.timeline = imported.timeline
            project.media = imported.media
            project.bins = imported.bins
            editor.setProject(project)
            editor.markOfflineMedia()
            return CommandResult("timeline set")
        },
    ]

    /// What an import changes, journaled whole: replaying the journal must not depend on the
    /// imported file still being there and unchanged.
    struct Snapshot: Codable {
        var timeline: Timeline
        var media: [MediaReference]
        var bins: [Bin]
    }

    static func snapshot(_ project: Project) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(Snapshot(timeline: project.timeline, media: project.media, bins: project.bins)), as: UTF8.self)
    }

    static func read(_ url: URL, _ command: String) throws -> Data {
        do { return try SystemFile.read(url.path) } catch {
            throw CommandError("\(command): \(PathBytes.shown(url.path)): cannot read it")
        }
    }

    static func write(_ data: Data, to url: URL, _ command: String) throws {
        do { try AtomicFile.write(data, to: url) } catch {
            throw CommandError("\(command): \(url.path): \(error)")
        }
    }

    /// The summary with the first problems on the message line; every problem, one a line, as
    /// details (the command line prints them all, where the editor's line has room for three).
    static func report(_ summary: String, _ problems: [InterchangeProblem], journalLine: String? = nil) -> CommandResult {
        guard !problems.isEmpty else { return CommandResult(summary, journalLine: journalLine) }
        let shown = problems.prefix(3).map(\.description).joined(separator: "; ")
        let more = problems.count > 3 ? "; and \(problems.count - 3) more" : ""
        return CommandResult("\(summary); \(problems.count) problem\(problems.count == 1 ? "" : "s"): \(shown)\(more)",
                             journalLine: journalLine, details: problems.count > 3 ? problems.map(\.description) : [])
    }

    /// Whether an imported reference is media the project already holds: the same file, or for
    /// media known only by reel and clip name (edit lists, OTIO missing references) the same
    /// reel and name, as Avid and Premiere key them. Two offline sources never merge on their
    /// (empty) paths alone.
    static func sameSource(_ a: MediaReference, _ b: MediaReference) -> Bool {
        if !a.path.isEmpty || !b.path.isEmpty { return a.path == b.path }
        // Clips count source frames from the reference's start, so only an identical extent is the same.
        return a.name == b.name && a.reel == b.reel && a.startTimecode == b.startTimecode && a.duration == b.duration
    }

    /// Takes an imported project's timeline, merging its media into ours: a file we already
    /// know keeps our id, a new one gets a fresh id and goes into an "Imported" bin.
    static func adopt(_ editor: Editor, _ result: ImportResult, from url: URL) throws -> CommandResult {
        var project = editor.project
        var remap: [MediaID: MediaID] = [:]
        var added: [MediaID] = []
        for ref in result.project.media {
            if let existing = project.media.first(where: { sameSource($0, ref) }) {
                remap[ref.id] = existing.id
                continue
            }
            var fresh = ref
            fresh.id = project.freshMediaID(for: ref.name.isEmpty ? ref.id.rawValue : ref.name)
            remap[ref.id] = fresh.id
            project.media.append(fresh)
            added.append(fresh.id)
        }
        var timeline = result.project.timeline
        for t in timeline.tracks.indices {
            timeline.tracks[t].items = ItemList(timeline.tracks[t].items.map { item -> Item in
                guard case .clip(var c) = item, let mapped = remap[c.media] else { return item }
                c.media = mapped
                return .clip(c)
            })
        }
        timeline.settingsChosen = true // an edit list's rate is the sequence's
        project.timeline = timeline
        if !added.isEmpty { project.bins.append(Bin(name: "Imported \(url.deletingPathExtension().lastPathComponent)", media: added)) }
        editor.setProject(project)
        editor.markOfflineMedia()
        let clips = timeline.tracks.reduce(0) { $0 + $1.clips.count }
        let offline = editor.project.media.filter { added.contains($0.id) && $0.isOffline }.count
        var summary = "imported \(url.lastPathComponent): \(timeline.tracks.count) tracks, \(clips) clips"
        if offline > 0 { summary += ", \(offline) offline media (relink FOLDER finds them)" }
        return report(summary, result.problems, journalLine: "timeline-set \(CommandText.quote(try snapshot(editor.project)))")
    }
}
