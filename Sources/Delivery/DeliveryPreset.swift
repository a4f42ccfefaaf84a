import Foundation
import TOMLKit

/// A delivery format as data: container, picture and sound encoding, loudness target.
/// Read from `presets/NAME.toml` (built in) or `~/.config/termcut/presets/NAME.toml` (the
/// user's, which wins by name). Sizes, rate and pixel format left out follow the timeline.
public struct DeliveryPreset: Sendable, Equatable {
    public struct Video: Sendable, Equatable {
        public var codec: String
        /// nil: the timeline's size.
        public var width: Int?
        public var height: Int?
        /// nil: the timeline's rate.
        public var rate: String?
        /// A libav pixel format name, or "source" for the first clip's (lossless archives).
        public var pixelFormat: String
        public var fit: String
        public var crf: Int?
        public var bitRate: Int?
        public var keyframeInterval: Int?
        /// Encoder options passed as they are (`preset`, `profile`, `tune`, `row-mt` …).
        public var options: [String: String]
    }

    public struct Audio: Sendable, Equatable {
        public var codec: String
        public var sampleRate: Int
        public var channels: Int
        public var bitRate: Int?
        public var options: [String: String]
    }

    public struct Loudness: Sendable, Equatable {
        /// Integrated programme loudness to reach, LUFS (EBU R128 / ITU-R BS.1770-4).
        public var integrated: Double
        /// Ceiling for the true peak, dBTP; nil: none.
        public var truePeak: Double?
    }

    public var name: String
    public var summary: String
    public var container: String
    public var fileExtension: String
    public var containerOptions: [String: String]
    public var video: Video?
    public var audio: Audio?
    public var loudness: Loudness?
    /// Where it was read from (a path, or "built in").
    public var origin: String

    /// Reads a preset file; problems name the file and, where known, the line.
    public static func parse(text: String, name: String, origin: String) throws(DeliveryError) -> DeliveryPreset {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw DeliveryError("\(origin):\(error.source.begin.line): \(error.description)")
        } catch {
            throw DeliveryError("\(origin): \(error)")
        }
        func fail(_ message: String) -> DeliveryError { DeliveryError("\(origin): \(message)") }
        func string(_ t: TOMLTable, _ key: String, in section: String) throws(DeliveryError) -> String? {
            guard let value = t[key] else { return nil }
            guard let s = value.string else { throw fail("\(section)\(key) must be a string") }
            return s
        }
        func int(_ t: TOMLTable, _ key: String, in section: String) throws(DeliveryError) -> Int? {
            guard let value = t[key] else { return nil }
            guard let n = value.int else { throw fail("\(section)\(key) must be a whole number") }
            return n
        }
        func double(_ t: TOMLTable, _ key: String, in section: String) throws(DeliveryError) -> Double? {
            guard let value = t[key] else { return nil }
            if let d = value.double { return d }
            if let n = value.int { return Double(n) }
            throw fail("\(section)\(key) must be a number")
        }
        func bitRate(_ t: TOMLTable, _ key: String, in section: String) throws(DeliveryError) -> Int? {
            guard let value = t[key] else { return nil }
            if let n = value.int { return n }
            if let s = value.string, let n = Self.parseBitRate(s) { return n }
            throw fail("\(section)\(key) must be a bit rate such as \"8M\" or \"192k\"")
        }
        func options(_ t: TOMLTable, _ key: String, in section: String) throws(DeliveryError) -> [String: String] {
            guard let value = t[key] else { return [:] }
            guard let sub = value.table else { throw fail("\(section)\(key) must be a table of options") }
            var out: [String: String] = [:]
            for k in sub.keys {
                guard let v = sub[k] else { continue }
                if let s = v.string { out[k] = s } else if let n = v.int { out[k] = String(n) } else if let d = v.double { out[k] = String(d) }
                else { throw fail("\(section)\(key).\(k) must be a string or a number") }
            }
            return out
        }
        let known: Set<String> = ["name", "description", "container", "extension", "container_options", "video", "audio", "loudness"]
        if let unknown = table.keys.sorted().first(where: { !known.contains($0) }) {
            throw fail("unknown key '\(unknown)' (known: \(known.sorted().joined(separator: ", ")))")
        }
        guard let container = try string(table, "container", in: "") else { throw fail("container is missing (mp4, mov, matroska, webm, mp3, wav)") }
        var preset = DeliveryPreset(
            name: try string(table, "name", in: "") ?? name, summary: try string(table, "description", in: "") ?? "",
            container: container, fileExtension: try string(table, "extension", in: "") ?? container,
            containerOptions: try options(table, "container_options", in: ""), video: nil, audio: nil, loudness: nil, origin: origin)
        if let v = table["video"] {
            guard let t = v.table else { throw fail("[video] must be a table") }
            guard let codec = try string(t, "codec", in: "video.") else { throw fail("video.codec is missing (libx264, prores_ks …)") }
            preset.video = Video(codec: codec, width: try int(t, "width", in: "video."), height: try int(t, "height", in: "video."),
                                 rate: try string(t, "rate", in: "video."),
                                 pixelFormat: try string(t, "pixel_format", in: "video.") ?? "yuv420p",
                                 fit: try string(t, "fit", in: "video.") ?? "fit",
                                 crf: try int(t, "crf", in: "video."), bitRate: try bitRate(t, "bitrate", in: "video."),
                                 keyframeInterval: try int(t, "keyframe_interval", in: "video."),
                                 options: try options(t, "options", in: "video."))
            if !["fit", "fill"].contains(preset.video!.fit) { throw fail("video.fit must be \"fit\" (bars) or \"fill\" (centre crop)") }
        }
        if let a = table["audio"] {
            guard let t = a.table else { throw fail("[audio] must be a table") }
            guard let codec = try string(t, "codec", in: "audio.") else { throw fail("audio.codec is missing (aac, pcm_s24le …)") }
            preset.audio = Audio(codec: codec, sampleRate: try int(t, "sample_rate", in: "audio.") ?? 48_000,
                                 channels: try int(t, "channels", in: "audio.") ?? 2, bitRate: try bitRate(t, "bitrate", in: "audio."),
                                 options: try options(t, "options", in: "audio."))
        }
        if let l = table["loudness"] {
            guard let t = l.table, let integrated = try double(t, "integrated", in: "loudness.") else {
                throw fail("[loudness] needs integrated = LUFS (e.g. -14.0)")
            }
            preset.loudness = Loudness(integrated: integrated, truePeak: try double(t, "true_peak", in: "loudness."))
        }
        guard preset.video != nil || preset.audio != nil else { throw fail("a preset needs [video] or [audio]") }
        return preset
    }

    /// "8M", "192k", "320000" as bits per second.
    public static func parseBitRate(_ text: String) -> Int? {
        let t = text.trimmingCharacters(in: .whitespaces).lowercased()
        var scale = 1.0, digits = Substring(t)
        if t.hasSuffix("k") { scale = 1e3; digits = digits.dropLast() } else if t.hasSuffix("m") { scale = 1e6; digits = digits.dropLast() }
        guard let value = Double(digits), value > 0, value.isFinite else { return nil }
        return Int((value * scale).rounded())
    }
}
