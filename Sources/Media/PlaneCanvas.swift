import CFFmpeg

/// A colour in limited-range Y'CbCr (8-bit).
struct VideoColour: Equatable {
    var y: UInt8
    var cb: UInt8
    var cr: UInt8

    /// Limited-range BT.709 Y'CbCr for gamma-encoded R'G'B' in 0…1 (ITU-R BT.709-6, table 3:
    /// Y' = 0.2126 R' + 0.7152 G' + 0.0722 B', quantised to 16…235 and 16…240).
    static func bt709(red: Double, green: Double, blue: Double) -> VideoColour {
        let luma = 0.2126 * red + 0.7152 * green + 0.0722 * blue
        let cb = (blue - luma) / 1.8556
        let cr = (red - luma) / 1.5748
        func quantise(_ value: Double) -> UInt8 { UInt8(max(0, min(255, value.rounded()))) }
        return VideoColour(y: quantise(16 + 219 * luma), cb: quantise(128 + 224 * cb), cr: quantise(128 + 224 * cr))
    }

    static let black = VideoColour(y: 16, cb: 128, cr: 128)
    static let white = VideoColour(y: 235, cb: 128, cr: 128)
}

/// One 8-bit plane of a frame we are drawing into. Borrowed: valid only while its frame is.
struct PlaneCanvas {
    let base: UnsafeMutablePointer<UInt8>
    let stride: Int
    let width: Int
    let height: Int

    /// Fills the rectangle, clipped to the plane, one `memset` per row.
    func fill(x: Int, y: Int, width w: Int, height h: Int, with value: UInt8) {
        let left = max(0, x), right = min(width, x + w)
        let top = max(0, y), bottom = min(height, y + h)
        guard left < right, top < bottom else { return }
        for row in top..<bottom {
            (base + row * stride + left).update(repeating: value, count: right - left)
        }
    }

    func fill(with value: UInt8) {
        fill(x: 0, y: 0, width: width, height: height, with: value)
    }

    /// Copies `width` bytes from `source` into row `y`.
    func copyRow(_ y: Int, from source: UnsafePointer<UInt8>) {
        (base + y * stride).update(from: source, count: width)
    }
}

/// The three planes of a yuv420p frame, drawn in luma coordinates.
struct PictureCanvas {
    let luma: PlaneCanvas
    let cb: PlaneCanvas
    let cr: PlaneCanvas

    init(_ frame: UnsafeMutablePointer<AVFrame>) {
        let width = Int(frame.pointee.width), height = Int(frame.pointee.height)
        func plane(_ index: Int, _ w: Int, _ h: Int) -> PlaneCanvas {
            let pointers = frame.pointee.data
            let strides = frame.pointee.linesize
            let base = withUnsafeBytes(of: pointers) { $0.load(fromByteOffset: index * MemoryLayout<UnsafeMutablePointer<UInt8>>.size, as: UnsafeMutablePointer<UInt8>.self) }
            let stride = withUnsafeBytes(of: strides) { $0.load(fromByteOffset: index * MemoryLayout<Int32>.size, as: Int32.self) }
            return PlaneCanvas(base: base, stride: Int(stride), width: w, height: h)
        }
        luma = plane(0, width, height)
        cb = plane(1, (width + 1) / 2, (height + 1) / 2)
        cr = plane(2, (width + 1) / 2, (height + 1) / 2)
    }

    var width: Int { luma.width }
    var height: Int { luma.height }

    /// Fills a rectangle; chroma covers the 2×2 blocks the rectangle touches.
    func fill(x: Int, y: Int, width w: Int, height h: Int, with colour: VideoColour) {
        luma.fill(x: x, y: y, width: w, height: h, with: colour.y)
        let cx = x / 2, cy = y / 2
        let cw = (x + w + 1) / 2 - cx, ch = (y + h + 1) / 2 - cy
        cb.fill(x: cx, y: cy, width: cw, height: ch, with: colour.cb)
        cr.fill(x: cx, y: cy, width: cw, height: ch, with: colour.cr)
    }

    /// A filled disc, one span per row.
    func fillDisc(centreX: Int, centreY: Int, radius: Int, with colour: VideoColour) {
        for dy in -radius...radius {
            let half = Int((Double(radius * radius - dy * dy)).squareRoot())
            fill(x: centreX - half, y: centreY + dy, width: 2 * half + 1, height: 1, with: colour)
        }
    }
}
