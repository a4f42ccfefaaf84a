/// What the command line changes in a preset (`--video-codec`, `--crf`, `--size` …); nil keeps
/// the preset's value.
public struct RenderOverrides: Sendable, Equatable {
    public var videoCodec: String?
    public var crf: Int?
    public var videoBitRate: Int?
    public var width: Int?
    public var height: Int?
    public var rate: String?
    public var pixelFormat: String?
    public var fit: String?
    public var encoderPreset: String?
    public var audioCodec: String?
    public var audioBitRate: Int?
    /// Frames between keyframes (a proxy's short GOP).
    public var keyframeInterval: Int?
    /// Encoder-private options set over the preset's (`profile=0` makes ProRes Proxy).
    public var videoOptions: [String: String] = [:]
    /// Leave the loudness as mixed even where the preset has a target.
    public var keepLoudness = false

    public init() {}

    /// Applies the overrides to `preset`; a changed codec drops the preset's codec-private
    /// options (a ProRes profile means nothing to libx264).
    public func applied(to preset: DeliveryPreset) throws(DeliveryError) -> DeliveryPreset {
        var out = preset
        let touchesVideo = videoCodec != nil || crf != nil || videoBitRate != nil || width != nil || height != nil
            || rate != nil || pixelFormat != nil || fit != nil || encoderPreset != nil || keyframeInterval != nil || !videoOptions.isEmpty
        if touchesVideo, out.video == nil {
            throw DeliveryError("preset '\(preset.name)' has no picture: picture options do not apply")
        }
        if var v = out.video {
            if let videoCodec, videoCodec != v.codec {
                v.codec = videoCodec
                v.options = [:]
                v.crf = nil
                v.bitRate = nil
            }
            if let crf { v.crf = crf; v.bitRate = nil }
            if let videoBitRate { v.bitRate = videoBitRate; v.crf = nil }
            if let width { v.width = width }
            if let height { v.height = height }
            if let rate { v.rate = rate }
            if let pixelFormat, pixelFormat != v.pixelFormat {
                // A profile names a chroma format and depth (H.264 High is 8-bit 4:2:0): let the encoder pick again.
                v.pixelFormat = pixelFormat
                v.options["profile"] = nil
            }
            if let fit {
                guard ["fit", "fill"].contains(fit) else { throw DeliveryError("--fit must be fit (bars) or fill (centre crop), not '\(fit)'") }
                v.fit = fit
            }
            if let encoderPreset { v.options["preset"] = encoderPreset }
            if let keyframeInterval {
                guard keyframeInterval >= 1 else { throw DeliveryError("--keyframe-interval must be at least 1 frame") }
                v.keyframeInterval = keyframeInterval
            }
            v.options.merge(videoOptions) { $1 }
            out.video = v
        }
        if audioCodec != nil || audioBitRate != nil, out.audio == nil {
            throw DeliveryError("preset '\(preset.name)' has no sound: audio options do not apply")
        }
        if var a = out.audio {
            if let audioCodec, audioCodec != a.codec {
                a.codec = audioCodec
                a.options = [:]
                a.bitRate = nil
            }
            if let audioBitRate { a.bitRate = audioBitRate }
            out.audio = a
        }
        if keepLoudness { out.loudness = nil }
        return out
    }
}
