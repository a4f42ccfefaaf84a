import Editor
import Foundation
import Media
import PathBytes
import TimelineModel

/// Image and logo clips (`image-add`, `image-edit`): App-level because the PNG is decoded with
/// libavcodec before the project changes, so a missing file or one that will not decode is an
/// error naming it and the project stays as it was.
public enum ImageCommands {
    static let placement: [ArgumentSpec] = [
        ArgumentSpec("at", .word, optional: true, "where its centre goes: X,Y in fractions of the frame, or lower-third, centre, top"),
        ArgumentSpec("scale", .number, optional: true, "size: 1 = its own pixels on a 1080-line picture (0.01 to 20)"),
        ArgumentSpec("opacity", .number, optional: true, "0 (transparent) to 1 (default), times the PNG's own alpha"),
        ArgumentSpec("fade-in", .word, optional: true, "fade in length (frames, 12, 0.5s)"),
        ArgumentSpec("fade-out", .word, optional: true, "fade out length"),
    ]

    public static let specs: [CommandSpec] = [
        CommandSpec("image-add", .editing,
                    "Add an image or logo (a PNG, with alpha) at the playhead over the picture, on the next free video track above V1 (5 seconds unless duration= is given)",
                    arguments: [ArgumentSpec("path", .path, "the PNG file")] + placement
                        + [ArgumentSpec("duration", .word, optional: true, "length (frames, 5s, timecode)"),
                           ArgumentSpec("track", .track, optional: true, "video track (default: the next free one above V1)")],
                    changesProject: true) { editor, args in
            let t = editor.timeline
            let path = URL(fileURLWithPath: try args.string("path")).standardizedFileURL.path
            let image = try apply(args, to: ImageOverlay(path: path), rate: t.rate)
            try checkDecodes(path, command: args.command)
            let duration = try args.frames("duration", rate: t.rate) ?? Int64((t.rate.framesPerSecond * 5).rounded())
            let track = try args.track("track", in: t)
            let at = editor.context.playhead
            var p = editor.project
            let outcome = try p.timeline.addImage(image, at: at, duration: duration, track: track)
            editor.setProject(p)
            // Selected, so motion-key and image-edit that follow act on it.
            if let id = outcome.created.first { editor.context.selectedClips = [id] }
            let summary = "image \(PathBytes.shown(SystemFile.lastComponent(path))) \(image.summary)"
            // Journaled with the absolute path and the length in frames, so a replay from another
            // folder or after the timeline's rate changed adds the same clip.
            var line = ["image-add", CommandText.quote(path), "at=\(image.position)", "scale=\(image.scale)", "opacity=\(image.opacity)",
                        "duration=\(duration)", "fade-in=\(image.fadeIn)", "fade-out=\(image.fadeOut)"]
            if let track { line.append("track=\(CommandText.quote(t.tracks[track].name))") }
            return CommandResult(([summary] + outcome.notes).joined(separator: "; "), journalLine: line.joined(separator: " "), undoLabel: summary)
        },
        CommandSpec("image-edit", .editing, "Change an image clip's place, scale, opacity or fades (only what is given changes)",
                    arguments: placement + [ArgumentSpec("clip", .clip, optional: true, "the image (default: selected, else the image under the playhead)")],
                    changesProject: true) { editor, args in
            let id = try imageTarget(editor, args)
            guard let old = editor.timeline.clip(id)?.clip.image else { throw CommandError("image-edit: \(id) is not an image clip") }
            let image = try apply(args, to: old, rate: editor.timeline.rate)
            return try TitleCommands.edit(editor, "image edit \(id): \(image.summary)") { t in try t.setImage(clip: id, image) }
        },
    ]

    /// `image` with the placement arguments given applied; an error names the argument and value.
    static func apply(_ args: Arguments, to image: ImageOverlay, rate: Rate) throws(CommandError) -> ImageOverlay {
        var out = image
        let c = args.command
        if let text = args["at"] {
            guard let p = TitleStyle.Position(parsing: text) else {
                throw CommandError("\(c): at: '\(text)' is not a position: use X,Y (0…1 each) or \(TitleStyle.Position.presetNames.joined(separator: ", "))")
            }
            out.position = p
        }
        if let scale = try args.number("scale") {
            guard ImageOverlay.scaleRange.contains(scale) else { throw CommandError("\(c): scale: \(scale) is out of range (0.01 to 20)") }
            out.scale = scale
        }
        if let opacity = try args.number("opacity") {
            guard (0...1).contains(opacity) else { throw CommandError("\(c): opacity: \(opacity) is out of range (0 to 1)") }
            out.opacity = opacity
        }
        if let frames = try args.frames("fade-in", rate: rate) {
            guard frames >= 0 else { throw CommandError("\(c): fade-in: give a length of 0 or more") }
            out.fadeIn = frames
        }
        if let frames = try args.frames("fade-out", rate: rate) {
            guard frames >= 0 else { throw CommandError("\(c): fade-out: give a length of 0 or more") }
            out.fadeOut = frames
        }
        return out
    }

    /// Decodes the PNG once so a file that is missing or will not decode is refused up front.
    static func checkDecodes(_ path: String, command: String) throws(CommandError) {
        do throws(MediaError) {
            _ = try StillImage(path: path)
        } catch {
            throw CommandError("\(command): \(error.description)")
        }
    }

    static func imageTarget(_ editor: Editor, _ args: Arguments) throws(CommandError) -> ClipID {
        if args["clip"] != nil || !editor.context.selectedClips.isEmpty { return try TitleCommands.titleTarget(editor, args) }
        let t = editor.timeline
        for index in t.videoTracks.reversed() {
            if let hit = t.clip(at: editor.context.playhead, track: index), hit.clip.image != nil { return hit.clip.id }
        }
        throw CommandError("\(args.command): no image selected and none under the playhead")
    }
}
