import Foundation
import TimelineModel

/// Typing and retiming subtitle events on the subtitle track (SRT import and export live in
/// `InterchangeCommands`; drawing them on the picture in Render, switched by `subtitles`).
enum SubtitleCommands {
    static let all: [CommandSpec] = [
        CommandSpec("subtitle-add", .editing,
                    "Type a subtitle event at the playhead (2 seconds unless duration= is given) on the subtitle track, added when there is none",
                    arguments: [ArgumentSpec("text", .text, "the words (\\n for a line break)"),
                                ArgumentSpec("at", .time, optional: true, "start (default: the playhead)"),
                                ArgumentSpec("duration", .word, optional: true, "length (frames, 2s, timecode)"),
                                ArgumentSpec("track", .track, optional: true, "subtitle track (default: the first)")],
                    changesProject: true) { editor, args in
            let text = try TitleStyleArguments.checkedText(try args.string("text"), command: args.command)
            let t = editor.timeline
            let start = try args.time("at", in: t, relativeTo: editor.context.playhead) ?? editor.context.playhead
            let duration = try args.frames("duration", rate: t.rate) ?? Int64((t.rate.framesPerSecond * 2).rounded())
            let track = try args.track("track", in: t)
            return try editor.edit("subtitle at \(start)") { (t: inout Timeline) throws(EditError) in
                try t.addSubtitle(text: text, range: FrameRange(start: start, duration: duration), track: track)
            }
        },
        CommandSpec("subtitle-edit", .editing, "Change the words of a subtitle event (or a title)",
                    arguments: [ArgumentSpec("text", .text, "the new words (\\n for a line break)"),
                                ArgumentSpec("clip", .clip, optional: true, "the event (default: selected, else under the playhead)")],
                    changesProject: true) { editor, args in
            let text = try TitleStyleArguments.checkedText(try args.string("text"), command: args.command)
            let id = try subtitleTarget(editor, args)
            return try editor.edit("subtitle text \(id)") { (t: inout Timeline) throws(EditError) in
                try t.setText(clip: id, to: text)
            }
        },
        CommandSpec("subtitle-nudge", .trimming,
                    "Retime a subtitle event: move its in point, its out point, or both (the event) by a number of frames",
                    arguments: [ArgumentSpec("edge", .choice(["in", "out", "both"]), "in, out or both"),
                                ArgumentSpec("frames", .word, "signed amount (+2, -5, 0.5s)"),
                                ArgumentSpec("clip", .clip, optional: true, "the event (default: selected, else under the playhead)")],
                    changesProject: true) { editor, args in
            guard let delta = try args.frames("frames", rate: editor.timeline.rate) else { throw CommandError("subtitle-nudge: missing frames") }
            let edge = try args.string("edge")
            let id = try subtitleTarget(editor, args)
            return try editor.edit("subtitle \(edge) \(delta > 0 ? "+" : "")\(delta) \(id)") { (t: inout Timeline) throws(EditError) in
                try t.retimeSubtitle(clip: id, inDelta: edge == "out" ? 0 : delta, outDelta: edge == "in" ? 0 : delta)
            }
        },
    ]

    /// The clip named, else the selected one, else the subtitle event under the playhead.
    static func subtitleTarget(_ editor: Editor, _ args: Arguments) throws(CommandError) -> ClipID {
        if args["clip"] != nil || !editor.context.selectedClips.isEmpty { return try editor.targetClip(args) }
        let t = editor.timeline
        for index in t.tracks.indices where t.tracks[index].kind == .subtitle {
            if let hit = t.clip(at: editor.context.playhead, track: index) { return hit.clip.id }
        }
        throw CommandError("\(args.command): no subtitle event selected and none under the playhead")
    }
}
