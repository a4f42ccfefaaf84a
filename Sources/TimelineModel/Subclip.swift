/// A named part of one media file, kept in a bin: scene detection leaves one per scene
/// ("<clip> scene 01" …), and loading one into the source monitor marks its range, so it is
/// cut in with insert or overwrite like any marked source.
///
/// The range travels with its rate (the media's own frame rate when it was made), so it names
/// the same frames in a sequence of any rate.
public struct Subclip: Hashable, Codable, Sendable {
    public var name: String
    public var media: MediaID
    /// The media's frames it covers, counted from the media's first frame.
    public var source: TimeRange

    public init(name: String, media: MediaID, source: TimeRange) {
        self.name = name; self.media = media; self.source = source
    }
}

extension Project {
    /// Every subclip in every bin, depth-first in bin order.
    public var subclips: [Subclip] {
        func collect(_ bins: [Bin]) -> [Subclip] { bins.flatMap { ($0.subclips ?? []) + collect($0.bins) } }
        return collect(bins)
    }

    /// The subclip called `name` (exact, then ignoring case).
    public func subclip(named name: String) -> Subclip? {
        let all = subclips
        return all.first { $0.name == name } ?? all.first { $0.name.lowercased() == name.lowercased() }
    }
}
