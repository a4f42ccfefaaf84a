import TimelineModel

/// Reviewing a detector's proposals (`detect-silences` makes them): step, drop, accept as one
/// undo step, or cancel. `apply-ranges` is what an accept writes to the journal, so a replay
/// reproduces the edit without the detector.
enum ProposalCommands {
    static let all: [CommandSpec] = [
        CommandSpec("proposal-next", .editing, "Go to the next proposed range (after detect-silences)") { editor, _ in
            try step(editor, by: 1)
        },
        CommandSpec("proposal-prev", .editing, "Go to the previous proposed range") { editor, _ in
            try step(editor, by: -1)
        },
        CommandSpec("proposal-drop", .editing, "Keep the proposed range under review (drop it from the proposals)") { editor, _ in
            guard var proposals = editor.proposals else { throw CommandError("proposal-drop: nothing is proposed") }
            let dropped = proposals.ranges.remove(at: proposals.current)
            let text = "dropped \(editor.recordTC(dropped.start))–\(editor.recordTC(dropped.start + dropped.duration))"
            if proposals.ranges.isEmpty {
                editor.proposals = nil
                return CommandResult(text + "; no proposals left")
            }
            proposals.current = min(proposals.current, proposals.ranges.count - 1)
            editor.proposals = proposals
            editor.context.playhead = proposals.ranges[proposals.current].start
            return CommandResult(text + "; " + summary(editor, proposals))
        },
        CommandSpec("proposal-cancel", .editing, "Discard the proposals; nothing changes") { editor, _ in
            guard let proposals = editor.proposals else { throw CommandError("proposal-cancel: nothing is proposed") }
            editor.proposals = nil
            return CommandResult("discarded \(proposals.ranges.count) \(proposals.kind) proposal\(proposals.ranges.count == 1 ? "" : "s")")
        },
        CommandSpec("proposal-accept", .editing, "Apply every proposed range (one undo step)", changesProject: true) { editor, _ in
            guard let proposals = editor.proposals else { throw CommandError("proposal-accept: nothing is proposed") }
            guard proposals.applies(to: editor.timeline) else {
                editor.proposals = nil
                throw CommandError("proposal-accept: the timeline changed since the detection; the proposals are discarded (detect again)")
            }
            let result = try apply(editor, ranges: proposals.ranges, action: proposals.action, tracks: proposals.tracks,
                                   kind: proposals.kind)
            editor.proposals = nil
            return result
        },
        CommandSpec("apply-ranges", .editing,
                    "Apply an edit to frame ranges on tracks (what proposal-accept records): markers, razor, shorten=N, ripple-delete",
                    arguments: [ArgumentSpec("action", .word, "markers, razor, shorten=DURATION or ripple-delete"),
                                ArgumentSpec("ranges", .word, "START+DURATION frames, comma-separated (e.g. 120+30,300+42)"),
                                ArgumentSpec("tracks", .tracks, optional: true, "tracks (default: every track)"),
                                ArgumentSpec("kind", .word, optional: true, "what found them, for marker names (default: range)")],
                    changesProject: true) { editor, args in
            let action = try EditProposals.Action.parse(try args.string("action")) { (text: String) throws(CommandError) -> Int64 in
                try frames(text, editor)
            }
            let tracks = try args.tracks("tracks", in: editor.timeline) ?? Array(editor.timeline.tracks.indices)
            return try apply(editor, ranges: try EditProposals.parseRanges(try args.string("ranges")), action: action,
                             tracks: tracks, kind: args["kind"] ?? "range")
        },
    ]

    static func frames(_ text: String, _ editor: Editor) throws(CommandError) -> Int64 {
        do {
            return try TimeArgument.parse(text, rate: editor.timeline.rate, dropFrame: nil).resolve(playhead: 0, startTimecode: 0)
        } catch {
            throw CommandError("\"\(text)\" is not a duration (e.g. 0.3s, 8 frames, 00:00:00:08)")
        }
    }

    static func summary(_ editor: Editor, _ proposals: EditProposals) -> String {
        proposals.summary(rate: editor.timeline.rate)
    }

    private static func step(_ editor: Editor, by delta: Int) throws(CommandError) -> CommandResult {
        guard var proposals = editor.proposals else { throw CommandError("nothing is proposed (detect-silences proposes cuts)") }
        proposals.current = (proposals.current + delta + proposals.ranges.count) % proposals.ranges.count
        editor.proposals = proposals
        let range = proposals.ranges[proposals.current]
        editor.context.playhead = range.start
        return CommandResult("\(editor.recordTC(range.start))–\(editor.recordTC(range.start + range.duration)) "
            + "(\(editor.durationTC(range.duration))) · " + summary(editor, proposals))
    }

    private static func apply(_ editor: Editor, ranges: [FrameRange], action: EditProposals.Action, tracks: [Int],
                              kind: String) throws(CommandError) -> CommandResult {
        guard !ranges.isEmpty else { throw CommandError("nothing to apply") }
        var timeline = editor.timeline
        do {
            _ = try EditProposals.apply(ranges: ranges, action: action, tracks: tracks, kind: kind, to: &timeline)
        } catch {
            throw CommandError("\(action): \(error)")
        }
        var project = editor.project
        project.timeline = timeline
        editor.setProject(project)
        let saved = EditProposals(kind: kind, ranges: ranges, action: action, tracks: tracks).savedFrames
        let label = "\(action) \(ranges.count) \(kind)\(ranges.count == 1 ? "" : "s")"
        let line = "apply-ranges \(action) \(EditProposals.rangesText(ranges)) tracks=\(tracks.isEmpty ? "all" : editor.trackNames(tracks)) kind=\(kind)"
        return CommandResult(label + (saved > 0 ? ", \(editor.durationTC(saved)) removed" : ""), journalLine: line, undoLabel: label)
    }
}
