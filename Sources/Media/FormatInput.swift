import CFFmpeg
import Foundation
import PathBytes

/// Owns an `AVFormatContext` opened for reading (a demuxer on one file).
/// Streams are borrowed through it and never outlive it.
final class FormatInput {
    let context: UnsafeMutablePointer<AVFormatContext>
    let identity: MediaFileIdentity
    var path: String { identity.path }

    enum ReadResult: Equatable {
        case packet
        case end
        case failed(Int32)
    }

    /// Opens `path` and reads enough of it to know its streams.
    init(path: String) throws(MediaError) {
        identity = try MediaFileIdentity(path: path)
        let mark = LibavLog.mark()
        var opened: UnsafeMutablePointer<AVFormatContext>?
        // "file:" keeps a name such as "take:2.mov" from being read as a protocol.
        // libavformat takes the name as bytes: a name that is not UTF-8 goes as its own bytes.
        let status = PathBytes.withCString("file:" + path) { avformat_open_input(&opened, $0, nil, nil) }
        guard status >= 0, let opened else {
            throw FormatInput.openFailure(path: path, status: status, log: LibavLog.errors(since: mark))
        }
        let found = avformat_find_stream_info(opened, nil)
        if found < 0 {
            var closing: UnsafeMutablePointer<AVFormatContext>? = opened
            avformat_close_input(&closing)
            let detail = LibavLog.errors(since: mark).last ?? libavErrorText(found)
            throw MediaError(.damaged, path: path,
                             reason: "damaged: its stream information cannot be read (\(detail))")
        }
        context = opened
    }

    deinit {
        var closing: UnsafeMutablePointer<AVFormatContext>? = context
        avformat_close_input(&closing)
    }

    var streamCount: Int { Int(context.pointee.nb_streams) }

    func stream(_ index: Int) -> UnsafeMutablePointer<AVStream> {
        precondition(index >= 0 && index < streamCount, "stream \(index) out of range")
        return context.pointee.streams[index]!
    }

    var formatName: String { cString(context.pointee.iformat.pointee.name) ?? "unknown" }

    func read(into packet: Packet) -> ReadResult {
        let status = av_read_frame(context, packet.pointer)
        if status >= 0 { return .packet }
        if status == tc_averror_eof() { return .end }
        return .failed(status)
    }

    /// Why `avformat_open_input` failed, told apart as well as the header allows:
    /// a file libav recognises but cannot open is damaged; one it does not recognise is not media.
    private static func openFailure(path: String, status: Int32, log: [String]) -> MediaError {
        if status == tc_averror(EACCES) {
            return MediaError(.permissionDenied, path: path, reason: "permission denied")
        }
        if status == tc_averror(ENOENT) {
            return MediaError(.fileNotFound, path: path, reason: "no such file")
        }
        let detail = log.last ?? libavErrorText(status)
        if let recognised = recognisedFormat(path: path) {
            return MediaError(.damaged, path: path,
                              reason: "damaged \(recognised) file: cannot be opened (\(detail)); it may be truncated or still being written")
        }
        return MediaError(.notMedia, path: path,
                          reason: "not a media file that termcut can read (\(detail))")
    }

    /// The long name of the container the first bytes look like, if libav is fairly sure.
    private static func recognisedFormat(path: String) -> String? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 4096)) ?? Data()
        guard !head.isEmpty else { return nil }
        var buffer = [UInt8](head)
        buffer.append(contentsOf: [UInt8](repeating: 0, count: Int(AVPROBE_PADDING_SIZE)))
        var score: Int32 = 0
        let format: UnsafePointer<AVInputFormat>? = buffer.withUnsafeMutableBufferPointer { bytes in
            path.withCString { name in
                var probe = AVProbeData(filename: name, buf: bytes.baseAddress, buf_size: Int32(head.count), mime_type: nil)
                return av_probe_input_format2(&probe, 1, &score)
            }
        }
        guard let format, score >= AVPROBE_SCORE_MAX / 4 else { return nil }
        return cString(format.pointee.name).map { name in
            name.hasPrefix("mov,") ? "MP4/QuickTime" : name.uppercased()
        }
    }
}
