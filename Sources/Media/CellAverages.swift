import CFFmpeg

/// A frame reduced to a small RGB picture by averaging the decoded Y′CbCr planes over a grid
/// of cells, read in place from libav's buffers: what scene detection compares frame to frame.
///
/// Why not swscale: a fresh `SwsContext` per frame with a bicubic 30:1 filter cost scene
/// detection about a third of the decode time on 1080p (`termcut bench auto`); summing bytes
/// of a sample of rows per cell costs a few per cent. A box average also evens out noise and
/// grain, which a content score wants. Each cell reads at most `rowsPerCell` of its rows: the
/// frame was just written by the decoder's threads, so reading it is bound by memory, and four
/// rows a cell (120 luma samples on 1080p) already average out grain.
extension VideoFrame {
    /// RGB24 `width`×`height`, or nil when the frame is not 8-bit planar Y′CbCr (4:2:0, 4:2:2,
    /// 4:4:4) or is smaller than the grid; callers then fall back to `converted(to:)`.
    public func cellAverages(width columns: Int, height rows: Int, rowsPerCell: Int = 4) -> Picture? {
        let format = pixelFormat
        let chromaShift: (x: Int, y: Int)
        switch format {
        case AV_PIX_FMT_YUV420P, AV_PIX_FMT_YUVJ420P: chromaShift = (1, 1)
        case AV_PIX_FMT_YUV422P, AV_PIX_FMT_YUVJ422P: chromaShift = (1, 0)
        case AV_PIX_FMT_YUV444P, AV_PIX_FMT_YUVJ444P: chromaShift = (0, 0)
        default: return nil
        }
        guard columns > 0, rows > 0, width >= 2 * columns, height >= 2 * rows else { return nil }
        let f = pointer.pointee
        let planes = [f.data.0, f.data.1, f.data.2]
        let strides = [Int(f.linesize.0), Int(f.linesize.1), Int(f.linesize.2)]
        guard let y = planes[0], let cb = planes[1], let cr = planes[2] else { return nil }
        let cw = (width + (1 << chromaShift.x) - 1) >> chromaShift.x
        let ch = (height + (1 << chromaShift.y) - 1) >> chromaShift.y
        let ys = Self.average(UnsafePointer(y), stride: strides[0], width: width, height: height, columns: columns, rows: rows, rowsPerCell: rowsPerCell)
        let cbs = Self.average(UnsafePointer(cb), stride: strides[1], width: cw, height: ch, columns: columns, rows: rows, rowsPerCell: rowsPerCell)
        let crs = Self.average(UnsafePointer(cr), stride: strides[2], width: cw, height: ch, columns: columns, rows: rows, rowsPerCell: rowsPerCell)

        // Y′CbCr → R′G′B′ (full range out), in the matrix swscale would pick (PixelConversion.matrix).
        let (kr, kb): (Double, Double)
        switch PixelConversion.matrix(for: pointer) {
        case SWS_CS_ITU709: (kr, kb) = (0.2126, 0.0722)
        case SWS_CS_BT2020: (kr, kb) = (0.2627, 0.0593)
        case SWS_CS_SMPTE240M: (kr, kb) = (0.212, 0.087)
        default: (kr, kb) = (0.299, 0.114)
        }
        let kg = 1 - kr - kb
        let lumaScale = isFullRange ? 1.0 : 255.0 / 219, lumaBlack = isFullRange ? 0.0 : 16
        let chromaScale = isFullRange ? 1.0 : 255.0 / 224
        var bytes = [UInt8](repeating: 0, count: columns * rows * 3)
        func byte(_ v: Double) -> UInt8 { UInt8(max(0, min(255, v.rounded()))) }
        for i in 0..<(columns * rows) {
            let l = (Double(ys[i]) - lumaBlack) * lumaScale
            let u = (Double(cbs[i]) - 128) * chromaScale, v = (Double(crs[i]) - 128) * chromaScale
            let r = l + 2 * (1 - kr) * v, b = l + 2 * (1 - kb) * u
            let g = (l - kr * r - kb * b) / kg
            bytes[3 * i] = byte(r)
            bytes[3 * i + 1] = byte(g)
            bytes[3 * i + 2] = byte(b)
        }
        return Picture(width: columns, height: rows, format: .rgb24, bytes: bytes)
    }

    /// Mean of each cell of one plane (cells split the plane as evenly as whole samples allow),
    /// as Float code values. Each sampled row is added whole into per-column sums (a straight
    /// loop the compiler vectorises), and the columns are summed into cells once per row of cells.
    private static func average(_ plane: UnsafePointer<UInt8>, stride: Int, width: Int, height: Int,
                                columns: Int, rows: Int, rowsPerCell: Int) -> [Float] {
        var means = [Float](repeating: 0, count: columns * rows)
        var sums = [UInt32](repeating: 0, count: width)
        let edges = (0...columns).map { $0 * width / columns }
        sums.withUnsafeMutableBufferPointer { sums in
            for row in 0..<rows {
                let top = row * height / rows, bottom = max(top + 1, (row + 1) * height / rows)
                let step = max(1, (bottom - top + rowsPerCell - 1) / rowsPerCell)
                sums.update(repeating: 0)
                var counted = 0
                for line in Swift.stride(from: top, to: bottom, by: step) {
                    let p = plane + line * stride
                    for x in 0..<width { sums[x] &+= UInt32(p[x]) }
                    counted += 1
                }
                for c in 0..<columns {
                    var total: UInt32 = 0
                    for x in edges[c]..<edges[c + 1] { total &+= sums[x] }
                    means[row * columns + c] = Float(total) / Float(counted * (edges[c + 1] - edges[c]))
                }
            }
        }
        return means
    }
}
