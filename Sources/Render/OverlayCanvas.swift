/// A picture titles, subtitles and images are drawn over: the 8-bit preview picture and the
/// 16-bit export picture, so both draw the same overlays from one drawing path.
protocol OverlayCanvas {
    var width: Int { get }
    var height: Int { get }
    /// Source-over of one colour (0xRRGGBBAA) through a coverage mask (nil: a solid rectangle)
    /// of `maskWidth`×`maskHeight` with its top left at (`x0`, `y0`), at `opacity`.
    mutating func blend(mask: [UInt8]?, width maskWidth: Int, height maskHeight: Int, colour: UInt32, opacity: Double, at x0: Int, _ y0: Int)
    /// Source-over of a premultiplied picture with its top left at (`x0`, `y0`), at `opacity`.
    mutating func composite(_ image: PremultipliedImage, opacity: Double, at x0: Int, _ y0: Int)
}

/// A picture with premultiplied alpha, kept at 8 and 16 bits (made once from the same 16-bit
/// samples), so the preview and a deep export composite the same picture.
struct PremultipliedImage {
    let width: Int
    let height: Int
    /// R, G, B already multiplied by A, then A; 16 bits per sample.
    let samples: [UInt16]
    /// The same narrowed to 8 bits (rounded), for the 8-bit picture.
    let bytes: [UInt8]

    /// Premultiplies straight 16-bit RGBA samples (c × a / 65535, rounded).
    init(straight: [UInt16], width: Int, height: Int) {
        precondition(straight.count == width * height * 4, "RGBA64 samples for \(width)x\(height)")
        self.width = width
        self.height = height
        var deep = straight
        var narrow = [UInt8](repeating: 0, count: straight.count)
        deep.withUnsafeMutableBufferPointer { s in
            narrow.withUnsafeMutableBufferPointer { n in
                for i in stride(from: 0, to: s.count, by: 4) {
                    let a = UInt32(s[i + 3])
                    for c in 0..<3 { s[i + c] = UInt16((UInt32(s[i + c]) * a + 32767) / 65535) }
                    // 16 → 8 bits: v / 257 rounded (the inverse of the exact v × 257 widening).
                    for c in 0..<4 { n[i + c] = UInt8((UInt32(s[i + c]) + 128) / 257) }
                }
            }
        }
        samples = deep
        bytes = narrow
    }
}

/// The part of a `width`×`height` block at (`x0`, `y0`) inside a `pictureWidth`×`pictureHeight`
/// picture, as ranges of the block's own columns and rows (empty when it lies outside).
func visibleSpan(x0: Int, y0: Int, width: Int, height: Int, pictureWidth: Int, pictureHeight: Int) -> (columns: Range<Int>, rows: Range<Int>) {
    let left = max(0, -x0), right = min(width, pictureWidth - x0)
    let top = max(0, -y0), bottom = min(height, pictureHeight - y0)
    return (left..<max(left, right), top..<max(top, bottom))
}

extension RGBAImage: OverlayCanvas {
    mutating func blend(mask: [UInt8]?, width maskWidth: Int, height maskHeight: Int, colour: UInt32, opacity: Double, at x0: Int, _ y0: Int) {
        let r = Int(colour >> 24 & 0xFF), g = Int(colour >> 16 & 0xFF), b = Int(colour >> 8 & 0xFF)
        // Alpha as an integer out of 255 × 255 so the inner loop stays in integers.
        let a = Int((Double(colour & 0xFF) * opacity).rounded())
        guard a > 0 else { return }
        let pw = width
        let span = visibleSpan(x0: x0, y0: y0, width: maskWidth, height: maskHeight, pictureWidth: width, pictureHeight: height)
        bytes.withUnsafeMutableBufferPointer { out in
            for y in span.rows {
                for x in span.columns {
                    let cover = mask.map { Int($0[y * maskWidth + x]) } ?? 255
                    guard cover > 0 else { continue }
                    let alpha = cover * a  // 0 … 65025
                    let i = ((y0 + y) * pw + x0 + x) * 4
                    out[i] = UInt8((r * alpha + Int(out[i]) * (65025 - alpha) + 32512) / 65025)
                    out[i + 1] = UInt8((g * alpha + Int(out[i + 1]) * (65025 - alpha) + 32512) / 65025)
                    out[i + 2] = UInt8((b * alpha + Int(out[i + 2]) * (65025 - alpha) + 32512) / 65025)
                }
            }
        }
    }

    mutating func composite(_ image: PremultipliedImage, opacity: Double, at x0: Int, _ y0: Int) {
        // out = p × o + dst × (1 − a × o), with o out of 255: everything × 65025, rounded once.
        let o = Int((min(max(opacity, 0), 1) * 255).rounded())
        guard o > 0 else { return }
        let pw = width, iw = image.width
        let span = visibleSpan(x0: x0, y0: y0, width: image.width, height: image.height, pictureWidth: width, pictureHeight: height)
        bytes.withUnsafeMutableBufferPointer { out in
            image.bytes.withUnsafeBufferPointer { src in
                for y in span.rows {
                    for x in span.columns {
                        let s = (y * iw + x) * 4
                        let a = Int(src[s + 3]) * o
                        guard a > 0 else { continue }  // transparent: the picture below stays exactly as it was
                        let i = ((y0 + y) * pw + x0 + x) * 4
                        for c in 0..<3 {
                            out[i + c] = UInt8((Int(src[s + c]) * o * 255 + Int(out[i + c]) * (65025 - a) + 32512) / 65025)
                        }
                    }
                }
            }
        }
    }
}

extension RGBA64Image: OverlayCanvas {
    mutating func blend(mask: [UInt8]?, width maskWidth: Int, height maskHeight: Int, colour: UInt32, opacity: Double, at x0: Int, _ y0: Int) {
        // The 8-bit colour widened exactly (× 257); coverage × alpha out of 255 × 255 as in 8 bits.
        let r = Int(colour >> 24 & 0xFF) * 257, g = Int(colour >> 16 & 0xFF) * 257, b = Int(colour >> 8 & 0xFF) * 257
        let a = Int((Double(colour & 0xFF) * opacity).rounded())
        guard a > 0 else { return }
        let pw = width
        let span = visibleSpan(x0: x0, y0: y0, width: maskWidth, height: maskHeight, pictureWidth: width, pictureHeight: height)
        samples.withUnsafeMutableBufferPointer { out in
            for y in span.rows {
                for x in span.columns {
                    let cover = mask.map { Int($0[y * maskWidth + x]) } ?? 255
                    guard cover > 0 else { continue }
                    let alpha = cover * a
                    let i = ((y0 + y) * pw + x0 + x) * 4
                    out[i] = UInt16((r * alpha + Int(out[i]) * (65025 - alpha) + 32512) / 65025)
                    out[i + 1] = UInt16((g * alpha + Int(out[i + 1]) * (65025 - alpha) + 32512) / 65025)
                    out[i + 2] = UInt16((b * alpha + Int(out[i + 2]) * (65025 - alpha) + 32512) / 65025)
                }
            }
        }
    }

    mutating func composite(_ image: PremultipliedImage, opacity: Double, at x0: Int, _ y0: Int) {
        // out = p × o + dst × (1 − a × o), with o out of 65535: everything × 65535², rounded once.
        let o = Int((min(max(opacity, 0), 1) * 65535).rounded())
        guard o > 0 else { return }
        let one = 65535 * 65535
        let pw = width, iw = image.width
        let span = visibleSpan(x0: x0, y0: y0, width: image.width, height: image.height, pictureWidth: width, pictureHeight: height)
        samples.withUnsafeMutableBufferPointer { out in
            image.samples.withUnsafeBufferPointer { src in
                for y in span.rows {
                    for x in span.columns {
                        let s = (y * iw + x) * 4
                        let a = Int(src[s + 3]) * o
                        guard a > 0 else { continue }
                        let i = ((y0 + y) * pw + x0 + x) * 4
                        for c in 0..<3 {
                            out[i + c] = UInt16((Int(src[s + c]) * o * 65535 + Int(out[i + c]) * (one - a) + one / 2) / one)
                        }
                    }
                }
            }
        }
    }
}
