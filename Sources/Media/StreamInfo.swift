/// One stream of a media file. Video-only fields are `nil` for audio and the reverse.
public struct StreamInfo: Sendable, Equatable, Codable {
    public var index: Int
    public var kind: StreamKind
    /// libav's codec name (`h264`, `aac`, `pcm_s16le`).
    public var codecName: String
    public var codecLongName: String?
    public var profile: String?
    /// Whether this build of libav has a decoder for the codec.
    public var isDecodable: Bool
    public var timeBase: MediaRational
    /// First timestamp in `timeBase` units, when known.
    public var startTimestamp: Int64?
    public var startTime: Double?
    /// Duration in `timeBase` units, when the container declares it.
    public var durationTimestamp: Int64?
    public var duration: Double?
    public var bitRate: Int?
    /// Frames (video) or packets (audio) the container declares, when it does.
    public var frameCount: Int?
    public var isDefault: Bool
    public var isAttachedPicture: Bool
    public var language: String?
    /// The stream's `timecode` tag: where MOV/MP4 keep a timecode track's start (`tmcd`), and
    /// some cameras tag the video stream itself.
    public var timecode: String?

    // Video
    public var pixelFormat: String?
    public var width: Int?
    public var height: Int?
    public var sampleAspectRatio: MediaRational?
    /// Average frame rate (frames / duration): the rate to conform to.
    public var frameRate: MediaRational?
    /// libav's `r_frame_rate`: the lowest rate that represents every timestamp exactly.
    public var realFrameRate: MediaRational?
    /// `progressive`, `tt`, `bb`, `tb`, `bt` (top/bottom field first, coded/displayed).
    public var fieldOrder: String?
    public var isInterlaced: Bool?
    public var colorSpace: String?
    public var colorRange: String?
    public var colorPrimaries: String?
    public var colorTransfer: String?
    /// Display rotation in degrees counter-clockwise (phone footage), from the display matrix.
    public var rotation: Double?
    /// Median distance between keyframes, in frames, from a packet scan of the stream's start.
    /// `nil` when the scan saw fewer than two keyframes.
    public var keyframeInterval: Int?
    /// Whether frame timestamps in the scanned stretch are irregular (variable frame rate).
    public var isVariableFrameRate: Bool?

    // Audio
    public var sampleRate: Int?
    public var sampleFormat: String?
    public var channels: Int?
    /// libav's description, e.g. `stereo`, `5.1(side)`, `6 channels`.
    public var channelLayout: String?

    public init(index: Int, kind: StreamKind, codecName: String, timeBase: MediaRational) {
        self.index = index
        self.kind = kind
        self.codecName = codecName
        self.timeBase = timeBase
        self.isDecodable = false
        self.isDefault = false
        self.isAttachedPicture = false
    }

    enum CodingKeys: String, CodingKey {
        case index, kind = "type", codecName = "codec", codecLongName = "codec_long_name", profile
        case isDecodable = "decodable", timeBase = "time_base", startTimestamp = "start_pts"
        case startTime = "start_time", durationTimestamp = "duration_ts", duration
        case bitRate = "bit_rate", frameCount = "nb_frames", isDefault = "default"
        case isAttachedPicture = "attached_pic", language, timecode
        case pixelFormat = "pix_fmt", width, height, sampleAspectRatio = "sample_aspect_ratio"
        case frameRate = "frame_rate", realFrameRate = "r_frame_rate", fieldOrder = "field_order"
        case isInterlaced = "interlaced", colorSpace = "color_space", colorRange = "color_range"
        case colorPrimaries = "color_primaries", colorTransfer = "color_transfer", rotation
        case keyframeInterval = "keyframe_interval", isVariableFrameRate = "vfr"
        case sampleRate = "sample_rate", sampleFormat = "sample_fmt", channels
        case channelLayout = "channel_layout"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(index, forKey: .index)
        try c.encode(kind, forKey: .kind)
        try c.encode(codecName, forKey: .codecName)
        try c.encode(codecLongName, forKey: .codecLongName)
        try c.encode(profile, forKey: .profile)
        try c.encode(isDecodable, forKey: .isDecodable)
        try c.encode(timeBase, forKey: .timeBase)
        try c.encode(startTimestamp, forKey: .startTimestamp)
        try c.encode(startTime, forKey: .startTime)
        try c.encode(durationTimestamp, forKey: .durationTimestamp)
        try c.encode(duration, forKey: .duration)
        try c.encode(bitRate, forKey: .bitRate)
        try c.encode(frameCount, forKey: .frameCount)
        try c.encode(isDefault, forKey: .isDefault)
        try c.encode(isAttachedPicture, forKey: .isAttachedPicture)
        try c.encode(language, forKey: .language)
        try c.encode(timecode, forKey: .timecode)
        try c.encode(pixelFormat, forKey: .pixelFormat)
        try c.encode(width, forKey: .width)
        try c.encode(height, forKey: .height)
        try c.encode(sampleAspectRatio, forKey: .sampleAspectRatio)
        try c.encode(frameRate, forKey: .frameRate)
        try c.encode(realFrameRate, forKey: .realFrameRate)
        try c.encode(fieldOrder, forKey: .fieldOrder)
        try c.encode(isInterlaced, forKey: .isInterlaced)
        try c.encode(colorSpace, forKey: .colorSpace)
        try c.encode(colorRange, forKey: .colorRange)
        try c.encode(colorPrimaries, forKey: .colorPrimaries)
        try c.encode(colorTransfer, forKey: .colorTransfer)
        try c.encode(rotation, forKey: .rotation)
        try c.encode(keyframeInterval, forKey: .keyframeInterval)
        try c.encode(isVariableFrameRate, forKey: .isVariableFrameRate)
        try c.encode(sampleRate, forKey: .sampleRate)
        try c.encode(sampleFormat, forKey: .sampleFormat)
        try c.encode(channels, forKey: .channels)
        try c.encode(channelLayout, forKey: .channelLayout)
    }
}
