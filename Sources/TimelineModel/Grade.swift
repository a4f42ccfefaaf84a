import Foundation

/// Values for the red, green and blue channels plus a master that acts on all three.
public struct ChannelValues: Hashable, Codable, Sendable {
    public var red: Double
    public var green: Double
    public var blue: Double
    public var master: Double

    public init(red: Double, green: Double, blue: Double, master: Double) {
        self.red = red; self.green = green; self.blue = blue; self.master = master
    }

    public init(all value: Double) { self.init(red: value, green: value, blue: value, master: value) }

    public subscript(channel: GradeChannel) -> Double {
        get {
            switch channel {
            case .red: return red
            case .green: return green
            case .blue: return blue
            case .master: return master
            }
        }
        set {
            switch channel {
            case .red: red = newValue
            case .green: green = newValue
            case .blue: blue = newValue
            case .master: master = newValue
            }
        }
    }

    var all: [Double] { [red, green, blue, master] }
}

/// The channel a lift/gamma/gain control acts on.
public enum GradeChannel: String, CaseIterable, Sendable {
    case red = "r", green = "g", blue = "b", master = "m"

    public static func named(_ text: String) -> GradeChannel? {
        switch text.lowercased() {
        case "r", "red": return .red
        case "g", "green": return .green
        case "b", "blue": return .blue
        case "m", "master", "y", "all": return .master
        default: return nil
        }
    }
}

/// How a 3D LUT is sampled between its lattice points (ffmpeg's `lut3d` offers both).
public enum LUTInterpolation: String, Codable, Sendable, CaseIterable {
    /// The eight corners of the cell, weighted per axis.
    case trilinear
    /// The four corners of the tetrahedron of the cell the colour lies in (smoother along
    /// the neutral axis; what Resolve uses).
    case tetrahedral
}

/// A `.cube` file applied after the primaries.
public struct GradeLUT: Hashable, Codable, Sendable {
    /// The file's path as given (absolute once the command has resolved it).
    public var path: String
    /// 3D LUTs only; a 1D LUT is always linear per channel.
    public var interpolation: LUTInterpolation

    public init(path: String, interpolation: LUTInterpolation = .tetrahedral) {
        self.path = path; self.interpolation = interpolation
    }
}

/// A clip's colour correction (the primaries of Resolve's Color page, plus a LUT).
///
/// **Space.** The grade works on display-referred, non-linear R′G′B′ in [0, 1] as floats: the
/// decoded Y′CbCr is converted to 16-bit R′G′B′ by swscale with the source's own matrix
/// (BT.601/709/2020 from the stream's tags, BT.709 for untagged HD) and range (limited or
/// full), so the grade sees the picture a display shows; the result is quantised once, to 16
/// bits (export at 10 bits and more) or 8 (the preview and 8-bit exports).
///
/// **Order and formulas**, per pixel, x one of R′, G′, B′ (c its channel, m the master):
/// 1. White balance and exposure, the only steps that *linearise* (light adds in linear
///    terms): L = x^2.4 (the BT.1886 display EOTF), L′ = L · 2^exposure · k_c, x = L′^(1/2.4).
///    k_R = 2^(temperature/2), k_B = 2^(−temperature/2), k_G = 2^(−tint/2), each divided by
///    0.2126 k_R + 0.7152 k_G + 0.0722 k_B so a balance change keeps the BT.709 luminance of
///    white. Positive temperature warms (more red, less blue), positive tint is magenta (less
///    green), as in Lightroom and Resolve. Units: stops of red/blue difference (±2 range).
/// 2. Lift/gamma/gain, Resolve's convention: out = gain · (x + lift · (1 − x))^(1/gamma),
///    with lift_c + lift_m, gamma_c · gamma_m, gain_c · gain_m (lift 0, gamma 1, gain 1 are
///    neutral; lift moves black and leaves white, gain scales white and leaves black, gamma
///    bends the middle). A negative base is clamped to 0 before the power.
/// 3. Contrast about a pivot on luma only: Y′ = 0.2126 R′ + 0.7152 G′ + 0.0722 B′ (BT.709),
///    Y″ = (Y′ − pivot) · contrast + pivot, and R′G′B′ each move by Y″ − Y′, so chroma
///    (B′ − Y′, R′ − Y′) is kept: ffmpeg `eq`'s definition (contrast does not add
///    saturation). Default pivot 0.435 (Resolve's, a display-referred mid grey).
/// 4. Saturation: x = Y′ + saturation · (x − Y′), chroma scaled about the same luma: `eq`'s
///    `saturation` (Cb and Cr scaled) in RGB terms.
/// 5. The LUT, its input mapped from DOMAIN_MIN…DOMAIN_MAX to the lattice and clamped.
/// 6. Clamped to [0, 1]; alpha untouched.
public struct Grade: Hashable, Codable, Sendable {
    /// Stops: +1 doubles the light.
    public var exposure: Double = 0
    public var contrast: Double = 1
    public var pivot: Double = 0.435
    public var lift = ChannelValues(all: 0)
    public var gamma = ChannelValues(all: 1)
    public var gain = ChannelValues(all: 1)
    public var saturation: Double = 1
    public var temperature: Double = 0
    public var tint: Double = 0
    public var lut: GradeLUT?
    /// Kept but not drawn: to compare with the ungraded picture.
    public var bypass = false

    public init() {}

    /// The ranges a value must lie in (what a colourist could want, and far from overflow).
    public enum Limits {
        public static let exposure: ClosedRange<Double> = -8...8
        public static let contrast: ClosedRange<Double> = 0...4
        public static let pivot: ClosedRange<Double> = 0...1
        public static let lift: ClosedRange<Double> = -1...1
        public static let gamma: ClosedRange<Double> = 0.1...10
        public static let gain: ClosedRange<Double> = 0...8
        public static let saturation: ClosedRange<Double> = 0...4
        public static let balance: ClosedRange<Double> = -2...2
    }

    /// Whether the grade changes nothing (so the clip can take the untouched fast path).
    public var isIdentity: Bool {
        var neutral = Grade()
        neutral.bypass = bypass
        return self == neutral
    }

    /// Whether the renderer must draw it: not bypassed and not neutral.
    public var isActive: Bool { !bypass && !isIdentity }

    /// The first value out of range, as a message naming it, or nil.
    public var problem: String? {
        func check(_ name: String, _ v: Double, _ r: ClosedRange<Double>) -> String? {
            v.isFinite && r.contains(v) ? nil : "\(name) \(v) is out of range (\(r.lowerBound) to \(r.upperBound))"
        }
        func checkAll(_ name: String, _ v: ChannelValues, _ r: ClosedRange<Double>) -> String? {
            for c in GradeChannel.allCases { if let p = check("\(name) \(c.rawValue)", v[c], r) { return p } }
            return nil
        }
        if let lut, lut.path.isEmpty { return "the LUT has no file name" }
        return check("exposure", exposure, Limits.exposure) ?? check("contrast", contrast, Limits.contrast)
            ?? check("pivot", pivot, Limits.pivot) ?? checkAll("lift", lift, Limits.lift)
            ?? checkAll("gamma", gamma, Limits.gamma) ?? checkAll("gain", gain, Limits.gain)
            ?? check("saturation", saturation, Limits.saturation) ?? check("temperature", temperature, Limits.balance)
            ?? check("tint", tint, Limits.balance)
    }

    enum CodingKeys: String, CodingKey { case exposure, contrast, pivot, lift, gamma, gain, saturation, temperature, tint, lut, bypass }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        exposure = try c.decodeIfPresent(Double.self, forKey: .exposure) ?? 0
        contrast = try c.decodeIfPresent(Double.self, forKey: .contrast) ?? 1
        pivot = try c.decodeIfPresent(Double.self, forKey: .pivot) ?? 0.435
        lift = try c.decodeIfPresent(ChannelValues.self, forKey: .lift) ?? ChannelValues(all: 0)
        gamma = try c.decodeIfPresent(ChannelValues.self, forKey: .gamma) ?? ChannelValues(all: 1)
        gain = try c.decodeIfPresent(ChannelValues.self, forKey: .gain) ?? ChannelValues(all: 1)
        saturation = try c.decodeIfPresent(Double.self, forKey: .saturation) ?? 1
        temperature = try c.decodeIfPresent(Double.self, forKey: .temperature) ?? 0
        tint = try c.decodeIfPresent(Double.self, forKey: .tint) ?? 0
        lut = try c.decodeIfPresent(GradeLUT.self, forKey: .lut)
        bypass = try c.decodeIfPresent(Bool.self, forKey: .bypass) ?? false
    }

    /// Only what differs from neutral is written, so a project stays readable.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        let neutral = Grade()
        if exposure != neutral.exposure { try c.encode(exposure, forKey: .exposure) }
        if contrast != neutral.contrast { try c.encode(contrast, forKey: .contrast) }
        if pivot != neutral.pivot { try c.encode(pivot, forKey: .pivot) }
        if lift != neutral.lift { try c.encode(lift, forKey: .lift) }
        if gamma != neutral.gamma { try c.encode(gamma, forKey: .gamma) }
        if gain != neutral.gain { try c.encode(gain, forKey: .gain) }
        if saturation != neutral.saturation { try c.encode(saturation, forKey: .saturation) }
        if temperature != neutral.temperature { try c.encode(temperature, forKey: .temperature) }
        if tint != neutral.tint { try c.encode(tint, forKey: .tint) }
        try c.encodeIfPresent(lut, forKey: .lut)
        if bypass { try c.encode(bypass, forKey: .bypass) }
    }

    /// A short text of what differs from neutral, for `dump`, the status bar and messages:
    /// `exp +0.50 con 1.10@0.435 lift r+0.02 gain m1.10 sat 1.20 lut look.cube (tetrahedral)`.
    public var summary: String {
        let neutral = Grade()
        var parts: [String] = []
        func n(_ v: Double) -> String { String(format: "%.3g", v) }
        func s(_ v: Double) -> String { (v >= 0 ? "+" : "") + String(format: "%.3g", v) }
        if bypass { parts.append("BYPASS") }
        if exposure != neutral.exposure { parts.append("exp \(s(exposure))") }
        if contrast != neutral.contrast || pivot != neutral.pivot { parts.append("con \(n(contrast))@\(n(pivot))") }
        func channels(_ name: String, _ v: ChannelValues, _ base: Double, signed: Bool) {
            let changed = GradeChannel.allCases.filter { v[$0] != base }
            guard !changed.isEmpty else { return }
            parts.append(name + " " + changed.map { $0.rawValue + (signed ? s(v[$0]) : n(v[$0])) }.joined(separator: " "))
        }
        channels("lift", lift, 0, signed: true)
        channels("gamma", gamma, 1, signed: false)
        channels("gain", gain, 1, signed: false)
        if saturation != neutral.saturation { parts.append("sat \(n(saturation))") }
        if temperature != neutral.temperature { parts.append("temp \(s(temperature))") }
        if tint != neutral.tint { parts.append("tint \(s(tint))") }
        if let lut {
            parts.append("lut \((lut.path as NSString).lastPathComponent) (\(lut.interpolation.rawValue))")
        }
        return parts.isEmpty ? "neutral" : parts.joined(separator: " ")
    }
}

extension Grade {
    /// Every lift/gamma/gain control with its value, red/green/blue/master, as grading mode's
    /// status bar shows them while the keys move them (about 85 columns, so it fits a
    /// 120-column bar after the mode): "lift +0.000/+0.000/+0.000/+0.000 gamma 1.00/… gain 1.00/…".
    public var controlsText: String {
        func row(_ name: String, _ v: ChannelValues, _ format: String) -> String {
            name + " " + [v.red, v.green, v.blue, v.master].map { String(format: format, $0) }.joined(separator: "/")
        }
        return [row("lift", lift, "%+.3f"), row("gamma", gamma, "%.2f"), row("gain", gain, "%.2f")].joined(separator: " ")
            + (bypass ? " BYPASSED" : "")
    }
}

extension Timeline {
    /// The clip whose picture is seen at `frame`: the top-most enabled clip of media on a
    /// visible video track there.
    public func visiblePictureClip(at frame: Int64) -> Clip? {
        for t in videoTracks.reversed() where !tracks[t].hidden {
            guard let hit = clip(at: frame, track: t), hit.clip.enabled, hit.clip.media != Clip.generatedMedia else { continue }
            return hit.clip
        }
        return nil
    }

    /// The grade of the picture seen at `frame`, when it has one (for the status bar).
    public func visibleGrade(at frame: Int64) -> (clip: ClipID, grade: Grade)? {
        visiblePictureClip(at: frame).flatMap { clip in clip.grade.map { (clip.id, $0) } }
    }

    /// Sets (or with nil, removes) a clip's grade, refusing values out of range.
    public mutating func setGrade(clip id: ClipID, _ grade: Grade?) throws(EditError) {
        let place = try requireClip(id)
        try requireUnlocked(place.track)
        if let problem = grade?.problem { throw EditError(.invalidArgument, "grade: \(problem)") }
        let stored = grade.flatMap { $0.isIdentity && !$0.bypass ? nil : $0 }
        updateClip(track: place.track, id: id) { $0.grade = stored }
    }
}
