/// The Y′CbCr colour matrix of a frame: which luma coefficients turned R′G′B′ into Y′CbCr.
///
/// Scopes need it twice: to turn Y′CbCr back into R′G′B′ for the parade and RGB histogram,
/// and to place the vectorscope's colour targets. BT.709 is HD (ITU-R BT.709-6, item 3.2);
/// BT.601 is SD (ITU-R BT.601-7, item 2.5.1).
public enum ColourMatrix: String, Sendable, CaseIterable {
    case bt709
    case bt601

    /// Luma weight of red, K_R.
    public var kr: Double {
        switch self {
        case .bt709: 0.2126
        case .bt601: 0.299
        }
    }

    /// Luma weight of blue, K_B.
    public var kb: Double {
        switch self {
        case .bt709: 0.0722
        case .bt601: 0.114
        }
    }

    /// Luma weight of green, K_G = 1 − K_R − K_B.
    public var kg: Double { 1 - kr - kb }

    /// Normalised Y′ (0…1), Cb and Cr (−0.5…0.5) of normalised R′G′B′ (0…1).
    public func yCbCr(r: Double, g: Double, b: Double) -> (y: Double, cb: Double, cr: Double) {
        let y = kr * r + kg * g + kb * b
        return (y, (b - y) / (2 * (1 - kb)), (r - y) / (2 * (1 - kr)))
    }
}

/// Whether code values use the studio ("limited", "video", "TV") range or the full range.
///
/// Limited range after BT.709/BT.601: at 8 bits Y′ 16…235 and Cb/Cr 16…240 around 128; at n bits
/// the same values times 2^(n−8). Full range: Y′ 0…2^n−1, chroma centred on 2^(n−1) with the
/// excursion 2^n−1 (ITU-T H.273, equations for VideoFullRangeFlag = 1).
public enum ColourRange: String, Sendable, CaseIterable {
    case limited
    case full
}

/// How the code values of one image map to video levels: black, white, the chroma centre
/// and excursion, and IRE. One value per (bit depth, range) pair, shared by every scope.
public struct VideoLevels: Sendable, Equatable {
    public let bitDepth: Int
    public let range: ColourRange

    public init(bitDepth: Int, range: ColourRange) {
        self.bitDepth = bitDepth
        self.range = range
    }

    /// The largest code value, 2^n − 1.
    public var maxCode: Int { (1 << bitDepth) - 1 }
    /// The number of distinct code values, 2^n.
    public var codeCount: Int { 1 << bitDepth }
    private var scale: Double { Double(1 << bitDepth) / 256 }

    /// Code value of reference black (0 IRE): 16 or 64 in limited range, 0 in full.
    public var black: Double { range == .limited ? 16 * scale : 0 }
    /// Code value of reference white (100 IRE): 235 or 940 in limited range, 2^n−1 in full.
    public var white: Double { range == .limited ? 235 * scale : Double(maxCode) }
    /// Code value of zero chroma: 128 · 2^(n−8).
    public var chromaCentre: Double { Double(1 << (bitDepth - 1)) }
    /// Code span of a chroma excursion of 1 (Cb from −0.5 to +0.5): 224 · 2^(n−8) or 2^n−1.
    public var chromaExcursion: Double { range == .limited ? 224 * scale : Double(maxCode) }
    /// Code span of luma from black to white: 219 · 2^(n−8) or 2^n−1.
    public var lumaExcursion: Double { white - black }

    /// IRE (0 at black, 100 at white) of a Y′ or R′G′B′ code value. Below 0 and above 100 are legal
    /// to compute and show sub-blacks and super-whites.
    public func ire(ofCode code: Double) -> Double { (code - black) / lumaExcursion * 100 }
    /// The code value at an IRE level (inverse of `ire(ofCode:)`).
    public func code(ofIRE ire: Double) -> Double { black + ire / 100 * lumaExcursion }
    /// Code value of a normalised luma (0…1) or R′G′B′ component.
    public func lumaCode(_ normalised: Double) -> Double { black + normalised * lumaExcursion }
    /// Code value of a normalised chroma component (−0.5…0.5).
    public func chromaCode(_ normalised: Double) -> Double { chromaCentre + normalised * chromaExcursion }
}
