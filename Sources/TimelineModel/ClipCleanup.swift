import Foundation

/// A clip's sound clean-up: a high-pass (rumble, handling noise, wind) and noise reduction,
/// each optional, with a bypass to compare against the untouched sound. Rendered through
/// libavfilter's `highpass` (a 2-pole Butterworth biquad) and `afftdn` (FFT noise reduction),
/// in that order, so `ffmpeg -af "highpass=f=…,afftdn=nr=…"` gives the same samples.
public struct ClipCleanup: Hashable, Codable, Sendable {
    /// afftdn's noise reduction in dB; nil: off.
    public var denoiseDB: Double?
    /// The high-pass cut-off in Hz; nil: off.
    public var highpassHz: Double?
    /// True plays the clip unprocessed while keeping the settings (A/B comparison).
    public var bypass: Bool

    public init(denoiseDB: Double? = nil, highpassHz: Double? = nil, bypass: Bool = false) {
        self.denoiseDB = denoiseDB; self.highpassHz = highpassHz; self.bypass = bypass
    }

    /// afftdn takes 0.01…97 dB of reduction.
    public static let denoiseDBRange: ClosedRange<Double> = 0.01...97
    /// Below 10 Hz nothing is heard; above 20 kHz nothing would be left.
    public static let highpassHzRange: ClosedRange<Double> = 10...20_000

    public var isEmpty: Bool { denoiseDB == nil && highpassHz == nil }
    /// Whether the mix should process the clip at all.
    public var isActive: Bool { !bypass && !isEmpty }

    /// The libavfilter chain text for this clean-up ("" when nothing applies).
    public var filterChain: String {
        var parts: [String] = []
        if let hz = highpassHz { parts.append("highpass=f=\(Self.number(hz))") }
        if let dB = denoiseDB { parts.append("afftdn=nr=\(Self.number(dB))") }
        return parts.joined(separator: ",")
    }

    static func number(_ value: Double) -> String { String(format: "%g", value) }

    enum CodingKeys: String, CodingKey { case denoiseDB, highpassHz, bypass }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        denoiseDB = try c.decodeIfPresent(Double.self, forKey: .denoiseDB)
        highpassHz = try c.decodeIfPresent(Double.self, forKey: .highpassHz)
        bypass = try c.decodeIfPresent(Bool.self, forKey: .bypass) ?? false
    }
}

/// A brick-wall limiter on the programme (the master bus), after every track is mixed.
public struct MasterLimiter: Hashable, Codable, Sendable {
    /// The highest peak let through, dBFS.
    public var ceilingDB: Double

    public init(ceilingDB: Double = -1) { self.ceilingDB = ceilingDB }

    /// −30…0 dBFS: above 0 would clip anyway; below −30 is not a limiter any more.
    public static let ceilingRange: ClosedRange<Double> = -30...0
}

extension Timeline {
    /// Changes a clip's clean-up; a value out of range is refused before anything changes.
    public mutating func setCleanup(clip id: ClipID, _ change: (inout ClipCleanup) -> Void) throws(EditError) {
        let place = try requireClip(id)
        try requireUnlocked(place.track)
        var cleanup = place.clip.cleanup ?? ClipCleanup()
        change(&cleanup)
        if let dB = cleanup.denoiseDB, !(dB.isFinite && ClipCleanup.denoiseDBRange.contains(dB)) {
            throw EditError(.invalidArgument, "noise reduction \(dB) dB is out of range: give 0.01 to 97 dB (or off)")
        }
        if let hz = cleanup.highpassHz, !(hz.isFinite && ClipCleanup.highpassHzRange.contains(hz)) {
            throw EditError(.invalidArgument, "a high-pass at \(hz) Hz is out of range: give 10 to 20000 Hz (or off)")
        }
        let stored = cleanup.isEmpty ? nil : cleanup
        updateClip(track: place.track, id: id) { $0.cleanup = stored }
    }

    /// Turns the master limiter on at `ceilingDB`, or off with nil.
    public mutating func setMasterLimiter(_ limiter: MasterLimiter?) throws(EditError) {
        if let limiter, !(limiter.ceilingDB.isFinite && MasterLimiter.ceilingRange.contains(limiter.ceilingDB)) {
            throw EditError(.invalidArgument, "a limiter ceiling of \(limiter.ceilingDB) dB is out of range: give -30 to 0 dB")
        }
        masterLimiter = limiter
    }
}
