import TimelineModel

/// Reading SMPTE 12M timecode as interchange files write it, private to Interchange.
///
/// Formatting is the model's (`Timecode.format`), the one SMPTE formatter in termcut. Reading
/// stays here because EDLs need a tolerant reader the editor's strict `Timecode.parse` is not:
/// frames past the rate counted on, `,` and `.` as drop marks, and dropped labels reported
/// (so the reader can warn) instead of refused.
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
}
