import Foundation

/// The shape of a clip's fade from silence (or to it).
///
/// Each curve is the one FFmpeg's `afade` filter names, so a mix can be checked against it:
/// `linear` is afade's `tri`, `equalPower` its `qsin` (a quarter sine: sin² + cos² = 1, so two
/// equal-power fades crossing keep the power constant, Premiere's "Constant Power"), and
/// `logarithmic` its `log` (1 + 0.2·log10 t: a fast rise that sounds even to the ear).
public enum FadeCurve: String, Codable, Sendable, CaseIterable {
    case linear, equalPower = "equal-power", logarithmic

    /// The gain at position `t` (0 silent … 1 full) of the fade.
    public func gain(_ t: Double) -> Double {
        let x = min(max(t, 0), 1)
        switch self {
        case .linear: return x
        case .equalPower: return sin(x * Double.pi / 2)
        case .logarithmic: return x <= 0 ? 0 : min(max(1 + 0.2 * log10(x), 0), 1)
        }
    }

    /// The curve a user typed: the names above, or afade's own (`tri`, `qsin`, `log`).
    public static func named(_ text: String) -> FadeCurve? {
        switch text.lowercased() {
        case "linear", "lin", "tri": return .linear
        case "equal-power", "equalpower", "power", "constant-power", "qsin": return .equalPower
        case "logarithmic", "log": return .logarithmic
        default: return nil
        }
    }
}

/// A fade at a clip's head (from silence) or tail (to silence), in record frames.
public struct ClipFade: Hashable, Codable, Sendable {
    public var duration: Int64
    public var curve: FadeCurve

    public init(duration: Int64, curve: FadeCurve = .linear) {
        self.duration = duration; self.curve = curve
    }
}

/// How the level moves from one volume keyframe to the next.
public enum KeyframeCurve: String, Codable, Sendable, CaseIterable {
    /// A straight line in dB (so a ramp sounds even).
    case linear
    /// The level stays until the next keyframe, then jumps.
    case hold
    /// A smooth S (smoothstep in dB): slow out of the keyframe and into the next.
    case ease

    /// The fraction of the way from this keyframe's level to the next at position `t` (0…1).
    public func progress(_ t: Double) -> Double {
        let x = min(max(t, 0), 1)
        switch self {
        case .linear: return x
        case .hold: return x >= 1 ? 1 : 0
        case .ease: return x * x * (3 - 2 * x)
        }
    }
}

/// A point of a clip's volume automation: a level in dB at a clip unit (a source frame, like
/// markers, so keyframes travel with the clip through trims and moves), and the curve to the next.
public struct VolumeKeyframe: Hashable, Codable, Sendable {
    public var frame: Int64
    public var gainDB: Double
    public var curve: KeyframeCurve

    public init(frame: Int64, gainDB: Double, curve: KeyframeCurve = .linear) {
        self.frame = frame; self.gainDB = gainDB; self.curve = curve
    }
}

extension Array where Element == VolumeKeyframe {
    /// The automation level in dB at clip unit `position` (fractional units allowed): the first
    /// keyframe's level before it, the last's after it, the curve between; 0 dB with no keyframes.
    public func gainDB(at position: Double) -> Double {
        guard let first, let last else { return 0 }
        if position <= Double(first.frame) { return first.gainDB }
        if position >= Double(last.frame) { return last.gainDB }
        // Keyframes are kept sorted by frame; a binary search finds the pair around `position`.
        var low = 0, high = count - 1
        while high - low > 1 {
            let mid = (low + high) / 2
            if Double(self[mid].frame) <= position { low = mid } else { high = mid }
        }
        let a = self[low], b = self[high]
        let t = (position - Double(a.frame)) / Double(b.frame - a.frame)
        return a.gainDB + (b.gainDB - a.gainDB) * a.curve.progress(t)
    }
}

/// The limits a level must lie within, shared by commands, validation and the mixer pane.
public enum MixLimits {
    /// Clip gain (and keyframe levels): −96 dB is silence for any 16-bit or 24-bit source;
    /// +48 dB lets normalisation lift a very quiet recording (Premiere allows up to +96).
    public static let clipGainDB: ClosedRange<Double> = -96...48
    /// Track faders stop at +12 dB, as Avid's do.
    public static let trackVolumeDB: ClosedRange<Double> = -96...12
    /// Pan and balance: −1 hard left … +1 hard right.
    public static let pan: ClosedRange<Double> = -1...1
}
