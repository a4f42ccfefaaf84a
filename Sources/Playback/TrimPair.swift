import Render

/// Lays two half-size pictures side by side, centred vertically on black: the A and B sides
/// of a trim, as Avid's trim mode shows them.
enum TrimPair {
    static func compose(_ left: RGBAImage, _ right: RGBAImage, width: Int, height: Int) -> RGBAImage {
        var canvas = RGBAImage(width: width, height: height)
        let top = (height - left.height) / 2
        canvas.draw(left, atX: (width / 2 - left.width) / 2, y: top)
        canvas.draw(right, atX: width / 2 + (width / 2 - right.width) / 2, y: (height - right.height) / 2)
        return canvas
    }
}
