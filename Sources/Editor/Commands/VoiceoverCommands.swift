import Foundation
import TimelineModel

/// Putting a narration file on the timeline: one edit that adds the media to a bin and
/// overwrites it onto an audio track. `record-voiceover` and `scratch-voiceover` (App: they need
/// SDL capture and espeak-ng) make the file, then call `place`; the journal keeps the
/// `place-recording` line with the probed facts, so a replay gives the same project without
/// recording or speaking again.
public enum VoiceoverCommands {
    static let all: [CommandSpec] = [
        CommandSpec("place-recording", .editing, "Add recorded or spoken narration (probed media, as JSON) and overwrite it onto an audio track (written by record-voiceover and scratch-voiceover to the journal)",
                    arguments: [ArgumentSpec("track", .track, "audio track"),
                                ArgumentSpec("at", .int, "record frame"),
                                ArgumentSpec("duration", .int, "frames (0: the whole media)"),
                                ArgumentSpec("bin", .word, "bin name"),
                                ArgumentSpec("json", .text, "the media reference as JSON")],
                    changesProject: true) { editor, args in
            guard let track = try args.track("track", in: editor.timeline) else { throw CommandError("place-recording: name a track") }
            guard let at = Int64(try args.string("at")), let duration = Int64(try args.string("duration")), at >= 0, duration >= 0 else {
                throw CommandError("place-recording: the record frame and duration must be whole numbers of frames, 0 or more")
            }
            let ref: MediaReference
            do { ref = try JSONDecoder().decode(MediaReference.self, from: Data(try args.string("json").utf8)) } catch {
                throw CommandError("place-recording: the media description is not valid JSON: \(error)")
            }
            return try place(editor, ref, bin: try args.string("bin"), track: track, at: at, duration: duration == 0 ? nil : duration)
        },
    ]

    /// The audio track a narration command names (`track=A2` by default), checked.
    public static func narrationTrack(_ editor: Editor, _ args: Arguments) throws(CommandError) -> Int {
        let name = args["track"] ?? "A2"
        guard let t = editor.timeline.trackIndex(named: name) else {
            throw CommandError("\(args.command): no track named \(name) (tracks: \(editor.timeline.tracks.map(\.name).joined(separator: " ")))")
        }
        guard editor.timeline.tracks[t].kind == .audio else {
            throw CommandError("\(args.command): \(name) is a \(editor.timeline.tracks[t].kind.rawValue) track; narration goes on an audio track")
        }
        guard !editor.timeline.tracks[t].locked else { throw CommandError("\(args.command): \(name) is locked") }
        return t
    }

    /// Gives `ref` a fresh id in `project` (call before `place`, and journal the result).
    public static func identified(_ ref: MediaReference, in project: Project) -> MediaReference {
        var ref = ref
        ref.id = project.freshMediaID(for: URL(fileURLWithPath: ref.path).lastPathComponent)
        return ref
    }

    /// Adds `ref` to `bin` and overwrites its first `duration` frames (all of it when nil) onto
    /// `track` at record frame `at`, as one undoable change; the clip is named after the media.
    /// The result's journal line replays it exactly (`place-recording …`).
    public static func place(_ editor: Editor, _ ref: MediaReference, bin: String, track: Int, at: Int64,
                             duration: Int64?) throws -> CommandResult {
        guard ref.audio != nil else { throw CommandError("place-recording: \(ref.name) has no sound") }
        guard editor.timeline.tracks.indices.contains(track), editor.timeline.tracks[track].kind == .audio else {
            throw CommandError("place-recording: narration goes on an audio track")
        }
        var project = editor.project
        if project.mediaReference(ref.id) == nil { BinCommands.add([ref], toBin: bin, in: &project) }
        let rate = project.timeline.rate
        let available = ref.availableFrames(at: rate)
        let length = min(duration ?? available, available)
        guard length > 0 else { throw CommandError("place-recording: \(ref.name) is shorter than one frame") }
        let source = EditSource(ref, rate: rate, range: FrameRange(start: 0, duration: length))
        let before = editor.project
        editor.setProject(project)
        let result: CommandResult
        do {
            result = try editor.edit("\(ref.name) on \(project.timeline.tracks[track].name) at \(editor.recordTC(at)) (\(editor.durationTC(length)))") { (t: inout Timeline) throws(EditError) in
                try t.overwrite(source, at: at, patch: SourcePatch(video: nil, audio: track))
            }
        } catch {
            editor.setProject(before)
            throw error
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let json = String(decoding: try encoder.encode(ref), as: UTF8.self)
        return CommandResult(result.message,
                             journalLine: "place-recording \(project.timeline.tracks[track].name) \(at) \(length) \(CommandText.quote(bin)) \(CommandText.quote(json))",
                             undoLabel: result.undoLabel)
    }
}
