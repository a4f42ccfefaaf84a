import Editor
import Foundation
import Media
import TimelineModel

/// The editor's view of media, answered by libavformat through the Media module. It lives in
/// the executable because the Editor must not import C and Media must not know the model.
public struct LibavMediaCatalog: MediaCatalog {
    public init() {}

    public static let mediaExtensions: Set<String> = [
        "mp4", "m4v", "mov", "mkv", "webm", "avi", "mpg", "mpeg", "ts", "m2ts", "mts", "mxf", "dv", "ogv", "ogg",
        "flv", "wmv", "3gp", "wav", "aif", "aiff", "flac", "mp3", "m4a", "aac", "opus", "oga", "wma", "y4m",
    ]

    public func looksLikeMedia(_ url: URL) -> Bool {
        Self.mediaExtensions.contains(url.pathExtension.lowercased())
    }

    public func probe(_ url: URL) throws -> MediaReference {
        try Self.reference(for: MediaProbe.probe(url), url: url)
    }

    public static let standardRates: [Rate] = [.fps23_976, .fps24, .fps25, .fps29_97, .fps30, Rate(48), .fps50, .fps59_94, .fps60]

    /// The rate an editor counts the stream's frames at. A clean rational (n/1 or n/1001) is
    /// used as it is; anything else — a phone's variable rate averaging 27.02 fps, an AVI's
    /// 2500/83 — is conformed to the nearest standard rate, as Premiere and Resolve interpret it.
    public static func editingRate(_ v: StreamInfo) -> Rate? {
        let candidates = [v.realFrameRate, v.frameRate].compactMap { $0 }.filter { $0.isValid && $0.numerator > 0 && $0.denominator > 0 }
        if v.isVariableFrameRate != true,
           let clean = candidates.first(where: { Rate(Int64($0.numerator), Int64($0.denominator)).denominator == 1
                                                 || Rate(Int64($0.numerator), Int64($0.denominator)).denominator == 1001 }) {
            let r = Rate(Int64(clean.numerator), Int64(clean.denominator))
            if r.numerator <= 240 * r.denominator { return r }
        }
        guard let fps = candidates.first?.doubleValue else { return nil }
        return standardRates.min { abs($0.framesPerSecond - fps) < abs($1.framesPerSecond - fps) }
    }

    /// Maps what libav found onto the model: the video rate counts the duration when there is
    /// picture, the sample rate when there is only sound.
    public static func reference(for info: MediaInfo, url: URL) throws -> MediaReference {
        let name = url.lastPathComponent
        // As shown: a phone clip stored landscape with a quarter-turn display matrix is portrait.
        let video = info.primaryVideo?.upright
        let audio = info.primaryAudio
        if video == nil && audio == nil {
            throw MediaError(.noDecodableStream, path: url.path, reason: "no picture or sound termcut can decode")
        }
        var videoInfo: MediaReference.VideoInfo?
        var rate: Rate
        if let v = video, let fr = editingRate(v) {
            rate = fr
            let sar = v.sampleAspectRatio.flatMap { $0.isValid && $0.numerator > 0 && $0.denominator > 0 ? $0 : nil }
            videoInfo = .init(width: v.width ?? 0, height: v.height ?? 0, rate: rate, codec: v.codecName,
                              variableFrameRate: v.isVariableFrameRate ?? false,
                              pixelAspect: sar.map { MediaReference.PixelAspect($0.numerator, $0.denominator) })
        } else {
            rate = Rate(Int64(audio?.sampleRate ?? 48000))
        }
        let seconds = [video?.duration, audio?.duration, info.duration].compactMap { $0 }.filter(\.isFinite).max() ?? 0
        // A still picture (a PNG renamed .mp4) or a file whose length is unknown cannot be cut.
        guard seconds > 0, seconds < 1e9 else {
            throw MediaError(.noDecodableStream, path: url.path, reason: seconds <= 0
                ? "no duration: not a video or audio clip (a still image\(video.map { " (\($0.codecName))" } ?? "")?); convert it to a clip first"
                : "a duration of \(seconds) s is out of range")
        }
        // Whole units of the media's rate: a frame that has started is a frame the editor can show.
        let units = Int64((seconds * Double(rate.numerator) / Double(rate.denominator)).rounded(.toNearestOrAwayFromZero))
        let audioInfo = audio.map {
            MediaReference.AudioInfo(sampleRate: $0.sampleRate ?? 0, channels: $0.channels ?? 0,
                                     layout: $0.channelLayout ?? "\($0.channels ?? 0) channels", codec: $0.codecName)
        }
        let start = startTimecode(of: info, rate: rate, hasPicture: videoInfo != nil)
        return MediaReference(id: MediaID(name), name: name, path: url.standardizedFileURL.path,
                              duration: RationalTime(units, rate), video: videoInfo, audio: audioInfo,
                              startTimecode: start.frame, timecodeDropFrame: start.dropFrame)
    }

    /// The first frame's source timecode in units of `rate`, as Avid and Premiere read it from the
    /// file: a timecode tag or track for picture, BWF's `time_reference` for sound alone; 0 when
    /// the file has none or what it has cannot be a timecode at this rate (a bad tag is ignored
    /// rather than refusing the media).
    /// `dropFrame` is how the file counts, nil when it gives no timecode.
    static func startTimecode(of info: MediaInfo, rate: Rate, hasPicture: Bool) -> (frame: Int64, dropFrame: Bool?) {
        guard hasPicture else {
            guard let samples = info.timeReferenceSamples, samples < Timecode.framesPerDay(rate: rate, dropFrame: false) else { return (0, nil) }
            return (samples, nil)
        }
        guard let label = info.sourceTimecode else { return (0, nil) }
        if let frame = try? Timecode.parse(label, rate: rate, dropFrame: nil) {
            return (frame, rate.supportsDropFrame ? label.contains(";") : nil)
        }
        // A drop-frame separator at a rate that has no drop-frame (some encoders write `;` at 25):
        // the digits still say where the clip starts.
        guard let frame = try? Timecode.parse(label.replacingOccurrences(of: ";", with: ":"), rate: rate, dropFrame: false) else { return (0, nil) }
        return (frame, nil)
    }
}
