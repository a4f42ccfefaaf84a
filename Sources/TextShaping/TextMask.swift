/// Text rasterised as coverage (0 none … 255 full), one byte per pixel, rows top to bottom.
public struct TextMask: Sendable {
    public var width: Int
    public var height: Int
    public var coverage: [UInt8]

    public init(width: Int, height: Int) {
        self.width = width; self.height = height
        coverage = [UInt8](repeating: 0, count: width * height)
    }

    /// The mask grown by `radius` pixels in every direction (a disc), for an outline drawn
    /// under the letters: each pixel takes the largest coverage within the radius.
    public func dilated(by radius: Int) -> TextMask {
        guard radius > 0 else { return self }
        var out = TextMask(width: width, height: height)
        // Separable would be a square; a disc keeps round corners on the outline.
        var offsets: [(Int, Int)] = []
        for dy in -radius...radius { for dx in -radius...radius where dx * dx + dy * dy <= radius * radius + radius { offsets.append((dx, dy)) } }
        coverage.withUnsafeBufferPointer { src in
            out.coverage.withUnsafeMutableBufferPointer { dst in
                for y in 0..<height {
                    for x in 0..<width {
                        let v = src[y * width + x]
                        guard v > 0 else { continue }
                        for (dx, dy) in offsets {
                            let tx = x + dx, ty = y + dy
                            guard tx >= 0, ty >= 0, tx < width, ty < height else { continue }
                            let i = ty * width + tx
                            if dst[i] < v { dst[i] = v }
                        }
                    }
                }
            }
        }
        return out
    }

    /// Pixels with any coverage.
    public var coveredPixels: Int { coverage.reduce(0) { $0 + ($1 > 0 ? 1 : 0) } }
}
