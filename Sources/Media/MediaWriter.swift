import CFFmpeg
import Foundation

/// Owns an output `AVFormatContext` and its file: a muxer writing encoded packets.
final class MediaWriter {
    let context: UnsafeMutablePointer<AVFormatContext>
    let path: String
    private var encoderTimeBases: [AVRational] = []
    private var packetDurations: [Int64] = []
    private var fileOpen = false
    private var finished = false

    /// A muxer for `formatName` (`mp4`, `image2`) writing to `path`.
    init(path: String, formatName: String) throws(MediaError) {
        LibavLog.install()
        var output: UnsafeMutablePointer<AVFormatContext>?
        let status = avformat_alloc_output_context2(&output, nil, formatName, path)
        guard status >= 0, let output else {
            throw MediaError(.writeFailed, path: path, reason: "cannot write \(formatName) (\(libavErrorText(status)))")
        }
        context = output
        self.path = path
    }

    deinit {
        if fileOpen { avio_closep(&context.pointee.pb) }
        avformat_free_context(context)
    }

    /// Whether encoders must put codec headers in extradata (MP4 does).
    var wantsGlobalHeaders: Bool { context.pointee.oformat.pointee.flags & AVFMT_GLOBALHEADER != 0 }

    func setTag(_ key: String, _ value: String) {
        av_dict_set(&context.pointee.metadata, key, value, 0)
    }

    /// Adds a stream carrying `encoder`'s output (open the encoder first); returns its index.
    /// `packetDuration` (encoder time base) fills in packets an encoder leaves without a
    /// duration (libx264 does), so the last frame counts towards the stream's duration.
    func addStream(for encoder: CodecContext, packetDuration: Int64 = 0) throws(MediaError) -> Int {
        guard let stream = avformat_new_stream(context, nil),
              avcodec_parameters_from_context(stream.pointee.codecpar, encoder.context) >= 0 else {
            throw MediaError(.writeFailed, path: path, reason: "cannot add a stream")
        }
        stream.pointee.time_base = encoder.timeBase
        encoderTimeBases.append(encoder.timeBase)
        packetDurations.append(packetDuration)
        return Int(stream.pointee.index)
    }

    /// Opens the file and writes the header; `options` go to the muxer (`movflags`).
    func start(options: [String: String] = [:]) throws(MediaError) {
        let mark = LibavLog.mark()
        if context.pointee.oformat.pointee.flags & AVFMT_NOFILE == 0 {
            let opened = avio_open(&context.pointee.pb, "file:" + path, AVIO_FLAG_WRITE)
            guard opened >= 0 else {
                throw MediaError(.writeFailed, path: path, reason: "cannot create the file (\(libavErrorText(opened)))")
            }
            fileOpen = true
        }
        let status = withOptions(options) { dictionary in avformat_write_header(context, &dictionary) }
        guard status >= 0 else {
            let detail = LibavLog.errors(since: mark).last ?? libavErrorText(status)
            throw MediaError(.writeFailed, path: path, reason: "cannot write the header (\(detail))")
        }
    }

    /// Writes one encoded packet of stream `index`, with timestamps in its encoder's time base.
    func write(_ packet: Packet, stream index: Int) throws(MediaError) {
        let stream = context.pointee.streams[index]!
        packet.pointer.pointee.stream_index = Int32(index)
        if packet.pointer.pointee.duration <= 0 { packet.pointer.pointee.duration = packetDurations[index] }
        av_packet_rescale_ts(packet.pointer, encoderTimeBases[index], stream.pointee.time_base)
        let status = av_interleaved_write_frame(context, packet.pointer)
        guard status >= 0 else {
            throw MediaError(.writeFailed, path: path, reason: "cannot write a packet (\(libavErrorText(status)))")
        }
    }

    /// Sends `frame` (or the flush, for `nil`) to `encoder` and writes every packet that comes out.
    func encode(_ frame: Frame?, with encoder: CodecContext, stream index: Int) throws(MediaError) {
        try encoder.send(frame: frame)
        let packet = Packet()
        while try encoder.receive(packet: packet) == .ready {
            try write(packet, stream: index)
        }
    }

    /// Writes the trailer and closes the file.
    func finish() throws(MediaError) {
        guard !finished else { return }
        finished = true
        let status = av_write_trailer(context)
        if fileOpen {
            avio_closep(&context.pointee.pb)
            fileOpen = false
        }
        guard status >= 0 else {
            throw MediaError(.writeFailed, path: path, reason: "cannot finish the file (\(libavErrorText(status)))")
        }
    }
}
