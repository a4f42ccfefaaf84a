import TimelineModel

/// Putting source material on the timeline and taking it off: insert, overwrite, append,
/// replace, lift, extract, razor, ripple delete.
enum EditCommands {
    static let placementArguments = [
        ArgumentSpec("media", .media, optional: true, "media to edit in (default: the source monitor's)"),
        ArgumentSpec("at", .time, optional: true, "record position (default: record in, else the playhead)"),
    ]

    static let all: [CommandSpec] = [
        CommandSpec("insert", .editing, "Insert the marked source at the record in (or playhead), pushing later material along",
                    arguments: placementArguments, changesProject: true) { editor, args in
            try place(editor, args, mode: .insert)
        },
        CommandSpec("overwrite", .editing, "Overwrite the marked source onto the timeline at the record in (or playhead)",
                    arguments: placementArguments, changesProject: true) { editor, args in
            try place(editor, args, mode: .overwrite)
        },
        CommandSpec("append", .editing, "Add the marked source at the end of the timeline",
                    arguments: [placementArguments[0]], changesProject: true) { editor, args in
            let (source, _) = try resolveSource(editor, args, ignoreRecordMarks: true)
            let result = try editor.edit("appended \(source.name) (\(editor.durationTC(source.range.duration)))" + (editor.settingsNote.map { "; \($0)" } ?? "")) { (t: inout Timeline) throws(EditError) in
                try t.append(source, patch: patch(editor))
            }
            if let first = editor.lastEdit?.created.first, let at = editor.timeline.find(first) {
                editor.context.playhead = at.record.end
            }
            editor.context.monitor = .record
            return result
        },
        CommandSpec("replace", .editing, "Replace the clip under the playhead with the source, its position at the playhead",
                    arguments: [ArgumentSpec("clip", .clip, optional: true, "clip to replace (default: under the playhead)")],
                    changesProject: true) { editor, args in
            guard let monitor = editor.context.source, let media = editor.project.mediaReference(monitor.media) else {
                throw CommandError("replace: load a source first (source MEDIA)")
            }
            let clip = try editor.targetClip(args)
            let source = EditSource(media, rate: editor.timeline.rate)
            let sourceFrame = monitor.markIn ?? monitor.position
            return try editor.edit("replaced \(clip) with \(media.name)") { (t: inout Timeline) throws(EditError) in
                try t.replace(clip: clip, with: source, sourceFrame: sourceFrame, at: editor.context.playhead)
            }
        },
        CommandSpec("lift", .editing, "Remove the marked range (or selected clips), leaving a gap",
                    arguments: [ArgumentSpec("tracks", .tracks, optional: true, "tracks (default: selected tracks)")],
                    changesProject: true) { editor, args in
            try removeRange(editor, args, ripple: false)
        },
        CommandSpec("extract", .editing, "Remove the marked range (or selected clips) and close the gap",
                    arguments: [ArgumentSpec("tracks", .tracks, optional: true, "tracks (default: selected tracks)")],
                    changesProject: true) { editor, args in
            try removeRange(editor, args, ripple: true)
        },
        CommandSpec("razor", .editing, "Cut clips at the playhead (or a time) on the selected tracks",
                    arguments: [ArgumentSpec("at", .time, optional: true, "where to cut (default: the playhead)"),
                                ArgumentSpec("tracks", .tracks, optional: true, "tracks (default: selected tracks)")],
                    changesProject: true) { editor, args in
            let at = try args.time("at", in: editor.timeline, relativeTo: editor.context.playhead) ?? editor.context.playhead
            var tracks = editor.actingTracks(try args.tracks("tracks", in: editor.timeline))
            if args["tracks"] == nil && editor.context.selectedTracks.isEmpty {
                // Every track by default, but only those with material there: no notes about empty ones.
                let reaching = tracks.filter { editor.timeline.tracks[$0].duration > at }
                if !reaching.isEmpty { tracks = reaching }
            }
            return try editor.edit("razor \(editor.trackNames(tracks)) at \(editor.recordTC(at))") { (t: inout Timeline) throws(EditError) in
                try t.razor(at: at, tracks: tracks)
            }
        },
        CommandSpec("ripple-delete", .editing, "Delete the clip (and its linked clips) or the gap under the playhead, closing up",
                    arguments: [ArgumentSpec("clip", .clip, optional: true, "clip (default: selected, else under the playhead)")],
                    changesProject: true) { editor, args in
            if args["clip"] == nil && editor.context.selectedClips.isEmpty {
                // Over a gap on the first acting track that has one: close the gap.
                for t in editor.actingTracks(nil) {
                    let items = editor.timeline.tracks[t].items
                    if let (i, _) = items.locate(frame: editor.context.playhead), items[i].isGap {
                        return try editor.edit("closed the gap on \(editor.timeline.tracks[t].name)") { (tl: inout Timeline) throws(EditError) in
                            try tl.rippleDeleteGap(track: t, at: editor.context.playhead)
                        }
                    }
                    if editor.timeline.clip(at: editor.context.playhead, track: t) != nil { break }
                }
            }
            let clips = try editor.targetClips(args)
            let result = try editor.edit("ripple delete \(clips.map(\.description).joined(separator: ","))") { (t: inout Timeline) throws(EditError) in
                var outcome = EditOutcome()
                for id in clips where t.find(id) != nil {
                    outcome.notes += try t.rippleDelete(clip: id).notes
                }
                return outcome
            }
            editor.context.selectedClips = []
            return result
        },
        CommandSpec("delete", .editing, "Lift the selected clips (or the clip under the playhead), leaving gaps",
                    arguments: [ArgumentSpec("clip", .clip, optional: true, "clip (default: selected, else under the playhead)")],
                    changesProject: true) { editor, args in
            let clips = try editor.targetClips(args)
            let result = try editor.edit("deleted \(clips.map(\.description).joined(separator: ","))") { (t: inout Timeline) throws(EditError) in
                var outcome = EditOutcome()
                for id in clips {
                    guard let at = t.find(id) else { continue }
                    outcome.notes += try t.lift(at.record, tracks: [at.track]).notes
                }
                return outcome
            }
            editor.context.selectedClips = []
            return result
        },
    ]

    static func patch(_ editor: Editor) -> SourcePatch {
        SourcePatch(video: editor.context.videoTarget, audio: editor.context.audioTarget)
    }

    /// The source range and record start a three-point edit resolves to.
    static func resolveSource(_ editor: Editor, _ args: Arguments, ignoreRecordMarks: Bool = false) throws -> (EditSource, Int64) {
        if let key = args["media"] {
            let media = try TransportCommands.findMedia(editor, key)
            if editor.context.source?.media != media.id { editor.context.loadSource(media.id) }
        }
        guard var monitor = editor.context.source, let media = editor.project.mediaReference(monitor.media) else {
            throw CommandError("\(args.command): load a source first (source MEDIA), or name the media")
        }
        editor.settingsNote = SequenceCommands.adoptFirstClipSettings(editor, media)
        monitor = editor.context.source ?? monitor // its marks re-counted at the sequence's new rate
        let t = editor.timeline
        let recordAt = try args.time("at", in: t, relativeTo: editor.context.playhead)
        let available = media.availableFrames(at: t.rate)
        let (range, recordStart) = try Timeline.resolveThreePoint(
            sourceIn: monitor.markIn, sourceOut: monitor.markOut,
            recordIn: ignoreRecordMarks ? nil : (recordAt ?? t.markIn), recordOut: ignoreRecordMarks || recordAt != nil ? nil : t.markOut,
            available: available, defaultRecordIn: editor.context.playhead)
        return (EditSource(media, rate: t.rate, range: range), recordStart)
    }

    static func place(_ editor: Editor, _ args: Arguments, mode: PlacementMode) throws -> CommandResult {
        let (source, recordStart) = try resolveSource(editor, args)
        let verb = mode == .insert ? "inserted" : "overwrote"
        let summary = "\(verb) \(source.name) \(editor.durationTC(source.range.duration)) at \(editor.recordTC(recordStart))"
            + (editor.settingsNote.map { "; \($0)" } ?? "")
        let result = try editor.edit(summary) { (t: inout Timeline) throws(EditError) in
            mode == .insert ? try t.insert(source, at: recordStart, patch: patch(editor))
                            : try t.overwrite(source, at: recordStart, patch: patch(editor))
        }
        // As in Avid and Premiere: the playhead lands after the new material and the record marks
        // clear; attention moves to the record side, where the playhead now is.
        editor.context.playhead = recordStart + source.range.duration
        editor.context.monitor = .record
        var project = editor.project
        project.timeline.markIn = nil
        project.timeline.markOut = nil
        editor.setProject(project)
        return result
    }

    static func removeRange(_ editor: Editor, _ args: Arguments, ripple: Bool) throws -> CommandResult {
        let t = editor.timeline
        let verb = ripple ? "extracted" : "lifted"
        if let markIn = t.markIn ?? (t.markOut != nil ? 0 : nil), let markOut = t.markOut ?? (t.markIn != nil ? t.duration - 1 : nil) {
            guard markOut >= markIn else { throw CommandError("\(args.command): the record out is before the record in") }
            let range = FrameRange(start: markIn, end: markOut + 1)
            let tracks = editor.actingTracks(try args.tracks("tracks", in: t))
            let result = try editor.edit("\(verb) \(editor.recordTC(range.start))-\(editor.recordTC(range.end)) on \(editor.trackNames(tracks))") { (tl: inout Timeline) throws(EditError) in
                ripple ? try tl.extract(range, tracks: tracks) : try tl.lift(range, tracks: tracks)
            }
            var project = editor.project
            project.timeline.markIn = nil
            project.timeline.markOut = nil
            editor.setProject(project)
            editor.context.playhead = range.start
            return result
        }
        // No marks: the selected clips (with their linked clips), as Premiere's delete and ripple delete.
        guard !editor.context.selectedClips.isEmpty else {
            throw CommandError("\(args.command): mark an in and out, or select clips")
        }
        let clips = editor.context.selectedClips.sorted()
        let result = try editor.edit("\(verb) \(clips.map(\.description).joined(separator: ","))") { (tl: inout Timeline) throws(EditError) in
            var outcome = EditOutcome()
            for id in clips {
                guard let at = tl.find(id) else { continue }
                if ripple { outcome.notes += try tl.rippleDelete(clip: id).notes }
                else {
                    for linked in tl.linkedClips(of: id) { outcome.notes += try tl.lift(linked.record, tracks: [linked.track]).notes }
                    if tl.find(id) != nil { outcome.notes += try tl.lift(at.record, tracks: [at.track]).notes }
                }
            }
            return outcome
        }
        editor.context.selectedClips = []
        return result
    }
}
