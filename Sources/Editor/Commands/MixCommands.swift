import Foundation
import TimelineModel

/// Sound levels: clip gain, fades, track volume and pan, audio cross-fades at a cut.
/// Every level is checked by the model before anything changes (`MixEdits`).
enum MixCommands {
    static let all: [CommandSpec] = [
        CommandSpec("clip-gain", .editing, "Set a clip's gain in dB (-96 to +48; 0 is unity)",
                    arguments: [ArgumentSpec("dB", .number, "gain in dB, such as -6 or +3"),
                                ArgumentSpec("clip", .clip, optional: true, "clip (default: selected, else under the playhead)")],
                    changesProject: true) { editor, args in
            let dB = try level(args, "dB")
            let clips = try soundClips(editor, try editor.targetClips(args), args.command)
            return try editor.edit("clip gain \(signed(dB)) dB on \(clips.map(\.description).joined(separator: ","))") { (t: inout Timeline) throws(EditError) in
                for id in clips { try t.setClipGain(clip: id, dB) }
                return EditOutcome()
            }
        },
        CommandSpec("clip-gain-nudge", .editing, "Raise or lower a clip's gain by some dB (Premiere's [ and ])",
                    arguments: [ArgumentSpec("dB", .number, "change in dB, such as +1 or -3"),
                                ArgumentSpec("clip", .clip, optional: true, "clip or c1,c2,… (default: selected, else under the playhead)")],
                    changesProject: true) { editor, args in
            let delta = try level(args, "dB")
            // `c1,c2,c3` names several clips at once (what `normalize` journals).
            let named: [ClipID]? = try args["clip"].flatMap { text throws(CommandError) in
                text.contains(",") ? try text.split(separator: ",").map { part throws(CommandError) in try editor.parseClipID(String(part)) } : nil
            }
            let clips = try soundClips(editor, try named ?? editor.targetClips(args), args.command)
            var levels: [String] = []
            let result = try editor.edit("clip gain \(signed(delta)) dB on \(clips.map(\.description).joined(separator: ","))") { (t: inout Timeline) throws(EditError) in
                for id in clips {
                    guard let hit = t.clip(id) else { throw EditError(.noSuchClip, "no clip \(id)") }
                    try t.setClipGain(clip: id, hit.clip.gainDB + delta)
                    levels.append("\(id) \(signed(hit.clip.gainDB + delta)) dB")
                }
                return EditOutcome()
            }
            return CommandResult("clip gain " + levels.joined(separator: ", "), undoLabel: result.undoLabel)
        },
        fade("fade-in", .head),
        fade("fade-out", .tail),
        CommandSpec("track-volume", .tracks, "Set an audio track's fader in dB (-96 to +12)",
                    arguments: [ArgumentSpec("dB", .number, "volume in dB"),
                                ArgumentSpec("track", .track, optional: true, "audio track (default: the audio target)")],
                    changesProject: true) { editor, args in
            let dB = try level(args, "dB")
            let track = try audioTrack(editor, args)
            var p = editor.project
            try p.timeline.setTrackVolume(track: track, dB)
            editor.setProject(p)
            return CommandResult("\(p.timeline.tracks[track].name) volume \(signed(dB)) dB")
        },
        CommandSpec("track-volume-nudge", .tracks, "Move an audio track's fader by some dB (0.5 and 3 are the mixer's steps)",
                    arguments: [ArgumentSpec("dB", .number, "change in dB, such as +0.5 or -3"),
                                ArgumentSpec("track", .track, optional: true, "audio track (default: the audio target)")],
                    changesProject: true) { editor, args in
            let delta = try level(args, "dB")
            let track = try audioTrack(editor, args)
            var p = editor.project
            try p.timeline.setTrackVolume(track: track, p.timeline.tracks[track].volumeDB + delta)
            editor.setProject(p)
            return CommandResult("\(p.timeline.tracks[track].name) volume \(signed(p.timeline.tracks[track].volumeDB)) dB")
        },
        CommandSpec("mixer", .tracks, "List the audio tracks as mixer strips: fader, pan, mute and solo (the audio target marked)") { editor, _ in
            let t = editor.timeline
            guard !t.audioTracks.isEmpty else { throw CommandError("mixer: the sequence has no audio track") }
            let strips = t.audioTracks.map { i in
                let track = t.tracks[i]
                return "\(i == editor.context.audioTarget ? "*" : "")\(track.name) \(signed(track.volumeDB)) dB pan \(panText(track.pan))"
                    + (track.muted ? " M" : "") + (track.solo ? " S" : "")
            }
            return CommandResult(strips.joined(separator: " | "))
        },
        CommandSpec("mixer-select", .tracks, "Select the next or previous mixer strip (the audio target), or one by name",
                    arguments: [ArgumentSpec("strip", .word, "next, prev or a track name")]) { editor, args in
            let audio = editor.timeline.audioTracks
            guard !audio.isEmpty else { throw CommandError("mixer-select: the sequence has no audio track") }
            let word = try args.string("strip")
            let current = editor.context.audioTarget.flatMap { audio.firstIndex(of: $0) }
            let chosen: Int
            switch word.lowercased() {
            case "next": chosen = audio[current.map { min($0 + 1, audio.count - 1) } ?? 0]
            case "prev", "previous": chosen = audio[current.map { max($0 - 1, 0) } ?? 0]
            default:
                guard let t = editor.timeline.trackIndex(named: word), audio.contains(t) else {
                    throw CommandError("mixer-select: no audio track named \(word) (next, prev, or one of \(audio.map { editor.timeline.tracks[$0].name }.joined(separator: " ")))")
                }
                chosen = t
            }
            editor.context.audioTarget = chosen
            let t = editor.timeline.tracks[chosen]
            return CommandResult("strip \(t.name): \(signed(t.volumeDB)) dB pan \(panText(t.pan))")
        },
        CommandSpec("track-pan", .tracks, "Pan (balance) an audio track: -100 left, 0 centre, 100 right (or L30, C, R30)",
                    arguments: [ArgumentSpec("pan", .word, "-100 to 100, or L50/C/R50"),
                                ArgumentSpec("track", .track, optional: true, "audio track (default: the audio target)")],
                    changesProject: true) { editor, args in
            let pan = try panValue(try args.string("pan"), args.command)
            let track = try audioTrack(editor, args)
            var p = editor.project
            try p.timeline.setTrackPan(track: track, pan / 100)
            editor.setProject(p)
            return CommandResult("\(p.timeline.tracks[track].name) pan \(panText(pan / 100))")
        },
        CommandSpec("crossfade", .editing, "Cross-fade the sound at the cut nearest the playhead (a dissolve on the audio tracks)",
                    arguments: [ArgumentSpec("duration", .frames, optional: true, "length (default 1 s)"),
                                ArgumentSpec("alignment", .choice(Transition.Alignment.allCases.map(\.rawValue)), optional: true, "centered (default), endAtCut or startAtCut")],
                    changesProject: true) { editor, args in
            let duration = try args.frames("duration", rate: editor.timeline.rate) ?? editor.timeline.rate.timecodeBase
            let alignment = Transition.Alignment(rawValue: args["alignment"] ?? "centered")!
            let (track, cut) = try nearestAudioCut(editor, args.command)
            return try editor.edit("cross-fade \(duration)f at \(editor.recordTC(cut)) on \(editor.timeline.tracks[track].name)") { (t: inout Timeline) throws(EditError) in
                try t.addTransition(track: track, at: cut, kind: .dissolve, duration: duration, alignment: alignment)
            }
        },
    ]

    static func fade(_ name: String, _ edge: FadeEdge) -> CommandSpec {
        CommandSpec(name, .editing, "Fade a clip's sound \(edge == .head ? "in from" : "out to") silence over a duration (0 removes it)",
                    arguments: [ArgumentSpec("duration", .frames, "length: frames, 1s, 00:00:01:00; 0 removes"),
                                ArgumentSpec("curve", .word, optional: true, "linear (default), equal-power or logarithmic"),
                                ArgumentSpec("clip", .clip, optional: true, "clip (default: selected, else under the playhead)")],
                    changesProject: true) { editor, args in
            let frames = try args.frames("duration", rate: editor.timeline.rate) ?? 0
            guard frames >= 0 else { throw CommandError("\(name): the duration must not be negative; got \(args["duration"] ?? "")") }
            var curveText = args["curve"] ?? "linear"
            var named: ClipID?
            // `fade-in 1s c3`: a clip where the curve would go is the clip, with the default curve.
            if FadeCurve.named(curveText) == nil, args["clip"] == nil, let id = try? editor.parseClipID(curveText) {
                named = id
                curveText = "linear"
            }
            guard let curve = FadeCurve.named(curveText) else {
                throw CommandError("\(name): no fade curve \"\(curveText)\" (linear, equal-power or logarithmic)")
            }
            let clips = try soundClips(editor, try named.map { [$0] } ?? editor.targetClips(args), name)
            let what = frames == 0 ? "removed the \(name)" : "\(name) \(editor.durationTC(frames)) \(curve.rawValue)"
            return try editor.edit("\(what) on \(clips.map(\.description).joined(separator: ","))") { (t: inout Timeline) throws(EditError) in
                for id in clips { try t.setFade(clip: id, edge, frames == 0 ? nil : ClipFade(duration: frames, curve: curve)) }
                return EditOutcome()
            }
        }
    }

    /// The sound of the clips meant: a clip on an audio track is itself; a picture clip stands
    /// for the audio clips linked to it (as Premiere applies clip gain to a linked clip's sound).
    static func soundClips(_ editor: Editor, _ ids: [ClipID], _ command: String) throws(CommandError) -> [ClipID] {
        var out: [ClipID] = []
        for id in ids {
            guard let hit = editor.timeline.clip(id) else { throw CommandError("no clip \(id) on the timeline") }
            if editor.timeline.tracks[hit.track].kind == .audio {
                if !out.contains(id) { out.append(id) }
                continue
            }
            let sound = editor.timeline.linkedClips(of: id).filter { editor.timeline.tracks[$0.track].kind == .audio }.map(\.clip.id)
            guard !sound.isEmpty else { throw CommandError("\(command): \(id) on \(editor.timeline.tracks[hit.track].name) has no sound (no linked audio clip)") }
            for s in sound where !out.contains(s) { out.append(s) }
        }
        return out
    }

    /// A level in dB as typed: `-6`, `+3`, `-6dB`. Anything that is not a finite number is refused here;
    /// the range is the model's to check.
    static func level(_ args: Arguments, _ name: String) throws(CommandError) -> Double {
        let text = try args.string(name).trimmingCharacters(in: .whitespaces)
        let number = text.lowercased().hasSuffix("db") ? String(text.dropLast(2)) : text
        guard let value = Double(number), value.isFinite else {
            throw CommandError("\(args.command): \"\(text)\" is not a level in dB (give a number such as -6 or +3)")
        }
        return value
    }

    /// A pan as typed: −100…100, or L50 / C / R50.
    static func panValue(_ text: String, _ command: String) throws(CommandError) -> Double {
        let t = text.trimmingCharacters(in: .whitespaces).uppercased()
        var value: Double?
        if t == "C" || t == "CENTER" || t == "CENTRE" { value = 0 }
        else if t.hasPrefix("L") { value = Double(t.dropFirst()).map { -$0 } }
        else if t.hasPrefix("R") { value = Double(t.dropFirst()) }
        else { value = Double(t) }
        guard let value, value.isFinite, (-100...100).contains(value) else {
            throw CommandError("\(command): \"\(text)\" is not a pan: give -100 (left) to 100 (right), or L50, C, R50")
        }
        return value
    }

    static func panText(_ pan: Double) -> String {
        pan == 0 ? "C" : (pan < 0 ? "L" : "R") + String(format: "%g", (abs(pan) * 1000).rounded() / 10)
    }

    static func signed(_ dB: Double) -> String { (dB > 0 ? "+" : "") + String(format: "%g", (dB * 100).rounded() / 100) }

    /// The audio track a command means: the one named, else the audio target, else A1.
    static func audioTrack(_ editor: Editor, _ args: Arguments) throws(CommandError) -> Int {
        if let named = try args.track("track", in: editor.timeline) {
            guard editor.timeline.tracks[named].kind == .audio else {
                throw CommandError("\(args.command): \(editor.timeline.tracks[named].name) is not an audio track")
            }
            return named
        }
        if let target = editor.context.audioTarget, editor.timeline.tracks.indices.contains(target),
           editor.timeline.tracks[target].kind == .audio { return target }
        guard let first = editor.timeline.audioTracks.first else { throw CommandError("\(args.command): the sequence has no audio track") }
        return first
    }

    /// The cut between two clips nearest the playhead on the audio tracks (the selected ones if any).
    static func nearestAudioCut(_ editor: Editor, _ command: String) throws(CommandError) -> (Int, Int64) {
        var best: (Int, Int64)?
        for track in editor.actingTracks(nil) where editor.timeline.tracks[track].kind == .audio {
            let clips = editor.timeline.tracks[track].clips
            for (a, b) in zip(clips, clips.dropFirst()) where a.record.end == b.record.start {
                let cut = a.record.end
                if best == nil || abs(cut - editor.context.playhead) < abs(best!.1 - editor.context.playhead) { best = (track, cut) }
            }
        }
        guard let best else { throw CommandError("\(command): no cut between two clips on an audio track") }
        return best
    }
}
