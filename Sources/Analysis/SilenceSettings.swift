import Foundation

/// How `SilenceDetector` decides what is silent and what it proposes to remove.
///
/// Parsed from the same words on the command line and in the editor's palette:
/// `-40dB` (dBFS sample peak, as ffmpeg's `silencedetect` counts it), `-20LU` (that far below
/// the clip's integrated loudness), durations as `0.5s`, `500ms` or plain seconds.
public struct SilenceSettings: Sendable, Equatable {
    public enum Threshold: Sendable, Equatable, CustomStringConvertible {
        /// Sample peak in dBFS: a sample is silent when |x| is below this level.
        case dBFS(Double)
        /// Relative to the clip's integrated loudness (LUFS): −20 LU on a −16 LUFS talk is −36 dBFS.
        case relative(Double)

        public var description: String {
            switch self {
            case .dBFS(let level): return String(format: "%gdB", level)
            case .relative(let offset): return String(format: "%gLU", offset)
            }
        }

        /// The level in dBFS for a clip of `integrated` LUFS (only `.relative` uses it).
        public func level(integrated: Double?) -> Double {
            switch self {
            case .dBFS(let level): return level
            case .relative(let offset):
                // A clip with no measurable loudness is silent throughout at any relative level.
                guard let integrated, integrated.isFinite else { return 0 }
                return integrated + offset
            }
        }
    }

    public var threshold: Threshold
    /// Shortest silence reported, in seconds (shorter gaps are pauses between words).
    public var minimum: Double
    /// Kept around speech on each side of a silence, in seconds, so words are not clipped.
    public var padding: Double
    /// Silences longer than this (before padding) are deliberate pauses and are not proposed; nil: none kept.
    public var keepLongerThan: Double?

    public init(threshold: Threshold = .dBFS(-40), minimum: Double = 0.5, padding: Double = 0.1,
                keepLongerThan: Double? = nil) {
        self.threshold = threshold
        self.minimum = minimum
        self.padding = padding
        self.keepLongerThan = keepLongerThan
    }

    public static let `default` = SilenceSettings()

    /// `-40dB`, `-40dBFS`, `-40` (dBFS) or `-20LU` (relative to the clip's loudness).
    public static func parseThreshold(_ text: String) throws(SilenceSettingsError) -> Threshold {
        let trimmed = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "−", with: "-")
        let lower = trimmed.lowercased()
        for (suffix, relative) in [("dbfs", false), ("db", false), ("lufs", true), ("lu", true), ("", false)]
        where lower.hasSuffix(suffix) {
            guard let value = Double(lower.dropLast(suffix.count)), value.isFinite else { break }
            if relative {
                guard value < 0, value >= -90 else {
                    throw SilenceSettingsError("threshold \(text): a relative threshold is below the clip's loudness, between -90LU and 0LU (e.g. -20LU)")
                }
                return .relative(value)
            }
            guard value < 0, value >= -120 else {
                throw SilenceSettingsError("threshold \(text): give a level below full scale, between -120dB and 0dB (e.g. -40dB)")
            }
            return .dBFS(value)
        }
        throw SilenceSettingsError("threshold \(text) is not a level: write e.g. -40dB (dBFS) or -20LU (below the clip's loudness)")
    }

    /// `0.5s`, `500ms` or `0.5` (seconds); `what` names the option in the error.
    public static func parseDuration(_ text: String, _ what: String, allowZero: Bool = true) throws(SilenceSettingsError) -> Double {
        let lower = text.trimmingCharacters(in: .whitespaces).lowercased()
        var value: Double?
        if lower.hasSuffix("ms") { value = Double(lower.dropLast(2)).map { $0 / 1000 } }
        else if lower.hasSuffix("s") { value = Double(lower.dropLast()) }
        else { value = Double(lower) }
        guard let value, value.isFinite, value >= 0, allowZero || value > 0, value <= 86_400 else {
            throw SilenceSettingsError("\(what) \(text) is not a duration: write e.g. 0.5s or 500ms")
        }
        return value
    }
}

/// A silence setting that cannot be used; the message names the value and what to write instead.
public struct SilenceSettingsError: Error, CustomStringConvertible, Equatable {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
