import CFFmpeg
import Foundation
import PathBytes

/// A PNG picture (a logo, a graphic with alpha) decoded once with libavcodec's PNG decoder,
/// then converted by swscale to 16-bit RGBA at whatever size an overlay needs.
///
/// The file is read whole and sent to the decoder as one packet, as ffmpeg's `image2` demuxer
/// does for a single PNG: no container, no stream probing. Any PNG the decoder takes works —
/// palette, grey, grey+alpha, RGB(A), 8 or 16 bits — since swscale converts each to RGBA.
public final class StillImage: @unchecked Sendable {
    // Reviewed as `@unchecked Sendable`: `frame` is never mutated after `init`.
    private let frame: VideoFrame
    public let path: String
    public var width: Int { frame.width }
    public var height: Int { frame.height }

    /// The PNG decoder's formats of 16 bits per sample.
    static let deepFormats: Set<String> = ["rgb48be", "rgba64be", "gray16be", "ya16be", "rgb48le", "rgba64le", "gray16le", "ya16le"]

    /// The PNG signature every PNG file starts with (ISO/IEC 15948 §5.2).
    static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// Decodes the PNG at `path`; a missing file, a file that is not a PNG or one the decoder
    /// refuses is an error naming the file.
    public init(path: String) throws(MediaError) {
        self.path = path
        let identity = try MediaFileIdentity(path: path)
        let data: Data
        do { data = try SystemFile.read(path) } catch {
            throw MediaError(.permissionDenied, path: path, reason: "cannot be read (\(error))")
        }
        let bytes = [UInt8](data)
        guard bytes.count > Self.signature.count, Array(bytes.prefix(Self.signature.count)) == Self.signature else {
            throw MediaError(.notMedia, path: path, reason: "not a PNG file (it does not start with the PNG signature)")
        }
        guard let codec = avcodec_find_decoder(AV_CODEC_ID_PNG) else {
            throw MediaError(.noDecodableStream, path: path, reason: "this libavcodec has no PNG decoder")
        }
        let decoder = try CodecContext.decoder(codec: codec, path: path)
        let packet = Packet()
        guard av_new_packet(packet.pointer, Int32(bytes.count)) >= 0 else {
            throw MediaError(.decodeFailed, path: path, reason: "out of memory for a \(identity.size)-byte picture")
        }
        bytes.withUnsafeBufferPointer { packet.pointer.pointee.data.update(from: $0.baseAddress!, count: bytes.count) }
        packet.pointer.pointee.flags |= AV_PKT_FLAG_KEY
        let mark = LibavLog.mark()
        let decoded = Frame()
        var sent = decoder.send(packet: packet)
        if case .accepted = sent { sent = decoder.send(packet: nil) }
        let received = decoder.receive(frame: decoded)
        guard received == .frame, decoded.pointer.pointee.width > 0, decoded.pointer.pointee.height > 0,
              decoded.pointer.pointee.decode_error_flags == 0, decoded.pointer.pointee.flags & AV_FRAME_FLAG_CORRUPT == 0 else {
            let status: Int32
            if case .rejected(let s) = sent { status = s } else if case .damaged(let s) = received { status = s } else { status = 0 }
            let detail = LibavLog.errors(since: mark).last ?? (status < 0 ? libavErrorText(status) : "no picture came out")
            throw MediaError(.damaged, path: path, reason: "damaged PNG: it does not decode (\(detail))")
        }
        // PNG samples are full range (grey included); say so, or swscale would stretch grey as video levels.
        decoded.pointer.pointee.color_range = AVCOL_RANGE_JPEG
        frame = VideoFrame(frame: decoded, timestamp: 0, timeBase: AVRational(num: 1, den: 1), mediaStart: 0)
    }

    /// The picture as straight (not premultiplied) 16-bit RGBA at `width`×`height`, scaled by
    /// swscale (bicubic, as ffmpeg's `scale` filter does by default).
    /// An 8-bit PNG goes through swscale at 8 bits and is widened exactly (v × 257): swscale's
    /// own 8 → 16-bit RGBA path gives 65532 for 255, which would let an opaque logo leak.
    public func rgba64(width: Int, height: Int) throws(MediaError) -> Picture {
        do {
            if Self.deepFormats.contains(frame.pixelFormatName) {
                return try frame.converted(to: .rgba64, width: width, height: height)
            }
            let narrow = try frame.converted(to: .rgba, width: width, height: height)
            var bytes = [UInt8](repeating: 0, count: narrow.bytes.count * 2)
            for (i, v) in narrow.bytes.enumerated() {
                // Little-endian, as `.rgba64` pictures are.
                bytes[i * 2] = v
                bytes[i * 2 + 1] = v
            }
            return Picture(width: width, height: height, format: .rgba64, bytes: bytes)
        } catch {
            throw MediaError(error.kind, path: path, reason: error.reason)
        }
    }
}
