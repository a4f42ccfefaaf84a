import CFFmpeg

/// One decoded picture: its planes (a reference to libav's frame buffers), when it is
/// shown and how its colours are encoded.
///
/// Immutable after decoding; libav's buffers are reference-counted atomically, so frames
/// move between the decoding thread, the cache and the screen. Reviewed as
/// `@unchecked Sendable`: nothing mutates `frame` after `init`.
public final class VideoFrame: @unchecked Sendable {
    private let frame: Frame
    /// Presentation timestamp in `timeBase` units.
    public let timestamp: Int64
    public let timeBase: MediaRational
    /// Seconds from the start of the media (the file's start time), as ffmpeg's `-ss` counts.
    public let time: Double
    public let width: Int
    public let height: Int
    /// libav's pixel format name (`yuv420p`, `yuv444p`, `yuvj420p` …).
    public let pixelFormatName: String
    /// `bt709`, `bt470bg`, `smpte170m`, `bt2020nc` …, or `nil` when the stream does not say.
    public let colorSpace: String?
    /// Whether samples use the full 0…255 range (JPEG) rather than 16…235 (video).
    public let isFullRange: Bool
    /// The decoder reported errors in this picture (damaged data, concealed).
    public let isDamaged: Bool

    init(frame: Frame, timestamp: Int64, timeBase: AVRational, mediaStart: Int64) {
        self.frame = frame
        self.timestamp = timestamp
        self.timeBase = MediaRational(timeBase)
        self.time = Double(timestamp - mediaStart) * Double(timeBase.num) / Double(timeBase.den)
        let f = frame.pointer.pointee
        width = Int(f.width)
        height = Int(f.height)
        pixelFormatName = cString(av_get_pix_fmt_name(avPixelFormat(of: frame))) ?? "unknown"
        colorSpace = f.colorspace == AVCOL_SPC_UNSPECIFIED ? nil : cString(av_color_space_name(f.colorspace))
        let format = AVPixelFormat(rawValue: f.format)
        isFullRange = f.color_range == AVCOL_RANGE_JPEG
            || [AV_PIX_FMT_YUVJ420P, AV_PIX_FMT_YUVJ422P, AV_PIX_FMT_YUVJ444P].contains(format)
        isDamaged = f.decode_error_flags != 0 || f.flags & AV_FRAME_FLAG_CORRUPT != 0
    }

    var pointer: UnsafePointer<AVFrame> { UnsafePointer(frame.pointer) }

    var pixelFormat: AVPixelFormat { AVPixelFormat(rawValue: frame.pointer.pointee.format) }

    /// Bytes the frame's pictures occupy, for the cache budget.
    public var byteCount: Int {
        Int(av_image_get_buffer_size(pixelFormat, Int32(width), Int32(height), 1))
    }

    /// The planes in the source pixel format, packed without padding, in the layout of
    /// ffmpeg's `-f rawvideo` output (Y, then Cb, then Cr for planar YUV).
    public func packedPlanes() -> [UInt8] {
        let size = byteCount
        guard size > 0 else { return [] }
        var bytes = [UInt8](repeating: 0, count: size)
        let f = frame.pointer
        let written = bytes.withUnsafeMutableBufferPointer { buffer in
            withUnsafePointer(to: f.pointee.data) { data in
                withUnsafePointer(to: f.pointee.linesize) { lines in
                    data.withMemoryRebound(to: UnsafePointer<UInt8>?.self, capacity: 8) { planes in
                        lines.withMemoryRebound(to: Int32.self, capacity: 8) { strides in
                            av_image_copy_to_buffer(buffer.baseAddress, Int32(size), planes, strides,
                                                    pixelFormat, Int32(width), Int32(height), 1)
                        }
                    }
                }
            }
        }
        return written > 0 ? bytes : []
    }

    /// The picture converted to `format` at `width`×`height` (default: the source size),
    /// honouring the source's colour matrix and range.
    public func converted(to format: PictureFormat, width: Int? = nil, height: Int? = nil) throws(MediaError) -> Picture {
        try PixelConversion.convert(self, to: format, width: width ?? self.width, height: height ?? self.height)
    }

    /// The part `crop` (in this frame's pixels; snapped to the chroma grid) converted to
    /// `format` at `width`×`height`.
    public func converted(to format: PictureFormat, width: Int, height: Int,
                          crop: (x: Int, y: Int, width: Int, height: Int)) throws(MediaError) -> Picture {
        try PixelConversion.convert(self, to: format, width: width, height: height, crop: crop)
    }
}

private func avPixelFormat(of frame: Frame) -> AVPixelFormat {
    AVPixelFormat(rawValue: frame.pointer.pointee.format)
}
