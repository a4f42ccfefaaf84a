/// Pictures and sound of media for the panes to draw: waveforms of audio clips and
/// thumbnails of video. Everything here is asked for while drawing, so a feed answers at
/// once: what it has, or nil while it computes the rest in the background (and says so
/// through `takeChanges` when it arrives). It is asked only for media whose clips are on
/// screen, so the cost follows the screen, not the project (Shotcut #422, #925, #1553).
public protocol MediaFeed: AnyObject {
    /// The waveform of `media` between `from` and `to` seconds (from its sound's first
    /// sample) as `buckets` (min, max) sample pairs in -1…1, or nil until it is computed.
    func waveform(media: String, from: Double, to: Double, buckets: Int) -> [WaveformPeak]?
    /// A small picture of `media` at `seconds` (from its first frame), `width`×`height`
    /// pixels, or nil until it is decoded (or when the media has no picture).
    func thumbnail(media: String, seconds: Double, width: Int, height: Int) -> RGBImage?
    /// True when something asked for earlier has arrived since the last call (redraw).
    func takeChanges() -> Bool
}

public struct WaveformPeak: Equatable, Sendable {
    public var min: Float
    public var max: Float

    public init(min: Float, max: Float) {
        self.min = min
        self.max = max
    }

    /// The larger excursion from silence, 0…1.
    public var amplitude: Float { Swift.min(1, Swift.max(abs(min), abs(max))) }
}

/// Packed 8-bit RGB pixels, rows top to bottom.
public struct RGBImage: Equatable, Sendable {
    public var width: Int
    public var height: Int
    public var pixels: [UInt8]

    public init(width: Int, height: Int, pixels: [UInt8]) {
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    public func pixel(x: Int, y: Int) -> Color {
        let i = (y * width + x) * 3
        guard i + 2 < pixels.count, x < width, y < height else { return .rgb(0, 0, 0) }
        return .rgb(pixels[i], pixels[i + 1], pixels[i + 2])
    }
}

/// Waveforms as braille: each cell holds two buckets side by side, each a bar of 0 to 4
/// dots rising from the bottom of the cell by the bucket's amplitude.
public enum BrailleWaveform {
    /// Dot bits from the bottom row up, for the left and the right column of a cell (Unicode braille patterns).
    static let leftColumn: [UInt32] = [0x40, 0x04, 0x02, 0x01]
    static let rightColumn: [UInt32] = [0x80, 0x20, 0x10, 0x08]

    /// Dots for an amplitude: none for silence, at least one for any sound.
    public static func dots(_ amplitude: Float) -> Int {
        guard amplitude > 0.001 else { return 0 }
        return Swift.max(1, Swift.min(4, Int((amplitude * 4).rounded())))
    }

    /// One character per two peaks (an odd last peak fills the left column only).
    public static func cells(_ peaks: [WaveformPeak]) -> [String] {
        stride(from: 0, to: peaks.count, by: 2).map { index in
            var bits: UInt32 = 0
            for level in 0 ..< dots(peaks[index].amplitude) { bits |= leftColumn[level] }
            if index + 1 < peaks.count {
                for level in 0 ..< dots(peaks[index + 1].amplitude) { bits |= rightColumn[level] }
            }
            return String(Character(Unicode.Scalar(0x2800 + bits)!))
        }
    }
}
