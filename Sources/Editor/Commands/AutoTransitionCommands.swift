import TimelineModel

/// `auto-transitions`: the default transition at every cut in the marked range (or between
/// the selected clips, or on the whole timeline), on the selected tracks (or all): Premiere's
/// "Apply Default Transitions to Selection". `add-default-transition` does the same at the one
/// cut nearest the playhead (Premiere's ctrl-D, Avid's quick transition). The defaults are the
/// project's (`default-transition`, `default-audio-transition`): picture on video tracks, sound
/// on audio tracks; arguments given override them on every track. Unset, Premiere's: a 1 s
/// centred dissolve (on audio tracks a dissolve is the crossfade). Cuts without handle frames
/// are skipped and named in the message; cuts that already have a transition keep it. One undo step.
enum AutoTransitionCommands {
    private static let kinds = Transition.Kind.allCases.map(\.rawValue)
    private static let alignments = Transition.Alignment.allCases.map(\.rawValue)

    static let all: [CommandSpec] = [
        CommandSpec("auto-transitions", .editing,
                    "Add the default transition at every cut in the marked range (or selection, or timeline); cuts without handles are skipped and reported",
                    arguments: [ArgumentSpec("duration", .frames, optional: true, "length (default: the project's default transition)"),
                                ArgumentSpec("kind", .choice(kinds), optional: true, "dissolve, dip or wipe (default: the project's)"),
                                ArgumentSpec("alignment", .choice(alignments), optional: true, "centered, endAtCut or startAtCut (default: the project's)"),
                                ArgumentSpec("tracks", .tracks, optional: true, "tracks (default: selected tracks, else all)")],
                    changesProject: true) { editor, args in
            let override = try Override(args, editor)
            let range = scope(editor)
            let tracks = editor.actingTracks(try args.tracks("tracks", in: editor.timeline))
            return try apply(editor, tracks: tracks, override: override, bySelection: true, at: { range.contains($0) },
                             none: "no cuts between clips in \(range == 0..<Int64.max ? "the timeline" : "the marked range")", label: "auto-transitions")
        },
        CommandSpec("add-default-transition", .editing,
                    "Add the default transitions at the cut nearest the playhead on the selected tracks (else all), as Premiere's ctrl-D",
                    changesProject: true) { editor, args in
            let (_, cut) = try MarkerCommands.nearestCut(editor, args.command)
            return try apply(editor, tracks: editor.actingTracks(nil), override: Override(), bySelection: false, at: { $0 == cut },
                             none: "no cut at \(editor.recordTC(cut))", label: "add-default-transition")
        },
        CommandSpec("default-transition", .editing, "Set the project's default video transition (no arguments: show both defaults)",
                    arguments: [ArgumentSpec("kind", .choice(kinds), optional: true, "dissolve, dip or wipe"),
                                ArgumentSpec("duration", .frames, optional: true, "length"),
                                ArgumentSpec("alignment", .choice(alignments), optional: true, "centered, endAtCut or startAtCut")],
                    changesProject: true) { editor, args in
            try setDefault(editor, args, kind: .video)
        },
        CommandSpec("default-audio-transition", .editing, "Set the project's default audio transition: dissolve (a crossfade) or dip",
                    arguments: [ArgumentSpec("kind", .choice(["dissolve", "dip"]), optional: true, "dissolve (crossfade) or dip"),
                                ArgumentSpec("duration", .frames, optional: true, "length"),
                                ArgumentSpec("alignment", .choice(alignments), optional: true, "centered, endAtCut or startAtCut")],
                    changesProject: true) { editor, args in
            try setDefault(editor, args, kind: .audio)
        },
    ]

    /// What the arguments of `auto-transitions` set; the rest comes from each track's default.
    struct Override {
        var kind: Transition.Kind?
        var duration: Int64?
        var alignment: Transition.Alignment?
        init() {}
        init(_ args: Arguments, _ editor: Editor) throws(CommandError) {
            duration = try args.frames("duration", rate: editor.timeline.rate)
            if let duration, duration < 1 { throw CommandError("\(args.command): a transition lasts at least 1 frame") }
            kind = args["kind"].flatMap(Transition.Kind.init(rawValue:))
            alignment = args["alignment"].flatMap(Transition.Alignment.init(rawValue:))
        }
    }

    static func apply(_ editor: Editor, tracks: [Int], override: Override, bySelection: Bool, at cut: (Int64) -> Bool,
                      none: String, label: String) throws(CommandError) -> CommandResult {
        var timeline = editor.timeline
        let defaults = editor.project.defaultTransitions ?? DefaultTransitions()
        var added = 0, kept = 0
        var used: [String] = []
        var skipped: [String] = []
        var notes: [String] = []
        for t in tracks where !timeline.tracks[t].locked {
            let standard = defaults.transition(for: timeline.tracks[t].kind)
            let kind = override.kind ?? standard.kind, alignment = override.alignment ?? standard.alignment
            let duration = override.duration ?? standard.frames(at: timeline.rate)
            let clips = timeline.tracks[t].clips
            for (a, b) in zip(clips, clips.dropFirst()) where a.record.end == b.record.start && cut(b.record.start) {
                if bySelection, !editor.context.selectedClips.isEmpty,
                   !(editor.context.selectedClips.contains(a.clip.id) || editor.context.selectedClips.contains(b.clip.id)) { continue }
                if a.clip.transitionOut != nil { kept += 1; continue }
                do {
                    let outcome = try timeline.addTransition(track: t, at: b.record.start, kind: kind, duration: duration, alignment: alignment)
                    notes += outcome.notes
                    added += 1
                    let what = "\(kind.rawValue) \(editor.durationTC(duration))" + (alignment == .centered ? "" : " \(alignment.rawValue)")
                    if !used.contains(what) { used.append(what) }
                } catch {
                    skipped.append("\(timeline.tracks[t].name) \(editor.recordTC(b.record.start))")
                }
            }
        }
        guard added > 0 || !skipped.isEmpty || kept > 0 else { throw CommandError("\(label): \(none)") }
        var project = editor.project
        project.timeline = timeline
        editor.setProject(project)
        var message = "\(used.isEmpty ? "no transition" : used.joined(separator: " / ")) at \(added) cut\(added == 1 ? "" : "s")"
        if kept > 0 { message += "; \(kept) already had one" }
        if !skipped.isEmpty { message += "; skipped \(skipped.count) without handles: " + skipped.joined(separator: ", ") }
        if !notes.isEmpty { message += "; " + notes.joined(separator: "; ") }
        return CommandResult(message, undoLabel: "\(label) (\(added))")
    }

    /// Sets the parts given of one default (the others stay); with none given, tells both.
    static func setDefault(_ editor: Editor, _ args: Arguments, kind track: TrackKind) throws(CommandError) -> CommandResult {
        var project = editor.project
        var defaults = project.defaultTransitions ?? DefaultTransitions()
        let rate = editor.timeline.rate
        func describe(_ d: DefaultTransition) -> String {
            "\(d.kind.rawValue) \(editor.durationTC(d.frames(at: rate))) \(d.alignment.rawValue)"
        }
        guard args.has("kind") || args.has("duration") || args.has("alignment") else {
            return CommandResult("default transitions: video \(describe(defaults.transition(for: .video))), audio \(describe(defaults.transition(for: .audio)))")
        }
        var chosen = defaults.transition(for: track)
        if let kind = args["kind"].flatMap(Transition.Kind.init(rawValue:)) { chosen.kind = kind }
        if let frames = try args.frames("duration", rate: rate) {
            guard frames >= 1 else { throw CommandError("\(args.command): a transition lasts at least 1 frame") }
            chosen.duration = RationalTime(frames, rate)
        }
        if let alignment = args["alignment"].flatMap(Transition.Alignment.init(rawValue:)) { chosen.alignment = alignment }
        if track == .video { defaults.video = chosen } else { defaults.audio = chosen }
        project.defaultTransitions = defaults
        editor.setProject(project)
        return CommandResult("default \(track == .video ? "video" : "audio") transition: \(describe(chosen))")
    }

    /// The marked range (in to out, inclusive), else everything.
    static func scope(_ editor: Editor) -> Range<Int64> {
        guard let markIn = editor.timeline.markIn, let markOut = editor.timeline.markOut, markOut >= markIn else { return 0..<Int64.max }
        return markIn..<(markOut + 1)
    }
}
