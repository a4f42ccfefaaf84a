import CFFmpeg
import Foundation
import PathBytes

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

    /// Adds a stream that carries packets copied from `source` (a stream copy); their
    /// timestamps are given to `write` in `timeBase`. Returns its index. The display matrix
    /// goes along: copied phone footage stays turned the way its pictures are stored for.
    func addStream(copying source: UnsafeMutablePointer<AVStream>, timeBase: AVRational) throws(MediaError) -> Int {
        guard let stream = avformat_new_stream(context, nil), avcodec_parameters_copy(stream.pointee.codecpar, source.pointee.codecpar) >= 0 else {
            throw MediaError(.writeFailed, path: path, reason: "cannot add a stream")
        }
        var size = 0
        if let matrix = av_stream_get_side_data(source, AV_PKT_DATA_DISPLAYMATRIX, &size), size > 0,
           let copy = av_stream_new_side_data(stream, AV_PKT_DATA_DISPLAYMATRIX, size) {
            copy.update(from: matrix, count: size)
        }
        // The source container's tag may mean nothing in this one: the muxer picks its own.
        stream.pointee.codecpar.pointee.codec_tag = 0
        stream.pointee.time_base = timeBase
        encoderTimeBases.append(timeBase)
        packetDurations.append(0)
        return Int(stream.pointee.index)
    }

    /// Opens the file and writes the header; `options` go to the muxer (`movflags`).
    func start(options: [String: String] = [:]) throws(MediaError) {
        let mark = LibavLog.mark()
        if context.pointee.oformat.pointee.flags & AVFMT_NOFILE == 0 {
            let opened = PathBytes.withCString("file:" + path) { avio_open(&context.pointee.pb, $0, AVIO_FLAG_WRITE) }
            guard opened >= 0 else {
                throw failure(opened, doing: "cannot create the file")
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
        // avio buffers: a full disk shows in the I/O context's error some writes later.
        let ioError = context.pointee.pb.map { $0.pointee.error } ?? 0
        guard status >= 0, ioError >= 0 else {
            throw failure(status < 0 ? status : ioError, doing: "cannot write a packet")
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
        var status = av_write_trailer(context)
        if status >= 0, let pb = context.pointee.pb, pb.pointee.error < 0 { status = pb.pointee.error }
        if fileOpen {
            let closed = avio_closep(&context.pointee.pb)
            if status >= 0 { status = closed }
            fileOpen = false
        }
        guard status >= 0 else {
            throw failure(status, doing: "cannot finish the file")
        }
    }

    /// A write error in the user's words: a full disk and a refused write are said plainly.
    private func failure(_ status: Int32, doing what: String) -> MediaError {
        if status == tc_averror(ENOSPC) {
            return MediaError(.writeFailed, path: path, reason: "\(what): the disk is full")
        }
        if status == tc_averror(EACCES) || status == tc_averror(EROFS) {
            return MediaError(.writeFailed, path: path, reason: "\(what): writing is not allowed here")
        }
        return MediaError(.writeFailed, path: path, reason: "\(what) (\(libavErrorText(status)))")
    }
}
