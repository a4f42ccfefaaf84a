import TimelineModel

/// `auto-transitions`: the default transition at every cut in the marked range (or between
/// the selected clips, or on the whole timeline), on the selected tracks (or all): Premiere's
/// "Apply Default Transitions to Selection". Defaults as Premiere's: a 1 s centred dissolve
/// (on audio tracks a dissolve is the crossfade). Cuts without handle frames are skipped and
/// named in the message; cuts that already have a transition keep it. One undo step.
enum AutoTransitionCommands {
    static let all: [CommandSpec] = [
        CommandSpec("auto-transitions", .editing,
                    "Add the default transition at every cut in the marked range (or selection, or timeline); cuts without handles are skipped and reported",
                    arguments: [ArgumentSpec("duration", .frames, optional: true, "length (default 1 s)"),
                                ArgumentSpec("kind", .choice(Transition.Kind.allCases.map(\.rawValue)), optional: true, "dissolve (default), dip or wipe"),
                                ArgumentSpec("alignment", .choice(Transition.Alignment.allCases.map(\.rawValue)), optional: true, "centered (default), endAtCut or startAtCut"),
                                ArgumentSpec("tracks", .tracks, optional: true, "tracks (default: selected tracks, else all)")],
                    changesProject: true) { editor, args in
            let duration = try args.frames("duration", rate: editor.timeline.rate) ?? editor.timeline.rate.timecodeBase
            guard duration >= 1 else { throw CommandError("auto-transitions: a transition lasts at least 1 frame") }
            let kind = Transition.Kind(rawValue: args["kind"] ?? "dissolve")!
            let alignment = Transition.Alignment(rawValue: args["alignment"] ?? "centered")!
            let tracks = editor.actingTracks(try args.tracks("tracks", in: editor.timeline))
            var timeline = editor.timeline
            let range = scope(editor)
            var added = 0, kept = 0
            var skipped: [String] = []
            var notes: [String] = []
            for t in tracks where !timeline.tracks[t].locked {
                let clips = timeline.tracks[t].clips
                for (a, b) in zip(clips, clips.dropFirst()) where a.record.end == b.record.start && range.contains(b.record.start) {
                    if !editor.context.selectedClips.isEmpty,
                       !(editor.context.selectedClips.contains(a.clip.id) || editor.context.selectedClips.contains(b.clip.id)) { continue }
                    if a.clip.transitionOut != nil { kept += 1; continue }
                    do {
                        let outcome = try timeline.addTransition(track: t, at: b.record.start, kind: kind, duration: duration, alignment: alignment)
                        notes += outcome.notes
                        added += 1
                    } catch {
                        skipped.append("\(timeline.tracks[t].name) \(editor.recordTC(b.record.start))")
                    }
                }
            }
            guard added > 0 || !skipped.isEmpty || kept > 0 else {
                throw CommandError("auto-transitions: no cuts between clips in \(range == 0..<Int64.max ? "the timeline" : "the marked range")")
            }
            var project = editor.project
            project.timeline = timeline
            editor.setProject(project)
            var message = "\(kind.rawValue) \(editor.durationTC(duration)) at \(added) cut\(added == 1 ? "" : "s")"
            if kept > 0 { message += "; \(kept) already had one" }
            if !skipped.isEmpty { message += "; skipped \(skipped.count) without handles: " + skipped.joined(separator: ", ") }
            if !notes.isEmpty { message += "; " + notes.joined(separator: "; ") }
            return CommandResult(message, undoLabel: "auto-transitions (\(added))")
        },
    ]

    /// The marked range (in to out, inclusive), else everything.
    static func scope(_ editor: Editor) -> Range<Int64> {
        guard let markIn = editor.timeline.markIn, let markOut = editor.timeline.markOut, markOut >= markIn else { return 0..<Int64.max }
        return markIn..<(markOut + 1)
    }
}
