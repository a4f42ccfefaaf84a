import Foundation

/// SMPTE 12M timecode text for frame numbers. Display and interchange only: edits count frames.
public enum Timecode {
    /// Frames dropped from the label count each minute except every tenth (2 at 29.97, 4 at 59.94).
    static func dropCount(_ rate: Rate) -> Int64 { rate.timecodeBase / 15 }

    public static func format(frame: Int64, rate: Rate, dropFrame: Bool) -> String {
        let base = rate.timecodeBase
        let negative = frame < 0
        var f = abs(frame)
        let df = dropFrame && rate.supportsDropFrame
        if df {
            let drop = dropCount(rate)
            let framesPer10Min = base * 600 - drop * 9
            let framesPerMin = base * 60 - drop
            let tens = f / framesPer10Min
            let rem = f % framesPer10Min
            f += drop * 9 * tens + (rem > drop ? drop * ((rem - drop) / framesPerMin) : 0)
        }
        let ff = f % base, ss = (f / base) % 60, mm = (f / (base * 60)) % 60, hh = f / (base * 3600)
        let sep = df ? ";" : ":"
        return (negative ? "-" : "") + String(format: "%02lld:%02lld:%02lld%@%02lld", hh, mm, ss, sep, ff)
    }

    /// Parses `HH:MM:SS:FF` (or `;FF` for drop-frame). `dropFrame` nil takes the separator's word.
    public static func parse(_ text: String, rate: Rate, dropFrame: Bool?) throws(EditError) -> Int64 {
        let isDF = dropFrame ?? text.contains(";")
        let parts = text.split(whereSeparator: { $0 == ":" || $0 == ";" || $0 == "." }).map { Int64($0) }
        guard (2...4).contains(parts.count), parts.allSatisfy({ $0 != nil && $0! >= 0 }) else {
            throw EditError(.invalidArgument, "\"\(text)\" is not a timecode (HH:MM:SS:FF)")
        }
        let p = [Int64](repeating: 0, count: 4 - parts.count) + parts.map { $0! }
        let (hh, mm, ss, ff) = (p[0], p[1], p[2], p[3])
        let base = rate.timecodeBase
        guard mm < 60, ss < 60, ff < base else {
            throw EditError(.invalidArgument, "\"\(text)\" is not a timecode at \(rate) fps (frames run 0–\(base - 1))")
        }
        var frame = ((hh * 60 + mm) * 60 + ss) * base + ff
        if isDF && rate.supportsDropFrame {
            let drop = dropCount(rate)
            if ss == 0 && ff < drop && mm % 10 != 0 {
                throw EditError(.invalidArgument, "\(text) does not exist in drop-frame timecode (frames 0–\(drop - 1) are dropped at this minute)")
            }
            let totalMinutes = hh * 60 + mm
            frame -= drop * (totalMinutes - totalMinutes / 10)
        }
        return frame
    }
}
