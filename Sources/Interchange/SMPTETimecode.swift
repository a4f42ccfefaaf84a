import TimelineModel

/// SMPTE 12M timecode text ↔ frame counts, private to Interchange.
///
/// The model's own `Timecode` is being written on another branch; this small copy keeps the
/// interchange readers independent of it until the lead folds the two together.
///
/// Drop-frame (SMPTE 12M) exists only at 29.97 and 59.94: frame *numbers* 00 and 01 (00–03 at
/// 59.94) are skipped at the start of every minute except minutes 00, 10, 20, 30, 40 and 50, so
/// that one timecode hour lasts one real hour to within 3.6 ms. No frames are dropped, only labels.
enum SMPTETimecode {
    struct Parsed: Hashable {
        var frames: Int64
        /// The frames field was not below the rate's timecode base (e.g. `:24` at 24 fps); it was
        /// counted on into the next second, as a tolerant reader does.
        var framesBeyondRate: Bool
        /// The text used `;` (or `.`/`,`) before the frames, which marks drop-frame timecode.
        var markedDropFrame: Bool
        /// A drop-frame label that does not exist (00:01:00;00); read as the next real frame.
        var droppedLabel: Bool
    }

    /// Frame numbers dropped per minute: 2 at 29.97, 4 at 59.94 (SMPTE 12M).
    static func droppedPerMinute(_ rate: Rate) -> Int64 { rate.timecodeBase / 15 }

    /// Parses "HH:MM:SS:FF" (hours may have one digit; `;`, `.` or `,` before FF marks drop-frame).
    /// `dropFrame` says how to count when the text does not mark it; a marked `;` always counts
    /// drop-frame at 29.97/59.94. Returns nil for anything that is not a timecode.
    static func parse<S: StringProtocol>(_ text: S, rate: Rate, dropFrame: Bool) -> Parsed? {
        var fields: [Int64] = []
        var current: Int64 = 0
        var digits = 0
        var lastSeparator: Character = ":"
        for ch in text {
            if let d = ch.wholeNumberValue, ch.isASCII {
                digits += 1
                if digits > 3 { return nil }           // bounded: no field needs more than 3 digits
                current = current * 10 + Int64(d)
            } else if ch == ":" || ch == ";" || ch == "." || ch == "," {
                if digits == 0 || fields.count == 3 { return nil }
                fields.append(current)
                current = 0
                digits = 0
                lastSeparator = ch
            } else {
                return nil
            }
        }
        guard digits > 0, fields.count == 3 else { return nil }
        fields.append(current)
        let (h, m, s, f) = (fields[0], fields[1], fields[2], fields[3])
        guard m < 60, s < 60 else { return nil }
        let marked = lastSeparator != ":"
        let base = rate.timecodeBase
        let useDrop = (dropFrame || marked) && rate.supportsDropFrame
        var frames = ((h * 60 + m) * 60 + s) * base + f
        var dropped = false
        if useDrop {
            let drop = droppedPerMinute(rate)
            let totalMinutes = h * 60 + m
            frames -= drop * (totalMinutes - totalMinutes / 10)
            if s == 0 && f < drop && m % 10 != 0 { dropped = true }
        }
        return Parsed(frames: frames, framesBeyondRate: f >= base, markedDropFrame: marked, droppedLabel: dropped)
    }

    /// "HH:MM:SS:FF", or "HH:MM:SS;FF" for drop-frame. Wraps at 24 hours as SMPTE 12M does;
    /// negative counts get a leading "-".
    static func format(_ frames: Int64, rate: Rate, dropFrame: Bool) -> String {
        let base = rate.timecodeBase
        let useDrop = dropFrame && rate.supportsDropFrame
        var n = frames.magnitude
        if useDrop {
            let drop = UInt64(droppedPerMinute(rate))
            let perMinute = UInt64(base) * 60 - drop
            let perTenMinutes = UInt64(base) * 600 - drop * 9
            let tens = n / perTenMinutes
            let rest = n % perTenMinutes
            n += drop * 9 * tens
            if rest > drop { n += drop * ((rest - drop) / perMinute) }
        }
        let b = UInt64(base)
        let perDay = b * 86_400
        n %= perDay
        let f = n % b
        let totalSeconds = n / b
        let s = totalSeconds % 60, m = (totalSeconds / 60) % 60, h = totalSeconds / 3600
        func two(_ v: UInt64) -> String { v < 10 ? "0\(v)" : "\(v)" }
        let sign = frames < 0 ? "-" : ""
        return "\(sign)\(two(h)):\(two(m)):\(two(s))\(useDrop ? ";" : ":")\(two(f))"
    }
}
