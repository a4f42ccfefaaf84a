/// What a media file contains, as `MediaProbe.probe` found it.
///
/// Codable with stable snake_case keys (the schema of `termcut probe --json`);
/// unknown values are written as `null` rather than left out.
public struct MediaInfo: Sendable, Equatable, Codable {
    public var path: String
    /// libav's short container name, e.g. `"mov,mp4,m4a,3gp,3g2,mj2"`.
    public var format: String
    public var formatLongName: String
    /// Container duration in seconds, when known.
    public var duration: Double?
    /// Presentation time of the first sample in seconds; editors measure source time from it.
    public var startTime: Double?
    /// Overall bit rate in bits per second.
    public var bitRate: Int?
    public var size: Int64
    /// Container metadata (title, creation_time, comment, encoder …).
    public var tags: [String: String]
    public var streams: [StreamInfo]

    public init(path: String, format: String, formatLongName: String, duration: Double?, startTime: Double?,
                bitRate: Int?, size: Int64, tags: [String: String], streams: [StreamInfo]) {
        self.path = path
        self.format = format
        self.formatLongName = formatLongName
        self.duration = duration
        self.startTime = startTime
        self.bitRate = bitRate
        self.size = size
        self.tags = tags
        self.streams = streams
    }

    /// The stream an editor shows as the picture: the default (else first) video stream
    /// that is not cover art.
    public var primaryVideo: StreamInfo? {
        let pictures = streams.filter { $0.kind == .video && !$0.isAttachedPicture && $0.isDecodable }
        return pictures.first(where: \.isDefault) ?? pictures.first
    }

    /// The default (else first) decodable audio stream.
    public var primaryAudio: StreamInfo? {
        let sounds = streams.filter { $0.kind == .audio && $0.isDecodable }
        return sounds.first(where: \.isDefault) ?? sounds.first
    }

    /// The source timecode of the file's first frame as the file writes it (`HH:MM:SS:FF`, `;` before
    /// the frames for drop-frame), looked for where editors look: the picture's own tag, then a
    /// timecode track (MOV/MP4 `tmcd`, which libav shows as a data stream), then the container's
    /// tag (MXF, DV, MPEG-TS); nil when the file has none.
    public var sourceTimecode: String? {
        if let own = primaryVideo?.timecode { return own }
        if let track = streams.first(where: { $0.kind == .data && $0.timecode != nil })?.timecode { return track }
        return tags["timecode"] ?? streams.first(where: { $0.timecode != nil })?.timecode
    }

    /// A Broadcast WAV's `time_reference`: the first sample's distance from midnight, in samples.
    public var timeReferenceSamples: Int64? {
        tags["time_reference"].flatMap { Int64($0) }.flatMap { $0 >= 0 ? $0 : nil }
    }

    enum CodingKeys: String, CodingKey {
        case path, format, formatLongName = "format_long_name", duration, startTime = "start_time"
        case bitRate = "bit_rate", size, tags, streams
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(path, forKey: .path)
        try c.encode(format, forKey: .format)
        try c.encode(formatLongName, forKey: .formatLongName)
        try c.encode(duration, forKey: .duration)
        try c.encode(startTime, forKey: .startTime)
        try c.encode(bitRate, forKey: .bitRate)
        try c.encode(size, forKey: .size)
        try c.encode(tags, forKey: .tags)
        try c.encode(streams, forKey: .streams)
    }
}

public enum StreamKind: String, Sendable, Codable {
    case video, audio, subtitle, data, attachment, unknown
}
