/// Text that cannot be set: a font fontconfig does not have, words that are not UTF-8, nothing to draw.
public struct TextError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
