import Media

/// A picture in memory as 8-bit R, G, B, A per pixel, rows packed without padding.
///
/// What `TimelineRenderer` hands to the preview window and to export: one buffer type, so the
/// two cannot differ.
public struct RGBAImage: Equatable, Sendable {
    public var width: Int
    public var height: Int
    public var bytes: [UInt8]

    /// A picture filled with one colour (opaque black by default).
    public init(width: Int, height: Int, colour: RGBAColour = .black) {
        precondition(width > 0 && height > 0, "a picture has a positive size")
        self.width = width
        self.height = height
        var pixels = [UInt8](repeating: 0, count: width * height * 4)
        if colour != RGBAColour(r: 0, g: 0, b: 0, a: 0) {
            pixels.withUnsafeMutableBufferPointer { buffer in
                for index in stride(from: 0, to: buffer.count, by: 4) {
                    buffer[index] = colour.r; buffer[index + 1] = colour.g
                    buffer[index + 2] = colour.b; buffer[index + 3] = colour.a
                }
            }
        }
        bytes = pixels
    }

    public init(width: Int, height: Int, bytes: [UInt8]) {
        precondition(bytes.count == width * height * 4, "RGBA bytes for \(width)x\(height)")
        self.width = width
        self.height = height
        self.bytes = bytes
    }

    /// Wraps a converted `.rgba` picture without copying.
    public init(_ picture: Picture) {
        precondition(picture.format == .rgba, "an RGBA picture")
        self.init(width: picture.width, height: picture.height, bytes: picture.bytes)
    }

    public func pixel(x: Int, y: Int) -> RGBAColour {
        let i = (y * width + x) * 4
        return RGBAColour(r: bytes[i], g: bytes[i + 1], b: bytes[i + 2], a: bytes[i + 3])
    }

    /// Fills the part of `rect` that lies inside the picture.
    public mutating func fill(_ rect: PixelRect, with colour: RGBAColour) {
        let clipped = rect.intersection(PixelRect(x: 0, y: 0, width: width, height: height))
        guard clipped.width > 0, clipped.height > 0 else { return }
        let rowWidth = width
        bytes.withUnsafeMutableBufferPointer { buffer in
            for y in clipped.y..<(clipped.y + clipped.height) {
                var i = (y * rowWidth + clipped.x) * 4
                for _ in 0..<clipped.width {
                    buffer[i] = colour.r; buffer[i + 1] = colour.g; buffer[i + 2] = colour.b; buffer[i + 3] = colour.a
                    i += 4
                }
            }
        }
    }

    /// Copies `other` with its top-left corner at (`x`, `y`), cropping what falls outside.
    public mutating func draw(_ other: RGBAImage, atX x: Int, y: Int) {
        let target = PixelRect(x: x, y: y, width: other.width, height: other.height)
            .intersection(PixelRect(x: 0, y: 0, width: width, height: height))
        guard target.width > 0, target.height > 0 else { return }
        let rowWidth = width
        bytes.withUnsafeMutableBufferPointer { destination in
            other.bytes.withUnsafeBufferPointer { source in
                for row in 0..<target.height {
                    let sourceStart = ((target.y - y + row) * other.width + (target.x - x)) * 4
                    let destinationStart = ((target.y + row) * rowWidth + target.x) * 4
                    (destination.baseAddress! + destinationStart)
                        .update(from: source.baseAddress! + sourceStart, count: target.width * 4)
                }
            }
        }
    }

    /// `self` × (1 − `amount`) + `other` × `amount`, per channel, rounded: the dissolve.
    public func mixed(with other: RGBAImage, amount: Double) -> RGBAImage {
        precondition(other.width == width && other.height == height, "dissolve between pictures of one size")
        let weight = Int((min(max(amount, 0), 1) * 256).rounded())
        var out = self
        out.bytes.withUnsafeMutableBufferPointer { result in
            other.bytes.withUnsafeBufferPointer { incoming in
                for i in 0..<result.count {
                    let a = Int(result[i]), b = Int(incoming[i])
                    result[i] = UInt8((a * (256 - weight) + b * weight + 128) >> 8)
                }
            }
        }
        return out
    }
}

/// One RGBA colour.
public struct RGBAColour: Equatable, Sendable {
    public var r: UInt8, g: UInt8, b: UInt8, a: UInt8
    public init(r: UInt8, g: UInt8, b: UInt8, a: UInt8 = 255) {
        self.r = r; self.g = g; self.b = b; self.a = a
    }
    public static let black = RGBAColour(r: 0, g: 0, b: 0)
    public static let white = RGBAColour(r: 255, g: 255, b: 255)
}

/// A rectangle of whole pixels.
public struct PixelRect: Equatable, Sendable, CustomStringConvertible {
    public var x: Int, y: Int, width: Int, height: Int
    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x; self.y = y; self.width = width; self.height = height
    }

    public func intersection(_ other: PixelRect) -> PixelRect {
        let left = max(x, other.x), top = max(y, other.y)
        let right = min(x + width, other.x + other.width), bottom = min(y + height, other.y + other.height)
        return PixelRect(x: left, y: top, width: max(0, right - left), height: max(0, bottom - top))
    }

    /// The largest rectangle of `aspect` (width / height, as a ratio of integers) centred in
    /// `box`: letterbox bars above and below a wider picture, pillarbox bars beside a narrower one.
    public static func fitting(aspectWidth: Int, aspectHeight: Int, in box: PixelRect) -> PixelRect {
        guard aspectWidth > 0, aspectHeight > 0, box.width > 0, box.height > 0 else { return box }
        // Compare aspect ratios with integers: aw/ah > bw/bh  ⇔  aw·bh > bw·ah.
        var w = box.width, h = box.height
        if aspectWidth * box.height > box.width * aspectHeight {
            h = max(1, (box.width * aspectHeight + aspectWidth / 2) / aspectWidth)
        } else {
            w = max(1, (box.height * aspectWidth + aspectHeight / 2) / aspectHeight)
        }
        return PixelRect(x: box.x + (box.width - w) / 2, y: box.y + (box.height - h) / 2, width: w, height: h)
    }

    public var description: String { "\(width)x\(height)+\(x)+\(y)" }
}
