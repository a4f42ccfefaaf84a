/// The card shown where a clip's media cannot be reached: big block letters saying so, and the
/// file's name, so the editor knows what to relink without leaving the viewer.
public enum OfflineCard {
    public static let background = RGBAColour(r: 110, g: 0, b: 0)
    public static let lettering = RGBAColour(r: 255, g: 255, b: 255)

    /// A `width`×`height` card with `title` (MEDIA OFFLINE) above `name`.
    public static func draw(width: Int, height: Int, title: String = "MEDIA OFFLINE", name: String) -> RGBAImage {
        var card = RGBAImage(width: width, height: height, colour: background)
        // The title spans about 70% of the width; the name at most 80%, at a third of the size.
        let titleScale = max(1, (width * 7 / 10) / max(1, BlockFont.size(of: title, scale: 1).width))
        let shown = name.count > 60 ? String(name.prefix(28)) + "..." + String(name.suffix(28)) : name
        let nameScale = max(1, min(max(1, titleScale / 3), (width * 8 / 10) / max(1, BlockFont.size(of: shown, scale: 1).width)))
        let titleSize = BlockFont.size(of: title, scale: titleScale)
        let nameSize = BlockFont.size(of: shown, scale: nameScale)
        let gap = shown.isEmpty ? 0 : titleSize.height / 2
        let top = (height - titleSize.height - gap - (shown.isEmpty ? 0 : nameSize.height)) / 2
        BlockFont.draw(title, into: &card, x: (width - titleSize.width) / 2, y: top, scale: titleScale, colour: lettering)
        if !shown.isEmpty {
            BlockFont.draw(shown, into: &card, x: (width - nameSize.width) / 2, y: top + titleSize.height + gap,
                           scale: nameScale, colour: lettering)
        }
        return card
    }
}
