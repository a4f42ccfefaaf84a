import CFFmpeg
import Foundation

/// The packet headers of a file's main video stream (decode order) and first audio stream,
/// read once without decoding: what a lossless stream copy needs to decide where each cut
/// can land (keyframes, reorder depth) and which packets to take.
public struct PacketTable: Sendable {
    public struct VideoPacket: Sendable, Equatable {
        public var pts: Int64
        public var dts: Int64
        public var duration: Int64
        public var isKeyframe: Bool
    }

    public struct AudioPacket: Sendable, Equatable {
        public var pts: Int64
        public var duration: Int64
    }

    public var path: String
    public var videoStream: Int
    public var videoTimeBase: MediaRational
    /// Video packets in decode order (packets an edit list hides are left out).
    public var video: [VideoPacket]
    public var audioStream: Int?
    public var audioTimeBase: MediaRational?
    /// Audio packets in file order (their presentation order).
    public var audio: [AudioPacket]
    /// Where frame 0 begins (`PictureOrigin`) in the video time base: time 0 of a clip's source
    /// frames, as `VideoSource` counts.
    public var startTimestamp: Int64
    public var videoCodec: CodecSignature
    public var audioCodec: CodecSignature?
    /// False where some video packet has no decode time or decode times do not increase
    /// (Matroska stores presentation times only): such a file cannot be cut by packets here.
    public var hasDecodeTimes = true

    /// Reads every packet header of `path` (the demuxer only: fast, no decoding).
    public static func scan(path: String) throws(MediaError) -> PacketTable {
        LibavLog.install()
        let input = try FormatInput(path: path)
        let streams = (0..<input.streamCount).map { MediaProbe.describe(stream: input.stream($0), in: input) }
        let pictures = streams.filter { $0.kind == .video && !$0.isAttachedPicture }
        guard let chosen = pictures.first(where: \.isDefault) ?? pictures.first else {
            throw MediaError(.noVideoStream, path: path, reason: "no video stream to copy")
        }
        let audioIndex = streams.first(where: { $0.kind == .audio })?.index
        for other in 0..<input.streamCount where other != chosen.index && other != audioIndex {
            input.stream(other).pointee.discard = AVDISCARD_ALL
        }
        let videoBase = input.stream(chosen.index).pointee.time_base
        var table = PacketTable(
            path: path, videoStream: chosen.index, videoTimeBase: MediaRational(videoBase), video: [],
            audioStream: audioIndex, audioTimeBase: audioIndex.map { MediaRational(input.stream($0).pointee.time_base) }, audio: [],
            startTimestamp: 0, videoCodec: CodecSignature(input.stream(chosen.index).pointee.codecpar),
            audioCodec: audioIndex.map { CodecSignature(input.stream($0).pointee.codecpar) })
        table.videoCodec.quarterTurns = PictureRotation.quarterTurns(chosen.rotation)
        let packet = Packet()
        var lastDTS = Int64.min
        while true {
            let result = input.read(into: packet)
            if case .failed(let status) = result {
                throw MediaError(.damaged, path: path, reason: "damaged: packets cannot be read (\(libavErrorText(status)))")
            }
            guard result == .packet else { break }
            defer { packet.unref() }
            if packet.pointer.pointee.flags & AV_PKT_FLAG_DISCARD != 0 { continue }
            if packet.streamIndex == chosen.index {
                guard let pts = packet.pts ?? packet.dts else { continue }
                var dts = packet.dts ?? pts
                // Copy needs strictly increasing decode times to cut by them.
                if packet.dts == nil || dts <= lastDTS { table.hasDecodeTimes = false; dts = max(dts, lastDTS + 1) }
                lastDTS = dts
                table.video.append(VideoPacket(pts: pts, dts: dts, duration: packet.duration, isKeyframe: packet.isKeyframe))
            } else if packet.streamIndex == audioIndex, let pts = packet.pts ?? packet.dts {
                table.audio.append(AudioPacket(pts: pts, duration: packet.duration))
            }
        }
        guard !table.video.isEmpty else { throw MediaError(.damaged, path: path, reason: "damaged: no video packets can be read") }
        let context = input.context.pointee
        let firstPicture = table.video.map(\.pts).min() ?? 0
        if context.start_time != tc_nopts_value() {
            // Frame 0 as `VideoSource` places it (`PictureOrigin`), so a copy cuts where the timeline shows.
            table.startTimestamp = PictureOrigin.origin(fileStart: av_rescale_q(context.start_time, tc_time_base_q(), videoBase),
                                                        firstPicture: firstPicture, timeBase: MediaRational(videoBase))
        } else {
            table.startTimestamp = firstPicture
        }
        return table
    }
}

/// What must be equal for packets of two files to follow each other in one stream: codec,
/// profile, level, picture size and format, sample rate and channels, and the codec's
/// private header (H.264's SPS/PPS in avcC), which a container holds once per stream.
public struct CodecSignature: Sendable, Equatable {
    public var codec: String
    public var profile: Int
    public var level: Int
    public var width: Int
    public var height: Int
    public var format: String
    public var sampleRate: Int
    public var channels: Int
    public var extradata: [UInt8]
    /// Clockwise quarter turns of the stream's display matrix: packets of differently turned
    /// files cannot follow each other (the output has one matrix).
    public var quarterTurns = 0

    init(_ parameters: UnsafeMutablePointer<AVCodecParameters>) {
        let p = parameters.pointee
        codec = cString(avcodec_get_name(p.codec_id)) ?? "unknown"
        profile = Int(p.profile)
        level = Int(p.level)
        width = Int(p.width)
        height = Int(p.height)
        if p.codec_type == AVMEDIA_TYPE_VIDEO {
            format = cString(av_get_pix_fmt_name(AVPixelFormat(rawValue: p.format))) ?? "unknown"
        } else {
            format = cString(av_get_sample_fmt_name(AVSampleFormat(rawValue: p.format))) ?? "unknown"
        }
        sampleRate = Int(p.sample_rate)
        channels = Int(p.ch_layout.nb_channels)
        extradata = p.extradata.map { Array(UnsafeBufferPointer(start: $0, count: Int(p.extradata_size))) } ?? []
    }

    /// The differences from `other`, in words ("codec h264 vs hevc"); empty when they match.
    public func differences(from other: CodecSignature) -> [String] {
        var out: [String] = []
        if codec != other.codec { out.append("codec \(codec) vs \(other.codec)") }
        if profile != other.profile { out.append("profile \(profile) vs \(other.profile)") }
        if level != other.level { out.append("level \(level) vs \(other.level)") }
        if width != other.width || height != other.height { out.append("size \(width)x\(height) vs \(other.width)x\(other.height)") }
        if format != other.format { out.append("format \(format) vs \(other.format)") }
        if sampleRate != other.sampleRate { out.append("sample rate \(sampleRate) vs \(other.sampleRate)") }
        if channels != other.channels { out.append("channels \(channels) vs \(other.channels)") }
        if quarterTurns != other.quarterTurns { out.append("display rotation \(quarterTurns * 90)° vs \(other.quarterTurns * 90)°") }
        if out.isEmpty, extradata != other.extradata { out.append("codec headers (SPS/PPS or equivalent) differ") }
        return out
    }
}
