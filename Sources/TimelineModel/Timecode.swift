/// SMPTE ST 12-1 timecode: frame labels `HH:MM:SS:FF`, for display and interchange only.
///
/// Edits never compute with timecode; they count frames. A label is a frame count at the
/// *timecode base* (`Rate.timecodeBase`: 24 for 23.976, 30 for 29.97, 60 for 59.94), so at the
/// NTSC rates non-drop timecode runs slow against the wall clock (3.6 s an hour).
///
/// Drop-frame (29.97 and 59.94 only): labels, not frames, are dropped. At the start of every
/// minute the first 2 labels (4 at 59.94) are skipped — `00:00:59;29` is followed by
/// `00:01:00;02` — except in minutes divisible by ten, so `00:10:00;00` exists. That removes 108
/// (216) labels an hour and keeps the label within a few frames of the wall clock. Drop-frame
/// labels are written with `;` before the frames (`;` or `.` in some tools; we write `;`).
///
/// Labels wrap at 24 hours as SMPTE 12M defines; negative frame numbers (before the timecode
/// origin) format with a leading `-` and are never accepted by `parse`.
public enum Timecode {
    /// Frames per timecode second, and labels dropped per minute (0 for non-drop).
    private static func layout(rate: Rate, dropFrame: Bool) -> (base: Int64, drop: Int64) {
        let base = rate.timecodeBase
        guard dropFrame && rate.supportsDropFrame else { return (base, 0) }
        return (base, base / 15) // 2 at 30, 4 at 60
    }

    /// Frames in 24 hours of labels: where timecode wraps to 00:00:00:00.
    /// Int64.max for a rate so high that a day of labels does not fit (no wrap, never a trap).
    public static func framesPerDay(rate: Rate, dropFrame: Bool) -> Int64 {
        let (base, drop) = layout(rate: rate, dropFrame: dropFrame)
        let (labels, overflow) = base.multipliedReportingOverflow(by: 86_400)
        return overflow ? .max : labels - drop * (24 * 60 - 24 * 6)
    }

    /// The label of frame `frame` counted from 00:00:00:00, e.g. "01:00:00:00" or "00:01:00;02".
    /// `dropFrame` is ignored at rates without drop-frame timecode.
    public static func format(frame: Int64, rate: Rate, dropFrame: Bool) -> String {
        // −Int64.min does not exist: its label is the wrapped label of its magnitude's remainder.
        if frame == .min {
            let day = framesPerDay(rate: rate, dropFrame: dropFrame)
            return "-" + format(frame: -(frame % day), rate: rate, dropFrame: dropFrame)
        }
        if frame < 0 { return "-" + format(frame: -frame, rate: rate, dropFrame: dropFrame) }
        let (base, drop) = layout(rate: rate, dropFrame: dropFrame)
        var label = frame % framesPerDay(rate: rate, dropFrame: dropFrame)
        if drop > 0 {
            // Turn the frame count into a label count by adding back the labels skipped so far.
            let perMinute = base * 60 - drop
            let perTenMinutes = base * 600 - drop * 9
            let tens = label / perTenMinutes, rest = label % perTenMinutes
            label += drop * 9 * tens
            if rest > drop { label += drop * ((rest - drop) / perMinute) }
        }
        let ff = label % base
        let totalSeconds = label / base
        let ss = totalSeconds % 60, mm = (totalSeconds / 60) % 60, hh = totalSeconds / 3600
        return "\(two(hh)):\(two(mm)):\(two(ss))\(drop > 0 ? ";" : ":")\(two(ff))"
    }

    /// Reads a label back into a frame count from 00:00:00:00.
    ///
    /// Accepted forms: `HH:MM:SS:FF`, `MM:SS:FF`, `SS:FF` (missing fields are zero), with `:` or `;`
    /// (or `.`) as separators, and all-digit text read in pairs from the right as Avid does
    /// (`"1000"` is `00:00:10:00`). `dropFrame`: `nil` takes drop-frame from a `;` in the text;
    /// `true` reads drop-frame whatever the separator; `false` refuses a `;`.
    /// Refused: negative labels, fields out of range (frames ≥ the base, minutes or seconds ≥ 60,
    /// hours ≥ 24), drop-frame at a rate that has none, and the labels drop-frame skips.
    public static func parse(_ text: String, rate: Rate, dropFrame: Bool?) throws(EditError) -> Int64 {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw EditError(.invalidArgument, "empty timecode") }
        if trimmed.hasPrefix("-") {
            throw EditError(.invalidArgument, "\(trimmed): timecode cannot be negative")
        }
        let separators: Set<Character> = [":", ";", "."]
        let hasSemicolon = trimmed.contains(";")
        var fields: [Int64] = []
        if trimmed.allSatisfy(\.isASCIIDigit) {
            guard trimmed.count <= 8 else { throw EditError(.invalidArgument, "\(trimmed): too many digits for a timecode") }
            var digits = Substring(trimmed)
            while !digits.isEmpty {
                let pair = digits.suffix(2)
                fields.insert(Int64(pair)!, at: 0)
                digits = digits.dropLast(pair.count)
            }
        } else {
            for part in splitFields(trimmed, separators) {
                guard !part.isEmpty, part.count <= 2, part.allSatisfy(\.isASCIIDigit), let v = Int64(part) else {
                    throw EditError(.invalidArgument, "\(trimmed) is not a timecode (expected HH:MM:SS:FF)")
                }
                fields.append(v)
            }
        }
        guard (1...4).contains(fields.count) else {
            throw EditError(.invalidArgument, "\(trimmed) is not a timecode (expected HH:MM:SS:FF)")
        }
        while fields.count < 4 { fields.insert(0, at: 0) }
        let (hh, mm, ss, ff) = (fields[0], fields[1], fields[2], fields[3])

        let wantsDrop: Bool
        switch dropFrame {
        case nil: wantsDrop = hasSemicolon
        case true?: wantsDrop = true
        case false?:
            if hasSemicolon {
                throw EditError(.invalidArgument, "\(trimmed): ';' marks drop-frame timecode, but this timecode is non-drop")
            }
            wantsDrop = false
        }
        if wantsDrop && !rate.supportsDropFrame {
            throw EditError(.invalidArgument, "\(trimmed): drop-frame timecode exists only at 29.97 and 59.94 fps, not \(rate)")
        }
        let (base, drop) = layout(rate: rate, dropFrame: wantsDrop)
        guard ff < base else { throw EditError(.invalidArgument, "\(trimmed): frames must be below \(base) at \(rate) fps") }
        guard ss < 60, mm < 60 else { throw EditError(.invalidArgument, "\(trimmed): minutes and seconds must be below 60") }
        guard hh < 24 else { throw EditError(.invalidArgument, "\(trimmed): hours must be below 24") }
        if drop > 0 && ss == 0 && mm % 10 != 0 && ff < drop {
            throw EditError(.invalidArgument,
                            "\(trimmed) does not exist in drop-frame timecode: minute \(mm) starts at ;\(two(drop))")
        }
        let totalMinutes = hh * 60 + mm
        return ((hh * 3600 + mm * 60 + ss) * base + ff) - drop * (totalMinutes - totalMinutes / 10)
    }

    private static func splitFields(_ text: String, _ separators: Set<Character>) -> [Substring] {
        text.split(omittingEmptySubsequences: false, whereSeparator: { separators.contains($0) })
    }

    private static func two(_ v: Int64) -> String { v < 10 ? "0\(v)" : "\(v)" }
}

extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
