/// Subtitles drawn on the picture: shown or not (the preview and the render agree), and the
/// style every event takes.
public struct SubtitleDisplay: Hashable, Codable, Sendable {
    public var shown: Bool
    public var style: TitleStyle
    public init(shown: Bool = false, style: TitleStyle = .subtitle) {
        self.shown = shown; self.style = style
    }
}
