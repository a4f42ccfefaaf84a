import Media

/// The two ways a picture reaches the scopes: a decoded `VideoFrame` from Media (a source file
/// as it is, code values untouched) and an RGBA picture (Render's output of the timeline).
extension ScopeImage {
    /// Planar Y′CbCr pixel formats read as they are: libav name → bit depth, subsampling, and
    /// whether the name itself says full range (the deprecated `yuvj` formats).
    static let planarFormats: [String: (bitDepth: Int, subsampling: ChromaSubsampling, full: Bool)] = [
        "yuv420p": (8, .yuv420, false), "yuv422p": (8, .yuv422, false), "yuv444p": (8, .yuv444, false),
        "yuvj420p": (8, .yuv420, true), "yuvj422p": (8, .yuv422, true), "yuvj444p": (8, .yuv444, true),
        "yuv420p10le": (10, .yuv420, false), "yuv422p10le": (10, .yuv422, false), "yuv444p10le": (10, .yuv444, false),
        "yuv420p12le": (12, .yuv420, false), "yuv422p12le": (12, .yuv422, false), "yuv444p12le": (12, .yuv444, false),
    ]

    /// The matrix a frame's Y′CbCr was made with: what the stream signals, else BT.709 from 720
    /// lines up and BT.601 below (the guess players and Media's own conversion make). nil for
    /// matrices the scopes have no coefficients for (BT.2020, SMPTE 240M …).
    public static func matrix(colorSpace: String?, height: Int) -> ColourMatrix? {
        switch colorSpace {
        case nil, "unknown", "unspecified", "reserved": return height >= 720 ? .bt709 : .bt601
        case "bt709": return .bt709
        case "bt470bg", "smpte170m", "fcc": return .bt601
        default: return nil
        }
    }

    /// The frame's own code values: planar Y′CbCr at 8, 10 or 12 bits is copied as it is (matrix
    /// from `colorSpace`, range from `isFullRange`), so a level the file holds is the level the
    /// scope shows. Other formats (packed, NV12, RGB, grey …) are converted by libswscale to
    /// 8-bit 4:2:0 limited range in the same matrix, which is the nearest lossless-enough reading;
    /// a matrix the scopes do not model (BT.2020) goes through RGB, which keeps the parade and
    /// histograms right and derives Y′ with BT.709 weights.
    public init(frame: VideoFrame) throws(ScopeImageError) {
        let width = frame.width, height = frame.height
        if let format = Self.planarFormats[frame.pixelFormatName],
           let matrix = Self.matrix(colorSpace: frame.colorSpace, height: height) {
            let bytes = frame.packedPlanes()
            let (cw, ch) = Self.chromaSize(width: width, height: height, subsampling: format.subsampling)
            let lumaCount = width * height, chromaCount = cw * ch
            let bytesPerSample = format.bitDepth > 8 ? 2 : 1
            guard bytes.count == (lumaCount + 2 * chromaCount) * bytesPerSample else {
                throw ScopeImageError("\(frame.pixelFormatName) \(width)x\(height): libav gave \(bytes.count) bytes of planes")
            }
            let planes = Self.widen(bytes, counts: [lumaCount, chromaCount, chromaCount], bytesPerSample: bytesPerSample)
            try self.init(width: width, height: height, bitDepth: format.bitDepth,
                          range: format.full || frame.isFullRange ? .full : .limited, matrix: matrix,
                          planes: .yCbCr(y: planes[0], cb: planes[1], cr: planes[2], subsampling: format.subsampling))
            return
        }
        if let matrix = Self.matrix(colorSpace: frame.colorSpace, height: height) {
            let picture: Picture
            do { picture = try frame.converted(to: .yuv420p) } catch {
                throw ScopeImageError("\(frame.pixelFormatName) \(width)x\(height): \(error.reason)")
            }
            let (cw, ch) = Self.chromaSize(width: width, height: height, subsampling: .yuv420)
            let planes = Self.widen(picture.bytes, counts: [width * height, cw * ch, cw * ch], bytesPerSample: 1)
            try self.init(width: width, height: height, bitDepth: 8, range: .limited, matrix: matrix,
                          planes: .yCbCr(y: planes[0], cb: planes[1], cr: planes[2], subsampling: .yuv420))
            return
        }
        let picture: Picture
        do { picture = try frame.converted(to: .rgb24) } catch {
            throw ScopeImageError("\(frame.pixelFormatName) \(width)x\(height): \(error.reason)")
        }
        try self.init(packedRGB: picture.bytes, bytesPerPixel: 3, width: width, height: height)
    }

    /// An RGBA picture (Render's `RGBAImage` bytes: 8-bit R, G, B, A per pixel, full range, rows
    /// packed). Alpha is ignored. The waveform and vectorscope derive Y′CbCr from R′G′B′ with
    /// `matrix` — BT.709 by default, as Render's pictures of HD timelines were made from it.
    public init(rgba bytes: [UInt8], width: Int, height: Int, matrix: ColourMatrix = .bt709) throws(ScopeImageError) {
        try self.init(packedRGB: bytes, bytesPerPixel: 4, width: width, height: height, matrix: matrix)
    }

    init(packedRGB bytes: [UInt8], bytesPerPixel: Int, width: Int, height: Int,
         matrix: ColourMatrix = .bt709) throws(ScopeImageError) {
        let count = width * height
        guard width > 0, height > 0, bytes.count >= count * bytesPerPixel else {
            throw ScopeImageError("a \(width)x\(height) picture needs \(count * bytesPerPixel) bytes, got \(bytes.count)")
        }
        var r = [UInt16](repeating: 0, count: count), g = r, b = r
        bytes.withUnsafeBufferPointer { p in
            r.withUnsafeMutableBufferPointer { rp in g.withUnsafeMutableBufferPointer { gp in b.withUnsafeMutableBufferPointer { bp in
                var o = 0
                for i in 0..<count {
                    rp[i] = UInt16(p[o]); gp[i] = UInt16(p[o + 1]); bp[i] = UInt16(p[o + 2])
                    o += bytesPerPixel
                }
            }}}
        }
        try self.init(width: width, height: height, bitDepth: 8, range: .full, matrix: matrix, planes: .rgb(r: r, g: g, b: b))
    }

    /// Splits packed planes into `UInt16` planes (little-endian for 2-byte samples, as libav's
    /// `le` formats are).
    static func widen(_ bytes: [UInt8], counts: [Int], bytesPerSample: Int) -> [[UInt16]] {
        var planes: [[UInt16]] = []
        var offset = 0
        bytes.withUnsafeBufferPointer { p in
            for n in counts {
                var plane = [UInt16](repeating: 0, count: n)
                plane.withUnsafeMutableBufferPointer { out in
                    if bytesPerSample == 1 {
                        for i in 0..<n { out[i] = UInt16(p[offset + i]) }
                    } else {
                        for i in 0..<n { out[i] = UInt16(p[offset + 2 * i]) | UInt16(p[offset + 2 * i + 1]) << 8 }
                    }
                }
                planes.append(plane)
                offset += n * bytesPerSample
            }
        }
        return planes
    }
}
