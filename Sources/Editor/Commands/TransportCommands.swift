import TimelineModel

/// Moving the playhead, choosing the monitor, and marking in and out.
enum TransportCommands {
    static let all: [CommandSpec] = [
        CommandSpec("goto", .transport, "Move the playhead (timecode, frame, +/-frames, seconds)",
                    arguments: [ArgumentSpec("time", .time, "where to go")]) { editor, args in
            let t = try position(editor, args, "time")!
            setPosition(editor, t)
            return CommandResult(positionText(editor))
        },
        CommandSpec("step", .transport, "Step the playhead by N frames (negative: back)",
                    arguments: [ArgumentSpec("frames", .frames, optional: true, "how many frames (default 1)")]) { editor, args in
            if onSource(editor) {
                // One source frame per step, at the media's own rate.
                let conform = editor.sourceConform
                let n = try args.frames("frames", rate: conform.mediaRate) ?? 1
                let m = conform.mediaFrame(atSequenceFrame: currentPosition(editor))
                setPosition(editor, conform.firstSequenceFrame(showing: max(0, m + n)))
                return CommandResult(positionText(editor))
            }
            let n = try args.frames("frames", rate: editor.timeline.rate) ?? 1
            setPosition(editor, currentPosition(editor) + n)
            return CommandResult(positionText(editor))
        },
        CommandSpec("home", .transport, "Go to the start") { editor, _ in
            setPosition(editor, 0)
            return CommandResult(positionText(editor))
        },
        CommandSpec("end", .transport, "Go to the end") { editor, _ in
            setPosition(editor, endFrame(editor))
            return CommandResult(positionText(editor))
        },
        CommandSpec("next-edit", .transport, "Move the playhead to the next cut on the selected tracks") { editor, _ in
            try jumpToEdit(editor, forward: true)
        },
        CommandSpec("previous-edit", .transport, "Move the playhead to the previous cut on the selected tracks") { editor, _ in
            try jumpToEdit(editor, forward: false)
        },
        CommandSpec("go-to-in", .transport, "Move to the in mark of the active monitor") { editor, _ in
            try goToMark(editor, isIn: true)
        },
        CommandSpec("go-to-out", .transport, "Move to the out mark of the active monitor") { editor, _ in
            try goToMark(editor, isIn: false)
        },
        CommandSpec("match-frame", .source, "Load the clip under the playhead into the source monitor at the same frame, marked in",
                    arguments: [ArgumentSpec("track", .track, optional: true, "track (default: the first selected track with a clip)")]) { editor, args in
            let tracks = try args.track("track", in: editor.timeline).map { [$0] } ?? editor.actingTracks(nil)
            guard let hit = tracks.lazy.compactMap({ editor.timeline.matchFrame(at: editor.context.playhead, track: $0) }).first else {
                throw CommandError("match-frame: no clip under the playhead")
            }
            if let (clip, _) = tracks.lazy.compactMap({ editor.timeline.clip(at: editor.context.playhead, track: $0) }).first,
               let name = clip.sequence {
                // A nest has no media to load; opening it changes the project, which match frame never does.
                throw CommandError("match-frame: \(CommandText.quote(name)) is a nested sequence with no media of its own: "
                                   + "open-nested opens it at frame \(hit.sourceFrame)")
            }
            // Match frame sets its own position and in (Avid does too); the old marks are stashed first.
            editor.context.loadSource(hit.media)
            editor.context.source = SourceMonitor(media: hit.media, position: hit.sourceFrame, markIn: hit.sourceFrame)
            editor.context.monitor = .source
            let name = editor.project.mediaReference(hit.media)?.name ?? hit.media.rawValue
            return CommandResult("match frame: \(name) at \(editor.sourceTimecode(hit.sourceFrame))")
        },
        CommandSpec("mark-clip", .marks, "Mark in and out around the clip under the playhead on the selected tracks (on the source monitor: the whole media)",
                    changesProject: true) { editor, _ in
            if editor.context.monitor == .source, var source = editor.context.source {
                // Avid's Mark Clip in the source monitor marks the whole clip.
                let end = endFrame(editor)
                source.markIn = 0
                source.markOut = end
                editor.context.source = source
                return CommandResult("source in \(editor.sourceTimecode(0)) out \(editor.sourceTimecode(end))")
            }
            guard let hit = editor.actingTracks(nil).lazy.compactMap({ editor.timeline.clip(at: editor.context.playhead, track: $0) }).first else {
                throw CommandError("mark-clip: no clip under the playhead")
            }
            var p = editor.project
            p.timeline.markIn = hit.record.start
            p.timeline.markOut = hit.record.end - 1
            editor.setProject(p)
            return CommandResult("marked \(hit.clip.name) \(editor.recordTC(hit.record.start))-\(editor.recordTC(hit.record.end))")
        },
        CommandSpec("monitor", .transport, "Choose the monitor that marks and transport act on",
                    arguments: [ArgumentSpec("which", .choice(["source", "record", "toggle"]), optional: true, "source, record or toggle")]) { editor, args in
            let which = args["which"] ?? "toggle"
            let target: Monitor = which == "toggle" ? (editor.context.monitor == .source ? .record : .source) : Monitor(rawValue: which)!
            if target == .source && editor.context.source == nil { throw CommandError("monitor: no source loaded (use source MEDIA)") }
            editor.context.monitor = target
            return CommandResult("\(target.rawValue) monitor")
        },
        CommandSpec("source", .source, "Load media (or a subclip, with its range marked) into the source monitor",
                    arguments: [ArgumentSpec("media", .media, "media id or name, or a subclip's name")]) { editor, args in
            let key = try args.string("media")
            // A media id or exact name wins over a subclip of the same name.
            if !editor.project.media.contains(where: { $0.id.rawValue == key || $0.name == key }),
               let sub = editor.project.subclip(named: key) {
                return try SubclipCommands.load(editor, sub)
            }
            let media = try findMedia(editor, key)
            editor.context.loadSource(media.id)
            editor.context.monitor = .source
            return CommandResult("source: \(media.name)")
        },
        CommandSpec("mark-in", .marks, "Mark in at the playhead (or at a given time) on the active monitor",
                    arguments: [ArgumentSpec("at", .time, optional: true, "where (default: the position)")],
                    changesProject: true) { editor, args in
            try mark(editor, args, isIn: true)
        },
        CommandSpec("mark-out", .marks, "Mark out at the playhead (inclusive) on the active monitor",
                    arguments: [ArgumentSpec("at", .time, optional: true, "where (default: the position)")],
                    changesProject: true) { editor, args in
            try mark(editor, args, isIn: false)
        },
        CommandSpec("clear-marks", .marks, "Clear in and out on the active monitor", changesProject: true) { editor, _ in
            if editor.context.monitor == .source, editor.context.source != nil {
                editor.context.source!.markIn = nil
                editor.context.source!.markOut = nil
            } else {
                var p = editor.project
                p.timeline.markIn = nil
                p.timeline.markOut = nil
                editor.setProject(p)
            }
            return CommandResult("marks cleared")
        },
    ]

    static func onSource(_ editor: Editor) -> Bool { editor.context.monitor == .source && editor.context.source != nil }

    /// A time argument on the active monitor. On the source monitor it is read at the media's
    /// own rate and source timecode (see `SourceFrames`) and names the first sequence frame
    /// showing that media frame.
    static func position(_ editor: Editor, _ args: Arguments, _ name: String) throws(CommandError) -> Int64? {
        if onSource(editor) {
            return try editor.sourceMediaFrame(args, name).map { editor.sourceConform.firstSequenceFrame(showing: max(0, $0)) }
        }
        return try args.time(name, in: editor.timeline, relativeTo: currentPosition(editor),
                             startTimecode: editor.timeline.startTimecode)
    }

    static func jumpToEdit(_ editor: Editor, forward: Bool) throws -> CommandResult {
        let points = editor.timeline.editPoints(near: editor.context.playhead, tracks: editor.actingTracks(nil))
        let target = forward ? points.first { $0 > editor.context.playhead } : points.last { $0 < editor.context.playhead }
        guard let target else { throw CommandError("no \(forward ? "next" : "previous") edit") }
        editor.context.monitor = .record
        editor.context.playhead = target
        return CommandResult(positionText(editor))
    }

    static func goToMark(_ editor: Editor, isIn: Bool) throws -> CommandResult {
        let onSource = editor.context.monitor == .source && editor.context.source != nil
        let mark = onSource ? (isIn ? editor.context.source!.markIn : editor.context.source!.markOut)
                            : (isIn ? editor.timeline.markIn : editor.timeline.markOut)
        guard let mark else { throw CommandError("no \(isIn ? "in" : "out") mark on the \(onSource ? "source" : "record") monitor") }
        setPosition(editor, mark)
        return CommandResult(positionText(editor))
    }

    static func currentPosition(_ editor: Editor) -> Int64 {
        if editor.context.monitor == .source, let s = editor.context.source { return s.position }
        return editor.context.playhead
    }

    static func endFrame(_ editor: Editor) -> Int64 {
        if editor.context.monitor == .source, let s = editor.context.source,
           let m = editor.project.mediaReference(s.media) {
            return max(0, m.availableFrames(at: editor.timeline.rate) - 1)
        }
        return editor.timeline.duration
    }

    /// Positions stay inside what can be shown: the timeline may be played one frame past its end.
    static func setPosition(_ editor: Editor, _ frame: Int64) {
        let clamped = min(max(0, frame), endFrame(editor))
        if editor.context.monitor == .source, editor.context.source != nil {
            // On the first sequence frame of the media frame there, so a step lands on a new source frame.
            let conform = editor.sourceConform
            editor.context.source!.position = conform.firstSequenceFrame(showing: conform.mediaFrame(atSequenceFrame: clamped))
        } else {
            editor.context.playhead = clamped
        }
    }

    static func positionText(_ editor: Editor) -> String {
        let t = editor.timeline
        if editor.context.monitor == .source, let s = editor.context.source {
            return "source " + editor.sourceTimecode(s.position)
        }
        return Timecode.format(frame: t.startTimecode + editor.context.playhead, rate: t.rate, dropFrame: t.dropFrame)
    }

    static func mark(_ editor: Editor, _ args: Arguments, isIn: Bool) throws -> CommandResult {
        let at = try position(editor, args, "at") ?? currentPosition(editor)
        let t = editor.timeline
        let label = isIn ? "in" : "out"
        // A relative mark (`mark-out -1` at the first frame) can name a frame before the start.
        guard at >= 0 else { throw CommandError("mark-\(label): \(at) is before the first frame") }
        if editor.context.monitor == .source, var source = editor.context.source {
            // A source mark covers whole media frames: an in on the first sequence frame showing
            // the media frame, an out on the last (inside the media).
            let conform = editor.sourceConform
            let m = conform.mediaFrame(atSequenceFrame: at)
            // Media faster than the sequence has frames no sequence frame shows; the media's
            // last frame may be one (59 of a 2.002 s 29.97 clip in 23.976): such a mark lands
            // on the last sequence frame inside the media instead of one past it.
            let end = endFrame(editor)
            let first = min(conform.firstSequenceFrame(showing: m), end)
            let last = min(max(first, conform.lastSequenceFrame(showing: m)), max(first, end))
            if isIn { source.markIn = first } else { source.markOut = last }
            if let i = source.markIn, let o = source.markOut, o < i {
                if isIn { source.markOut = nil } else { source.markIn = nil }
            }
            editor.context.source = source
            return CommandResult("source \(label) " + editor.sourceTimecode(isIn ? first : last))
        }
        var p = editor.project
        // As in Avid and Premiere: a mark on the wrong side of the other one clears the other.
        var cleared = ""
        if isIn { p.timeline.markIn = at } else { p.timeline.markOut = at }
        if let i = p.timeline.markIn, let o = p.timeline.markOut, o < i {
            if isIn { p.timeline.markOut = nil; cleared = " (out cleared)" } else { p.timeline.markIn = nil; cleared = " (in cleared)" }
        }
        editor.setProject(p)
        return CommandResult("record \(label) " + Timecode.format(frame: t.startTimecode + at, rate: t.rate, dropFrame: t.dropFrame) + cleared)
    }

    static func findMedia(_ editor: Editor, _ key: String) throws(CommandError) -> MediaReference {
        let media = editor.project.media
        if let m = media.first(where: { $0.id.rawValue == key }) ?? media.first(where: { $0.name == key })
            ?? media.first(where: { $0.name.lowercased().hasPrefix(key.lowercased()) }) {
            return m
        }
        // A subclip stands for its media where a command wants media (its range only matters to `source`).
        if let sub = editor.project.subclip(named: key), let m = editor.project.mediaReference(sub.media) { return m }
        throw CommandError("no media named \(key) (media: \(media.map(\.id.rawValue).joined(separator: " ")))")
    }
}
