import Render

/// What the preview draws over the picture: both off by default, so what the window shows is
/// exactly the rendered frame.
public struct PreviewOverlay: Equatable, Sendable {
    /// Record timecode burnt in at the bottom centre.
    public var timecode = false
    /// Action-safe (93%) and title-safe (90%) rectangles, SMPTE ST 2046-1.
    public var safeAreas = false

    public init(timecode: Bool = false, safeAreas: Bool = false) {
        self.timecode = timecode
        self.safeAreas = safeAreas
    }

    var isEmpty: Bool { !timecode && !safeAreas }

    /// `image` with the overlays drawn on; `label` is the timecode text.
    func apply(to image: RGBAImage, label: String) -> RGBAImage {
        guard !isEmpty else { return image }
        var out = image
        if safeAreas {
            Self.outline(&out, percent: 93, colour: RGBAColour(r: 255, g: 255, b: 0))
            Self.outline(&out, percent: 90, colour: RGBAColour(r: 0, g: 255, b: 255))
        }
        if timecode {
            let scale = max(1, image.height / 120)
            let size = BlockFont.size(of: label, scale: scale)
            let pad = scale * 2
            let x = (image.width - size.width) / 2
            let y = image.height - size.height - pad * 3
            out.fill(PixelRect(x: x - pad, y: y - pad, width: size.width + pad * 2, height: size.height + pad * 2), with: .black)
            BlockFont.draw(label, into: &out, x: x, y: y, scale: scale, colour: .white)
        }
        return out
    }

    /// A one-or-two-pixel rectangle enclosing the central `percent` of the picture.
    static func outline(_ image: inout RGBAImage, percent: Int, colour: RGBAColour) {
        let w = image.width * percent / 100, h = image.height * percent / 100
        let x = (image.width - w) / 2, y = (image.height - h) / 2
        let t = max(1, image.height / 540)
        image.fill(PixelRect(x: x, y: y, width: w, height: t), with: colour)
        image.fill(PixelRect(x: x, y: y + h - t, width: w, height: t), with: colour)
        image.fill(PixelRect(x: x, y: y, width: t, height: h), with: colour)
        image.fill(PixelRect(x: x + w - t, y: y, width: t, height: h), with: colour)
    }
}
