import TimelineModel

/// Several sequences in a project (Premiere's and Avid's bins hold many): one is open in the
/// timeline and every edit acts on it; the others wait in `Project.otherSequences`. Switching
/// is an undoable project change, and the playhead and selections start afresh in the
/// sequence opened (they belong to the one left).
enum SequenceListCommands {
    static let all: [CommandSpec] = [
        CommandSpec("sequences", .project, "List the project's sequences (the open one marked ▸)") { editor, _ in
            let lines = editor.project.sequences.enumerated().map { index, t in
                (index == 0 ? "▸ " : "") + "\(CommandText.quote(t.name)) \(t.rate) fps "
                    + Timecode.format(frame: t.duration, rate: t.rate, dropFrame: false)
            }
            return CommandResult(lines.joined(separator: "; "))
        },
        CommandSpec("open-sequence", .project, "Open another sequence of the project in the timeline",
                    arguments: [ArgumentSpec("name", .text, "the sequence's name")], changesProject: true) { editor, args in
            let name = try args.string("name")
            guard name != editor.timeline.name else { throw CommandError("open-sequence: \(CommandText.quote(name)) is already open") }
            var p = editor.project
            guard p.openSequence(named: name) else { throw CommandError("open-sequence: no sequence named \(CommandText.quote(name)) (sequences lists them)") }
            editor.setProject(p)
            resetContext(editor)
            return CommandResult("opened sequence \(CommandText.quote(name))")
        },
        CommandSpec("open-nested", .project, "Open the nested sequence under the playhead in the timeline, at the frame it shows there (match frame into a nest)",
                    arguments: [ArgumentSpec("track", .track, optional: true, "track (default: the first selected track with a nested clip)")],
                    changesProject: true) { editor, args in
            let tracks = try args.track("track", in: editor.timeline).map { [$0] } ?? editor.actingTracks(nil)
            let playhead = editor.context.playhead
            guard let (clip, record) = tracks.lazy.compactMap({ editor.timeline.clip(at: playhead, track: $0) }).first(where: { $0.clip.sequence != nil }),
                  let name = clip.sequence else {
                throw CommandError("open-nested: no nested sequence under the playhead")
            }
            // The inner frame shown at the playhead, as the picture maps it (speed included).
            let frame = clip.mediaFrame(atUnit: clip.source.start + (playhead - record.start))
            var p = editor.project
            guard p.openSequence(named: name) else { throw CommandError("open-nested: no sequence named \(CommandText.quote(name)) (sequences lists them)") }
            editor.setProject(p)
            resetContext(editor)
            editor.context.playhead = max(0, frame)
            // Replaying the open is enough: the playhead is not part of the project.
            return CommandResult("opened sequence \(CommandText.quote(name)) at \(editor.recordTC(max(0, frame)))",
                                 journalLine: "open-sequence \(CommandText.quote(name))")
        },
        CommandSpec("duplicate-sequence", .project, "Copy the open sequence under a new name (the copy is not opened)",
                    arguments: [ArgumentSpec("name", .text, optional: true, "the copy's name (default: NAME copy)")], changesProject: true) { editor, args in
            var copy = editor.timeline
            copy.name = try freshName(editor, args["name"] ?? "\(copy.name) copy", command: "duplicate-sequence", given: args["name"] != nil)
            var p = editor.project
            p.otherSequences = (p.otherSequences ?? []) + [copy]
            editor.setProject(p)
            return CommandResult("duplicated as \(CommandText.quote(copy.name))")
        },
        CommandSpec("insert-sequence", .editing, "Insert another sequence at the playhead as individual clips (each track on the track of its name)",
                    arguments: [ArgumentSpec("name", .text, "the sequence's name")], changesProject: true) { editor, args in
            let name = try args.string("name")
            guard let other = editor.project.otherSequences?.first(where: { $0.name == name }) else {
                throw CommandError(name == editor.timeline.name ? "insert-sequence: a sequence cannot be inserted into itself"
                                   : "insert-sequence: no sequence named \(CommandText.quote(name)) (sequences lists them)")
            }
            var p = editor.project
            let outcome: EditOutcome
            do throws(EditError) { outcome = try p.timeline.insertSequence(other, at: editor.context.playhead) } catch {
                throw CommandError("insert-sequence: \(error.message)")
            }
            editor.setProject(p)
            editor.context.playhead += other.duration
            return CommandResult("inserted \(CommandText.quote(name)) (\(outcome.created.count) clips) at \(editor.recordTC(editor.context.playhead - other.duration))"
                                 + outcome.notes.map { "; " + $0 }.joined())
        },
        CommandSpec("nest-sequence", .editing, "Insert another sequence at the playhead as ONE clip showing it (a nested sequence) on the video target track",
                    arguments: [ArgumentSpec("name", .text, "the sequence's name")], changesProject: true) { editor, args in
            let name = try args.string("name")
            let outer = editor.timeline.name
            guard let other = editor.project.otherSequences?.first(where: { $0.name == name }) else {
                throw CommandError(name == outer ? "nest-sequence: a sequence cannot be nested in itself"
                                   : "nest-sequence: no sequence named \(CommandText.quote(name)) (sequences lists them)")
            }
            // A sequence that already shows this one (at any depth) would show itself forever.
            if let path = editor.project.nestingPath(from: name, to: outer) {
                throw CommandError("nest-sequence: \(CommandText.quote(name)) would contain itself: "
                                   + ([outer] + path).map { CommandText.quote($0) }.joined(separator: " → "))
            }
            guard let track = editor.context.videoTarget ?? editor.timeline.videoTracks.first else {
                throw CommandError("nest-sequence: the sequence has no video track")
            }
            var p = editor.project
            let outcome: EditOutcome
            do throws(EditError) { outcome = try p.timeline.nestSequence(other, at: editor.context.playhead, track: track) } catch {
                throw CommandError("nest-sequence: \(error.message)")
            }
            editor.setProject(p)
            let at = editor.context.playhead
            editor.context.playhead += other.duration
            return CommandResult("nested \(CommandText.quote(name)) as \(outcome.created.first.map { "\($0)" } ?? "a clip") on "
                                 + "\(p.timeline.tracks[track].name) at \(editor.recordTC(at))" + outcome.notes.map { "; " + $0 }.joined())
        },
    ]

    /// A name no sequence has yet: the one given (refused when taken), or a numbered default.
    static func freshName(_ editor: Editor, _ wanted: String, command: String, given: Bool) throws(CommandError) -> String {
        let taken = Set(editor.project.sequences.map(\.name))
        guard taken.contains(wanted) else { return wanted }
        if given { throw CommandError("\(command): a sequence is already named \(CommandText.quote(wanted))") }
        var n = 2
        while taken.contains("\(wanted) \(n)") { n += 1 }
        return "\(wanted) \(n)"
    }

    /// The playhead, selections, edit points and marks of the monitor belong to the sequence left.
    static func resetContext(_ editor: Editor) {
        editor.context.playhead = 0
        editor.context.selectedClips = []
        editor.context.editPoints = []
        editor.context.trimMode = false
        editor.context.selectedTracks = []
        editor.context.monitor = .record
        let video = editor.timeline.tracks.firstIndex { $0.kind == .video }
        let audio = editor.timeline.tracks.firstIndex { $0.kind == .audio }
        editor.context.videoTarget = video
        editor.context.audioTarget = audio
    }
}
