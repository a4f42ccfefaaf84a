/// A folder of media in the project browser. Bins nest.
public struct Bin: Hashable, Codable, Sendable {
    public var name: String
    public var media: [MediaID]
    public var bins: [Bin]
    /// Named parts of media (`Subclip`), after the bin's media. Optional so older files open
    /// and files without subclips are written as before.
    public var subclips: [Subclip]?

    public init(name: String, media: [MediaID] = [], bins: [Bin] = [], subclips: [Subclip]? = nil) {
        self.name = name; self.media = media; self.bins = bins; self.subclips = subclips
    }
}

/// Everything a project file holds: the media it knows, how they are organised, and the cut.
public struct Project: Hashable, Codable, Sendable {
    /// The file format version this build writes. A file with a larger version is refused, never half-read.
    public static let formatVersion = 1

    public var formatVersion: Int
    public var name: String
    public var media: [MediaReference]
    public var bins: [Bin]
    /// The sequence open in the timeline; every edit acts on it.
    public var timeline: Timeline
    /// The project's other sequences, in the order they were made (Premiere's and Avid's bins
    /// hold several). Optional so older files, with one sequence, still open.
    public var otherSequences: [Timeline]?
    /// The transitions `auto-transitions` and `add-default-transition` use; nil (older files,
    /// nothing set) means Premiere's 1 s centred dissolve.
    public var defaultTransitions: DefaultTransitions?

    public init(name: String, media: [MediaReference] = [], bins: [Bin] = [], timeline: Timeline = Timeline()) {
        self.formatVersion = Project.formatVersion
        self.name = name; self.media = media; self.bins = bins; self.timeline = timeline
    }

    public func mediaReference(_ id: MediaID) -> MediaReference? {
        media.first { $0.id == id }
    }

    /// A media id not yet used, derived from the file name so project files stay readable.
    public func freshMediaID(for name: String) -> MediaID {
        let stem = name.split(separator: ".").first.map(String.init) ?? "media"
        let base = stem.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "-" }.reduce("") { $0 + String($1) }
        let used = Set(media.map(\.id.rawValue))
        if !used.contains(base) { return MediaID(base) }
        var n = 2
        while used.contains("\(base)-\(n)") { n += 1 }
        return MediaID("\(base)-\(n)")
    }

    /// Every sequence, the open one first.
    public var sequences: [Timeline] { [timeline] + (otherSequences ?? []) }

    /// Opens the sequence named `name` in the timeline; the one open goes back among the others
    /// (in its old place when it had one). False when no other sequence has that name.
    public mutating func openSequence(named name: String) -> Bool {
        guard var others = otherSequences, let index = others.firstIndex(where: { $0.name == name }) else { return false }
        let opening = others[index]
        others[index] = timeline
        timeline = opening
        otherSequences = others
        return true
    }
}
