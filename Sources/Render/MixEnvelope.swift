import Foundation
import TimelineModel

/// The mixer's envelope of a segment over a block of samples, one factor at a time, without
/// per-sample transcendental functions where a straight line between exact points is as good.
///
/// Factors are applied in `envelope(at:)`'s order (cross-fades, clip fades, clip keyframes, track
/// keyframes). The linear ones (cross-fades, linear clip fades, constant and held levels) are
/// computed per sample with `envelope(at:)`'s own arithmetic, so they are bit-identical. The curved
/// ones (keyframe ramps, which are linear or eased in dB, and equal-power fades) are computed
/// exactly at the ends of short stretches and joined by straight lines in the linear domain; the
/// stretch is as long as keeps the chord within about `chordTolerance` of the curve: a chord over
/// h samples is off by at most h²/8 · max|g″|, and for g = 10^(dB/20), g″/g = (k·dB′)² + k·dB″
/// with k = ln 10 / 20; g varies by under 4% over such a stretch, so the relative error is under
/// 2.1e-4 (0.0018 dB). An equal-power fade starting from silence has g″/g = −(π/2n)² and a
/// relative error up to (π h/2n)²/6, 2.7e-4 (0.0023 dB). At most four curved factors sound at once
/// (two fades, two kinds of keyframes), so the envelope is within 0.0082 dB of `envelope(at:)`. Logarithmic fades bend too sharply near
/// silence for chords and stay per sample (log10; they are short).
extension AudioSegment {
    /// h²/8 · |g″/g| allowed to each interpolated factor (see above for what it bounds).
    static let chordTolerance = 2e-4
    /// The longest stretch between exact points (beyond it the cost per sample no longer falls).
    static let longestChord = 64

    /// The envelope over timeline samples `range`: `envelope(at:)` for each, within 0.01 dB.
    public func envelope(over range: Range<Int64>) -> [Float] {
        var out = [Float](repeating: 1, count: range.count)
        out.withUnsafeMutableBufferPointer { fillEnvelope(over: range, into: $0.baseAddress!) }
        return out
    }

    /// Writes the envelope over `range` to `out` (`range.count` values).
    func fillEnvelope(over range: Range<Int64>, into out: UnsafeMutablePointer<Float>) {
        let base = range.lowerBound
        out.update(repeating: 1, count: range.count)
        // Cross-fades at transitions: linear, the two sides summing to one.
        if let fadeIn {
            let n = Float(fadeIn.count)
            for s in range.clamped(to: fadeIn) { out[Int(s - base)] *= Float(Double(s - fadeIn.lowerBound) + 0.5) / n }
        }
        if let fadeOut {
            let n = Float(fadeOut.count)
            for s in range.clamped(to: fadeOut) { out[Int(s - base)] *= Float(Double(fadeOut.upperBound - s) - 0.5) / n }
        }
        if let f = clipFadeIn {
            Self.scale(out, base: base, range.clamped(to: Int64.min..<f.range.lowerBound), by: 0)
            Self.applyFade(f, rising: true, over: range, base: base, to: out)
        }
        if let f = clipFadeOut {
            Self.applyFade(f, rising: false, over: range, base: base, to: out)
            Self.scale(out, base: base, range.clamped(to: f.range.upperBound..<Int64.max), by: 0)
        }
        Self.applyKeyframes(keyframes, over: range, base: base, to: out)
        Self.applyKeyframes(trackKeyframes, over: range, base: base, to: out)
    }

    private static func scale(_ out: UnsafeMutablePointer<Float>, base: Int64, _ range: Range<Int64>, by factor: Float) {
        for s in range { out[Int(s - base)] *= factor }
    }

    /// A clip fade: sample k of an n-sample fade-in has curve(k / n), of a fade-out curve((n − k) / n).
    private static func applyFade(_ f: SampleFade, rising: Bool, over range: Range<Int64>, base: Int64, to out: UnsafeMutablePointer<Float>) {
        let piece = range.clamped(to: f.range)
        guard !piece.isEmpty else { return }
        let n = Double(f.range.count)
        let position = { (s: Int64) -> Double in rising ? Double(s - f.range.lowerBound) / n : Double(f.range.upperBound - s) / n }
        switch f.curve {
        case .linear:
            for s in piece { out[Int(s - base)] *= Float(FadeCurve.linear.gain(position(s))) }
        case .logarithmic:
            for s in piece { out[Int(s - base)] *= Float(FadeCurve.logarithmic.gain(position(s))) }
        case .equalPower:
            // g = sin(πk/2n): g″/g = −(π/2n)², whatever the level.
            let curvature = (Double.pi / (2 * n)) * (Double.pi / (2 * n))
            applyChords(over: piece, base: base, chord: chordLength(curvature: curvature), to: out) {
                FadeCurve.equalPower.gain(position($0))
            }
        }
    }

    /// Volume keyframes: the first's level before it, the last's after it, each one's curve to the next.
    private static func applyKeyframes(_ keys: [VolumeKeyframe], over range: Range<Int64>, base: Int64, to out: UnsafeMutablePointer<Float>) {
        guard let first = keys.first, let last = keys.last else { return }
        scale(out, base: base, range.clamped(to: Int64.min..<first.frame), by: Float(AudioMix.linear(dB: first.gainDB)))
        for i in 0..<(keys.count - 1) {
            let a = keys[i], b = keys[i + 1]
            let piece = range.clamped(to: a.frame..<b.frame)
            guard !piece.isEmpty else { continue }
            let delta = b.gainDB - a.gainDB
            let span = Double(b.frame - a.frame)
            if a.curve == .hold || delta == 0 {
                scale(out, base: base, piece, by: Float(AudioMix.linear(dB: a.gainDB)))
                continue
            }
            // dB′ and dB″ at their largest over the interval (per sample): linear Δ/T and 0;
            // ease (smoothstep) 1.5Δ/T and 6Δ/T².
            let k = log(10.0) / 20
            let slope = abs(delta) / span * (a.curve == .ease ? 1.5 : 1)
            let bend = a.curve == .ease ? 6 * abs(delta) / (span * span) : 0
            let curvature = k * k * slope * slope + k * bend
            applyChords(over: piece, base: base, chord: chordLength(curvature: curvature), to: out) { s in
                AudioMix.linear(dB: a.gainDB + delta * a.curve.progress((Double(s) - Double(a.frame)) / span))
            }
        }
        scale(out, base: base, range.clamped(to: last.frame..<Int64.max), by: Float(AudioMix.linear(dB: last.gainDB)))
    }

    /// The longest chord (in samples) whose error stays within the tolerance where |g″/g| ≤ `curvature`.
    private static func chordLength(curvature: Double) -> Int {
        guard curvature > 0 else { return longestChord }
        let h = (8 * chordTolerance / curvature).squareRoot()
        return h >= Double(longestChord) ? longestChord : max(1, Int(h))
    }

    /// Multiplies `piece` by `g`, exact every `chord` samples (and at the piece's ends), straight between.
    @inline(__always)
    private static func applyChords(over piece: Range<Int64>, base: Int64, chord: Int, to out: UnsafeMutablePointer<Float>,
                                    _ g: (Int64) -> Double) {
        var s = piece.lowerBound
        var left = Float(g(s))
        while s < piece.upperBound {
            let end = min(s + Int64(chord), piece.upperBound)
            let right = Float(g(end))
            let step = (right - left) / Float(end - s)
            let p = out + Int(s - base)
            for i in 0..<Int(end - s) { p[i] *= left + step * Float(i) }
            s = end
            left = right
        }
    }
}
