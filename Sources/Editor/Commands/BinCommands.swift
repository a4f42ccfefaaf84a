import Foundation
import PathBytes
import TimelineModel

/// Bringing media into the project and organising it in bins.
enum BinCommands {
    static let all: [CommandSpec] = [
        CommandSpec("import", .bins, "Import a media file, or every media file below a folder, into a bin",
                    arguments: [ArgumentSpec("path", .path, "file or folder"),
                                ArgumentSpec("bin", .word, optional: true, "bin name (default: the first bin)")],
                    changesProject: true) { editor, args in
            try importMedia(editor, path: try args.string("path"), bin: args["bin"])
        },
        CommandSpec("media-add-probed", .bins, "Add media already probed (written by import to the journal)",
                    arguments: [ArgumentSpec("bin", .word, "bin name"),
                                ArgumentSpec("json", .text, "media references as JSON")],
                    changesProject: true) { editor, args in
            let data = Data(try args.string("json").utf8)
            let refs: [MediaReference]
            do { refs = try JSONDecoder().decode([MediaReference].self, from: data) } catch {
                throw CommandError("media-add-probed: the media description is not valid JSON: \(error)")
            }
            var project = editor.project
            add(refs, toBin: try args.string("bin"), in: &project)
            editor.setProject(project)
            return CommandResult("added \(refs.count) media")
        },
        CommandSpec("relink", .bins, "Find offline media again below a folder (same name, duration and streams)",
                    arguments: [ArgumentSpec("folder", .path, "where to look (searched recursively)")],
                    changesProject: true) { editor, args in
            try relink(editor, folder: try args.string("folder"))
        },
        CommandSpec("new-bin", .bins, "Create a bin (inside another bin with parent=NAME)",
                    arguments: [ArgumentSpec("name", .word, "bin name"),
                                ArgumentSpec("parent", .word, optional: true, "enclosing bin")],
                    changesProject: true) { editor, args in
            let name = try args.string("name")
            var project = editor.project
            if findBin(name, in: project.bins) != nil { throw CommandError("new-bin: a bin named \(name) exists") }
            if let parent = args["parent"] {
                guard modifyBin(parent, in: &project.bins, { $0.bins.append(Bin(name: name)) }) else {
                    throw CommandError("new-bin: no bin named \(parent)")
                }
            } else {
                project.bins.append(Bin(name: name))
            }
            editor.setProject(project)
            return CommandResult("new bin \(name)")
        },
    ]

    static func importMedia(_ editor: Editor, path: String, bin: String?) throws -> CommandResult {
        guard let catalog = editor.catalog else { throw CommandError("import: no media engine in this session") }
        // Names that are not UTF-8 are looked up by their bytes (`SystemFile`, `PathBytes`).
        let url = URL(fileURLWithPath: path).standardizedFileURL
        guard let isFolder = SystemFile.isFolder(url.path) else {
            throw CommandError("import: \(PathBytes.shown(path)): no such file or folder")
        }
        if !isFolder, let command = cutImportCommand[url.pathExtension.lowercased()] {
            // libavformat would read an edit list or subtitles as some text format and call it damaged.
            throw CommandError("import: \(url.lastPathComponent) is a cut, not media; use \(command) \(CommandText.quote(path))\(command == "import-srt" ? " (adds a subtitle track)" : " (it replaces the timeline; undo brings it back)")")
        }
        var files: [URL] = []
        if isFolder {
            files = SystemFile.regularFiles(under: url.path).map { URL(fileURLWithPath: $0) }
                .filter { catalog.looksLikeMedia($0) && cutImportCommand[$0.pathExtension.lowercased()] == nil }
        } else {
            files = [url]
        }
        var project = editor.project
        var probed: [MediaReference] = []
        var failures: [String] = []
        for file in files {
            if project.media.contains(where: { $0.path == file.path }) || probed.contains(where: { $0.path == file.path }) { continue }
            do {
                var ref = try catalog.probe(file)
                ref.fingerprint = try? MediaIdentityCheck.fingerprint(path: ref.path).get()
                var scratch = project
                scratch.media += probed
                ref.id = scratch.freshMediaID(for: file.lastPathComponent)
                probed.append(ref)
            } catch {
                failures.append("\(PathBytes.shown(file.lastPathComponent)): \(error)")
            }
        }
        if probed.isEmpty {
            if let first = failures.first { throw CommandError("import: \(first)") }
            throw CommandError("import: nothing new to import in \(PathBytes.shown(path))")
        }
        let binName = bin ?? project.bins.first?.name ?? "Media"
        add(probed, toBin: binName, in: &project)
        editor.setProject(project)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let json = String(decoding: try encoder.encode(probed), as: UTF8.self)
        var message = "imported \(probed.count) file\(probed.count == 1 ? "" : "s") into \(binName)"
        if !failures.isEmpty { message += "; skipped \(failures.count): \(failures.joined(separator: "; "))" }
        return CommandResult(message, journalLine: "media-add-probed \(CommandText.quote(binName)) \(CommandText.quote(json))")
    }

    /// Cuts and captions have their own import commands.
    static let cutImportCommand = ["otio": "import-otio", "edl": "import-edl", "srt": "import-srt"]

    /// Relinks by name first, then checks what the file holds: a file with the right name but a
    /// different length or stream layout is a different take, and is refused with a reason.
    static func relink(_ editor: Editor, folder: String) throws -> CommandResult {
        guard let catalog = editor.catalog else { throw CommandError("relink: no media engine in this session") }
        let root = URL(fileURLWithPath: folder).standardizedFileURL
        guard SystemFile.isFolder(root.path) == true else {
            throw CommandError("relink: \(PathBytes.shown(folder)): no such folder")
        }
        editor.markOfflineMedia()
        let offline = editor.project.media.filter(\.isOffline)
        guard !offline.isEmpty else { return CommandResult("relink: no media is offline") }
        var byName: [String: [URL]] = [:]
        for file in SystemFile.regularFiles(under: root.path) {
            let f = URL(fileURLWithPath: file)
            byName[f.lastPathComponent, default: []].append(f)
        }
        var project = editor.project
        var relinked: [String] = []
        var refused: [String] = []
        for ref in offline {
            // Each offline media on its own: by its file name, or for media known only by reel
            // and clip name (edit lists) by a file named after the clip or the reel.
            let names = relinkNames(ref)
            let candidates = byName.filter { file, _ in names.contains { matches(file, $0) } }.values.flatMap { $0 }
            guard !candidates.isEmpty else { continue }
            var matched = false
            for candidate in candidates.sorted(by: { $0.path < $1.path }) {
                guard let probed = try? catalog.probe(candidate) else { continue }
                let why = ref.hasStreamFacts ? mismatch(ref, probed) : uncovered(ref, probed)
                if let why {
                    refused.append("\(PathBytes.shown(candidate.path)): \(why)")
                    continue
                }
                let i = project.media.firstIndex { $0.id == ref.id }!
                if ref.hasStreamFacts {
                    project.media[i].path = candidate.path
                    project.media[i].isOffline = false
                } else {
                    adoptFacts(probed, path: candidate.path, for: ref, in: &project)
                }
                project.media[i].offlineReason = nil
                project.media[i].fingerprint = try? MediaIdentityCheck.fingerprint(path: candidate.path).get()
                relinked.append(ref.name)
                matched = true
                break
            }
            if !matched && refused.isEmpty { refused.append("\(names.first ?? ref.name): found but not readable as media") }
        }
        editor.setProject(project)
        var message = "relinked \(relinked.count) of \(offline.count) offline media"
        if !refused.isEmpty { message += "; not the same media: " + refused.prefix(3).joined(separator: "; ") }
        return CommandResult(message)
    }

    /// The file names an offline media may have: its path's, else its clip name and reel.
    static func relinkNames(_ ref: MediaReference) -> [String] {
        if !ref.path.isEmpty { return [URL(fileURLWithPath: ref.path).lastPathComponent] }
        return [ref.name, ref.reel].compactMap { $0 }.filter { !$0.isEmpty }
    }

    /// A file matches a name exactly, or by its stem when the name has no extension
    /// (a reel `A001C003` finds `A001C003.mov`), ignoring case as tape names do.
    static func matches(_ file: String, _ name: String) -> Bool {
        if file == name { return true }
        guard (name as NSString).pathExtension.isEmpty else { return false }
        return (file as NSString).deletingPathExtension.caseInsensitiveCompare(name) == .orderedSame
    }

    /// For media known only from an edit list (no stream facts): why the found file does not
    /// hold every source timecode the clips use, or nil when it does.
    static func uncovered(_ expected: MediaReference, _ found: MediaReference) -> String? {
        let rate = found.duration.rate
        let lo = RationalTime(expected.startTimecode, expected.duration.rate).rescaled(to: rate, rounding: .down).value
        let hi = RationalTime(expected.startTimecode + expected.duration.value, expected.duration.rate).rescaled(to: rate, rounding: .up).value
        let fileStart = found.startTimecode, fileEnd = found.startTimecode + found.duration.value
        if lo < fileStart || hi > fileEnd {
            let f = { (v: Int64) in Timecode.format(frame: v, rate: rate, dropFrame: false) }
            return "the clips use source \(f(lo))–\(f(hi)), the file holds \(f(fileStart))–\(f(fileEnd))"
        }
        return nil
    }

    /// Takes a found file's facts for media known only from an edit list, moving every clip
    /// that uses it so it keeps its source timecode (the file may start at another timecode).
    static func adoptFacts(_ probed: MediaReference, path: String, for ref: MediaReference, in project: inout Project) {
        let i = project.media.firstIndex { $0.id == ref.id }!
        let rate = project.timeline.rate
        let oldStart = RationalTime(ref.startTimecode, ref.duration.rate).rescaled(to: rate, rounding: .nearest).value
        let newStart = RationalTime(probed.startTimecode, probed.duration.rate).rescaled(to: rate, rounding: .nearest).value
        let shift = oldStart - newStart
        var updated = probed
        updated.id = ref.id; updated.name = ref.name; updated.reel = ref.reel; updated.path = path; updated.isOffline = false
        project.media[i] = updated
        let available = updated.availableFrames(at: rate)
        for t in project.timeline.tracks.indices {
            project.timeline.tracks[t].items = ItemList(project.timeline.tracks[t].items.map { item -> Item in
                guard case .clip(var c) = item, c.media == ref.id else { return item }
                if let speed = c.speed {
                    if let frame = speed.freezeFrame {
                        c.speed = ClipSpeed(freezeFrame: frame + shift)
                    } else if let last = speed.reversedFrom {
                        // Reverse mirrors about the last frame: moving the mirror moves every frame shown.
                        c.speed = ClipSpeed(numerator: speed.numerator, denominator: speed.denominator, reversedFrom: max(0, last + shift))
                    } else if (shift * speed.denominator) % speed.numerator == 0 {
                        let units = shift * speed.denominator / speed.numerator
                        c.source = FrameRange(start: c.source.start + units, duration: c.source.duration)
                        c.markers = c.markers.map { var m = $0; m.frame += units; return m }
                        c.available = speed.units(inMediaFrames: available)
                    }
                } else {
                    c.source = FrameRange(start: c.source.start + shift, duration: c.source.duration)
                    c.markers = c.markers.map { var m = $0; m.frame += shift; return m }
                    c.available = available
                }
                return .clip(c)
            })
        }
    }

    /// Why a found file is not the media a project lost, or nil when it is.
    static func mismatch(_ expected: MediaReference, _ found: MediaReference) -> String? {
        if (expected.video == nil) != (found.video == nil) { return found.video == nil ? "it has no picture" : "it has picture the original lacked" }
        if (expected.audio == nil) != (found.audio == nil) { return found.audio == nil ? "it has no sound" : "it has sound the original lacked" }
        if let a = expected.audio, let b = found.audio, a.channels != b.channels { return "\(b.channels) sound channels, not \(a.channels)" }
        if let a = expected.video, let b = found.video, (a.width, a.height) != (b.width, b.height) {
            return "\(b.width)x\(b.height), not \(a.width)x\(a.height)"
        }
        // Lengths agree within one frame of the original's rate.
        let slack = RationalTime(1, expected.duration.rate)
        let lhs = found.duration.rescaled(to: expected.duration.rate, rounding: .nearest).value
        if abs(lhs - expected.duration.value) > slack.value {
            return "\(String(format: "%.2f", found.duration.seconds)) s long, not \(String(format: "%.2f", expected.duration.seconds)) s"
        }
        return nil
    }

    static func add(_ refs: [MediaReference], toBin name: String, in project: inout Project) {
        project.media += refs
        if !modifyBin(name, in: &project.bins, { $0.media += refs.map(\.id) }) {
            project.bins.append(Bin(name: name, media: refs.map(\.id)))
        }
    }

    static func findBin(_ name: String, in bins: [Bin]) -> Bin? {
        for b in bins {
            if b.name == name { return b }
            if let found = findBin(name, in: b.bins) { return found }
        }
        return nil
    }

    @discardableResult
    static func modifyBin(_ name: String, in bins: inout [Bin], _ change: (inout Bin) -> Void) -> Bool {
        for i in bins.indices {
            if bins[i].name == name { change(&bins[i]); return true }
            if modifyBin(name, in: &bins[i].bins, change) { return true }
        }
        return false
    }
}
