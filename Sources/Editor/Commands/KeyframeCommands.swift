import Foundation
import TimelineModel

/// Volume keyframes on a clip: positions are record times (the playhead by default), stored in
/// the clip's own units so they travel with it.
enum KeyframeCommands {
    static let all: [CommandSpec] = [
        CommandSpec("keyframe-add", .editing, "Add a volume keyframe on a clip at a time (default: the playhead), with the curve to the next",
                    arguments: [ArgumentSpec("dB", .number, "level in dB on top of the clip gain"),
                                ArgumentSpec("at", .time, optional: true, "record time (default: the playhead)"),
                                ArgumentSpec("curve", .choice(KeyframeCurve.allCases.map(\.rawValue)), optional: true, "linear (default), hold or ease"),
                                ArgumentSpec("clip", .clip, optional: true, "clip (default: selected, else under the playhead)")],
                    changesProject: true) { editor, args in
            let dB = try MixCommands.level(args, "dB")
            let curveText = args["curve"] ?? "linear"
            guard let curve = KeyframeCurve(rawValue: curveText.lowercased()) else {
                throw CommandError("keyframe-add: no keyframe curve \"\(curveText)\" (linear, hold or ease)")
            }
            let (id, at, unit) = try place(editor, args, "at")
            return try editor.edit("keyframe \(MixCommands.signed(dB)) dB at \(editor.recordTC(at)) on \(id)") { (t: inout Timeline) throws(EditError) in
                try t.addVolumeKeyframe(clip: id, VolumeKeyframe(frame: unit, gainDB: dB, curve: curve))
                return EditOutcome()
            }
        },
        CommandSpec("keyframe-move", .editing, "Move a clip's volume keyframe to another time, optionally with a new level",
                    arguments: [ArgumentSpec("from", .time, "record time of the keyframe"),
                                ArgumentSpec("to", .time, "record time to move it to"),
                                ArgumentSpec("dB", .number, optional: true, "new level in dB"),
                                ArgumentSpec("clip", .clip, optional: true, "clip (default: selected, else under the playhead)")],
                    changesProject: true) { editor, args in
            let dB = args.has("dB") ? try MixCommands.level(args, "dB") : nil
            let (id, from, fromUnit) = try place(editor, args, "from")
            let (_, to, toUnit) = try place(editor, args, "to", clip: id)
            return try editor.edit("keyframe \(editor.recordTC(from)) → \(editor.recordTC(to)) on \(id)") { (t: inout Timeline) throws(EditError) in
                try t.moveVolumeKeyframe(clip: id, from: fromUnit, to: toUnit, gainDB: dB)
                return EditOutcome()
            }
        },
        CommandSpec("keyframe-delete", .editing, "Delete a clip's volume keyframe at a time (default: the playhead)",
                    arguments: [ArgumentSpec("at", .time, optional: true, "record time (default: the playhead)"),
                                ArgumentSpec("clip", .clip, optional: true, "clip (default: selected, else under the playhead)")],
                    changesProject: true) { editor, args in
            let (id, at, unit) = try place(editor, args, "at")
            return try editor.edit("deleted the keyframe at \(editor.recordTC(at)) on \(id)") { (t: inout Timeline) throws(EditError) in
                try t.deleteVolumeKeyframe(clip: id, at: unit)
                return EditOutcome()
            }
        },
        CommandSpec("track-keyframe-add", .tracks, "Add a fader keyframe on an audio track at a time (default: the playhead), with the curve to the next",
                    arguments: [ArgumentSpec("dB", .number, "level in dB on top of the track's fader"),
                                ArgumentSpec("at", .time, optional: true, "record time (default: the playhead)"),
                                ArgumentSpec("curve", .choice(KeyframeCurve.allCases.map(\.rawValue)), optional: true, "linear (default), hold or ease"),
                                ArgumentSpec("track", .track, optional: true, "audio track (default: the audio target)")],
                    changesProject: true) { editor, args in
            let dB = try MixCommands.level(args, "dB")
            let curve = KeyframeCurve(rawValue: (args["curve"] ?? "linear").lowercased()) ?? .linear
            let track = try MixCommands.audioTrack(editor, args)
            let at = try args.time("at", in: editor.timeline, relativeTo: editor.context.playhead) ?? editor.context.playhead
            return try editor.edit("\(editor.timeline.tracks[track].name) keyframe \(MixCommands.signed(dB)) dB at \(editor.recordTC(at))") { (t: inout Timeline) throws(EditError) in
                try t.addTrackVolumeKeyframe(track: track, VolumeKeyframe(frame: at, gainDB: dB, curve: curve))
                return EditOutcome()
            }
        },
        CommandSpec("track-keyframe-move", .tracks, "Move an audio track's fader keyframe to another time, optionally with a new level",
                    arguments: [ArgumentSpec("from", .time, "record time of the keyframe"),
                                ArgumentSpec("to", .time, "record time to move it to"),
                                ArgumentSpec("dB", .number, optional: true, "new level in dB"),
                                ArgumentSpec("track", .track, optional: true, "audio track (default: the audio target)")],
                    changesProject: true) { editor, args in
            // `track-keyframe-move 10 20 A1`: a track name where the level would go is the track.
            let trackInLevel = args["dB"].flatMap { word in
                args["track"] == nil && Double(word) == nil ? editor.timeline.trackIndex(named: word) : nil
            }
            let dB = args.has("dB") && trackInLevel == nil ? try MixCommands.level(args, "dB") : nil
            let track = try trackInLevel ?? MixCommands.audioTrack(editor, args)
            guard editor.timeline.tracks[track].kind == .audio else {
                throw CommandError("\(args.command): \(editor.timeline.tracks[track].name) is not an audio track")
            }
            let from = try args.time("from", in: editor.timeline, relativeTo: editor.context.playhead) ?? editor.context.playhead
            let to = try args.time("to", in: editor.timeline, relativeTo: editor.context.playhead) ?? editor.context.playhead
            return try editor.edit("\(editor.timeline.tracks[track].name) keyframe \(editor.recordTC(from)) → \(editor.recordTC(to))") { (t: inout Timeline) throws(EditError) in
                try t.moveTrackVolumeKeyframe(track: track, from: from, to: to, gainDB: dB)
                return EditOutcome()
            }
        },
        CommandSpec("track-keyframe-delete", .tracks, "Delete an audio track's fader keyframe at a time (default: the playhead)",
                    arguments: [ArgumentSpec("at", .time, optional: true, "record time (default: the playhead)"),
                                ArgumentSpec("track", .track, optional: true, "audio track (default: the audio target)")],
                    changesProject: true) { editor, args in
            let track = try MixCommands.audioTrack(editor, args)
            let at = try args.time("at", in: editor.timeline, relativeTo: editor.context.playhead) ?? editor.context.playhead
            return try editor.edit("deleted the \(editor.timeline.tracks[track].name) keyframe at \(editor.recordTC(at))") { (t: inout Timeline) throws(EditError) in
                try t.deleteTrackVolumeKeyframe(track: track, at: at)
                return EditOutcome()
            }
        },
    ]

    /// The clip meant, the record frame typed (the playhead by default) and the clip unit there.
    /// A time outside the clip still gives a unit; the model refuses it with the clip's extent.
    static func place(_ editor: Editor, _ args: Arguments, _ name: String, clip: ClipID? = nil) throws -> (ClipID, Int64, Int64) {
        let at = try args.time(name, in: editor.timeline, relativeTo: editor.context.playhead) ?? editor.context.playhead
        let id: ClipID
        if let clip { id = clip } else if args["clip"] == nil && editor.context.selectedClips.isEmpty {
            // The clip under the time given on the audio tracks first: keyframes are a sound control.
            let tracks = editor.actingTracks(nil).sorted { (editor.timeline.tracks[$0].kind == .audio ? 0 : 1, $0) < (editor.timeline.tracks[$1].kind == .audio ? 0 : 1, $1) }
            guard let hit = tracks.lazy.compactMap({ editor.timeline.clip(at: at, track: $0) }).first else {
                throw CommandError("\(args.command): no clip selected and none at \(editor.recordTC(at))")
            }
            id = hit.clip.id
        } else {
            id = try editor.targetClip(args)
        }
        guard let hit = editor.timeline.clip(id) else { throw CommandError("no clip \(id) on the timeline") }
        return (id, at, hit.clip.source.start + (at - hit.record.start))
    }
}
