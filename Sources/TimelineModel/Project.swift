/// A folder of media in the project browser. Bins nest.
public struct Bin: Hashable, Codable, Sendable {
    public var name: String
    public var media: [MediaID]
    public var bins: [Bin]

    public init(name: String, media: [MediaID] = [], bins: [Bin] = []) {
        self.name = name; self.media = media; self.bins = bins
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
    public var timeline: Timeline

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
}
