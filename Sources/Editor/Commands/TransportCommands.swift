import TimelineModel

/// Moving the playhead, choosing the monitor, and marking in and out.
enum TransportCommands {
    static let all: [CommandSpec] = [
        CommandSpec("goto", .transport, "Move the playhead (timecode, frame, +/-frames, seconds)",
                    arguments: [ArgumentSpec("time", .time, "where to go")]) { editor, args in
            let t = try args.time("time", in: editor.timeline, relativeTo: currentPosition(editor))!
            setPosition(editor, t)
            return CommandResult(positionText(editor))
        },
        CommandSpec("step", .transport, "Step the playhead by N frames (negative: back)",
                    arguments: [ArgumentSpec("frames", .frames, optional: true, "how many frames (default 1)")]) { editor, args in
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
        CommandSpec("monitor", .transport, "Choose the monitor that marks and transport act on",
                    arguments: [ArgumentSpec("which", .choice(["source", "record", "toggle"]), optional: true, "source, record or toggle")]) { editor, args in
            let which = args["which"] ?? "toggle"
            let target: Monitor = which == "toggle" ? (editor.context.monitor == .source ? .record : .source) : Monitor(rawValue: which)!
            if target == .source && editor.context.source == nil { throw CommandError("monitor: no source loaded (use source MEDIA)") }
            editor.context.monitor = target
            return CommandResult("\(target.rawValue) monitor")
        },
        CommandSpec("source", .source, "Load media into the source monitor",
                    arguments: [ArgumentSpec("media", .media, "media id or name")]) { editor, args in
            let media = try findMedia(editor, try args.string("media"))
            editor.context.source = SourceMonitor(media: media.id)
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
            editor.context.source!.position = clamped
        } else {
            editor.context.playhead = clamped
        }
    }

    static func positionText(_ editor: Editor) -> String {
        let t = editor.timeline
        if editor.context.monitor == .source, let s = editor.context.source {
            return "source " + Timecode.format(frame: s.position, rate: t.rate, dropFrame: t.dropFrame)
        }
        return Timecode.format(frame: t.startTimecode + editor.context.playhead, rate: t.rate, dropFrame: t.dropFrame)
    }

    static func mark(_ editor: Editor, _ args: Arguments, isIn: Bool) throws -> CommandResult {
        let at = try args.time("at", in: editor.timeline, relativeTo: currentPosition(editor)) ?? currentPosition(editor)
        let t = editor.timeline
        let label = isIn ? "in" : "out"
        if editor.context.monitor == .source, editor.context.source != nil {
            if isIn { editor.context.source!.markIn = at } else { editor.context.source!.markOut = at }
            return CommandResult("source \(label) " + Timecode.format(frame: at, rate: t.rate, dropFrame: t.dropFrame))
        }
        var p = editor.project
        if isIn { p.timeline.markIn = at } else { p.timeline.markOut = at }
        editor.setProject(p)
        return CommandResult("record \(label) " + Timecode.format(frame: t.startTimecode + at, rate: t.rate, dropFrame: t.dropFrame))
    }

    static func findMedia(_ editor: Editor, _ key: String) throws(CommandError) -> MediaReference {
        let media = editor.project.media
        if let m = media.first(where: { $0.id.rawValue == key }) ?? media.first(where: { $0.name == key })
            ?? media.first(where: { $0.name.lowercased().hasPrefix(key.lowercased()) }) {
            return m
        }
        throw CommandError("no media named \(key) (media: \(media.map(\.id.rawValue).joined(separator: " ")))")
    }
}
