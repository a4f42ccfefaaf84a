import Editor
import Foundation
import TextShaping
import TimelineModel

/// Titles (`title-add`, `title-edit`) and the subtitles on the picture (`subtitles`): App-level
/// because the font named is checked with fontconfig (a missing font is an error that says
/// what fontconfig would have used instead) before the project changes.
public enum TitleCommands {
    public static let specs: [CommandSpec] = [
        CommandSpec("title-add", .editing,
                    "Add a title at the playhead on the next free video track above the picture (5 seconds unless duration= is given)",
                    arguments: [ArgumentSpec("text", .text, "the words (\\n for a line break)"),
                                ArgumentSpec("duration", .word, optional: true, "length (frames, 5s, timecode)")] + TitleStyleArguments.specs,
                    changesProject: true) { editor, args in
            let text = try TitleStyleArguments.checkedText(try args.string("text"), command: args.command)
            let t = editor.timeline
            let style = try TitleStyleArguments.apply(args, to: TitleStyle(), rate: t.rate)
            try checkFont(style.font, command: args.command)
            let duration = try args.frames("duration", rate: t.rate) ?? Int64((t.rate.framesPerSecond * 5).rounded())
            let at = editor.context.playhead
            return try edit(editor, "title \(CommandText.quote(String(text.prefix(30))))") { t in
                try t.addTitle(text: text, style: style, at: at, duration: duration)
            }
        },
        CommandSpec("title-edit", .editing, "Change a title's words or style (only what is given changes)",
                    arguments: [ArgumentSpec("text", .text, optional: true, "new words (\\n for a line break)"),
                                ArgumentSpec("clip", .clip, optional: true, "the title (default: selected, else the title under the playhead)")]
                        + TitleStyleArguments.specs,
                    changesProject: true) { editor, args in
            let id = try titleTarget(editor, args)
            guard let clip = editor.timeline.clip(id)?.clip, let old = clip.title else {
                throw CommandError("title-edit: \(id) is not a title")
            }
            let text = try args["text"].map { (t: String) throws(CommandError) in try TitleStyleArguments.checkedText(t, command: args.command) } ?? (clip.text ?? "")
            let style = try TitleStyleArguments.apply(args, to: old, rate: editor.timeline.rate)
            if style.font != old.font { try checkFont(style.font, command: args.command) }
            return try edit(editor, "title edit \(id)") { t in
                try t.setTitle(clip: id, text: text, style: style)
            }
        },
        CommandSpec("subtitles", .view,
                    "Show the subtitle track on the picture (preview and render) or hide it, and style it (font=, size=, outline=, preset=…)",
                    arguments: [ArgumentSpec("state", .choice(["on", "off", "toggle"]), optional: true, "on, off or toggle (default: toggle)")]
                        + TitleStyleArguments.specs,
                    changesProject: true) { editor, args in
            var p = editor.project
            var display = p.timeline.subtitleDisplay ?? SubtitleDisplay()
            let styled = args.values.keys.contains { $0 != "state" }
            switch args["state"] {
            case "on": display.shown = true
            case "off": display.shown = false
            default: if !styled { display.shown.toggle() }
            }
            let style = try TitleStyleArguments.apply(args, to: display.style, rate: p.timeline.rate)
            if style.font != display.style.font { try checkFont(style.font, command: args.command) }
            display.style = style
            p.timeline.subtitleDisplay = display
            editor.setProject(p)
            return CommandResult("subtitles \(display.shown ? "on" : "off"): \(style.summary)")
        },
    ]

    static func checkFont(_ name: String, command: String) throws(CommandError) {
        do throws(TextError) {
            _ = try Typesetter.shared.font(name)
        } catch {
            throw CommandError("\(command): \(error.description)")
        }
    }

    /// Runs a model edit on the project (as the editor's own commands do) and reports it.
    static func edit(_ editor: Editor, _ summary: String, _ change: (inout Timeline) throws -> EditOutcome) throws -> CommandResult {
        var p = editor.project
        let outcome = try change(&p.timeline)
        editor.setProject(p)
        return CommandResult(([summary] + outcome.notes).joined(separator: "; "), undoLabel: summary)
    }

    static func titleTarget(_ editor: Editor, _ args: Arguments) throws(CommandError) -> ClipID {
        if let text = args["clip"] {
            let digits = text.hasPrefix("c") ? String(text.dropFirst()) : text
            guard let n = Int64(digits), editor.timeline.find(ClipID(n)) != nil else { throw CommandError("\(args.command): no clip \(text) on the timeline") }
            return ClipID(n)
        }
        if let selected = editor.context.selectedClips.sorted().first { return selected }
        let t = editor.timeline
        for index in t.videoTracks.reversed() {
            if let hit = t.clip(at: editor.context.playhead, track: index), hit.clip.title != nil { return hit.clip.id }
        }
        throw CommandError("\(args.command): no title selected and none under the playhead")
    }
}
