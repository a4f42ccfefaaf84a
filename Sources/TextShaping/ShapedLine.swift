/// One glyph placed by HarfBuzz: `x`, `y` are the pen position plus the glyph's offset, in
/// pixels from the line's origin (y up); glyphs come in visual order, left to right.
public struct ShapedGlyph: Equatable, Sendable {
    public var glyph: UInt32
    /// Byte offset in the line's UTF-8 of the characters this glyph shows.
    public var cluster: Int
    public var x: Double
    public var y: Double
    public var advance: Double
    /// Which of the line's `fonts` drew it (0: the font asked for).
    public var font: Int = 0
}

/// A line of text after shaping, in the face that covers it.
public struct ShapedLine: Sendable {
    public var text: String
    public var glyphs: [ShapedGlyph]
    /// The paragraph runs right to left (its first strong character is Arabic, Hebrew…: UAX #9 P2).
    public var isRightToLeft: Bool
    /// The font file that drew most of it (the one asked for, or fontconfig's fallback for its script).
    public var fontPath: String
    public var fontFamily: String
    public var width: Double
    /// Every font the line's glyphs come from: the one asked for first, then the fallbacks
    /// for characters it lacks (a CJK word in a Latin title is drawn in a CJK font, the rest
    /// stays in the title's font).
    public var fonts: [Typesetter.FontMatch] = []
}
