import TimelineModel

/// A title's style in OpenTimelineIO: the parameters of its `GeneratorReference`
/// (`generator_kind` "termcut.Title"), beside the `text` every text generator carries.
/// OTIO has no schema for titles, so other tools keep these as opaque parameters.
enum OTIOTitle {
    static let kind = "termcut.Title"

    static func parameters(_ s: TitleStyle) -> [(String, JSONOut)] {
        [("font", .string(s.font)), ("size", .double(s.size)), ("colour", .string(TitleStyle.colourText(s.colour))),
         ("outline", .double(s.outline)), ("outline_colour", .string(TitleStyle.colourText(s.outlineColour))),
         ("box", s.box.map { .string(TitleStyle.colourText($0)) } ?? .null), ("position", .string(s.position.description)),
         ("fade_in", .int(s.fadeIn)), ("fade_out", .int(s.fadeOut))]
    }

    /// The style the parameters describe; defaults for what is missing or unreadable.
    static func style(_ p: JSONNode?) -> TitleStyle {
        var s = TitleStyle()
        guard let p else { return s }
        if let v = p["font"]?.string, !v.isEmpty { s.font = v }
        if let v = p["size"]?.number, v >= 4, v <= 1000 { s.size = v }
        if let v = p["colour"]?.string.flatMap(TitleStyle.colour(parsing:)) { s.colour = v }
        if let v = p["outline"]?.number, v >= 0, v <= 50 { s.outline = v }
        if let v = p["outline_colour"]?.string.flatMap(TitleStyle.colour(parsing:)) { s.outlineColour = v }
        s.box = p["box"]?.string.flatMap(TitleStyle.colour(parsing:))
        if let v = p["position"]?.string.flatMap(TitleStyle.Position.init(parsing:)) { s.position = v }
        if let v = p["fade_in"]?.number, v >= 0, v < 1e9 { s.fadeIn = Int64(v) }
        if let v = p["fade_out"]?.number, v >= 0, v < 1e9 { s.fadeOut = Int64(v) }
        return s
    }
}
