import Foundation
/// A time typed as a command argument: an absolute place on the timeline or an offset from
/// the playhead.
///
/// Forms (rate = the timeline rate; a leading `+` or `-` makes any form relative):
///
/// | text           | meaning                                                       |
/// |----------------|---------------------------------------------------------------|
/// | `120`, `120f`, `f120` | frame 120 of the timeline (absolute)                   |
/// | `+5`, `-10f`   | 5 frames later, 10 frames earlier                             |
/// | `2s`, `1.5s`   | 2 s, 1.5 s from the timeline start, rounded to the nearest frame |
/// | `+2s`, `-250ms`| 2 s later, 250 ms earlier                                     |
/// | `01:00:10:00`  | the frame whose record timecode is that label (`;` for drop-frame); partial `10:00` is `00:00:10:00` |
/// | `+00:00:01:00` | a duration written as timecode (1 s of labels)                |
///
/// Seconds are exact rationals (no floating point): `1.5s` at 30000/1001 is 45 frames
/// (1.5 × 29.97 = 44.955, nearest).
public enum TimeArgument: Hashable, Sendable {
    /// A timeline frame (0 = first frame of the sequence).
    case absolute(Int64)
    /// Frames to add to the playhead.
    case relative(Int64)
    /// A record timecode label as a frame count from 00:00:00:00; subtract the sequence's
    /// start timecode to get a timeline frame (`resolve` does).
    case timecode(Int64)

    /// The timeline frame this argument names, given the playhead and the sequence's start timecode.
    public func resolve(playhead: Int64, startTimecode: Int64) -> Int64 {
        // Clamped: a relative step from a playhead already far out cannot leave the range.
        let frame: Int64
        switch self {
        case .absolute(let f): frame = f
        case .relative(let d): frame = playhead.addingReportingOverflow(d).overflow ? (d < 0 ? Int64.min : Int64.max) : playhead + d
        case .timecode(let label): frame = label.subtractingReportingOverflow(startTimecode).partialValue
        }
        return Swift.min(Swift.max(frame, -TimeLimits.maxFrames), TimeLimits.maxFrames)
    }

    public static func parse(_ text: String, rate: Rate, dropFrame: Bool? = nil) throws(EditError) -> TimeArgument {
        var body = Substring(text.trimmingCharacters(in: .whitespaces))
        var sign: Int64? = nil
        if body.first == "+" { sign = 1; body = body.dropFirst() } else if body.first == "-" { sign = -1; body = body.dropFirst() }
        guard !body.isEmpty else { throw EditError(.invalidArgument, "'\(text)' is not a time (try 120, +5, -10f, 2s, 01:00:00:00)") }

        let frames: Int64
        var isTimecode = false
        if body.contains(":") || body.contains(";") {
            frames = try Timecode.parse(String(body), rate: rate, dropFrame: dropFrame)
            isTimecode = true
        } else if body.hasSuffix("ms") {
            frames = try seconds(body.dropLast(2), scale: 1000, rate: rate, text: text)
        } else if body.hasSuffix("s") {
            frames = try seconds(body.dropLast(), scale: 1, rate: rate, text: text)
        } else {
            var digits = body
            if digits.hasSuffix("f") { digits = digits.dropLast() } else if digits.hasPrefix("f") { digits = digits.dropFirst() }
            guard !digits.isEmpty, digits.allSatisfy(\.isASCIIDigit), let n = Int64(digits) else {
                throw EditError(.invalidArgument, "'\(text)' is not a time (try 120, +5, -10f, 2s, 01:00:00:00)")
            }
            frames = n
        }
        guard frames <= TimeLimits.maxFrames else {
            throw EditError(.invalidArgument, "'\(text)' is too far: at most \(TimeLimits.maxFrames) frames")
        }
        if let sign { return .relative(sign * frames) }
        return isTimecode ? .timecode(frames) : .absolute(frames)
    }

    /// "1.5" seconds (times 1/scale) as the nearest whole frame at `rate`, in exact integer arithmetic.
    private static func seconds(_ number: Substring, scale: Int64, rate: Rate, text: String) throws(EditError) -> Int64 {
        let parts = number.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let whole = parts.first, parts.count <= 2,
              !(whole.isEmpty && (parts.count == 1 || parts[1].isEmpty)),
              whole.allSatisfy(\.isASCIIDigit), (parts.count == 1 || parts[1].allSatisfy(\.isASCIIDigit)),
              whole.count <= 9, (parts.count == 1 || parts[1].count <= 9) else {
            throw EditError(.invalidArgument, "'\(text)' is not a time (try 2s, 1.5s, 250ms)")
        }
        let fraction = parts.count == 2 ? parts[1] : ""
        var denominator: Int64 = scale
        for _ in fraction { denominator *= 10 }
        let numerator = (Int64(whole) ?? 0) * (denominator / scale) + (Int64(fraction) ?? 0)
        return RationalTime(numerator, Rate(denominator, 1)).rescaled(to: rate, rounding: .nearest).value
    }
}

extension Timeline {
    /// The timeline frame a time typed on the command line names (`--in`, `--out`, `--from`,
    /// `--to`, `--at`: the playhead counts as the first frame). A record timecode before the
    /// sequence's start (00:00:04:00 in a sequence starting at 01:00:00:00, typed meaning 4 s in)
    /// is refused with the forms that say it, instead of becoming a negative frame.
    public func frame(typed text: String) throws(EditError) -> Int64 {
        let argument = try TimeArgument.parse(text, rate: rate, dropFrame: dropFrame)
        if case .timecode(let label) = argument, label < startTimecode {
            let start = Timecode.format(frame: startTimecode, rate: rate, dropFrame: dropFrame)
            let meant = Timecode.format(frame: startTimecode + label, rate: rate, dropFrame: dropFrame)
            let seconds = RationalTime(label, rate).seconds
            let secondsText = seconds == seconds.rounded() ? "\(Int64(seconds))" : String(format: "%.3f", seconds)
            throw EditError(.invalidArgument, "\(text) is before the sequence's start \(start): give a record timecode (\(meant)), seconds (\(secondsText)s) or a frame (f\(label))")
        }
        return argument.resolve(playhead: 0, startTimecode: startTimecode)
    }
}
