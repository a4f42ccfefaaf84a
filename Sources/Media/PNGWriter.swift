import CFFmpeg
import Foundation
import PathBytes

/// Writes a picture as PNG with libavcodec's PNG encoder.
public enum PNGWriter {
    /// Encodes `frame` (converted to RGB24 at its own size, or `width`×`height`) into a PNG
    /// file at `url`, written to a temporary name and renamed into place.
    public static func write(_ frame: VideoFrame, to url: URL, width: Int? = nil, height: Int? = nil) throws(MediaError) {
        try write(try frame.converted(to: .rgb24, width: width, height: height), to: url)
    }

    /// Encodes packed RGB24 pixels (a contact sheet, a composite) the same way.
    public static func write(rgb24 bytes: [UInt8], width: Int, height: Int, to url: URL) throws(MediaError) {
        precondition(bytes.count == width * height * 3, "RGB24 bytes for \(width)x\(height)")
        try write(Picture(width: width, height: height, format: .rgb24, bytes: bytes), to: url)
    }

    static func write(_ picture: Picture, to url: URL) throws(MediaError) {
        let data = try encode(picture, path: url.path)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).partial-\(getpid())")
        // By the names' bytes (`SystemFile`): an output named in Latin-1 gets exactly that name.
        let fd = SystemFile.open(temporary.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC)
        guard fd >= 0 else {
            throw MediaError(.writeFailed, path: url.path, reason: "cannot write (\(String(cString: strerror(errno))))")
        }
        let written = data.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        close(fd)
        guard written == data.count else {
            SystemFile.unlink(temporary.path)
            throw MediaError(.writeFailed, path: url.path, reason: "cannot write (\(String(cString: strerror(errno))))")
        }
        guard SystemFile.rename(temporary.path, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            SystemFile.unlink(temporary.path)
            throw MediaError(.writeFailed, path: url.path, reason: "cannot write (\(reason))")
        }
    }

    /// The PNG bytes of an RGB24 picture.
    static func encode(_ picture: Picture, path: String) throws(MediaError) -> Data {
        precondition(picture.format == .rgb24)
        let encoder = try CodecContext.encoder(named: "png", path: path)
        encoder.context.pointee.width = Int32(picture.width)
        encoder.context.pointee.height = Int32(picture.height)
        encoder.context.pointee.pix_fmt = AV_PIX_FMT_RGB24
        encoder.context.pointee.time_base = AVRational(num: 1, den: 1)
        try encoder.open()

        let frame = Frame()
        frame.pointer.pointee.width = Int32(picture.width)
        frame.pointer.pointee.height = Int32(picture.height)
        frame.pointer.pointee.format = AV_PIX_FMT_RGB24.rawValue
        guard av_frame_get_buffer(frame.pointer, 0) >= 0 else {
            throw MediaError(.encodeFailed, path: path, reason: "out of memory for the picture")
        }
        let rowBytes = picture.width * 3
        let stride = Int(frame.pointer.pointee.linesize.0)
        let base = frame.pointer.pointee.data.0!
        picture.bytes.withUnsafeBufferPointer { source in
            for row in 0..<picture.height {
                (base + row * stride).update(from: source.baseAddress! + row * rowBytes, count: rowBytes)
            }
        }
        frame.pointer.pointee.pts = 0
        try encoder.send(frame: frame)
        try encoder.send(frame: nil)
        let packet = Packet()
        var data = Data()
        while try encoder.receive(packet: packet) == .ready {
            data.append(packet.pointer.pointee.data, count: Int(packet.pointer.pointee.size))
            packet.unref()
        }
        guard !data.isEmpty else { throw MediaError(.encodeFailed, path: path, reason: "the PNG encoder produced nothing") }
        return data
    }
}
