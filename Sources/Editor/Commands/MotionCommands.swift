import Foundation
import TimelineModel

/// Motion keyframes on a title or image clip (`motion-key`, `motion-key-delete`): times are
/// record times, stored in the clip's own units so they travel with it (as volume keyframes do).
enum MotionCommands {
    static let all: [CommandSpec] = [
        CommandSpec("motion-key", .editing,
                    "Set a position/scale/opacity keyframe on a title or image clip at a time (only what is given; the rest animate on their own)",
                    arguments: [ArgumentSpec("time", .time, "record time (120, 2s, +10, 00:00:04:00)"),
                                ArgumentSpec("x", .number, optional: true, "centre across, as a fraction of the frame width (0 left … 1 right)"),
                                ArgumentSpec("y", .number, optional: true, "centre down, as a fraction of the frame height (0 top … 1 bottom)"),
                                ArgumentSpec("scale", .number, optional: true, "size as a multiple of the clip's own (1 = as placed)"),
                                ArgumentSpec("opacity", .number, optional: true, "0 (transparent) … 1, times the clip's own and its fades"),
                                ArgumentSpec("ease", .choice(MotionEase.allCases.map(\.rawValue)), optional: true,
                                             "curve to the next keyframe: linear (default), ease-in, ease-out, ease-in-out"),
                                ArgumentSpec("clip", .clip, optional: true, "the title or image (default: selected, else one under the time)")],
                    changesProject: true) { editor, args in
            let (id, at, unit) = try place(editor, args)
            let ease = args["ease"].flatMap(MotionEase.init(rawValue:)) ?? .linear
            let keyframe = MotionKeyframe(frame: unit, x: try args.number("x"), y: try args.number("y"),
                                          scale: try args.number("scale"), opacity: try args.number("opacity"), ease: ease)
            return try editor.edit("motion keyframe at \(editor.recordTC(at)) on \(id): \(keyframe.summary)") { (t: inout Timeline) throws(EditError) in
                try t.addMotionKeyframe(clip: id, keyframe)
                return EditOutcome()
            }
        },
        CommandSpec("motion-key-delete", .editing, "Delete a title's or image's motion keyframe at a time",
                    arguments: [ArgumentSpec("time", .time, "record time of the keyframe"),
                                ArgumentSpec("clip", .clip, optional: true, "the title or image (default: selected, else one under the time)")],
                    changesProject: true) { editor, args in
            let (id, at, unit) = try place(editor, args)
            return try editor.edit("deleted the motion keyframe at \(editor.recordTC(at)) on \(id)") { (t: inout Timeline) throws(EditError) in
                try t.deleteMotionKeyframe(clip: id, at: unit)
                return EditOutcome()
            }
        },
    ]

    /// The title or image meant (named, selected, else the top-most under the time), the record
    /// frame typed and the clip unit there.
    static func place(_ editor: Editor, _ args: Arguments) throws -> (ClipID, Int64, Int64) {
        let t = editor.timeline
        let at = try args.time("time", in: t, relativeTo: editor.context.playhead) ?? editor.context.playhead
        let id: ClipID
        if args["clip"] != nil || !editor.context.selectedClips.isEmpty {
            id = try editor.targetClip(args)
        } else {
            let moving = t.videoTracks.reversed().lazy.compactMap { t.clip(at: at, track: $0) }
                .first { $0.clip.title != nil || $0.clip.image != nil }
            guard let moving else { throw CommandError("\(args.command): no title or image selected and none at \(editor.recordTC(at))") }
            id = moving.clip.id
        }
        guard let hit = t.clip(id) else { throw CommandError("no clip \(id) on the timeline") }
        return (id, at, hit.clip.source.start + (at - hit.record.start))
    }
}
