import CFFmpeg
import Foundation

/// Reads what a media file contains without decoding it.
public enum MediaProbe {
    /// Streams, durations, codecs and formats of the file at `url`, plus the keyframe
    /// interval and variable-frame-rate flag of its main video stream.
    ///
    /// Throws when the file is missing, a folder, unreadable, not media, damaged
    /// (including truncated before its declared duration) or has no decodable stream.
    public static func probe(_ url: URL) throws(MediaError) -> MediaInfo {
        try probe(path: url.path)
    }

    public static func probe(path: String) throws(MediaError) -> MediaInfo {
        let input = try FormatInput(path: path)
        var info = describe(input)

        if !info.streams.contains(where: \.isDecodable) {
            let found = info.streams.map { "\($0.kind.rawValue) \($0.codecName)" }
            let list = found.isEmpty ? "it has no streams" : "found: " + found.joined(separator: ", ")
            throw MediaError(.noDecodableStream, path: path, reason: "no stream termcut can decode (\(list))")
        }

        if let video = info.primaryVideo {
            let cadence = FrameCadence.scan(input, streamIndex: video.index)
            info.streams[video.index].keyframeInterval = cadence.keyframeInterval
            info.streams[video.index].isVariableFrameRate = cadence.isVariableFrameRate
        }

        var endReadable = declaredEndIsReadable(input, seeking: true)
        if endReadable == nil, input.identity.size <= 64 << 20, let fresh = try? FormatInput(path: path) {
            // Some demuxers (FLAC without a seek table) cannot seek; a small file is read through.
            endReadable = declaredEndIsReadable(fresh, seeking: false)
        }
        if endReadable == false {
            let declared = info.duration.map { String(format: "%.2f s", $0) } ?? "declared"
            throw MediaError(.damaged, path: path,
                             reason: "damaged: the data ends before its \(declared) duration; it is probably truncated or still being written")
        }
        return info
    }

    static func describe(_ input: FormatInput) -> MediaInfo {
        let context = input.context.pointee
        let format = context.iformat.pointee
        let unknown = tc_nopts_value()
        let microseconds = Double(tc_time_base())
        return MediaInfo(
            path: input.path,
            format: cString(format.name) ?? "unknown",
            formatLongName: cString(format.long_name) ?? "",
            duration: context.duration == unknown || context.duration < 0 ? nil : Double(context.duration) / microseconds,
            startTime: context.start_time == unknown ? nil : Double(context.start_time) / microseconds,
            bitRate: context.bit_rate > 0 ? Int(context.bit_rate) : nil,
            size: input.identity.size,
            tags: dictionary(context.metadata),
            streams: (0..<input.streamCount).map { describe(stream: input.stream($0), in: input) })
    }

    static func describe(stream: UnsafeMutablePointer<AVStream>, in input: FormatInput) -> StreamInfo {
        let st = stream.pointee
        let parameters = st.codecpar.pointee
        let unknown = tc_nopts_value()
        let codec = parameters.codec_id
        let descriptor = avcodec_descriptor_get(codec)
        var info = StreamInfo(index: Int(st.index), kind: kind(of: parameters.codec_type),
                              codecName: descriptor.flatMap { cString($0.pointee.name) } ?? "unknown",
                              timeBase: MediaRational(st.time_base))
        info.codecLongName = descriptor.flatMap { cString($0.pointee.long_name) }
        info.profile = cString(avcodec_profile_name(codec, parameters.profile))
        info.isDecodable = avcodec_find_decoder(codec) != nil
        if st.start_time != unknown {
            info.startTimestamp = st.start_time
            info.startTime = seconds(st.start_time, st.time_base)
        }
        if st.duration != unknown && st.duration > 0 {
            info.durationTimestamp = st.duration
            info.duration = seconds(st.duration, st.time_base)
        }
        info.bitRate = parameters.bit_rate > 0 ? Int(parameters.bit_rate) : nil
        info.frameCount = st.nb_frames > 0 ? Int(st.nb_frames) : nil
        info.isDefault = st.disposition & AV_DISPOSITION_DEFAULT != 0
        info.isAttachedPicture = st.disposition & AV_DISPOSITION_ATTACHED_PIC != 0
        let tags = dictionary(st.metadata)
        info.language = tags["language"]
        info.timecode = tags["timecode"]

        switch parameters.codec_type {
        case AVMEDIA_TYPE_VIDEO:
            info.pixelFormat = cString(av_get_pix_fmt_name(AVPixelFormat(rawValue: parameters.format)))
            info.width = Int(parameters.width)
            info.height = Int(parameters.height)
            let aspect = av_guess_sample_aspect_ratio(input.context, stream, nil)
            info.sampleAspectRatio = aspect.num > 0 ? MediaRational(aspect) : nil
            info.frameRate = st.avg_frame_rate.num > 0 ? MediaRational(st.avg_frame_rate) : nil
            info.realFrameRate = st.r_frame_rate.num > 0 ? MediaRational(st.r_frame_rate) : nil
            (info.fieldOrder, info.isInterlaced) = fieldOrder(parameters.field_order)
            info.colorSpace = name(av_color_space_name(parameters.color_space), unless: AVCOL_SPC_UNSPECIFIED == parameters.color_space)
            info.colorRange = name(av_color_range_name(parameters.color_range), unless: AVCOL_RANGE_UNSPECIFIED == parameters.color_range)
            info.colorPrimaries = name(av_color_primaries_name(parameters.color_primaries), unless: AVCOL_PRI_UNSPECIFIED == parameters.color_primaries)
            info.colorTransfer = name(av_color_transfer_name(parameters.color_trc), unless: AVCOL_TRC_UNSPECIFIED == parameters.color_trc)
            info.rotation = rotation(of: stream)
        case AVMEDIA_TYPE_AUDIO:
            info.sampleRate = Int(parameters.sample_rate)
            info.sampleFormat = cString(av_get_sample_fmt_name(AVSampleFormat(rawValue: parameters.format)))
            info.channels = Int(parameters.ch_layout.nb_channels)
            var layout = parameters.ch_layout
            if layout.order == AV_CHANNEL_ORDER_UNSPEC {
                // WAV and others often leave the order unspecified; like the ffmpeg tool,
                // assume the default layout for the count (1 = mono, 2 = stereo, 6 = 5.1).
                av_channel_layout_default(&layout, layout.nb_channels)
            }
            var text = [CChar](repeating: 0, count: 128)
            if av_channel_layout_describe(&layout, &text, text.count) > 0 {
                info.channelLayout = cString(text)
            }
        default:
            break
        }
        return info
    }

    /// Whether packets can still be read near the end the container declares.
    /// A truncated MP4, WAV, FLAC or MP3 keeps its header, so it opens and reports the
    /// full duration; only reading at the end shows the data is gone. `nil` when this
    /// cannot be told (duration unknown or only estimated from the bit rate, or no seeking).
    /// Without `seeking`, reads on from where `input` stands.
    static func declaredEndIsReadable(_ input: FormatInput, seeking: Bool) -> Bool? {
        let context = input.context
        let duration = context.pointee.duration
        guard duration != tc_nopts_value(), duration > 0,
              context.pointee.duration_estimation_method != AVFMT_DURATION_FROM_BITRATE else { return nil }
        let start = context.pointee.start_time == tc_nopts_value() ? 0 : context.pointee.start_time
        let target = start + duration / 10 * 9
        let needed = start + duration / 4 * 3
        if seeking {
            guard avformat_seek_file(context, -1, Int64.min, target, target, 0) >= 0
                || av_seek_frame(context, -1, target, AVSEEK_FLAG_BACKWARD) >= 0 else { return nil }
        }
        let packet = Packet()
        for _ in 0..<(seeking ? 4000 : 200_000) {
            guard input.read(into: packet) == .packet else { return false }
            defer { packet.unref() }
            guard let time = packet.pts ?? packet.dts else { continue }
            let timeBase = input.stream(packet.streamIndex).pointee.time_base
            let end = av_rescale_q(time + max(0, packet.duration), timeBase, tc_time_base_q())
            if end >= needed { return true }
        }
        return nil
    }

    private static func kind(of type: AVMediaType) -> StreamKind {
        switch type {
        case AVMEDIA_TYPE_VIDEO: .video
        case AVMEDIA_TYPE_AUDIO: .audio
        case AVMEDIA_TYPE_SUBTITLE: .subtitle
        case AVMEDIA_TYPE_DATA: .data
        case AVMEDIA_TYPE_ATTACHMENT: .attachment
        default: .unknown
        }
    }

    private static func fieldOrder(_ order: AVFieldOrder) -> (String?, Bool?) {
        switch order {
        case AV_FIELD_PROGRESSIVE: ("progressive", false)
        case AV_FIELD_TT: ("tt", true)
        case AV_FIELD_BB: ("bb", true)
        case AV_FIELD_TB: ("tb", true)
        case AV_FIELD_BT: ("bt", true)
        default: (nil, nil)
        }
    }

    private static func name(_ text: UnsafePointer<CChar>?, unless unspecified: Bool) -> String? {
        unspecified ? nil : cString(text)
    }

    private static func rotation(of stream: UnsafeMutablePointer<AVStream>) -> Double? {
        var size: Int = 0
        guard let matrix = av_stream_get_side_data(stream, AV_PKT_DATA_DISPLAYMATRIX, &size),
              size >= 9 * MemoryLayout<Int32>.size else { return nil }
        let degrees = matrix.withMemoryRebound(to: Int32.self, capacity: 9) { av_display_rotation_get($0) }
        guard degrees.isFinite else { return nil }
        return degrees == 0 ? 0 : degrees
    }

    private static func seconds(_ timestamp: Int64, _ timeBase: AVRational) -> Double {
        Double(timestamp) * Double(timeBase.num) / Double(timeBase.den)
    }

    static func dictionary(_ metadata: OpaquePointer?) -> [String: String] {
        var result: [String: String] = [:]
        var entry: UnsafeMutablePointer<AVDictionaryEntry>?
        while let next = av_dict_get(metadata, "", entry, AV_DICT_IGNORE_SUFFIX) {
            if let key = cString(next.pointee.key), let value = cString(next.pointee.value) {
                result[key] = value
            }
            entry = next
        }
        return result
    }
}
