import Media

/// A picture as 16-bit R, G, B, A per pixel (full range), rows packed: what export composites
/// in when the output has 10 bits or more per channel, so a dissolve between 10-bit sources
/// does not pass through 8 bits on its way.
public struct RGBA64Image: Equatable, Sendable {
    public var width: Int
    public var height: Int
    public var samples: [UInt16]

    /// Opaque black.
    public init(width: Int, height: Int) {
        precondition(width > 0 && height > 0, "a picture has a positive size")
        self.width = width
        self.height = height
        var values = [UInt16](repeating: 0, count: width * height * 4)
        for i in stride(from: 3, to: values.count, by: 4) { values[i] = .max }
        samples = values
    }

    /// Widens an 8-bit picture exactly (v × 257 maps 0…255 onto 0…65535).
    public init(_ image: RGBAImage) {
        width = image.width
        height = image.height
        samples = image.bytes.map { UInt16($0) * 257 }
    }

    /// Wraps a converted `.rgba64` picture (little-endian samples).
    public init(_ picture: Picture) {
        precondition(picture.format == .rgba64, "an RGBA64 picture")
        width = picture.width
        height = picture.height
        samples = [UInt16](repeating: 0, count: picture.width * picture.height * 4)
        samples.withUnsafeMutableBytes { target in
            picture.bytes.withUnsafeBytes { source in target.copyMemory(from: UnsafeRawBufferPointer(rebasing: source[..<target.count])) }
        }
        for i in samples.indices { samples[i] = UInt16(littleEndian: samples[i]) }
    }

    /// Copies `other` with its top-left corner at (`x`, `y`), cropping what falls outside.
    public mutating func draw(_ other: RGBA64Image, atX x: Int, y: Int) {
        let target = PixelRect(x: x, y: y, width: other.width, height: other.height)
            .intersection(PixelRect(x: 0, y: 0, width: width, height: height))
        guard target.width > 0, target.height > 0 else { return }
        let rowWidth = width
        samples.withUnsafeMutableBufferPointer { destination in
            other.samples.withUnsafeBufferPointer { source in
                for row in 0..<target.height {
                    let from = ((target.y - y + row) * other.width + (target.x - x)) * 4
                    let to = ((target.y + row) * rowWidth + target.x) * 4
                    (destination.baseAddress! + to).update(from: source.baseAddress! + from, count: target.width * 4)
                }
            }
        }
    }

    /// `self` × (1 − `amount`) + `other` × `amount`, per channel, rounded: the dissolve.
    public func mixed(with other: RGBA64Image, amount: Double) -> RGBA64Image {
        precondition(other.width == width && other.height == height, "dissolve between pictures of one size")
        let weight = Int((min(max(amount, 0), 1) * 65_536).rounded())
        var out = self
        out.samples.withUnsafeMutableBufferPointer { result in
            other.samples.withUnsafeBufferPointer { incoming in
                for i in 0..<result.count {
                    let a = Int(result[i]), b = Int(incoming[i])
                    result[i] = UInt16((a * (65_536 - weight) + b * weight + 32_768) >> 16)
                }
            }
        }
        return out
    }
}
