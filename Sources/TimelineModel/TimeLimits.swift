/// How large a time may be anywhere in termcut: every number that comes from outside (command
/// arguments, project files, journals, interchange files) is checked against this where it
/// enters, so that the arithmetic on times inside — sums of a few durations, rescaling between
/// rates of at most a billion — stays far from Int64's ends and cannot trap.
///
/// 2⁴⁰ frames is 1.1 × 10¹²: 1,160 years at 30 fps, 265 days of samples at 48 kHz.
public enum TimeLimits {
    public static let maxFrames: Int64 = 1 << 40

    /// How far a value computed from in-range inputs may reach (an insert at the limit moves the
    /// playhead past it): what a journal record, written by termcut itself, may hold.
    public static let maxDerivedFrames: Int64 = 1 << 44

    /// True when `value` is a usable frame count or frame position (either sign).
    public static func contains(_ value: Int64) -> Bool { value >= -maxFrames && value <= maxFrames }

    /// A message naming `what` and the value, for the caller's error.
    public static func problem(_ what: String, _ value: Int64) -> String? {
        contains(value) ? nil : "\(what) \(value) is out of range (at most ±\(maxFrames) frames)"
    }
}
