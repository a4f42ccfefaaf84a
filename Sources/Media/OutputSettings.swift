/// What a rendered file holds and how it is encoded: a container, at most one video and one
/// audio stream, each named by libav's encoder name. Plain data, filled from a delivery preset.
public struct OutputSettings: Sendable, Equatable {
    /// libav's muxer name: `mp4`, `mov`, `matroska`, `webm`, `mp3`, `wav`.
    public var container: String
    /// Options for the muxer (`movflags=+faststart`).
    public var containerOptions: [String: String]
    public var video: VideoOutputSettings?
    public var audio: AudioOutputSettings?
    /// Container metadata (`encoder`, `title`).
    public var tags: [String: String]

    public init(container: String, containerOptions: [String: String] = [:], video: VideoOutputSettings?,
                audio: AudioOutputSettings?, tags: [String: String] = [:]) {
        self.container = container
        self.containerOptions = containerOptions
        self.video = video
        self.audio = audio
        self.tags = tags
    }
}

/// How the picture is tagged: colour matrix, primaries, transfer and range, by libav's names
/// (`bt709`, `bt2020nc`, `smpte2084` …), written into the stream so players decode it right.
public struct ColourTags: Sendable, Equatable {
    public var matrix: String
    public var primaries: String
    public var transfer: String
    public var fullRange: Bool

    public init(matrix: String = "bt709", primaries: String = "bt709", transfer: String = "bt709", fullRange: Bool = false) {
        self.matrix = matrix
        self.primaries = primaries
        self.transfer = transfer
        self.fullRange = fullRange
    }

    /// HD video as broadcast and the web expect it (ITU-R BT.709, limited range).
    public static let bt709 = ColourTags()
}

public struct VideoOutputSettings: Sendable, Equatable {
    /// libav encoder name: `libx264`, `prores_ks`, `dnxhd`, `libvpx-vp9`, `ffv1`.
    public var codec: String
    public var width: Int
    public var height: Int
    /// Frames per second (30000/1001 for 29.97).
    public var frameRate: MediaRational
    /// libav pixel format name: `yuv420p`, `yuv422p10le`.
    public var pixelFormat: String
    /// Bits per second, for encoders driven by a bit rate (nil: the encoder's own rate control).
    public var bitRate: Int?
    /// Frames between keyframes (nil: the encoder's default).
    public var keyframeInterval: Int?
    /// Private options of the encoder (`crf`, `preset`, `profile`, `tune`).
    public var options: [String: String]
    public var colour: ColourTags

    public init(codec: String, width: Int, height: Int, frameRate: MediaRational, pixelFormat: String,
                bitRate: Int? = nil, keyframeInterval: Int? = nil, options: [String: String] = [:], colour: ColourTags = .bt709) {
        self.codec = codec
        self.width = width
        self.height = height
        self.frameRate = frameRate
        self.pixelFormat = pixelFormat
        self.bitRate = bitRate
        self.keyframeInterval = keyframeInterval
        self.options = options
        self.colour = colour
    }
}

public struct AudioOutputSettings: Sendable, Equatable {
    /// libav encoder name: `aac`, `libopus`, `libmp3lame`, `pcm_s16le`, `pcm_s24le`, `flac`.
    public var codec: String
    public var sampleRate: Int
    public var channels: Int
    public var bitRate: Int?
    public var options: [String: String]

    public init(codec: String, sampleRate: Int = 48_000, channels: Int = 2, bitRate: Int? = nil, options: [String: String] = [:]) {
        self.codec = codec
        self.sampleRate = sampleRate
        self.channels = channels
        self.bitRate = bitRate
        self.options = options
    }
}
