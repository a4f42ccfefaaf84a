import PathBytes

/// Identifies a media file within a project. Stable across saves; clips refer to media by it.
public struct MediaID: Hashable, Codable, Sendable, Comparable, CustomStringConvertible, ExpressibleByStringLiteral {
    public let rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }
    public init(from decoder: Decoder) throws { rawValue = try decoder.singleValueContainer().decode(String.self) }
    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(rawValue)
    }
    public static func < (a: MediaID, b: MediaID) -> Bool { a.rawValue < b.rawValue }
    public var description: String { rawValue }
}

/// What the project knows about one media file: where it is and what it holds.
///
/// The facts come from probing the file on import and are kept in the project, so a project
/// whose media went offline still knows every clip's length and layout.
public struct MediaReference: Hashable, Codable, Sendable {
    public var id: MediaID
    public var name: String
    /// As stored in the project: relative to the project's folder when the media lies below it.
    /// A name that is not UTF-8 holds its raw bytes as `PathBytes` scalars.
    public var path: String
    /// Length of the media in its own terms; `duration.rate` is the video rate, or the sample rate for audio-only media.
    public var duration: RationalTime
    public var video: VideoInfo?
    public var audio: AudioInfo?
    /// Source timecode of the first frame, in frames at `duration.rate`.
    public var startTimecode: Int64
    /// How the file counts its own timecode when it says so (a `;` before the frames of its
    /// timecode tag is drop-frame, a `:` is not); nil when it does not (an edit list's source,
    /// a file with no timecode), and then the source is counted as the sequence counts.
    public var timecodeDropFrame: Bool?
    /// Set when the file could not be found on open; never persisted as a fact about the media.
    public var isOffline: Bool
    /// Why the media is offline, when it is for more than a missing file ("replaced …").
    /// Like `isOffline`, found again on every open and never saved.
    public var offlineReason: String?
    /// The file's identity when it was imported or relinked (nil in projects from before it).
    public var fingerprint: MediaFingerprint?
    /// The reel or tape name an edit list gave this source (CMX 3600's reel field), kept so that
    /// a re-export names the same reel; nil for media imported from a file.
    public var reel: String?
    /// The media's proxy (a small, short-GOP copy made by `termcut proxies`: same rate, same
    /// timestamps, same sound) that the preview and scopes may decode instead; a render always
    /// reads `path`. Relative to the project's folder when below it, like `path`; nil when none.
    public var proxy: String?

    public struct VideoInfo: Hashable, Codable, Sendable {
        public var width: Int
        public var height: Int
        public var rate: Rate
        public var codec: String
        public var variableFrameRate: Bool
        /// Width over height of one stored pixel, where it is not square (anamorphic PAL 16:9 is
        /// 64:45, NTSC DV 4:3 is 8:9); nil for square pixels (and in projects written before it).
        public var pixelAspect: PixelAspect?
        public init(width: Int, height: Int, rate: Rate, codec: String, variableFrameRate: Bool = false, pixelAspect: PixelAspect? = nil) {
            self.width = width; self.height = height; self.rate = rate; self.codec = codec
            self.variableFrameRate = variableFrameRate
            self.pixelAspect = pixelAspect.flatMap { $0.isSquare ? nil : $0 }
        }

        /// The picture's size on a square-pixel screen: the stored width stretched by the pixel
        /// aspect (rounded to even), the height kept, as Resolve sizes a timeline for it.
        public var displaySize: (width: Int, height: Int) {
            guard let aspect = pixelAspect else { return (width, height) }
            let stretched = Double(width) * Double(aspect.numerator) / Double(aspect.denominator)
            return (max(2, Int((stretched / 2).rounded()) * 2), height)
        }
    }

    /// A pixel's width over its height, as a ratio of positive integers.
    public struct PixelAspect: Hashable, Codable, Sendable {
        public var numerator: Int
        public var denominator: Int
        public init(_ numerator: Int, _ denominator: Int) { self.numerator = numerator; self.denominator = denominator }
        public var isSquare: Bool { numerator == denominator || numerator <= 0 || denominator <= 0 }
    }

    public struct AudioInfo: Hashable, Codable, Sendable {
        public var sampleRate: Int
        public var channels: Int
        public var layout: String
        public var codec: String
        public init(sampleRate: Int, channels: Int, layout: String, codec: String) {
            self.sampleRate = sampleRate; self.channels = channels; self.layout = layout; self.codec = codec
        }
    }

    public init(id: MediaID, name: String, path: String, duration: RationalTime,
                video: VideoInfo? = nil, audio: AudioInfo? = nil, startTimecode: Int64 = 0, isOffline: Bool = false, reel: String? = nil,
                timecodeDropFrame: Bool? = nil) {
        self.id = id; self.name = name; self.path = path; self.duration = duration
        self.video = video; self.audio = audio; self.startTimecode = startTimecode; self.isOffline = isOffline
        self.reel = reel; self.timecodeDropFrame = timecodeDropFrame
    }

    /// The rate the media counts its own frames and source timecode at: its video rate, else
    /// (sound only, or known only from an edit list) the rate its length is counted at when that
    /// is a frame rate, else the timeline's.
    public func ownRate(timelineRate: Rate) -> Rate {
        if let v = video { return v.rate }
        return duration.rate.numerator <= 120 * duration.rate.denominator ? duration.rate : timelineRate
    }

    /// The media's own frame number (at `ownRate`, from its first frame) showing at timeline
    /// frame `frame` (timeline-rate frames from the media's first frame); see `RateConform`.
    public func ownFrame(atTimelineFrame frame: Int64, timelineRate: Rate) -> Int64 {
        conform(sequenceRate: timelineRate).mediaFrame(atSequenceFrame: frame)
    }

    /// Source timecode (frames at `ownRate` from 00:00:00:00) of timeline frame `frame`:
    /// the media's start timecode plus its own frame there. Shown and exchanged at the media's
    /// rate, so a 25 fps clip in a 30 fps sequence shows 25 fps timecode (as every editor does).
    public func sourceTimecodeFrame(atTimelineFrame frame: Int64, timelineRate: Rate) -> Int64 {
        startTimecode(atOwnRate: ownRate(timelineRate: timelineRate)) + ownFrame(atTimelineFrame: frame, timelineRate: timelineRate)
    }

    /// Source timecode text of timeline frame `frame` at the media's own rate, counted as the
    /// file counts it (see `countsDropFrame`).
    public func sourceTimecode(atTimelineFrame frame: Int64, timeline: Timeline) -> String {
        let own = ownRate(timelineRate: timeline.rate)
        return Timecode.format(frame: sourceTimecodeFrame(atTimelineFrame: frame, timelineRate: timeline.rate), rate: own,
                               dropFrame: countsDropFrame(in: timeline))
    }

    /// Whether the source timecode is drop-frame: as the file says when it says, else only when
    /// the media runs at the sequence's rate and the sequence counts drop-frame.
    public func countsDropFrame(in timeline: Timeline) -> Bool {
        let own = ownRate(timelineRate: timeline.rate)
        guard own.supportsDropFrame else { return false }
        return timecodeDropFrame ?? (timeline.dropFrame && own == timeline.rate)
    }

    /// Whether the media was ever probed (streams known), or is known only from an edit list.
    public var hasStreamFacts: Bool { video != nil || audio != nil }

    /// How many whole timeline frames the media holds at `rate`. Mixed-rate media plays at real
    /// time (as Premiere and Resolve do), so a 25 fps clip in a 30 fps timeline is counted in 1/30 s frames.
    public func availableFrames(at rate: Rate) -> Int64 {
        duration.rescaled(to: rate, rounding: .down).value
    }

    enum CodingKeys: String, CodingKey { case id, name, path, pathBytes, duration, video, audio, startTimecode, timecodeDropFrame, fingerprint, reel, proxy }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(MediaID.self, forKey: .id)
        name = try c.decode(String.self, forKey: .name)
        path = try c.decode(String.self, forKey: .path)
        if let hex = try c.decodeIfPresent(String.self, forKey: .pathBytes) {
            guard let raw = PathBytes.fromHex(hex) else {
                throw DecodingError.dataCorruptedError(forKey: .pathBytes, in: c, debugDescription: "not the hex digits of a file name")
            }
            path = raw
        }
        duration = try c.decode(RationalTime.self, forKey: .duration)
        video = try c.decodeIfPresent(VideoInfo.self, forKey: .video)
        audio = try c.decodeIfPresent(AudioInfo.self, forKey: .audio)
        startTimecode = try c.decodeIfPresent(Int64.self, forKey: .startTimecode) ?? 0
        timecodeDropFrame = try c.decodeIfPresent(Bool.self, forKey: .timecodeDropFrame)
        fingerprint = try c.decodeIfPresent(MediaFingerprint.self, forKey: .fingerprint)
        reel = try c.decodeIfPresent(String.self, forKey: .reel)
        proxy = try c.decodeIfPresent(String.self, forKey: .proxy)
        isOffline = false
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(name, forKey: .name)
        // A name that is not UTF-8: its bytes in hex (exact), and a readable form in `path` that
        // an older termcut shows as offline media to relink. Old projects never have `pathBytes`.
        if PathBytes.isRaw(path) {
            try c.encode(PathBytes.shown(path), forKey: .path)
            try c.encode(PathBytes.hex(path), forKey: .pathBytes)
        } else {
            try c.encode(path, forKey: .path)
        }
        try c.encode(duration, forKey: .duration)
        try c.encodeIfPresent(video, forKey: .video)
        try c.encodeIfPresent(audio, forKey: .audio)
        if startTimecode != 0 { try c.encode(startTimecode, forKey: .startTimecode) }
        try c.encodeIfPresent(timecodeDropFrame, forKey: .timecodeDropFrame)
        try c.encodeIfPresent(fingerprint, forKey: .fingerprint)
        try c.encodeIfPresent(reel, forKey: .reel)
        try c.encodeIfPresent(proxy, forKey: .proxy)
    }
}
