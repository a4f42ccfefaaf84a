import CFFmpeg

/// Owns an `AVCodecContext`: one encoder or decoder.
///
/// `EAGAIN` and `EOF` from libav's send/receive calls are results (`needsInput`, `end`),
/// not errors; real failures throw `MediaError` naming the file.
final class CodecContext {
    let context: UnsafeMutablePointer<AVCodecContext>
    /// The file this codec reads or writes, for error messages.
    let path: String

    enum Output: Equatable {
        /// A packet (encoder) or frame (decoder) was filled.
        case ready
        /// Send more input first.
        case needsInput
        /// Fully drained after a flush.
        case end
    }

    private init(codec: UnsafePointer<AVCodec>, path: String) {
        guard let context = avcodec_alloc_context3(codec) else { fatalError("avcodec_alloc_context3: out of memory") }
        self.context = context
        self.path = path
    }

    deinit {
        var closing: UnsafeMutablePointer<AVCodecContext>? = context
        avcodec_free_context(&closing)
    }

    /// An unopened encoder by libav name (`libx264`, `aac`, `png`); set fields, then `open`.
    static func encoder(named name: String, path: String) throws(MediaError) -> CodecContext {
        guard let codec = avcodec_find_encoder_by_name(name) else {
            throw MediaError(.encodeFailed, path: path, reason: "this libavcodec has no \(name) encoder")
        }
        return CodecContext(codec: codec, path: path)
    }

    /// An opened decoder for `stream`, using `threads` threads (0 = libav's choice).
    static func decoder(for stream: UnsafeMutablePointer<AVStream>, path: String, threads: Int = 0,
                        options: [String: String] = [:]) throws(MediaError) -> CodecContext {
        let parameters = stream.pointee.codecpar
        guard let codec = avcodec_find_decoder(parameters!.pointee.codec_id) else {
            let name = cString(avcodec_get_name(parameters!.pointee.codec_id)) ?? "unknown"
            throw MediaError(.noDecodableStream, path: path, reason: "no decoder for \(name) in this libavcodec")
        }
        let decoder = CodecContext(codec: codec, path: path)
        guard avcodec_parameters_to_context(decoder.context, parameters) >= 0 else {
            throw MediaError(.decodeFailed, path: path, reason: "cannot configure the \(cString(codec.pointee.name) ?? "") decoder")
        }
        decoder.context.pointee.pkt_timebase = stream.pointee.time_base
        decoder.context.pointee.thread_count = Int32(threads)
        try decoder.open(options: options)
        return decoder
    }

    /// An opened decoder with no stream behind it (a lone PNG read from its file).
    static func decoder(codec: UnsafePointer<AVCodec>, path: String) throws(MediaError) -> CodecContext {
        let decoder = CodecContext(codec: codec, path: path)
        decoder.context.pointee.thread_count = 1
        try decoder.open()
        return decoder
    }

    func open(options: [String: String] = [:]) throws(MediaError) {
        let mark = LibavLog.mark()
        // Read before opening: a failed avcodec_open2 may clear the context's codec.
        let name = context.pointee.codec.flatMap { cString($0.pointee.name) } ?? "codec"
        let encoding = context.pointee.codec.map { av_codec_is_encoder($0) != 0 } ?? false
        let status = withOptions(options) { dictionary in avcodec_open2(context, nil, &dictionary) }
        guard status >= 0 else {
            let detail = LibavLog.errors(since: mark).last ?? libavErrorText(status)
            throw MediaError(encoding ? .encodeFailed : .decodeFailed,
                             path: path, reason: "cannot open the \(name) codec (\(detail))")
        }
    }

    var timeBase: AVRational { context.pointee.time_base }

    // MARK: Encoding

    /// Sends a frame to the encoder; `nil` starts draining it.
    func send(frame: Frame?) throws(MediaError) {
        let status = avcodec_send_frame(context, frame?.pointer)
        guard status >= 0 || status == tc_averror_eof() else {
            throw MediaError(.encodeFailed, path: path, reason: "encoder rejected a frame (\(libavErrorText(status)))")
        }
    }

    func receive(packet: Packet) throws(MediaError) -> Output {
        let status = avcodec_receive_packet(context, packet.pointer)
        if status >= 0 { return .ready }
        if status == tc_averror_eagain() { return .needsInput }
        if status == tc_averror_eof() { return .end }
        throw MediaError(.encodeFailed, path: path, reason: "encoding failed (\(libavErrorText(status)))")
    }

    // MARK: Decoding

    enum SendResult: Equatable {
        case accepted
        /// The decoder's output must be drained first; send the same packet again after.
        case full
        /// The packet is damaged; the decoder skipped it.
        case rejected(Int32)
        case ended
    }

    /// Sends a packet to the decoder; `nil` starts draining it.
    func send(packet: Packet?) -> SendResult {
        let status = avcodec_send_packet(context, packet?.pointer)
        if status >= 0 { return .accepted }
        if status == tc_averror_eagain() { return .full }
        if status == tc_averror_eof() { return .ended }
        return .rejected(status)
    }

    enum FrameResult: Equatable {
        case frame
        case needsInput
        case end
        case damaged(Int32)
    }

    func receive(frame: Frame) -> FrameResult {
        let status = avcodec_receive_frame(context, frame.pointer)
        if status >= 0 { return .frame }
        if status == tc_averror_eagain() { return .needsInput }
        if status == tc_averror_eof() { return .end }
        return .damaged(status)
    }

    /// Forgets buffered frames, after a seek.
    func flush() { avcodec_flush_buffers(context) }
}
