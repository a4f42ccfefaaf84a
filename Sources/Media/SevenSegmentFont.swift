/// Big digits drawn as seven-segment glyphs with filled rectangles: enough to burn a
/// frame counter into demo footage without a text library.
enum SevenSegmentFont {
    /// Segments a…g (top, top right, bottom right, bottom, bottom left, top left, middle)
    /// lit for each digit, as bits 0…6.
    static let segments: [UInt8] = [
        0b011_1111, 0b000_0110, 0b101_1011, 0b100_1111, 0b110_0110,
        0b110_1101, 0b111_1101, 0b000_0111, 0b111_1111, 0b110_1111,
    ]

    /// Width of one digit cell (glyph plus spacing) for a digit `height` tall.
    static func advance(height: Int) -> Int { height * 5 / 8 }

    /// Draws `text` (digits; other characters leave a gap) with its top-left at x, y.
    static func draw(_ text: String, x: Int, y: Int, height: Int, colour: VideoColour, on canvas: PictureCanvas) {
        let width = height / 2
        let thickness = max(2, height / 9)
        let middle = (height - thickness) / 2
        for (position, character) in text.enumerated() {
            guard let digit = character.wholeNumberValue else { continue }
            let left = x + position * advance(height: height)
            let lit = segments[digit]
            let rectangles: [(Int, Int, Int, Int)] = [
                (left, y, width, thickness),                                       // a
                (left + width - thickness, y, thickness, middle + thickness),      // b
                (left + width - thickness, y + middle, thickness, height - middle), // c
                (left, y + height - thickness, width, thickness),                  // d
                (left, y + middle, thickness, height - middle),                    // e
                (left, y, thickness, middle + thickness),                          // f
                (left, y + middle, width, thickness),                              // g
            ]
            for (segment, rectangle) in rectangles.enumerated() where lit & (1 << segment) != 0 {
                canvas.fill(x: rectangle.0, y: rectangle.1, width: rectangle.2, height: rectangle.3, with: colour)
            }
        }
    }
}
