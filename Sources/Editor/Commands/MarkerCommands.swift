import TimelineModel

/// Markers on the timeline, transitions at cuts, and clip switches.
enum MarkerCommands {
    static let all: [CommandSpec] = [
        CommandSpec("add-marker", .markers, "Add a marker at the playhead (one per frame; an existing one is replaced)",
                    arguments: [ArgumentSpec("name", .word, optional: true, "marker name"),
                                ArgumentSpec("color", .choice(Marker.Color.allCases.map(\.rawValue)), optional: true, "colour (default red)"),
                                ArgumentSpec("at", .time, optional: true, "where (default: the playhead)"),
                                ArgumentSpec("on", .choice(["timeline", "clip"]), optional: true, "timeline (default) or clip: a clip marker travels with the clip"),
                                ArgumentSpec("note", .text, optional: true, "a note")],
                    changesProject: true) { editor, args in
            let at = try args.time("at", in: editor.timeline, relativeTo: editor.context.playhead) ?? editor.context.playhead
            let name = args["name"] ?? "Marker"
            let color = Marker.Color(rawValue: args["color"] ?? "red")!
            var p = editor.project
            if args["on"] == "clip" {
                guard let hit = editor.actingTracks(nil).lazy.compactMap({ p.timeline.clip(at: at, track: $0) }).first else {
                    throw CommandError("add-marker: no clip at \(editor.recordTC(at)) for a clip marker")
                }
                let sourceFrame = hit.clip.source.start + (at - hit.record.start)
                try p.timeline.addClipMarker(clip: hit.clip.id, Marker(frame: sourceFrame, name: name, color: color, note: args["note"] ?? ""))
                editor.setProject(p)
                return CommandResult("marker \(name) on \(hit.clip.name)")
            }
            let marker = Marker(frame: at, name: name, color: color, note: args["note"] ?? "")
            let replaced = p.timeline.addMarker(marker)
            editor.setProject(p)
            return CommandResult("marker \(marker.name) at \(editor.recordTC(at))" + (replaced != nil ? " (replaced \(replaced!.name))" : ""))
        },
        CommandSpec("remove-marker", .markers, "Remove the marker at the playhead (or a time)",
                    arguments: [ArgumentSpec("at", .time, optional: true, "where (default: the playhead)")],
                    changesProject: true) { editor, args in
            let at = try args.time("at", in: editor.timeline, relativeTo: editor.context.playhead) ?? editor.context.playhead
            var p = editor.project
            try p.timeline.removeMarker(at: at)
            editor.setProject(p)
            return CommandResult("removed the marker at \(editor.recordTC(at))")
        },
        CommandSpec("rename-marker", .markers, "Rename the marker at the playhead (or a time)",
                    arguments: [ArgumentSpec("name", .word, "new name"), ArgumentSpec("at", .time, optional: true, "where")],
                    changesProject: true) { editor, args in
            let at = try args.time("at", in: editor.timeline, relativeTo: editor.context.playhead) ?? editor.context.playhead
            var p = editor.project
            try p.timeline.renameMarker(at: at, to: try args.string("name"))
            editor.setProject(p)
            return CommandResult("renamed the marker at \(editor.recordTC(at))")
        },
        CommandSpec("next-marker", .markers, "Move the playhead to the next marker") { editor, _ in
            guard let m = editor.timeline.markers.first(where: { $0.frame > editor.context.playhead }) else {
                throw CommandError("next-marker: no marker after the playhead")
            }
            editor.context.playhead = m.frame
            return CommandResult("marker \(m.name) at \(editor.recordTC(m.frame))")
        },
        CommandSpec("previous-marker", .markers, "Move the playhead to the previous marker") { editor, _ in
            guard let m = editor.timeline.markers.last(where: { $0.frame < editor.context.playhead }) else {
                throw CommandError("previous-marker: no marker before the playhead")
            }
            editor.context.playhead = m.frame
            return CommandResult("marker \(m.name) at \(editor.recordTC(m.frame))")
        },
        CommandSpec("add-transition", .editing, "Add a transition at the cut nearest the playhead on the selected tracks",
                    arguments: [ArgumentSpec("duration", .frames, optional: true, "length (default 1 s)"),
                                ArgumentSpec("kind", .choice(Transition.Kind.allCases.map(\.rawValue)), optional: true, "dissolve (default), dip or wipe"),
                                ArgumentSpec("alignment", .choice(Transition.Alignment.allCases.map(\.rawValue)), optional: true, "centered (default), endAtCut or startAtCut")],
                    changesProject: true) { editor, args in
            let duration = try args.frames("duration", rate: editor.timeline.rate) ?? editor.timeline.rate.timecodeBase
            let kind = Transition.Kind(rawValue: args["kind"] ?? "dissolve")!
            let alignment = Transition.Alignment(rawValue: args["alignment"] ?? "centered")!
            let (track, cut) = try nearestCut(editor, args.command)
            return try editor.edit("\(kind.rawValue) \(duration)f at \(editor.recordTC(cut)) on \(editor.timeline.tracks[track].name)") { (t: inout Timeline) throws(EditError) in
                try t.addTransition(track: track, at: cut, kind: kind, duration: duration, alignment: alignment)
            }
        },
        CommandSpec("remove-transition", .editing, "Remove the transition at the cut nearest the playhead", changesProject: true) { editor, args in
            let (track, cut) = try nearestCut(editor, args.command, withTransition: true)
            var p = editor.project
            try p.timeline.removeTransition(track: track, at: cut)
            editor.setProject(p)
            return CommandResult("removed the transition at \(editor.recordTC(cut))")
        },
        CommandSpec("enable", .editing, "Enable a clip (default: selected, else under the playhead)",
                    arguments: [ArgumentSpec("clip", .clip, optional: true, "clip")], changesProject: true) { editor, args in
            try setEnabled(editor, args, true)
        },
        CommandSpec("disable", .editing, "Disable a clip: it stays in place but is neither seen nor heard",
                    arguments: [ArgumentSpec("clip", .clip, optional: true, "clip")], changesProject: true) { editor, args in
            try setEnabled(editor, args, false)
        },
    ]

    static func setEnabled(_ editor: Editor, _ args: Arguments, _ value: Bool) throws -> CommandResult {
        let clips = try editor.targetClips(args)
        var p = editor.project
        for id in clips { try p.timeline.setEnabled(clip: id, value) }
        editor.setProject(p)
        return CommandResult("\(value ? "enabled" : "disabled") \(clips.map(\.description).joined(separator: ","))")
    }

    /// The cut nearest the playhead between two clips on the acting tracks (video first).
    static func nearestCut(_ editor: Editor, _ command: String, withTransition: Bool = false) throws(CommandError) -> (Int, Int64) {
        var best: (Int, Int64)?
        for track in editor.actingTracks(nil) {
            let clips = editor.timeline.tracks[track].clips
            for (a, b) in zip(clips, clips.dropFirst()) where a.record.end == b.record.start {
                if withTransition && a.clip.transitionOut == nil { continue }
                let cut = a.record.end
                if best == nil || abs(cut - editor.context.playhead) < abs(best!.1 - editor.context.playhead) { best = (track, cut) }
            }
        }
        guard let best else { throw CommandError("\(command): no cut between two clips\(withTransition ? " with a transition" : "") on the selected tracks") }
        return best
    }
}
