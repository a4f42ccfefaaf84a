import TimelineModel

/// Selecting clips and edit points, and trimming them: ripple, roll, slip, slide, extend, nudge, move.
enum TrimCommands {
    static let all: [CommandSpec] = [
        CommandSpec("select-clip", .trimming, "Select the clip under the playhead (or a named clip); add=yes keeps the selection",
                    arguments: [ArgumentSpec("clip", .clip, optional: true, "clip id such as c12"),
                                ArgumentSpec("add", .word, optional: true, "yes to add to the selection")]) { editor, args in
            let id: ClipID
            if let text = args["clip"] { id = try editor.parseClipID(text) } else {
                guard let hit = editor.actingTracks(nil).lazy.compactMap({ editor.timeline.clip(at: editor.context.playhead, track: $0) }).first else {
                    throw CommandError("select-clip: no clip under the playhead")
                }
                id = hit.clip.id
            }
            if try args.bool("add") != true { editor.context.selectedClips = [] }
            editor.context.selectedClips.insert(id)
            editor.context.editPoints = []
            let name = editor.timeline.clip(id)?.clip.name ?? ""
            return CommandResult("selected \(id) \(name)")
        },
        CommandSpec("select-none", .trimming, "Clear the selected clips and edit points") { editor, _ in
            editor.context.selectedClips = []
            editor.context.editPoints = []
            editor.context.trimMode = false
            return CommandResult("selection cleared")
        },
        CommandSpec("select-edit", .trimming, "Select the edit point nearest the playhead on the selected tracks (Avid: enter trim)",
                    arguments: [ArgumentSpec("side", .choice(["a", "b", "both"]), optional: true, "a (outgoing), b (incoming) or both (roll)"),
                                ArgumentSpec("tracks", .tracks, optional: true, "tracks (default: selected tracks)")]) { editor, args in
            try selectEdit(editor, args)
        },
        CommandSpec("trim-mode", .trimming, "Enter trim mode at the edit nearest the playhead, or leave it") { editor, args in
            if editor.context.trimMode {
                editor.context.trimMode = false
                editor.context.editPoints = []
                return CommandResult("trim mode off")
            }
            editor.context.grading = false   // one mode at a time
            return try selectEdit(editor, args)
        },
        CommandSpec("trim-edit", .trimming, "In trim mode, move to the next or previous edit, keeping the trim side (Avid's up/down arrows)",
                    arguments: [ArgumentSpec("direction", .choice(["next", "previous"]), "next or previous")]) { editor, args in
            guard editor.context.trimMode, let side = editor.context.editPoints.first?.side else {
                throw CommandError("trim-edit: not in trim mode (t enters it at the nearest edit)")
            }
            let before = editor.context.playhead
            _ = try TransportCommands.jumpToEdit(editor, forward: try args.string("direction") == "next")
            guard editor.context.playhead != before else {
                throw CommandError("trim-edit: no \(try args.string("direction")) edit on the selected tracks")
            }
            return try selectEdit(editor, side: side, tracks: nil, command: "trim-edit")
        },
        CommandSpec("trim-side", .trimming, "Choose the side of the selected edit points: a, b, both, or cycle",
                    arguments: [ArgumentSpec("side", .choice(["a", "b", "both", "cycle"]), optional: true, "a, b, both or cycle")]) { editor, args in
            guard let first = editor.context.editPoints.first else { throw CommandError("trim-side: no edit point selected") }
            let side: EditSide
            switch args["side"] ?? "cycle" {
            case "a": side = .tail
            case "b": side = .head
            case "both": side = .both
            default: side = first.side == .both ? .tail : (first.side == .tail ? .head : .both)
            }
            editor.context.editPoints = editor.context.editPoints.map { EditPoint(track: $0.track, frame: $0.frame, side: side) }
            return CommandResult("trim side: \(sideName(side))")
        },
        CommandSpec("trim", .trimming, "Trim the selected edit points by N frames (ripple on A or B side, roll on both)",
                    arguments: [ArgumentSpec("frames", .frames, "signed frames, e.g. +5 or -1")], changesProject: true) { editor, args in
            let delta = try args.frames("frames", rate: editor.timeline.rate)!
            return try trim(editor, by: delta, mode: .ripple)
        },
        CommandSpec("overwrite-trim", .trimming, "Trim the selected edit points by N frames without ripple: the side that grows overwrites its neighbour, the side that shrinks leaves gap",
                    arguments: [ArgumentSpec("frames", .frames, "signed frames, e.g. +5 or -1")], changesProject: true) { editor, args in
            let delta = try args.frames("frames", rate: editor.timeline.rate)!
            return try trim(editor, by: delta, mode: .overwrite)
        },
        CommandSpec("trim-track", .trimming, "In trim mode, add or remove an edit point on a track at the same cut, or choose its side (a, b, both; cycle by default)",
                    arguments: [ArgumentSpec("track", .track, "track name"),
                                ArgumentSpec("side", .choice(["a", "b", "both", "off", "cycle"]), optional: true, "a, b, both, off or cycle")]) { editor, args in
            try trimTrack(editor, track: try args.track("track", in: editor.timeline)!, side: args["side"] ?? "cycle")
        },
        CommandSpec("roll", .trimming, "Roll the selected edit points by N frames (the sequence keeps its length)",
                    arguments: [ArgumentSpec("frames", .frames, "signed frames")], changesProject: true) { editor, args in
            let delta = try args.frames("frames", rate: editor.timeline.rate)!
            return try trim(editor, by: delta, mode: .roll)
        },
        CommandSpec("extend", .trimming, "Roll the selected edit points to the playhead (Avid's extend edit)",
                    changesProject: true) { editor, _ in
            let points = try selectedPoints(editor)
            let result = try editor.edit("extended to \(editor.recordTC(editor.context.playhead))") { (t: inout Timeline) throws(EditError) in
                try t.extendEdit(points, to: editor.context.playhead)
            }
            editor.context.editPoints = points.map { EditPoint(track: $0.track, frame: editor.context.playhead, side: $0.side) }
            return result
        },
        CommandSpec("slip", .trimming, "Slip the clip's source by N frames; its place in the sequence stays",
                    arguments: [ArgumentSpec("frames", .frames, "signed frames"),
                                ArgumentSpec("clip", .clip, optional: true, "clip (default: selected, else under the playhead)")],
                    changesProject: true) { editor, args in
            let delta = try args.frames("frames", rate: editor.timeline.rate)!
            let clip = try editor.targetClip(args)
            return try editor.edit("slip \(clip)") { (t: inout Timeline) throws(EditError) in
                try t.slip(clip: clip, by: delta)
            }.appendingApplied(editor.lastEdit?.applied)
        },
        CommandSpec("slide", .trimming, "Slide the clip along the sequence by N frames; its neighbours give and take",
                    arguments: [ArgumentSpec("frames", .frames, "signed frames"),
                                ArgumentSpec("clip", .clip, optional: true, "clip (default: selected, else under the playhead)")],
                    changesProject: true) { editor, args in
            let delta = try args.frames("frames", rate: editor.timeline.rate)!
            let clip = try editor.targetClip(args)
            let result = try editor.edit("slide \(clip)") { (t: inout Timeline) throws(EditError) in
                try t.slide(clip: clip, by: delta)
            }
            return result.appendingApplied(editor.lastEdit?.applied)
        },
        CommandSpec("nudge", .trimming, "Move the selected clips (and linked clips) by N frames, overwriting",
                    arguments: [ArgumentSpec("frames", .frames, "signed frames")], changesProject: true) { editor, args in
            let delta = try args.frames("frames", rate: editor.timeline.rate)!
            let clips = try editor.targetClips(args)
            return try editor.edit("nudge \(clips.map(\.description).joined(separator: ","))") { (t: inout Timeline) throws(EditError) in
                try t.nudge(clips: clips, by: delta)
            }.appendingApplied(editor.lastEdit?.applied)
        },
        CommandSpec("move", .trimming, "Move a clip to a track and time, overwriting or inserting (snaps to edges when snapping is on)",
                    arguments: [ArgumentSpec("track", .track, "destination track"),
                                ArgumentSpec("at", .time, "record position"),
                                ArgumentSpec("mode", .choice(["overwrite", "insert"]), optional: true, "overwrite (default) or insert"),
                                ArgumentSpec("clip", .clip, optional: true, "clip (default: selected, else under the playhead)")],
                    changesProject: true) { editor, args in
            let clip = try editor.targetClip(args)
            let track = try args.track("track", in: editor.timeline)!
            var at = try args.time("at", in: editor.timeline, relativeTo: editor.context.playhead)!
            if editor.context.snapping {
                at = editor.timeline.snap(at, within: snapTolerance(editor), playhead: editor.context.playhead, excluding: [clip])
            }
            let mode = PlacementMode(rawValue: args["mode"] ?? "overwrite")!
            return try editor.edit("moved \(clip) to \(editor.timeline.tracks[track].name) at \(editor.recordTC(at))") { (t: inout Timeline) throws(EditError) in
                try t.move(clip: clip, toTrack: track, at: at, mode: mode)
            }
        },
        CommandSpec("snapping", .trimming, "Turn snapping to edges, playhead and markers on or off",
                    arguments: [ArgumentSpec("state", .choice(["on", "off", "toggle"]), optional: true, "on, off or toggle")]) { editor, args in
            switch args["state"] ?? "toggle" {
            case "on": editor.context.snapping = true
            case "off": editor.context.snapping = false
            default: editor.context.snapping.toggle()
            }
            return CommandResult("snapping \(editor.context.snapping ? "on" : "off")")
        },
    ]

    /// Half a second: close enough to mean "there" at the zooms people trim at.
    static func snapTolerance(_ editor: Editor) -> Int64 { max(1, editor.timeline.rate.timecodeBase / 2) }

    static func sideName(_ side: EditSide) -> String {
        switch side {
        case .tail: return "A (outgoing)"
        case .head: return "B (incoming)"
        case .both: return "roll"
        }
    }

    static func selectedPoints(_ editor: Editor) throws(CommandError) -> [EditPoint] {
        guard !editor.context.editPoints.isEmpty else {
            throw CommandError("no edit point selected (select-edit, or trim-mode)")
        }
        return editor.context.editPoints
    }

    static func selectEdit(_ editor: Editor, _ args: Arguments) throws -> CommandResult {
        let side: EditSide = switch args["side"] ?? "both" { case "a": .tail; case "b": .head; default: .both }
        return try selectEdit(editor, side: side, tracks: try args.tracks("tracks", in: editor.timeline), command: args.command)
    }

    static func selectEdit(_ editor: Editor, side: EditSide, tracks chosen: [Int]?, command: String) throws -> CommandResult {
        let t = editor.timeline
        let tracks = editor.actingTracks(chosen).filter { !t.tracks[$0].items.isEmpty }
        let playhead = editor.context.playhead
        // The cut nearest the playhead on any acting track; every acting track with a cut there joins.
        var best: Int64?
        for track in tracks {
            // Cuts are the item boundaries, the track's start and end included.
            var frame: Int64 = 0
            for item in t.tracks[track].items {
                if best == nil || abs(frame - playhead) < abs(best! - playhead) { best = frame }
                frame += item.duration
            }
            if best == nil || abs(frame - playhead) < abs(best! - playhead) { best = frame }
        }
        guard let cut = best else { throw CommandError("\(command): no edit point on \(editor.trackNames(tracks))") }
        var points: [EditPoint] = []
        for track in tracks {
            let items = t.tracks[track].items
            let isCut = cut == 0 || cut == items.totalDuration || (items.locate(frame: cut).map { $0.start == cut } ?? false)
            if isCut && cut <= items.totalDuration { points.append(EditPoint(track: track, frame: cut, side: side)) }
        }
        editor.context.editPoints = points
        editor.context.selectedClips = []
        editor.context.trimMode = true
        editor.context.playhead = cut
        return CommandResult("trim \(sideName(side)) at \(editor.recordTC(cut)) on \(editor.trackNames(points.map(\.track)))")
    }

    enum TrimKind { case ripple, roll, overwrite }

    static func trim(_ editor: Editor, by delta: Int64, mode: TrimKind) throws -> CommandResult {
        let points = try selectedPoints(editor)
        let sides = Set(points.map(\.side))
        let kind = switch mode {
        case .roll: "roll"
        case .overwrite: "overwrite trim"
        case .ripple: sides == [.both] ? "roll" : sides.isSuperset(of: [.tail, .head]) ? "asymmetric trim" : "ripple trim"
        }
        let names = editor.trackNames(points.map(\.track))
        let result = try editor.edit("\(kind) \(names) \(delta >= 0 ? "+" : "")\(delta)f") { (t: inout Timeline) throws(EditError) in
            switch mode {
            case .roll: try t.roll(points, by: delta)
            case .overwrite: try t.overwriteTrim(points, by: delta)
            case .ripple: try t.trim(points, by: delta)
            }
        }
        let applied = editor.lastEdit?.applied ?? delta
        // The selection follows the cut it trimmed, so repeated presses keep trimming the same edit:
        // the A side and rolls carry the cut along, a ripple B side leaves it where it is, an
        // overwrite B side moves it with the clip's new start.
        editor.context.editPoints = points.map { p in
            let moves = p.side == .both || p.side == .tail || (mode == .overwrite && p.side == .head)
            return EditPoint(track: p.track, frame: moves ? p.frame + applied : p.frame, side: p.side)
        }
        if let moved = editor.context.editPoints.first { editor.context.playhead = moved.frame }
        return result
    }
}

extension TrimCommands {
    /// Adds, removes or changes the edit point on `track` at the cut trim mode is on (Avid: click
    /// a track's edit in trim mode), so A and B sides can differ per track (asymmetric trims).
    static func trimTrack(_ editor: Editor, track: Int, side word: String) throws -> CommandResult {
        guard editor.context.trimMode else { throw CommandError("trim-track: not in trim mode (t enters it at the nearest edit)") }
        let cut = editor.context.editPoints.first?.frame ?? editor.context.playhead
        let t = editor.timeline
        let name = t.tracks[track].name
        var points = editor.context.editPoints
        let existing = points.firstIndex { $0.track == track }
        let cycle: [EditSide?] = [nil, .tail, .head, .both]
        let side: EditSide? = switch word {
        case "a": .tail
        case "b": .head
        case "both": .both
        case "off": nil
        default: cycle[((existing.map { cycle.firstIndex(of: points[$0].side)! } ?? 0) + 1) % cycle.count]
        }
        if let side {
            let items = t.tracks[track].items
            let isCut = cut == 0 || cut == items.totalDuration || (items.locate(frame: cut).map { $0.start == cut } ?? false)
            guard isCut, cut <= items.totalDuration else {
                throw CommandError("trim-track: \(name) has no edit at \(editor.recordTC(cut))")
            }
            if let existing { points[existing].side = side } else { points.append(EditPoint(track: track, frame: cut, side: side)) }
        } else if let existing {
            guard points.count > 1 else { throw CommandError("trim-track: \(name) holds the only edit point; t leaves trim mode") }
            points.remove(at: existing)
        }
        editor.context.editPoints = points.sorted { $0.track < $1.track }
        let shown = editor.context.editPoints.map { "\(t.tracks[$0.track].name) \(sideLetter($0.side))" }.joined(separator: ", ")
        return CommandResult("trim at \(editor.recordTC(cut)): \(shown)")
    }

    static func sideLetter(_ side: EditSide) -> String {
        switch side {
        case .tail: return "A"
        case .head: return "B"
        case .both: return "roll"
        }
    }
}

extension CommandResult {
    /// Says how far an edit really went when a clamp stopped it short.
    func appendingApplied(_ applied: Int64?) -> CommandResult {
        guard let applied else { return self }
        var copy = self
        copy.message += " (\(applied >= 0 ? "+" : "")\(applied)f)"
        return copy
    }
}
