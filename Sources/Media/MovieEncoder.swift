import CFFmpeg
import Foundation

/// Encodes a picture and a sound stream into one file, frame by frame, as `OutputSettings` say.
///
/// Pictures come in two ways: a decoded `VideoFrame` already at the output's size and pixel
/// format goes to the encoder untouched (`canPass` tells when), anything else arrives as a
/// packed RGB picture (8 or 16 bits per channel) and is converted with swscale into the
/// output's matrix and range. Sound arrives as interleaved Float32 at the output's rate and is
/// cut into the encoder's frame size here. Video timestamps count output frames; audio
/// timestamps count samples from the same instant, so both streams start together (the
/// container's edit list takes the AAC/Opus priming off).
///
/// Not thread-safe; one encoder per render.
public final class MovieEncoder {
    public let path: String
    public let settings: OutputSettings
    private let writer: MediaWriter
    private var video: CodecContext?
    private var audio: CodecContext?
    private var videoStream = -1
    private var audioStream = -1
    private var videoFormat = AV_PIX_FMT_NONE
    private var audioFormat = AV_SAMPLE_FMT_NONE
    private var audioFrameSize = 1024
    private var audioSmallLastFrame = true
    private var pending: [Float] = []
    private var scaler: OpaquePointer?
    private var scalerInput = AV_PIX_FMT_NONE
    private let canvas = Frame()
    private let sound = Frame()
    public private(set) var framesWritten: Int64 = 0
    public private(set) var samplesWritten: Int64 = 0
    /// Frames that went to the encoder exactly as decoded.
    public private(set) var passedFrames: Int64 = 0

    public init(path: String, settings: OutputSettings) throws(MediaError) {
        self.path = path
        self.settings = settings
        guard settings.video != nil || settings.audio != nil else {
            throw MediaError(.invalidRequest, path: path, reason: "nothing to write: the output has neither picture nor sound")
        }
        writer = try MediaWriter(path: path, formatName: settings.container)
        for (key, value) in settings.tags { writer.setTag(key, value) }
        if let v = settings.video { try openVideo(v) }
        if let a = settings.audio { try openAudio(a) }
        try writer.start(options: settings.containerOptions)
    }

    deinit {
        if let scaler { sws_freeContext(scaler) }
    }

    // MARK: Opening

    private func openVideo(_ v: VideoOutputSettings) throws(MediaError) {
        let encoder = try CodecContext.encoder(named: v.codec, path: path)
        let c = encoder.context
        guard encoder.context.pointee.codec.pointee.type == AVMEDIA_TYPE_VIDEO else {
            throw MediaError(.invalidRequest, path: path, reason: "\(v.codec) is not a video encoder")
        }
        let format = av_get_pix_fmt(v.pixelFormat)
        guard format != AV_PIX_FMT_NONE else {
            throw MediaError(.invalidRequest, path: path, reason: "unknown pixel format '\(v.pixelFormat)' (try yuv420p, yuv422p10le)")
        }
        let supported = Self.list(c.pointee.codec.pointee.pix_fmts, end: AV_PIX_FMT_NONE)
        if !supported.isEmpty, !supported.contains(format) {
            let names = supported.compactMap { cString(av_get_pix_fmt_name($0)) }.joined(separator: ", ")
            throw MediaError(.invalidRequest, path: path, reason: "\(v.codec) cannot encode \(v.pixelFormat) (it takes \(names))")
        }
        guard v.width > 0, v.height > 0, v.width % 2 == 0 || format == AV_PIX_FMT_YUV444P, v.frameRate.isValid, v.frameRate.numerator > 0 else {
            throw MediaError(.invalidRequest, path: path, reason: "cannot encode \(v.width)x\(v.height) at \(v.frameRate) fps (sizes must be even and positive)")
        }
        videoFormat = format
        c.pointee.width = Int32(v.width)
        c.pointee.height = Int32(v.height)
        c.pointee.pix_fmt = format
        c.pointee.time_base = v.frameRate.inverted.avRational
        c.pointee.framerate = v.frameRate.avRational
        c.pointee.sample_aspect_ratio = AVRational(num: 1, den: 1)
        if let gop = v.keyframeInterval { c.pointee.gop_size = Int32(gop) }
        if let rate = v.bitRate { c.pointee.bit_rate = Int64(rate) }
        c.pointee.color_range = v.colour.fullRange ? AVCOL_RANGE_JPEG : AVCOL_RANGE_MPEG
        let matrix = av_color_space_from_name(v.colour.matrix)
        let primaries = av_color_primaries_from_name(v.colour.primaries)
        let transfer = av_color_transfer_from_name(v.colour.transfer)
        guard matrix >= 0, primaries >= 0, transfer >= 0 else {
            throw MediaError(.invalidRequest, path: path,
                             reason: "unknown colour tags \(v.colour.matrix)/\(v.colour.primaries)/\(v.colour.transfer) (try bt709)")
        }
        c.pointee.colorspace = AVColorSpace(rawValue: UInt32(matrix))
        c.pointee.color_primaries = AVColorPrimaries(rawValue: UInt32(primaries))
        c.pointee.color_trc = AVColorTransferCharacteristic(rawValue: UInt32(transfer))
        if writer.wantsGlobalHeaders { c.pointee.flags |= AV_CODEC_FLAG_GLOBAL_HEADER }
        try encoder.open(options: Self.videoOptions(codec: v.codec, v.options))
        video = encoder
        // Each packet lasts one frame: libx264 leaves durations out, and the last frame must count.
        videoStream = try writer.addStream(for: encoder, packetDuration: 1)

        canvas.pointer.pointee.format = format.rawValue
        canvas.pointer.pointee.width = Int32(v.width)
        canvas.pointer.pointee.height = Int32(v.height)
        guard av_frame_get_buffer(canvas.pointer, 0) >= 0 else {
            throw MediaError(.encodeFailed, path: path, reason: "out of memory for a \(v.width)x\(v.height) frame")
        }
    }

    private func openAudio(_ a: AudioOutputSettings) throws(MediaError) {
        let encoder = try CodecContext.encoder(named: a.codec, path: path)
        let c = encoder.context
        let codec = c.pointee.codec!
        guard codec.pointee.type == AVMEDIA_TYPE_AUDIO else {
            throw MediaError(.invalidRequest, path: path, reason: "\(a.codec) is not an audio encoder")
        }
        let formats = Self.list(codec.pointee.sample_fmts, end: AV_SAMPLE_FMT_NONE)
        let usable: [AVSampleFormat] = [AV_SAMPLE_FMT_FLTP, AV_SAMPLE_FMT_FLT, AV_SAMPLE_FMT_S32, AV_SAMPLE_FMT_S32P,
                                        AV_SAMPLE_FMT_S16, AV_SAMPLE_FMT_S16P]
        // The encoder's own first choice when we can feed it (s16 for pcm_s16le, s32 for pcm_s24le).
        guard let format = formats.first(where: usable.contains) ?? (formats.isEmpty ? AV_SAMPLE_FMT_FLTP : nil) else {
            throw MediaError(.invalidRequest, path: path, reason: "\(a.codec) takes no sample format termcut can feed")
        }
        let rates = Self.list(codec.pointee.supported_samplerates, end: 0).map(Int.init)
        if !rates.isEmpty, !rates.contains(a.sampleRate) {
            throw MediaError(.invalidRequest, path: path,
                             reason: "\(a.codec) cannot encode at \(a.sampleRate) Hz (it takes \(rates.map(String.init).joined(separator: ", ")))")
        }
        audioFormat = format
        c.pointee.sample_fmt = format
        c.pointee.sample_rate = Int32(a.sampleRate)
        av_channel_layout_default(&c.pointee.ch_layout, Int32(a.channels))
        if let rate = a.bitRate { c.pointee.bit_rate = Int64(rate) }
        c.pointee.time_base = AVRational(num: 1, den: Int32(a.sampleRate))
        if a.codec == "pcm_s24le" || a.codec == "pcm_s24be" || a.codec == "flac" && format == AV_SAMPLE_FMT_S32 {
            c.pointee.bits_per_raw_sample = 24
        }
        if writer.wantsGlobalHeaders { c.pointee.flags |= AV_CODEC_FLAG_GLOBAL_HEADER }
        try encoder.open(options: a.options)
        audio = encoder
        let capabilities = codec.pointee.capabilities
        if c.pointee.frame_size > 0 && capabilities & AV_CODEC_CAP_VARIABLE_FRAME_SIZE == 0 {
            audioFrameSize = Int(c.pointee.frame_size)
            audioSmallLastFrame = capabilities & AV_CODEC_CAP_SMALL_LAST_FRAME != 0
        }
        audioStream = try writer.addStream(for: encoder)
        sound.pointer.pointee.format = format.rawValue
        sound.pointer.pointee.sample_rate = Int32(a.sampleRate)
        sound.pointer.pointee.nb_samples = Int32(audioFrameSize)
        av_channel_layout_copy(&sound.pointer.pointee.ch_layout, &c.pointee.ch_layout)
        guard av_frame_get_buffer(sound.pointer, 0) >= 0 else {
            throw MediaError(.encodeFailed, path: path, reason: "out of memory for audio")
        }
    }

    /// The video encoder's options as given, with libx264's lookahead run in the calling thread
    /// (`sync-lookahead=0`) unless the options say otherwise. x264's threaded lookahead keeps
    /// a queue of extra full-size frames (about 30 MiB at 1080p) for a little parallelism the
    /// frame threads already give; the bitstream is the same either way (checked by MD5 with
    /// the ffmpeg tool on the bench source).
    static func videoOptions(codec: String, _ options: [String: String]) -> [String: String] {
        guard codec == "libx264" else { return options }
        var options = options
        let given = options["x264-params"] ?? ""
        if !given.contains("sync-lookahead") {
            options["x264-params"] = given.isEmpty ? "sync-lookahead=0" : given + ":sync-lookahead=0"
        }
        return options
    }

    private static func list<T: Equatable>(_ pointer: UnsafePointer<T>?, end: T) -> [T] {
        guard var p = pointer else { return [] }
        var values: [T] = []
        while p.pointee != end { values.append(p.pointee); p += 1 }
        return values
    }

    // MARK: Pictures

    /// Bits per sample of the output's pixel format (8 for yuv420p, 10 for yuv422p10le).
    public var outputBitDepth: Int {
        guard let descriptor = av_pix_fmt_desc_get(videoFormat) else { return 8 }
        return Int(descriptor.pointee.comp.0.depth)
    }

    /// Whether `frame` can go to the encoder as it is: the output's size and pixel format.
    public func canPass(_ frame: VideoFrame) -> Bool {
        guard let v = settings.video else { return false }
        return frame.width == v.width && frame.height == v.height && frame.pixelFormat == videoFormat
    }

    /// Encodes a decoded frame untouched (its planes are referenced, not copied or converted).
    public func encode(passing frame: VideoFrame) throws(MediaError) {
        guard let video, canPass(frame) else {
            throw MediaError(.invalidRequest, path: path, reason: "frame cannot pass through: \(frame.width)x\(frame.height) \(frame.pixelFormatName)")
        }
        let copy = Frame()
        guard av_frame_ref(copy.pointer, frame.pointer) >= 0 else {
            throw MediaError(.encodeFailed, path: path, reason: "out of memory for a frame")
        }
        // The encoder decides frame types; the output's tags describe the picture.
        copy.pointer.pointee.pict_type = AV_PICTURE_TYPE_NONE
        copy.pointer.pointee.pts = framesWritten
        copy.pointer.pointee.color_range = video.context.pointee.color_range
        copy.pointer.pointee.colorspace = video.context.pointee.colorspace
        copy.pointer.pointee.color_primaries = video.context.pointee.color_primaries
        copy.pointer.pointee.color_trc = video.context.pointee.color_trc
        try writer.encode(copy, with: video, stream: videoStream)
        framesWritten += 1
        passedFrames += 1
    }

    /// Encodes a packed 8-bit RGBA picture at the output size (R'G'B', full range).
    public func encode(rgba bytes: [UInt8]) throws(MediaError) {
        try prepareRGB(count: bytes.count, format: AV_PIX_FMT_RGBA, bytesPerPixel: 4)
        bytes.withUnsafeBytes { convertRGB($0, bytesPerPixel: 4) }
        try encodeCanvas()
    }

    /// Encodes a packed 16-bit-per-channel RGBA picture (native-endian R, G, B, A) at the
    /// output size: the composite path for outputs of 10 bits and more.
    public func encode(rgba64 samples: [UInt16]) throws(MediaError) {
        try prepareRGB(count: samples.count * 2, format: AV_PIX_FMT_RGBA64LE, bytesPerPixel: 8)
        samples.withUnsafeBytes { convertRGB($0, bytesPerPixel: 8) }
        try encodeCanvas()
    }

    private func prepareRGB(count: Int, format: AVPixelFormat, bytesPerPixel: Int) throws(MediaError) {
        guard let video, let v = settings.video else {
            throw MediaError(.invalidRequest, path: path, reason: "the output has no picture")
        }
        guard count == v.width * v.height * bytesPerPixel else {
            throw MediaError(.invalidRequest, path: path, reason: "picture of \(count) bytes is not \(v.width)x\(v.height)")
        }
        if scaler == nil || scalerInput != format {
            if let scaler { sws_freeContext(scaler) }
            scaler = sws_getContext(Int32(v.width), Int32(v.height), format, Int32(v.width), Int32(v.height), videoFormat,
                                    SWS_BICUBIC | SWS_ACCURATE_RND | SWS_FULL_CHR_H_INT | SWS_FULL_CHR_H_INP, nil, nil, nil)
            guard let scaler else {
                throw MediaError(.encodeFailed, path: path, reason: "cannot convert RGB to \(v.pixelFormat)")
            }
            scalerInput = format
            let matrix = Self.swsMatrix(video.context.pointee.colorspace)
            let coefficients = sws_getCoefficients(matrix)
            sws_setColorspaceDetails(scaler, coefficients, 1, coefficients, v.colour.fullRange ? 1 : 0, 0, 1 << 16, 1 << 16)
        }
        guard av_frame_make_writable(canvas.pointer) >= 0 else {
            throw MediaError(.encodeFailed, path: path, reason: "out of memory for a frame")
        }
    }

    private func convertRGB(_ raw: UnsafeRawBufferPointer, bytesPerPixel: Int) {
        guard let v = settings.video else { return }
        var source: [UnsafePointer<UInt8>?] = [raw.baseAddress!.assumingMemoryBound(to: UInt8.self), nil, nil, nil]
        var strides: [Int32] = [Int32(v.width * bytesPerPixel), 0, 0, 0]
        let f = canvas.pointer
        withUnsafeMutablePointer(to: &f.pointee.data) { data in
            withUnsafeMutablePointer(to: &f.pointee.linesize) { lines in
                data.withMemoryRebound(to: UnsafeMutablePointer<UInt8>?.self, capacity: 8) { planes in
                    lines.withMemoryRebound(to: Int32.self, capacity: 8) { lineSizes in
                        _ = sws_scale(scaler, &source, &strides, 0, Int32(v.height), planes, lineSizes)
                    }
                }
            }
        }
    }

    private func encodeCanvas() throws(MediaError) {
        guard let video else { return }
        let f = canvas.pointer
        f.pointee.pts = framesWritten
        f.pointee.color_range = video.context.pointee.color_range
        f.pointee.colorspace = video.context.pointee.colorspace
        f.pointee.color_primaries = video.context.pointee.color_primaries
        f.pointee.color_trc = video.context.pointee.color_trc
        try writer.encode(canvas, with: video, stream: videoStream)
        framesWritten += 1
    }

    static func swsMatrix(_ space: AVColorSpace) -> Int32 {
        switch space {
        case AVCOL_SPC_BT470BG, AVCOL_SPC_SMPTE170M: SWS_CS_ITU601
        case AVCOL_SPC_BT2020_NCL, AVCOL_SPC_BT2020_CL: SWS_CS_BT2020
        case AVCOL_SPC_SMPTE240M: SWS_CS_SMPTE240M
        default: SWS_CS_ITU709
        }
    }

    // MARK: Sound

    /// Queues interleaved samples (`channels` per frame) and encodes every whole encoder frame.
    public func encode(interleaved samples: [Float]) throws(MediaError) {
        guard audio != nil, let a = settings.audio else {
            throw MediaError(.invalidRequest, path: path, reason: "the output has no sound")
        }
        pending.append(contentsOf: samples)
        let whole = audioFrameSize * a.channels
        var consumed = 0
        while pending.count - consumed >= whole {
            try encodeAudioFrame(pending[consumed..<(consumed + whole)], channels: a.channels)
            consumed += whole
        }
        if consumed > 0 { pending.removeFirst(consumed) }
    }

    private func encodeAudioFrame(_ samples: ArraySlice<Float>, channels: Int) throws(MediaError) {
        guard let audio else { return }
        let count = samples.count / channels
        guard av_frame_make_writable(sound.pointer) >= 0 else {
            throw MediaError(.encodeFailed, path: path, reason: "out of memory for audio")
        }
        let f = sound.pointer
        f.pointee.nb_samples = Int32(count)
        let planar = av_sample_fmt_is_planar(audioFormat) != 0
        samples.withUnsafeBufferPointer { input in
            for channel in 0..<channels {
                let plane = f.pointee.extended_data[planar ? channel : 0]!
                let step = planar ? 1 : channels, first = planar ? 0 : channel
                for i in 0..<count {
                    let value = max(-1, min(1, input[i * channels + channel]))
                    let at = first + i * step
                    switch audioFormat {
                    case AV_SAMPLE_FMT_FLT, AV_SAMPLE_FMT_FLTP:
                        plane.withMemoryRebound(to: Float.self, capacity: at + 1) { $0[at] = input[i * channels + channel] }
                    case AV_SAMPLE_FMT_S16, AV_SAMPLE_FMT_S16P:
                        plane.withMemoryRebound(to: Int16.self, capacity: at + 1) { $0[at] = Int16(max(-32768, min(32767, (value * 32768).rounded()))) }
                    default:
                        let scaled = (Double(value) * 2_147_483_648).rounded()
                        plane.withMemoryRebound(to: Int32.self, capacity: at + 1) { $0[at] = Int32(max(-2_147_483_648, min(2_147_483_647, scaled))) }
                    }
                }
            }
        }
        f.pointee.pts = samplesWritten
        try writer.encode(sound, with: audio, stream: audioStream)
        samplesWritten += Int64(count)
    }

    // MARK: Ending

    /// Encodes what is queued, drains the encoders and writes the trailer.
    public func finish() throws(MediaError) {
        if let a = settings.audio, !pending.isEmpty {
            var rest = pending
            pending = []
            let count = rest.count / a.channels
            if !audioSmallLastFrame, count < audioFrameSize {
                // The encoder takes whole frames only: pad with silence (the container cannot trim it).
                rest += [Float](repeating: 0, count: (audioFrameSize - count) * a.channels)
            }
            try encodeAudioFrame(rest[...], channels: a.channels)
        }
        if let video { try writer.encode(nil, with: video, stream: videoStream) }
        if let audio { try writer.encode(nil, with: audio, stream: audioStream) }
        try writer.finish()
    }
}
