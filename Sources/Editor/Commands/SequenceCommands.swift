import TimelineModel

/// The sequence's rate, picture size and start timecode (`SequenceSettings`): given with
/// `new-sequence` or `sequence-settings`, or taken from the first clip edited into an empty
/// sequence whose settings nobody chose (as Premiere does on a new sequence).
enum SequenceCommands {
    static let settingArguments = [
        ArgumentSpec("rate", .word, optional: true, "frame rate: 23.976, 24, 25, 29.97, 30, 50, 59.94, 60 or N/D"),
        ArgumentSpec("size", .word, optional: true, "picture size, e.g. 1920x1080"),
        ArgumentSpec("start", .word, optional: true, "start timecode, e.g. 01:00:00:00 (at the sequence's rate)"),
        ArgumentSpec("drop-frame", .choice(["on", "off"]), optional: true, "drop-frame timecode at 29.97 and 59.94"),
    ]

    static let all: [CommandSpec] = [
        CommandSpec("new-sequence", .project, "Start an empty sequence with a rate, size and start timecode (none given: taken from its first clip)",
                    arguments: [ArgumentSpec("name", .text, optional: true, "the sequence's name")] + settingArguments,
                    changesProject: true) { editor, args in
            // An empty open sequence is replaced; one that holds clips joins the project's other
            // sequences (`open-sequence` brings it back) and the new one opens.
            var p = editor.project
            let keep = editor.timeline.hasClips
            let name = keep ? try SequenceListCommands.freshName(editor, args["name"] ?? "Sequence \(p.sequences.count + 1)",
                                                                 command: "new-sequence", given: args["name"] != nil)
                            : args["name"] ?? p.timeline.name
            if !keep, let given = args["name"], p.otherSequences?.contains(where: { $0.name == given }) == true {
                throw CommandError("new-sequence: a sequence is already named \(CommandText.quote(given))")
            }
            var t = Timeline(name: name, tracks: p.timeline.tracks.map { var k = $0; k.items = ItemList(); return k })
            t.nextID = p.timeline.nextID
            if keep { p.otherSequences = (p.otherSequences ?? []) + [p.timeline] }
            let settings = try parse(args, rate: t.rate)
            if settings != SequenceSettings() { try apply(settings, to: &t, args) }
            p.timeline = t
            editor.setProject(p)
            SequenceListCommands.resetContext(editor)
            return CommandResult("new sequence \(CommandText.quote(t.name)): " + (t.settingsChosen ? t.settingsText : "rate, size and start timecode from its first clip"))
        },
        CommandSpec("sequence-settings", .project, "Show or set the sequence's rate, size and start timecode (the rate only while it is empty)",
                    arguments: settingArguments, changesProject: true) { editor, args in
            let settings = try parse(args, rate: editor.timeline.rate)
            guard settings != SequenceSettings() else {
                return CommandResult("sequence \(CommandText.quote(editor.timeline.name)): \(editor.timeline.settingsText)"
                                     + (editor.timeline.settingsChosen ? "" : " (taken from the first clip)"))
            }
            var p = editor.project
            try apply(settings, to: &p.timeline, args)
            editor.setProject(p)
            return CommandResult("sequence settings: \(p.timeline.settingsText)")
        },
    ]

    /// The arguments as settings; the start timecode is read at the new rate when one is given.
    static func parse(_ args: Arguments, rate current: Rate) throws(CommandError) -> SequenceSettings {
        var s = SequenceSettings()
        if let text = args["rate"] {
            guard let r = Rate(parsing: text), r.framesPerSecond >= 1, r.framesPerSecond <= 240 else {
                throw CommandError("\(args.command): rate: '\(text)' is not a frame rate (try 23.976, 25, 29.97, 30000/1001)")
            }
            s.rate = r
        }
        if let text = args["size"] {
            guard let size = FrameSize(parsing: text) else {
                throw CommandError("\(args.command): size: '\(text)' is not a picture size (try 1920x1080; 2 to 16384 each way)")
            }
            s.frameSize = size
        }
        if let df = args["drop-frame"] { s.dropFrame = df == "on" }
        if let text = args["start"] {
            let rate = s.rate ?? current
            do {
                guard case .timecode(let label) = try TimeArgument.parse(text, rate: rate, dropFrame: nil) else {
                    throw CommandError("\(args.command): start: '\(text)' is not a timecode (try 01:00:00:00)")
                }
                s.startTimecode = label
            } catch let error as CommandError {
                throw error
            } catch {
                throw CommandError("\(args.command): start: '\(text)': \(error)")
            }
        }
        return s
    }

    static func apply(_ settings: SequenceSettings, to timeline: inout Timeline, _ args: Arguments) throws(CommandError) {
        do {
            try timeline.apply(settings)
        } catch {
            throw CommandError("\(args.command): \(error.message)")
        }
    }

    /// Before the first clip goes into an empty sequence whose settings nobody chose: take the
    /// clip's rate and size (Premiere's "change sequence settings" on a new sequence). The source
    /// monitor's position and marks keep their media frames; the playhead its instant. Returns
    /// a note for the message, or nil when nothing changed.
    static func adoptFirstClipSettings(_ editor: Editor, _ media: MediaReference) -> String? {
        let t = editor.timeline
        guard !t.settingsChosen, !t.hasClips, var settings = SequenceSettings.from(media) else { return nil }
        if settings.rate == t.rate, media.timecodeDropFrame == nil { settings.dropFrame = t.dropFrame }
        let oldConform = media.conform(sequenceRate: t.rate)
        var p = editor.project
        guard (try? p.timeline.apply(settings)) != nil else { return nil }
        let newConform = media.conform(sequenceRate: p.timeline.rate)
        if var source = editor.context.source, source.media == media.id {
            let last = max(0, media.availableFrames(at: p.timeline.rate) - 1)
            source.position = min(last, newConform.firstSequenceFrame(showing: oldConform.mediaFrame(atSequenceFrame: source.position)))
            source.markIn = source.markIn.map { min(last, newConform.firstSequenceFrame(showing: oldConform.mediaFrame(atSequenceFrame: $0))) }
            source.markOut = source.markOut.map { min(last, newConform.lastSequenceFrame(showing: oldConform.mediaFrame(atSequenceFrame: $0))) }
            editor.context.source = source
        }
        editor.context.playhead = RationalTime(editor.context.playhead, t.rate).rescaled(to: p.timeline.rate, rounding: .nearest).value
        editor.setProject(p)
        return "sequence set from \(media.name): \(p.timeline.settingsText)"
    }
}
