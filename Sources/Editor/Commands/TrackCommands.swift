import TimelineModel

/// Track state: lock, mute, solo, sync lock, patching and track selectors.
enum TrackCommands {
    static let all: [CommandSpec] = [
        toggle("lock", "Lock a track against edits", \.locked, true),
        toggle("unlock", "Unlock a track", \.locked, false),
        toggle("mute", "Mute a track", \.muted, true),
        toggle("unmute", "Unmute a track", \.muted, false),
        toggle("solo", "Solo a track", \.solo, true),
        toggle("unsolo", "Clear a track's solo", \.solo, false),
        toggle("sync-lock", "Keep a track in sync during ripple edits on other tracks", \.syncLocked, true),
        toggle("sync-unlock", "Let a track stay put during ripple edits on other tracks", \.syncLocked, false),
        flip("toggle-mute", "mute", "unmute", \.muted),
        flip("toggle-solo", "solo", "unsolo", \.solo),
        flip("toggle-sync-lock", "sync-lock", "sync-unlock", \.syncLocked),
        flip("toggle-lock", "lock", "unlock", \.locked),
        CommandSpec("add-track", .tracks, "Add a video, audio or subtitle track",
                    arguments: [ArgumentSpec("kind", .choice(["video", "audio", "subtitle"]), "video, audio or subtitle")],
                    changesProject: true) { editor, args in
            var p = editor.project
            let index = p.timeline.addTrack(kind: TrackKind(rawValue: try args.string("kind"))!)
            editor.setProject(p)
            return CommandResult("added \(p.timeline.tracks[index].name)")
        },
        CommandSpec("remove-track", .tracks, "Remove a track and everything on it",
                    arguments: [ArgumentSpec("track", .track, "track name")], changesProject: true) { editor, args in
            let index = try args.track("track", in: editor.timeline)!
            let name = editor.timeline.tracks[index].name
            var p = editor.project
            try p.timeline.removeTrack(index)
            editor.setProject(p)
            return CommandResult("removed \(name)")
        },
        CommandSpec("target", .tracks, "Patch the source's picture or sound to a track (or none)",
                    arguments: [ArgumentSpec("kind", .choice(["video", "audio"]), "video or audio"),
                                ArgumentSpec("track", .track, "track name, or none")]) { editor, args in
            let kind = try args.string("kind")
            let name = try args.string("track")
            let index: Int?
            if name.lowercased() == "none" { index = nil } else {
                index = try args.track("track", in: editor.timeline)
                if let index, editor.timeline.tracks[index].kind.rawValue != kind {
                    throw CommandError("target: \(name) is not a \(kind) track")
                }
            }
            if kind == "video" { editor.context.videoTarget = index } else { editor.context.audioTarget = index }
            return CommandResult("\(kind) target: \(index.map { editor.timeline.tracks[$0].name } ?? "none")")
        },
        CommandSpec("patch", .tracks, "Patch the source to a record track: its picture to a video track, its sound to an audio track; the patched track again unpatches it (Avid's source-to-record patch)",
                    arguments: [ArgumentSpec("track", .track, "track name")]) { editor, args in
            let index = try args.track("track", in: editor.timeline)!
            let t = editor.timeline
            switch t.tracks[index].kind {
            case .video: editor.context.videoTarget = editor.context.videoTarget == index ? nil : index
            case .audio: editor.context.audioTarget = editor.context.audioTarget == index ? nil : index
            default: throw CommandError("patch: \(t.tracks[index].name) is a subtitle track; the source patches to video or audio tracks")
            }
            let shown = { (target: Int?) in target.map { t.tracks[$0].name } ?? "none" }
            return CommandResult("patch: source picture → \(shown(editor.context.videoTarget)), sound → \(shown(editor.context.audioTarget))")
        },
        CommandSpec("select-tracks", .tracks, "Choose the tracks razor, lift and extract act on (all for every track)",
                    arguments: [ArgumentSpec("tracks", .tracks, "V1,A1 or all")]) { editor, args in
            let tracks = try args.tracks("tracks", in: editor.timeline) ?? []
            editor.context.selectedTracks = tracks.count == editor.timeline.tracks.count ? [] : Set(tracks)
            return CommandResult("tracks: " + (editor.context.selectedTracks.isEmpty ? "all"
                : editor.context.selectedTracks.sorted().map { editor.timeline.tracks[$0].name }.joined(separator: ",")))
        },
        CommandSpec("toggle-track", .tracks, "Add a track to the selected tracks, or take it out (Avid's track selector)",
                    arguments: [ArgumentSpec("track", .track, "track name")]) { editor, args in
            let index = try args.track("track", in: editor.timeline)!
            let all = Set(editor.timeline.tracks.indices)
            // No selection means every track, and no selector is lit: the first toggle picks
            // that track alone, later ones add or take out (all chosen again reads as "all").
            var chosen = editor.context.selectedTracks
            if chosen.isEmpty { chosen = [index] } else if chosen.contains(index) { chosen.remove(index) } else { chosen.insert(index) }
            guard !chosen.isEmpty else {
                throw CommandError("toggle-track: \(editor.timeline.tracks[index].name) is the only selected track; select another first (or select-tracks all)")
            }
            editor.context.selectedTracks = chosen == all ? [] : chosen
            return CommandResult("tracks: " + (editor.context.selectedTracks.isEmpty ? "all"
                : editor.context.selectedTracks.sorted().map { editor.timeline.tracks[$0].name }.joined(separator: ",")))
        },
    ]

    /// A key's toggle of a track flag: on the named tracks, else the chosen ones (alt-1…8), else
    /// the patched ones. Several tracks go one way together, on unless all are on already (as a
    /// row of header buttons does), and the journal gets the absolute `on`/`off` command.
    static func flip(_ name: String, _ on: String, _ off: String, _ flag: WritableKeyPath<Track, Bool> & Sendable) -> CommandSpec {
        CommandSpec(name, .tracks, "Turn \(on) on or off (named tracks, else the chosen ones, else the patched ones)",
                    arguments: [ArgumentSpec("tracks", .tracks, optional: true, "V1,A1 or all")],
                    changesProject: true) { editor, args in
            var tracks = try args.tracks("tracks", in: editor.timeline) ?? []
            if args["tracks"] == nil {
                let chosen = editor.context.selectedTracks.sorted()
                tracks = chosen.isEmpty ? [editor.context.videoTarget, editor.context.audioTarget].compactMap { $0 } : chosen
            }
            guard !tracks.isEmpty else {
                throw CommandError("\(name): no track chosen; name one (\(name) A1) or choose tracks with alt-1…8")
            }
            let value = !tracks.allSatisfy { editor.timeline.tracks[$0][keyPath: flag] }
            var p = editor.project
            for t in tracks { p.timeline.tracks[t][keyPath: flag] = value }
            editor.setProject(p)
            let line = "\(value ? on : off) \(tracks.map { p.timeline.tracks[$0].name }.joined(separator: ","))"
            return CommandResult(line, journalLine: line)
        }
    }

    static func toggle(_ name: String, _ help: String, _ flag: WritableKeyPath<Track, Bool> & Sendable, _ value: Bool) -> CommandSpec {
        CommandSpec(name, .tracks, help, arguments: [ArgumentSpec("tracks", .tracks, "V1,A1 or all")],
                    changesProject: true) { editor, args in
            let tracks = try args.tracks("tracks", in: editor.timeline) ?? []
            var p = editor.project
            for t in tracks { p.timeline.tracks[t][keyPath: flag] = value }
            editor.setProject(p)
            return CommandResult("\(name) \(tracks.map { p.timeline.tracks[$0].name }.joined(separator: ","))")
        }
    }
}
