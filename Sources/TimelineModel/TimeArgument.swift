import Foundation

/// A time typed by a user or a script: an absolute position or an offset from the playhead.
///
/// Forms: `120` or `f120` (frame 120), `+5` / `-5` (frames from the playhead), `2.5s` / `+1s`
/// (seconds, rounded to the nearest frame), `01:00:02:10` (record timecode; `;` for drop-frame).
public enum TimeArgument: Hashable, Sendable {
    case absolute(Int64)
    case relative(Int64)

    public func resolve(relativeTo origin: Int64) -> Int64 {
        switch self {
        case .absolute(let f): return f
        case .relative(let d): return origin + d
        }
    }

    public static func parse(_ text: String, rate: Rate, dropFrame: Bool, startTimecode: Int64) throws(EditError) -> TimeArgument {
        var t = text.trimmingCharacters(in: .whitespaces)
        var sign: Int64? = nil
        if t.hasPrefix("+") { sign = 1; t.removeFirst() } else if t.hasPrefix("-") { sign = -1; t.removeFirst() }
        let magnitude: Int64
        if t.contains(":") || t.contains(";") {
            let frame = try Timecode.parse(t, rate: rate, dropFrame: t.contains(";") ? true : (dropFrame ? nil : false))
            // A signed timecode is a duration; an unsigned one is a record position.
            if let sign { return .relative(sign * frame) }
            return .absolute(frame - startTimecode)
        } else if t.hasSuffix("s"), let seconds = Double(t.dropLast()), seconds.isFinite, seconds >= 0 {
            magnitude = Int64((seconds * Double(rate.numerator) / Double(rate.denominator)).rounded())
        } else if t.hasPrefix("f") || t.hasPrefix("#"), let n = Int64(t.dropFirst()), n >= 0 {
            magnitude = n
        } else if t.hasSuffix("f"), let n = Int64(t.dropLast()), n >= 0 {
            magnitude = n
        } else if let n = Int64(t), n >= 0 {
            magnitude = n
        } else {
            throw EditError(.invalidArgument, "\"\(text)\" is not a time (use 120, +5, -10f, 2.5s or a timecode such as 01:00:02:10)")
        }
        if let sign { return .relative(sign * magnitude) }
        return .absolute(magnitude)
    }
}
