/// Which side of a cut a trim acts on.
public enum EditSide: String, Codable, Sendable {
    /// The A side: the outgoing clip's out-point (ripple).
    case tail
    /// The B side: the incoming clip's in-point (ripple).
    case head
    /// Both sides: a roll.
    case both
}

/// A selected cut on one track, at the record frame where the incoming item starts.
public struct EditPoint: Hashable, Codable, Sendable {
    public var track: Int
    public var frame: Int64
    public var side: EditSide
    public init(track: Int, frame: Int64, side: EditSide) {
        self.track = track; self.frame = frame; self.side = side
    }
}

/// How material lands on the timeline: over what is there, or pushing it later.
public enum PlacementMode: String, Codable, Sendable { case overwrite, insert }
