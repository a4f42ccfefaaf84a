/// What an edit puts on the timeline: a range of one media file (or a generator).
public struct EditSource: Hashable, Sendable {
    public var media: MediaID
    public var name: String
    /// Frames the media holds at the timeline rate (`MediaReference.availableFrames(at:)`); nil for generators.
    public var available: Int64?
    public var hasVideo: Bool
    public var hasAudio: Bool
    /// The source frames to use, at the timeline rate, counted from the media's first frame.
    public var range: FrameRange
    /// Sound channels of the media (how many mono clips the mono mapping makes).
    public var audioChannels: Int

    public init(media: MediaID, name: String, available: Int64?, hasVideo: Bool, hasAudio: Bool, range: FrameRange, audioChannels: Int = 2) {
        self.media = media; self.name = name; self.available = available
        self.hasVideo = hasVideo; self.hasAudio = hasAudio; self.range = range
        self.audioChannels = audioChannels
    }

    /// The whole of a media reference, counted at `rate`.
    public init(_ media: MediaReference, rate: Rate, range: FrameRange? = nil) {
        let available = media.availableFrames(at: rate)
        self.init(media: media.id, name: media.name, available: available, hasVideo: media.video != nil,
                  hasAudio: media.audio != nil, range: range ?? FrameRange(start: 0, duration: available),
                  audioChannels: media.audio?.channels ?? 0)
    }
}

/// Which tracks receive the source's picture and sound (Avid's track patching).
/// Stereo or multichannel sound becomes one clip on `audio`, or with the sequence's mono mapping
/// (`AudioMapping.monoPairs`) one mono clip per channel on `audio` and the audio tracks after it.
public struct SourcePatch: Hashable, Sendable {
    public var video: Int?
    public var audio: Int?
    public init(video: Int? = nil, audio: Int? = nil) { self.video = video; self.audio = audio }
}

/// What an edit did beyond changing the timeline: clips it created and things the user should hear about.
public struct EditOutcome: Sendable, Hashable {
    /// Clips made from the edit source, in track order (splits made along the way are not listed).
    public var created: [ClipID] = []
    /// Clamps and side effects in words, e.g. "trim stopped at the last available frame of bars".
    public var notes: [String] = []
    /// For trims, slips, slides and nudges: the delta actually applied after clamping (nil for other edits).
    public var applied: Int64? = nil
    public init(created: [ClipID] = [], notes: [String] = [], applied: Int64? = nil) {
        self.created = created; self.notes = notes; self.applied = applied
    }
}

/// Which side of a cut a trim takes.
public enum EditSide: String, Codable, Sendable {
    /// A side: the outgoing item's out-point (ripple).
    case tail
    /// B side: the incoming item's in-point (ripple).
    case head
    /// Both sides: a roll.
    case both
}

/// A selected cut: the record frame where one item ends and the next begins, on one track.
public struct EditPoint: Hashable, Codable, Sendable {
    public var track: Int
    /// Record frame of the cut (the first frame of the incoming item).
    public var frame: Int64
    public var side: EditSide
    public init(track: Int, frame: Int64, side: EditSide) { self.track = track; self.frame = frame; self.side = side }
}

/// How material lands on a track: replacing what is there, or pushing it later.
public enum PlacementMode: String, Codable, Sendable {
    case overwrite, insert
}
