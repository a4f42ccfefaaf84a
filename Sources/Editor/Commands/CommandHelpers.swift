import TimelineModel

/// Small look-ups the command files share: what the user means by "this clip", "these tracks".
extension Editor {
    /// Runs a model edit on the project and turns its outcome into a message.
    func edit(_ summary: String, _ change: (inout Timeline) throws(EditError) -> EditOutcome) throws(EditError) -> CommandResult {
        var timeline = timeline
        let outcome = try change(&timeline)
        var project = self.project
        project.timeline = timeline
        setProject(project)
        lastEdit = outcome
        return CommandResult(([summary] + outcome.notes).joined(separator: "; "), undoLabel: summary)
    }

    /// The tracks an edit acts on when none are named: the track selectors, or every track.
    func actingTracks(_ named: [Int]?) -> [Int] {
        if let named { return named }
        if !context.selectedTracks.isEmpty { return context.selectedTracks.sorted() }
        return Array(timeline.tracks.indices)
    }

    /// The clip a command means: the one named, else the selection, else the clip under the
    /// playhead on the first acting track that has one (video first, as editors look at picture).
    func targetClip(_ args: Arguments, name: String = "clip") throws(CommandError) -> ClipID {
        if let text = args[name] {
            return try parseClipID(text)
        }
        if let selected = context.selectedClips.sorted().first { return selected }
        for t in actingTracks(nil) {
            if let hit = timeline.clip(at: context.playhead, track: t) { return hit.clip.id }
        }
        throw CommandError("\(args.command): no clip selected and none under the playhead")
    }

    func targetClips(_ args: Arguments) throws(CommandError) -> [ClipID] {
        if args["clip"] != nil || context.selectedClips.isEmpty { return [try targetClip(args)] }
        return context.selectedClips.sorted()
    }

    func parseClipID(_ text: String) throws(CommandError) -> ClipID {
        let digits = text.hasPrefix("c") ? String(text.dropFirst()) : text
        guard let n = Int64(digits), timeline.find(ClipID(n)) != nil else {
            throw CommandError("no clip \(text) on the timeline")
        }
        return ClipID(n)
    }

    func recordTC(_ frame: Int64) -> String {
        Timecode.format(frame: timeline.startTimecode + frame, rate: timeline.rate, dropFrame: timeline.dropFrame)
    }

    func durationTC(_ frames: Int64) -> String {
        Timecode.format(frame: frames, rate: timeline.rate, dropFrame: false)
    }

    func trackNames(_ tracks: [Int]) -> String {
        tracks.map { timeline.tracks[$0].name }.joined(separator: ",")
    }
}
