/// Text attributes that work without colour (and so survive `NO_COLOR`).
public struct Attributes: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let bold = Attributes(rawValue: 1 << 0)
    public static let dim = Attributes(rawValue: 1 << 1)
    public static let italic = Attributes(rawValue: 1 << 2)
    public static let underline = Attributes(rawValue: 1 << 3)
    public static let reverse = Attributes(rawValue: 1 << 4)

    /// Names as theme files spell them (helix's `modifiers`).
    public static let byName: [String: Attributes] = [
        "bold": .bold, "dim": .dim, "italic": .italic, "underline": .underline, "underlined": .underline,
        "reverse": .reverse, "reversed": .reverse,
    ]
}

/// How one cell looks. A `nil` colour means "whatever is underneath", so styles
/// can be layered: a clip's colour, then the selection, then the playhead.
public struct Style: Equatable, Hashable, Sendable {
    public var fg: Color?
    public var bg: Color?
    public var attributes: Attributes

    public init(fg: Color? = nil, bg: Color? = nil, attributes: Attributes = []) {
        self.fg = fg
        self.bg = bg
        self.attributes = attributes
    }

    public static let plain = Style()

    /// This style with `other` laid over it: other's colours win where set, attributes add up.
    public func patched(with other: Style) -> Style {
        Style(fg: other.fg ?? fg, bg: other.bg ?? bg, attributes: attributes.union(other.attributes))
    }
}
