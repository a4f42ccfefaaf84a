import Foundation
import TimelineModel

/// The `key=value` arguments that style a title or the subtitles (font, size, colour, outline,
/// box, position, fades), shared by `title-add`, `title-edit` and `subtitle-style`.
public enum TitleStyleArguments {
    public static let specs: [ArgumentSpec] = [
        ArgumentSpec("preset", .word, optional: true, "position: lower-third, centre, top, or X,Y in fractions of the frame"),
        ArgumentSpec("font", .word, optional: true, "fontconfig name, e.g. 'DejaVu Sans' or 'DejaVu Sans:bold'"),
        ArgumentSpec("size", .number, optional: true, "text height in pixels of a 1080-line picture"),
        ArgumentSpec("colour", .word, optional: true, "text colour: #RRGGBB, #RRGGBBAA or a name (white, yellow…)"),
        ArgumentSpec("outline", .word, optional: true, "outline width in pixels, optionally WIDTH,COLOUR (0 for none)"),
        ArgumentSpec("box", .word, optional: true, "background box colour (#00000080), or off"),
        ArgumentSpec("fade-in", .word, optional: true, "fade in length (frames, 12, 0.5s)"),
        ArgumentSpec("fade-out", .word, optional: true, "fade out length"),
    ]

    /// `style` with the given arguments applied; an error names the argument and the value.
    public static func apply(_ args: Arguments, to style: TitleStyle, rate: Rate) throws(CommandError) -> TitleStyle {
        var s = style
        let c = args.command
        if let text = args["preset"] {
            guard let p = TitleStyle.Position(parsing: text) else {
                throw CommandError("\(c): preset: '\(text)' is not a position: use \(TitleStyle.Position.presetNames.joined(separator: ", ")) or X,Y (0…1 each)")
            }
            s.position = p
        }
        if let font = args["font"] {
            guard !font.trimmingCharacters(in: .whitespaces).isEmpty else { throw CommandError("\(c): font: give a font name") }
            s.font = font
        }
        if let size = try args.number("size") {
            guard size >= 4, size <= 1000 else { throw CommandError("\(c): size: \(size) is out of range (4 to 1000 pixels)") }
            s.size = size
        }
        if let text = args["colour"] {
            guard let v = TitleStyle.colour(parsing: text) else { throw CommandError("\(c): colour: '\(text)' is not a colour (#RRGGBB, #RRGGBBAA, white…)") }
            s.colour = v
        }
        if let text = args["outline"] {
            let parts = text.split(separator: ",", maxSplits: 1).map(String.init)
            guard let width = Double(parts.first ?? ""), width >= 0, width <= 50 else {
                throw CommandError("\(c): outline: '\(text)' is not an outline (a width 0 to 50, optionally ,COLOUR)")
            }
            s.outline = width
            if parts.count == 2 {
                guard let v = TitleStyle.colour(parsing: parts[1]) else { throw CommandError("\(c): outline: '\(parts[1])' is not a colour") }
                s.outlineColour = v
            }
        }
        if let text = args["box"] {
            if ["off", "none", "no"].contains(text.lowercased()) {
                s.box = nil
            } else if ["on", "yes"].contains(text.lowercased()) {
                s.box = 0x0000_00A0
            } else {
                guard let v = TitleStyle.colour(parsing: text) else { throw CommandError("\(c): box: '\(text)' is not a colour (or off)") }
                s.box = v
            }
        }
        if let frames = try args.frames("fade-in", rate: rate) {
            guard frames >= 0 else { throw CommandError("\(c): fade-in: give a length of 0 or more") }
            s.fadeIn = frames
        }
        if let frames = try args.frames("fade-out", rate: rate) {
            guard frames >= 0 else { throw CommandError("\(c): fade-out: give a length of 0 or more") }
            s.fadeOut = frames
        }
        return s
    }

    /// Text typed for a title or subtitle, refused when empty or when it carries U+FFFD (what
    /// bytes that were not UTF-8 turn into when a script or terminal is read).
    public static func checkedText(_ text: String, command: String) throws(CommandError) -> String {
        // `\n` typed in the command line makes a line break, as in caption tools.
        let text = text.replacingOccurrences(of: "\\n", with: "\n")
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw CommandError("\(command): the text is empty; give the words in quotes")
        }
        if let at = text.unicodeScalars.firstIndex(of: "\u{FFFD}") {
            let offset = text.unicodeScalars.distance(from: text.unicodeScalars.startIndex, to: at)
            throw CommandError("\(command): the text is not valid UTF-8 (a replacement character at character \(offset)); save the script as UTF-8")
        }
        return text
    }
}
