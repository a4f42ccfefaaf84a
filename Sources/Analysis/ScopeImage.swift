/// How far the chroma planes are subsampled: 4:4:4 (none), 4:2:2 (half width), 4:2:0 (half
/// width and height).
public enum ChromaSubsampling: String, Sendable, CaseIterable {
    case yuv444
    case yuv422
    case yuv420

    /// log2 of the horizontal and vertical subsampling factors.
    public var shift: (x: Int, y: Int) {
        switch self {
        case .yuv444: (0, 0)
        case .yuv422: (1, 0)
        case .yuv420: (1, 1)
        }
    }
}

/// A decoded picture as the scopes see it: planar, tightly packed, one `UInt16` per code value
/// whatever the bit depth (8…12), plus the matrix and range needed to read the values.
///
/// This is deliberately not Media's frame type: Media copies a decoded frame's planes into this
/// (dropping line padding and widening 8-bit samples), and Analysis stays testable without a
/// decoder. At 1920×1080 4:2:0 the copy is about 3 MB and well under a millisecond.
public struct ScopeImage: Sendable {
    /// The sample planes, row-major with no padding between rows.
    public enum Planes: Sendable {
        /// Y′ at full size; Cb and Cr at the size the subsampling gives (rounded up).
        case yCbCr(y: [UInt16], cb: [UInt16], cr: [UInt16], subsampling: ChromaSubsampling)
        /// R′, G′ and B′, each at full size (for example from a GBR decoder or a still image).
        case rgb(r: [UInt16], g: [UInt16], b: [UInt16])
    }

    public let width: Int
    public let height: Int
    public let levels: VideoLevels
    /// The matrix the Y′CbCr values were made with (or, for R′G′B′ input, the one the
    /// waveform and vectorscope use to derive Y′CbCr).
    public let matrix: ColourMatrix
    public let planes: Planes

    public var bitDepth: Int { levels.bitDepth }
    public var range: ColourRange { levels.range }
    public var pixelCount: Int { width * height }

    public init(width: Int, height: Int, bitDepth: Int, range: ColourRange, matrix: ColourMatrix,
                planes: Planes) throws(ScopeImageError) {
        guard width > 0, height > 0 else {
            throw ScopeImageError("a \(width)x\(height) image has no pixels")
        }
        guard (8...12).contains(bitDepth) else {
            throw ScopeImageError("bit depth \(bitDepth) is not supported (8 to 12 bits)")
        }
        let count = width * height
        switch planes {
        case let .yCbCr(y, cb, cr, subsampling):
            let (cw, ch) = Self.chromaSize(width: width, height: height, subsampling: subsampling)
            guard y.count == count else {
                throw ScopeImageError("the Y′ plane holds \(y.count) samples, \(width)x\(height) needs \(count)")
            }
            guard cb.count == cw * ch, cr.count == cw * ch else {
                throw ScopeImageError("the chroma planes hold \(cb.count) and \(cr.count) samples, "
                    + "\(subsampling.rawValue) at \(width)x\(height) needs \(cw * ch) each")
            }
        case let .rgb(r, g, b):
            guard r.count == count, g.count == count, b.count == count else {
                throw ScopeImageError("the R′G′B′ planes hold \(r.count), \(g.count), \(b.count) samples, "
                    + "\(width)x\(height) needs \(count) each")
            }
        }
        self.width = width
        self.height = height
        self.levels = VideoLevels(bitDepth: bitDepth, range: range)
        self.matrix = matrix
        self.planes = planes
    }

    /// Width and height of a chroma plane (odd sizes round up, as FFmpeg's do).
    public static func chromaSize(width: Int, height: Int, subsampling: ChromaSubsampling) -> (width: Int, height: Int) {
        let s = subsampling.shift
        return ((width + (1 << s.x) - 1) >> s.x, (height + (1 << s.y) - 1) >> s.y)
    }
}

/// A frame that cannot be read as a scope image; the message says what is wrong with it.
public struct ScopeImageError: Error, CustomStringConvertible, Equatable {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
