/// A few frames of the selected media drawn with half blocks: each cell is "▀" with the upper
/// pixel as its foreground and the lower as its background, so a cell holds two pixels and a
/// row of cells two rows of the picture. Frames are spread evenly over the media's length.
public enum Filmstrip {
    /// Cells per frame across and down; 12x3 cells is 12x6 pixels, close to 16:9 with the
    /// usual 1:2 cell shape.
    public static let frameColumns = 12
    public static let frameRows = 3

    /// The times (seconds) of `count` frames spread over `seconds`, each in the middle of its share.
    public static func times(count: Int, seconds: Double) -> [Double] {
        guard count > 0, seconds > 0 else { return [] }
        return (0..<count).map { (Double($0) + 0.5) * seconds / Double(count) }
    }

    /// How many frames fit across `width` cells with a one-cell gap between them.
    public static func count(width: Int) -> Int { max(0, (width + 1) / (frameColumns + 1)) }

    /// Draws `image` (`frameColumns` x 2·`frameRows` pixels) at (x, y).
    public static func draw(_ image: RGBImage, x: Int, y: Int, on surface: inout Surface) {
        for row in 0..<min(frameRows, image.height / 2) {
            for column in 0..<min(frameColumns, image.width) {
                let style = Style(fg: image.pixel(x: column, y: 2 * row), bg: image.pixel(x: column, y: 2 * row + 1))
                _ = surface.put("▀", x: x + column, y: y + row, style: style, maxWidth: 1)
            }
        }
    }
}
