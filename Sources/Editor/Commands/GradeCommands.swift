import Foundation
import TimelineModel

/// Colour correction of picture clips (`Grade`): set, nudge, reset, copy and paste, bypass, LUT.
///
/// Every change is one undo step and journals as `grade-set CLIP …` lines holding the whole
/// grade in absolute values, so a replay never depends on the grade clipboard, on the working
/// folder a LUT was named from, or on the values before a nudge.
enum GradeCommands {
    /// What `grade-copy` took, for `grade-paste` (per process, as an editor's clipboard is).
    nonisolated(unsafe) static var clipboard: Grade?
    private static let clipboardLock = NSLock()

    static let all: [CommandSpec] = [
        CommandSpec("grade", .editing,
                    "Colour-correct a clip: exposure=STOPS contrast=X pivot=X lift|gamma|gain=M or R,G,B or R,G,B,M saturation=X temperature=X tint=X (only the values named change)",
                    arguments: [ArgumentSpec("clip", .clip, optional: true, "clip or c1,c2,… (default: selected, else under the playhead)")]
                        + valueSpecs,
                    changesProject: true) { editor, args in
            let clips = try pictureClips(editor, args)
            guard valueSpecs.contains(where: { args.has($0.name) }) else {
                // No values: show the grade (as `dump` does).
                return CommandResult(clips.map { "\($0) grade: \(editor.timeline.clip($0)?.clip.grade?.summary ?? "none")" }.joined(separator: "; "))
            }
            return try change(editor, clips, label: "grade") { grade throws(CommandError) in try setValues(&grade, args) }
        },
        CommandSpec("grade-set", .editing,
                    "Set a clip's whole grade from neutral (what the journal records): grade-set CLIP [LUT] values… interp=trilinear|tetrahedral bypass=on|off",
                    arguments: [ArgumentSpec("clip", .clip, "clip or c1,c2,…"),
                                ArgumentSpec("lut", .path, optional: true, "a .cube file")]
                        + valueSpecs
                        + [ArgumentSpec("interp", .choice(LUTInterpolation.allCases.map(\.rawValue)), optional: true, "LUT interpolation"),
                           ArgumentSpec("bypass", .word, optional: true, "on or off")],
                    changesProject: true) { editor, args in
            let clips = try pictureClips(editor, args)
            var grade = Grade()
            try setValues(&grade, args)
            if let path = args["lut"] {
                grade.lut = try checkedLUT(path, interpolation: args["interp"])
            }
            if args.has("bypass") {
                guard let on = try args.bool("bypass") else { throw CommandError("grade-set: bypass must be on or off") }
                grade.bypass = on
            }
            return try change(editor, clips, label: "grade set") { g throws(CommandError) in g = grade }
        },
        CommandSpec("grade-reset", .editing, "Remove a clip's grade (back to the picture as decoded)",
                    arguments: [ArgumentSpec("clip", .clip, optional: true, "clip or c1,c2,… (default: selected, else under the playhead)")],
                    changesProject: true) { editor, args in
            let clips = try pictureClips(editor, args)
            return try change(editor, clips, label: "grade reset") { g throws(CommandError) in g = Grade() }
        },
        CommandSpec("grade-bypass", .editing, "Turn a clip's grade off or on to compare (kept either way)",
                    arguments: [ArgumentSpec("state", .word, optional: true, "on, off or toggle (default toggle)"),
                                ArgumentSpec("clip", .clip, optional: true, "clip or c1,c2,… (default: selected, else under the playhead)")],
                    changesProject: true) { editor, args in
            let clips = try pictureClips(editor, args)
            let word = (args["state"] ?? "toggle").lowercased()
            guard ["on", "off", "toggle"].contains(word) else {
                throw CommandError("grade-bypass: state must be on, off or toggle; got \"\(word)\"")
            }
            return try change(editor, clips, label: "grade bypass") { g throws(CommandError) in
                g.bypass = word == "toggle" ? !g.bypass : word == "on"
            }
        },
        CommandSpec("grade-lut", .editing, "Apply a .cube LUT (1D or 3D) after a clip's primaries; none removes it",
                    arguments: [ArgumentSpec("file", .path, ".cube file, or none"),
                                ArgumentSpec("interp", .choice(LUTInterpolation.allCases.map(\.rawValue)), optional: true, "3D interpolation (default tetrahedral)"),
                                ArgumentSpec("clip", .clip, optional: true, "clip or c1,c2,… (default: selected, else under the playhead)")],
                    changesProject: true) { editor, args in
            let clips = try pictureClips(editor, args)
            let file = try args.string("file")
            let lut = file == "none" ? nil : try checkedLUT(file, interpolation: args["interp"])
            return try change(editor, clips, label: "grade LUT") { g throws(CommandError) in g.lut = lut }
        },
        CommandSpec("grade-nudge", .editing,
                    "Move one grade control by a step (a grading mode's keys): grade-nudge lift|gamma|gain r|g|b|m ±DELTA, or exposure|contrast|pivot|saturation|temperature|tint ±DELTA",
                    arguments: [ArgumentSpec("control", .choice(["lift", "gamma", "gain", "exposure", "contrast", "pivot", "saturation", "temperature", "tint"]), "what to move"),
                                ArgumentSpec("channel", .word, "r, g, b or m (for lift/gamma/gain), else the change"),
                                ArgumentSpec("delta", .number, optional: true, "the change, such as +0.01 or -0.1"),
                                ArgumentSpec("clip", .clip, optional: true, "clip or c1,c2,… (default: selected, else under the playhead)")],
                    changesProject: true) { editor, args in
            let control = try args.string("control")
            let perChannel = ["lift", "gamma", "gain"].contains(control)
            let channelWord = try args.string("channel")
            let deltaText = perChannel ? args["delta"] : channelWord
            guard let deltaText, let delta = Double(deltaText), delta.isFinite else {
                throw CommandError("grade-nudge: give the change as a number, such as +0.01 (got \(deltaText.map { "\"\($0)\"" } ?? "nothing"))")
            }
            if !perChannel, args["delta"] != nil { throw CommandError("grade-nudge: \(control) has no channel; give only the change") }
            var channel = GradeChannel.master
            if perChannel {
                guard let c = GradeChannel.named(channelWord) else {
                    throw CommandError("grade-nudge: channel must be r, g, b or m; got \"\(channelWord)\"")
                }
                channel = c
            }
            let clips = try pictureClips(editor, args)
            return try change(editor, clips, label: "grade \(control)") { g throws(CommandError) in
                switch control {
                case "lift": g.lift[channel] += delta
                case "gamma": g.gamma[channel] += delta
                case "gain": g.gain[channel] += delta
                case "exposure": g.exposure += delta
                case "contrast": g.contrast += delta
                case "pivot": g.pivot += delta
                case "saturation": g.saturation += delta
                case "temperature": g.temperature += delta
                default: g.tint += delta
                }
            }
        },
        CommandSpec("grade-mode", .editing,
                    "Enter grading mode on the picture clip selected or under the playhead (the [grade] keys nudge lift/gamma/gain, the scopes show), or leave it",
                    arguments: [ArgumentSpec("clip", .clip, optional: true, "clip (default: selected, else under the playhead)")]) { editor, args in
            if editor.context.grading {
                editor.context.grading = false
                return CommandResult("grade mode off")
            }
            let id = try pictureClips(editor, args).first!
            editor.context.trimMode = false   // one mode at a time
            editor.context.editPoints = []
            editor.context.grading = true
            return CommandResult("grade mode on \(id) (values R/G/B/master): \((editor.timeline.clip(id)?.clip.grade ?? Grade()).controlsText)")
        },
        CommandSpec("adjustment-add", .editing,
                    "Add an adjustment layer at the playhead (5 seconds unless a duration is given): grade it with the grade commands and it grades everything below it",
                    arguments: [ArgumentSpec("duration", .word, optional: true, "length (frames, 5s, timecode)"),
                                ArgumentSpec("track", .track, optional: true, "video track (default: the next free one above V1)")],
                    changesProject: true) { editor, args in
            let t = editor.timeline
            let duration = try args.frames("duration", rate: t.rate) ?? Int64((t.rate.framesPerSecond * 5).rounded())
            let track = try args.track("track", in: t)
            let at = editor.context.playhead
            let result = try editor.edit("adjustment layer") { t throws(EditError) in try t.addAdjustmentLayer(at: at, duration: duration, track: track) }
            // Selected, so the grade commands that follow act on it (not on the clip below).
            if let id = editor.lastEdit?.created.first { editor.context.selectedClips = [id] }
            return result
        },
        CommandSpec("grade-copy", .editing, "Copy a clip's grade (to paste on others with grade-paste)",
                    arguments: [ArgumentSpec("clip", .clip, optional: true, "clip (default: selected, else under the playhead)")]) { editor, args in
            let id = try pictureClips(editor, args).first!
            let grade = editor.timeline.clip(id)?.clip.grade ?? Grade()
            clipboardLock.lock(); clipboard = grade; clipboardLock.unlock()
            return CommandResult("copied the grade of \(id): \(grade.summary)")
        },
        CommandSpec("grade-paste", .editing, "Paste the copied grade onto clips (replacing theirs)",
                    arguments: [ArgumentSpec("clip", .clip, optional: true, "clip or c1,c2,… (default: selected, else under the playhead)")],
                    changesProject: true) { editor, args in
            clipboardLock.lock(); let copied = clipboard; clipboardLock.unlock()
            guard let copied else { throw CommandError("grade-paste: nothing copied yet (grade-copy a clip first)") }
            let clips = try pictureClips(editor, args)
            return try change(editor, clips, label: "grade paste") { g throws(CommandError) in g = copied }
        },
    ]

    /// The values `grade` and `grade-set` take by name.
    static let valueSpecs: [ArgumentSpec] = [
        ArgumentSpec("exposure", .number, optional: true, "stops, -8 to 8"),
        ArgumentSpec("contrast", .number, optional: true, "0 to 4 (1 neutral)"),
        ArgumentSpec("pivot", .number, optional: true, "0 to 1 (0.435)"),
        ArgumentSpec("lift", .word, optional: true, "M, R,G,B or R,G,B,M (-1 to 1)"),
        ArgumentSpec("gamma", .word, optional: true, "M, R,G,B or R,G,B,M (0.1 to 10)"),
        ArgumentSpec("gain", .word, optional: true, "M, R,G,B or R,G,B,M (0 to 8)"),
        ArgumentSpec("saturation", .number, optional: true, "0 to 4 (1 neutral)"),
        ArgumentSpec("temperature", .number, optional: true, "-2 (cool) to 2 (warm)"),
        ArgumentSpec("tint", .number, optional: true, "-2 (green) to 2 (magenta)"),
    ]

    static func setValues(_ grade: inout Grade, _ args: Arguments) throws(CommandError) {
        func number(_ name: String) throws(CommandError) -> Double? {
            guard let text = args[name] else { return nil }
            guard let v = Double(text), v.isFinite else { throw CommandError("\(args.command): \(name) \"\(text)\" is not a number") }
            return v
        }
        func channels(_ name: String, _ into: inout ChannelValues) throws(CommandError) {
            guard let text = args[name] else { return }
            let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { Double($0.trimmingCharacters(in: .whitespaces)) }
            guard [1, 3, 4].contains(parts.count), parts.allSatisfy({ $0?.isFinite == true }) else {
                throw CommandError("\(args.command): \(name) \"\(text)\" must be one number (master), R,G,B or R,G,B,M")
            }
            let v = parts.map { $0! }
            if v.count == 1 { into.master = v[0]; return }
            into.red = v[0]; into.green = v[1]; into.blue = v[2]
            if v.count == 4 { into.master = v[3] }
        }
        if let v = try number("exposure") { grade.exposure = v }
        if let v = try number("contrast") { grade.contrast = v }
        if let v = try number("pivot") { grade.pivot = v }
        try channels("lift", &grade.lift)
        try channels("gamma", &grade.gamma)
        try channels("gain", &grade.gain)
        if let v = try number("saturation") { grade.saturation = v }
        if let v = try number("temperature") { grade.temperature = v }
        if let v = try number("tint") { grade.tint = v }
    }

    /// Reads the LUT now, so a bad file is refused with its line before anything changes; the
    /// path is kept absolute so the project opens the same file from anywhere.
    static func checkedLUT(_ path: String, interpolation: String?) throws(CommandError) -> GradeLUT {
        let expanded = (path as NSString).expandingTildeInPath
        let absolute = expanded.hasPrefix("/") ? expanded
            : URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent(expanded).standardizedFileURL.path
        do {
            _ = try CubeLUT.load(path: absolute)
        } catch {
            throw CommandError("grade-lut: \(error.description)")
        }
        let interp = interpolation.flatMap(LUTInterpolation.init(rawValue:)) ?? .tetrahedral
        return GradeLUT(path: absolute, interpolation: interp)
    }

    /// The picture clips meant: those named (c1,c2,…), else the selection or the clip under
    /// the playhead; a sound clip stands for the picture linked to it.
    static func pictureClips(_ editor: Editor, _ args: Arguments) throws(CommandError) -> [ClipID] {
        let named: [ClipID]? = try args["clip"].flatMap { text throws(CommandError) in
            text.contains(",") ? try text.split(separator: ",").map { part throws(CommandError) in try editor.parseClipID(String(part)) } : nil
        }
        let timeline = editor.timeline
        var candidates: [ClipID]
        if let named { candidates = named } else { candidates = try editor.targetClips(args) }
        if args["clip"] == nil, let first = candidates.first, !isPicture(first, timeline),
           let onPicture = timeline.videoTracks.lazy.compactMap({ timeline.clip(at: editor.context.playhead, track: $0) }).first,
           editor.context.selectedClips.isEmpty {
            // Nothing selected and the first track under the playhead is sound: grade the picture there.
            candidates = [onPicture.clip.id]
        }
        var out: [ClipID] = []
        for id in candidates {
            if isPicture(id, timeline) {
                if !out.contains(id) { out.append(id) }
            } else if let partner = timeline.linkedClips(of: id).first(where: { isPicture($0.clip.id, timeline) }) {
                if !out.contains(partner.clip.id) { out.append(partner.clip.id) }
            } else if named != nil || args["clip"] != nil {
                throw CommandError("\(args.command): \(id) is a sound clip with no picture to grade")
            }
        }
        guard !out.isEmpty else { throw CommandError("\(args.command): no picture clip selected or under the playhead") }
        return out
    }

    static func isPicture(_ id: ClipID, _ timeline: Timeline) -> Bool {
        guard let hit = timeline.clip(id) else { return false }
        return timeline.videoTracks.contains(hit.track)
    }

    /// Applies `body` to each clip's grade as one undo step and journals the results absolutely.
    static func change(_ editor: Editor, _ clips: [ClipID], label: String,
                       _ body: (inout Grade) throws(CommandError) -> Void) throws -> CommandResult {
        var results: [(ClipID, Grade)] = []
        for id in clips {
            var grade = editor.timeline.clip(id)?.clip.grade ?? Grade()
            try body(&grade)
            if let problem = grade.problem { throw CommandError("\(label): \(problem); nothing changed") }
            results.append((id, grade))
        }
        let summary = "\(label) \(clips.map(\.description).joined(separator: ","))"
        let result = try editor.edit(summary) { (t: inout Timeline) throws(EditError) in
            for (id, grade) in results { try t.setGrade(clip: id, grade) }
            return EditOutcome()
        }
        let message = results.map { "\($0.0) grade: \($0.1.isIdentity && !$0.1.bypass ? "none" : $0.1.summary)" }.joined(separator: "; ")
        return CommandResult(message, journalLine: results.map { journalLine($0.0, $0.1) }.joined(separator: "; "),
                             undoLabel: result.undoLabel)
    }

    static func journalLine(_ id: ClipID, _ grade: Grade) -> String { GradeJournal.line(id, grade) }
}

/// The journal's form of a grade, for commands outside the editor (`grade-match`) that set one.
public enum GradeJournal {
    /// `grade-set c3 "/looks/a.cube" exposure=0.5 … interp=tetrahedral`: the whole grade.
    public static func line(_ id: ClipID, _ grade: Grade) -> String {
        var words = ["grade-set", id.description]
        let neutral = Grade()
        if let lut = grade.lut { words.append(CommandText.quote(lut.path)) }
        func add(_ name: String, _ v: Double, _ base: Double) { if v != base { words.append("\(name)=\(v)") } }
        func addChannels(_ name: String, _ v: ChannelValues, _ base: ChannelValues) {
            if v != base { words.append("\(name)=\(v.red),\(v.green),\(v.blue),\(v.master)") }
        }
        add("exposure", grade.exposure, neutral.exposure)
        add("contrast", grade.contrast, neutral.contrast)
        add("pivot", grade.pivot, neutral.pivot)
        addChannels("lift", grade.lift, neutral.lift)
        addChannels("gamma", grade.gamma, neutral.gamma)
        addChannels("gain", grade.gain, neutral.gain)
        add("saturation", grade.saturation, neutral.saturation)
        add("temperature", grade.temperature, neutral.temperature)
        add("tint", grade.tint, neutral.tint)
        if let lut = grade.lut { words.append("interp=\(lut.interpolation.rawValue)") }
        if grade.bypass { words.append("bypass=on") }
        return words.joined(separator: " ")
    }
}
