/// Identifies a clip on the timeline. Allocated from the timeline's counter so that replaying
/// the same commands (journal recovery, scripts) gives the same ids.
public struct ClipID: Hashable, Codable, Sendable, Comparable, CustomStringConvertible {
    public let rawValue: Int64
    public init(_ rawValue: Int64) { self.rawValue = rawValue }
    public init(from decoder: Decoder) throws { rawValue = try decoder.singleValueContainer().decode(Int64.self) }
    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(rawValue)
    }
    public static func < (a: ClipID, b: ClipID) -> Bool { a.rawValue < b.rawValue }
    public var description: String { "c\(rawValue)" }
}

/// Groups clips that move and trim together (the picture and sound of one take).
public struct LinkID: Hashable, Codable, Sendable, CustomStringConvertible {
    public let rawValue: Int64
    public init(_ rawValue: Int64) { self.rawValue = rawValue }
    public init(from decoder: Decoder) throws { rawValue = try decoder.singleValueContainer().decode(Int64.self) }
    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(rawValue)
    }
    public var description: String { "L\(rawValue)" }
}

/// A piece of media placed on a track.
///
/// `source` counts timeline frames from the media's first frame; the clip's record position is
/// derived from its place in the track and never stored.
///
/// With a `speed` s (media frames per record frame), `source` and `available` count clip-local
/// *units*, one per record frame, and unit u shows media frame floor(u × s)
/// (`mediaFrame(atUnit:)`, the one place that mapping lives). At 200%:
///
///     units        0   1   2   3   4   5   6   7          available = ceil(mediaFrames / s)
///     media frame  0   2   4   6   8  10  12  14          first media frame = floor(source.start × s)
///                      [source 1..<4] shows 2, 4, 6
///
/// (`available` counts the units whose frame lies inside the media.) So every edit operation
/// (trim, razor, slip, slide, roll…) works on units unchanged, and its clamps stay right because
/// `available` is in the same units. Markers on the clip are in units too.
/// A freeze holds `speed.freezeFrame` over the whole clip: `available` is nil (unbounded, like a
/// generator, so trims can extend it) and `source` is `0 ..< record duration`.
public struct Clip: Hashable, Codable, Sendable {
    public var id: ClipID
    public var name: String
    public var media: MediaID
    public var source: FrameRange
    /// Frames the media holds at the timeline rate; nil when unbounded (generators such as titles).
    public var available: Int64?
    public var enabled: Bool
    public var link: LinkID?
    /// Markers on the clip, in source frames, so they travel with the clip through edits.
    public var markers: [Marker]
    /// A transition into the next clip on the same track, centred on or aligned to the cut.
    public var transitionOut: Transition?
    public var gainDB: Double
    /// The words of a generated text clip (a subtitle or title); nil for media clips.
    public var text: String?
    /// A constant speed change or freeze frame; nil plays at 100%.
    public var speed: ClipSpeed?
    /// Fades from silence at the head and to silence at the tail (record frames); nil for none.
    public var fadeIn: ClipFade?
    public var fadeOut: ClipFade?
    /// Volume automation on top of `gainDB`, sorted by frame (clip units, like markers).
    public var volumeKeyframes: [VolumeKeyframe] = []
    /// How a title clip's `text` is drawn (generated media on a video track); nil for other clips.
    public var title: TitleStyle?
    /// High-pass and noise reduction of the clip's sound; nil: none.
    public var cleanup: ClipCleanup?
    /// The one source sound channel (0-based) the clip plays, as mono; nil: all its channels.
    public var channel: Int?
    /// Colour correction of the clip's picture (`Grade`); nil draws the media as decoded.
    public var grade: Grade?
    /// A nested sequence: the name of the project's sequence this clip shows (its `source` counts
    /// that sequence's frames); nil for media. Its `media` is `Clip.sequenceMedia`.
    public var sequence: String?
    /// The picture of an image or logo clip (generated media on a video track); nil for other clips.
    public var image: ImageOverlay?
    /// Position, scale and opacity keyframes of a title or image clip, sorted by frame (clip units).
    public var motion: [MotionKeyframe] = []

    /// The media id generated clips (subtitles, titles) carry: they have no file behind them.
    public static let generatedMedia = MediaID("generated")
    /// The media id nested sequences carry: their picture comes from another sequence, not a file.
    public static let sequenceMedia = MediaID("sequence")

    public init(id: ClipID, name: String, media: MediaID, source: FrameRange, available: Int64?,
                enabled: Bool = true, link: LinkID? = nil, markers: [Marker] = [],
                transitionOut: Transition? = nil, gainDB: Double = 0, text: String? = nil,
                speed: ClipSpeed? = nil) {
        self.id = id; self.name = name; self.media = media; self.source = source
        self.available = available; self.enabled = enabled; self.link = link; self.markers = markers
        self.transitionOut = transitionOut; self.gainDB = gainDB; self.text = text
        self.speed = speed
    }

    /// The media frame (timeline-rate frames from the media's first frame) shown at clip unit
    /// `unit` (a value in `source`'s units): the unit itself at 100%, floor(unit × speed) with a
    /// speed, the held frame for a freeze.
    public func mediaFrame(atUnit unit: Int64) -> Int64 {
        speed?.mediaFrame(atUnit: unit) ?? unit
    }

    public var duration: Int64 { source.duration }

    /// The media range the clip may use: all of it, or unbounded for generators.
    public var availableRange: FrameRange? { available.map { FrameRange(start: 0, duration: $0) } }

    /// Frames of media left before the source in-point (head handle) and after the out-point (tail handle).
    public var headHandle: Int64 { available == nil ? Int64.max / 4 : source.start }
    public var tailHandle: Int64 { available.map { $0 - source.end } ?? Int64.max / 4 }

    enum CodingKeys: String, CodingKey { case id, name, media, source, available, enabled, link, markers, transitionOut, gainDB, text, speed, fadeIn, fadeOut, volumeKeyframes, title, cleanup, channel, grade, sequence, image, motion }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(ClipID.self, forKey: .id)
        name = try c.decode(String.self, forKey: .name)
        media = try c.decode(MediaID.self, forKey: .media)
        source = try c.decode(FrameRange.self, forKey: .source)
        available = try c.decodeIfPresent(Int64.self, forKey: .available)
        enabled = try c.decodeIfPresent(Bool.self, forKey: .enabled) ?? true
        link = try c.decodeIfPresent(LinkID.self, forKey: .link)
        markers = try c.decodeIfPresent([Marker].self, forKey: .markers) ?? []
        transitionOut = try c.decodeIfPresent(Transition.self, forKey: .transitionOut)
        gainDB = try c.decodeIfPresent(Double.self, forKey: .gainDB) ?? 0
        text = try c.decodeIfPresent(String.self, forKey: .text)
        speed = try c.decodeIfPresent(ClipSpeed.self, forKey: .speed)
        fadeIn = try c.decodeIfPresent(ClipFade.self, forKey: .fadeIn)
        fadeOut = try c.decodeIfPresent(ClipFade.self, forKey: .fadeOut)
        volumeKeyframes = try c.decodeIfPresent([VolumeKeyframe].self, forKey: .volumeKeyframes) ?? []
        title = try c.decodeIfPresent(TitleStyle.self, forKey: .title)
        cleanup = try c.decodeIfPresent(ClipCleanup.self, forKey: .cleanup)
        channel = try c.decodeIfPresent(Int.self, forKey: .channel)
        grade = try c.decodeIfPresent(Grade.self, forKey: .grade)
        sequence = try c.decodeIfPresent(String.self, forKey: .sequence)
        image = try c.decodeIfPresent(ImageOverlay.self, forKey: .image)
        motion = try c.decodeIfPresent([MotionKeyframe].self, forKey: .motion) ?? []
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(name, forKey: .name)
        try c.encode(media, forKey: .media)
        try c.encode(source, forKey: .source)
        try c.encodeIfPresent(available, forKey: .available)
        if !enabled { try c.encode(enabled, forKey: .enabled) }
        try c.encodeIfPresent(link, forKey: .link)
        if !markers.isEmpty { try c.encode(markers, forKey: .markers) }
        try c.encodeIfPresent(transitionOut, forKey: .transitionOut)
        if gainDB != 0 { try c.encode(gainDB, forKey: .gainDB) }
        try c.encodeIfPresent(text, forKey: .text)
        try c.encodeIfPresent(speed, forKey: .speed)
        try c.encodeIfPresent(fadeIn, forKey: .fadeIn)
        try c.encodeIfPresent(fadeOut, forKey: .fadeOut)
        if !volumeKeyframes.isEmpty { try c.encode(volumeKeyframes, forKey: .volumeKeyframes) }
        try c.encodeIfPresent(title, forKey: .title)
        try c.encodeIfPresent(cleanup, forKey: .cleanup)
        try c.encodeIfPresent(channel, forKey: .channel)
        try c.encodeIfPresent(grade, forKey: .grade)
        try c.encodeIfPresent(sequence, forKey: .sequence)
        try c.encodeIfPresent(image, forKey: .image)
        if !motion.isEmpty { try c.encode(motion, forKey: .motion) }
    }
}

/// A transition at the cut after a clip. It takes no record time of its own (as in Avid and
/// OpenTimelineIO): it overlaps the outgoing clip's tail and the incoming clip's head, so both
/// clips need media handles across the cut.
public struct Transition: Hashable, Codable, Sendable {
    public enum Kind: String, Codable, Sendable, CaseIterable { case dissolve, dip, wipe }
    public enum Alignment: String, Codable, Sendable, CaseIterable { case centered, endAtCut, startAtCut }

    public var kind: Kind
    public var duration: Int64
    public var alignment: Alignment

    public init(kind: Kind = .dissolve, duration: Int64, alignment: Alignment = .centered) {
        self.kind = kind; self.duration = duration; self.alignment = alignment
    }

    /// Frames of the transition before the cut (taken from the incoming clip's head handle).
    public var inOffset: Int64 {
        switch alignment {
        case .centered: return duration / 2
        case .endAtCut: return duration
        case .startAtCut: return 0
        }
    }
    /// Frames after the cut (taken from the outgoing clip's tail handle).
    public var outOffset: Int64 { duration - inOffset }
}

/// A named point on the timeline or on a clip.
public struct Marker: Hashable, Codable, Sendable {
    public enum Color: String, Codable, Sendable, CaseIterable { case red, orange, yellow, green, cyan, blue, purple, pink, white }
    public var frame: Int64
    public var name: String
    public var color: Color
    public var note: String
    /// Length for range markers; 0 for a point.
    public var duration: Int64

    public init(frame: Int64, name: String, color: Color = .red, note: String = "", duration: Int64 = 0) {
        self.frame = frame; self.name = name; self.color = color; self.note = note; self.duration = duration
    }
}
