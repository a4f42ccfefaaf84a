import CFFmpeg

/// Pixel layouts termcut asks decoded pictures for.
public enum PictureFormat: String, Sendable, Codable, CaseIterable {
    /// 8-bit R, G, B, A per pixel (full range).
    case rgba
    /// 8-bit R, G, B per pixel (full range).
    case rgb24
    /// Planar Y'CbCr 4:2:0, limited range, in the source's colour matrix.
    case yuv420p
    /// 16-bit R, G, B, A per pixel, little-endian (full range): the deep composite for
    /// outputs of 10 bits and more.
    case rgba64

    var avFormat: AVPixelFormat {
        switch self {
        case .rgba: AV_PIX_FMT_RGBA
        case .rgb24: AV_PIX_FMT_RGB24
        case .yuv420p: AV_PIX_FMT_YUV420P
        case .rgba64: AV_PIX_FMT_RGBA64LE
        }
    }
}

/// A converted picture in memory we own, rows packed without padding
/// (planar formats: all of Y, then Cb, then Cr).
public struct Picture: Sendable, Equatable {
    public var width: Int
    public var height: Int
    public var format: PictureFormat
    public var bytes: [UInt8]
}

/// Conversion with libswscale: scaling plus the colour matrix and range of the source
/// (BT.601, BT.709, BT.2020; limited or full), set with `sws_setColorspaceDetails`.
enum PixelConversion {
    static func convert(_ frame: VideoFrame, to format: PictureFormat, width: Int, height: Int) throws(MediaError) -> Picture {
        guard width > 0, height > 0 else {
            throw MediaError(.invalidRequest, path: "", reason: "picture size must be positive, not \(width)x\(height)")
        }
        let scaler = try Scaler(from: frame, to: format, width: width, height: height)
        return scaler.convert(frame)
    }

    static func convert(_ frame: VideoFrame, to format: PictureFormat, width: Int, height: Int,
                        crop: (x: Int, y: Int, width: Int, height: Int)) throws(MediaError) -> Picture {
        guard width > 0, height > 0 else {
            throw MediaError(.invalidRequest, path: "", reason: "picture size must be positive, not \(width)x\(height)")
        }
        guard let descriptor = av_pix_fmt_desc_get(frame.pixelFormat) else {
            throw MediaError(.invalidRequest, path: "", reason: "cannot crop \(frame.pixelFormatName)")
        }
        // Planes are offset in whole chroma samples, so the corner snaps to the chroma grid.
        let stepX = 1 << Int(descriptor.pointee.log2_chroma_w), stepY = 1 << Int(descriptor.pointee.log2_chroma_h)
        let x = max(0, min(frame.width - 1, crop.x)) / stepX * stepX
        let y = max(0, min(frame.height - 1, crop.y)) / stepY * stepY
        let w = max(1, min(frame.width - x, crop.width)), h = max(1, min(frame.height - y, crop.height))
        guard let cropped = av_frame_clone(frame.pointer) else {
            throw MediaError(.decodeFailed, path: "", reason: "out of memory for a frame")
        }
        let owner = Frame(adopting: cropped)
        for plane in 0..<4 {
            guard let base = withUnsafeBytes(of: cropped.pointee.data, { $0.load(fromByteOffset: plane * MemoryLayout<UnsafeMutablePointer<UInt8>?>.size, as: UnsafeMutablePointer<UInt8>?.self) }) else { continue }
            let stride = Int(withUnsafeBytes(of: cropped.pointee.linesize) { $0.load(fromByteOffset: plane * MemoryLayout<Int32>.size, as: Int32.self) })
            let chroma = plane == 1 || plane == 2
            let px = chroma ? x / stepX : x, py = chroma ? y / stepY : y
            // Bytes per sample of this plane's component (1 for 8-bit, 2 for 10/16-bit; packed formats have one plane).
            let components = descriptor.pointee.comp
            let inPlane = [components.0, components.1, components.2, components.3].prefix(Int(descriptor.pointee.nb_components))
            let bytes = Int(inPlane.first(where: { Int($0.plane) == plane })?.step ?? 1)
            let moved = base + py * stride + px * bytes
            withUnsafeMutableBytes(of: &cropped.pointee.data) {
                $0.storeBytes(of: Optional(moved), toByteOffset: plane * MemoryLayout<UnsafeMutablePointer<UInt8>?>.size,
                              as: UnsafeMutablePointer<UInt8>?.self)
            }
        }
        cropped.pointee.width = Int32(w)
        cropped.pointee.height = Int32(h)
        let view = VideoFrame(frame: owner, timestamp: frame.timestamp, timeBase: frame.timeBase.avRational, mediaStart: frame.timestamp)
        let scaler = try Scaler(from: view, to: format, width: width, height: height)
        return scaler.convert(view)
    }

    /// The swscale matrix for a frame: what it signals, else BT.709 for HD sizes and
    /// BT.601 below, as players guess.
    static func matrix(for frame: UnsafePointer<AVFrame>) -> Int32 {
        let space = frame.pointee.colorspace
        switch space {
        case AVCOL_SPC_BT709: return SWS_CS_ITU709
        case AVCOL_SPC_BT470BG, AVCOL_SPC_SMPTE170M: return SWS_CS_ITU601
        case AVCOL_SPC_SMPTE240M: return SWS_CS_SMPTE240M
        case AVCOL_SPC_FCC: return SWS_CS_FCC
        case AVCOL_SPC_BT2020_NCL, AVCOL_SPC_BT2020_CL: return SWS_CS_BT2020
        default: return frame.pointee.height >= 720 ? SWS_CS_ITU709 : SWS_CS_ITU601
        }
    }
}

/// Owns one `SwsContext`.
final class Scaler {
    private let context: OpaquePointer
    let format: PictureFormat
    let width: Int
    let height: Int

    init(from frame: VideoFrame, to format: PictureFormat, width: Int, height: Int) throws(MediaError) {
        let flags = SWS_BICUBIC | SWS_ACCURATE_RND | SWS_FULL_CHR_H_INT
        guard let context = sws_getContext(Int32(frame.width), Int32(frame.height), frame.pixelFormat,
                                           Int32(width), Int32(height), format.avFormat, flags, nil, nil, nil) else {
            throw MediaError(.invalidRequest, path: "",
                             reason: "cannot convert \(frame.pixelFormatName) \(frame.width)x\(frame.height) to \(format.rawValue) \(width)x\(height)")
        }
        self.context = context
        self.format = format
        self.width = width
        self.height = height
        let matrix = PixelConversion.matrix(for: frame.pointer)
        let coefficients = sws_getCoefficients(matrix)
        let outputFullRange: Int32 = format == .yuv420p ? 0 : 1
        // Brightness 0, contrast and saturation 1.0 in 16.16 fixed point.
        sws_setColorspaceDetails(context, coefficients, frame.isFullRange ? 1 : 0,
                                 coefficients, outputFullRange, 0, 1 << 16, 1 << 16)
    }

    deinit { sws_freeContext(context) }

    func convert(_ frame: VideoFrame) -> Picture {
        let size = Int(av_image_get_buffer_size(format.avFormat, Int32(width), Int32(height), 1))
        var bytes = [UInt8](repeating: 0, count: size)
        bytes.withUnsafeMutableBufferPointer { buffer in
            var planes = [UnsafeMutablePointer<UInt8>?](repeating: nil, count: 4)
            var strides = [Int32](repeating: 0, count: 4)
            planes.withUnsafeMutableBufferPointer { planePointers in
                strides.withUnsafeMutableBufferPointer { strideValues in
                    // Fill four-element arrays the way av_image_fill_arrays expects its [4] arrays.
                    planePointers.baseAddress!.withMemoryRebound(to: UnsafeMutablePointer<UInt8>?.self, capacity: 4) { p in
                        _ = av_image_fill_arrays(p, strideValues.baseAddress, buffer.baseAddress, format.avFormat,
                                                 Int32(width), Int32(height), 1)
                    }
                }
            }
            let source = frame.pointer
            withUnsafePointer(to: source.pointee.data) { data in
                withUnsafePointer(to: source.pointee.linesize) { lines in
                    data.withMemoryRebound(to: UnsafePointer<UInt8>?.self, capacity: 8) { sourcePlanes in
                        lines.withMemoryRebound(to: Int32.self, capacity: 8) { sourceStrides in
                            planes.withUnsafeBufferPointer { destinationPlanes in
                                _ = sws_scale(context, sourcePlanes, sourceStrides, 0, Int32(frame.height),
                                              destinationPlanes.baseAddress, strides)
                            }
                        }
                    }
                }
            }
        }
        return Picture(width: width, height: height, format: format, bytes: bytes)
    }
}
