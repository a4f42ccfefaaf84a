import Foundation
import TimelineModel

/// SubRip subtitles (`.srt`) ↔ a subtitle track of text clips.
///
/// Reading is tolerant: a byte-order mark, CRLF or CR line ends, missing blank lines between
/// cues, missing index lines, `.` instead of `,` before the milliseconds. Times round to the
/// nearest frame at the timeline rate. Cues are laid in time order; an overlapping cue cuts the
/// one before it short (reported), since a track holds one clip at a time.
/// Writing turns frames into milliseconds rounded to the nearest, which reads back to the same
/// frames at any rate below 1000 fps.
public enum SRT {
    struct Cue {
        var start: Int64
        var end: Int64
        var text: String
        var line: Int
    }

    /// Reads subtitles into a `Track(kind: .subtitle)`. `startTimecode` (frames) is subtracted
    /// from every time, for files timed against a programme start; clip ids start at `firstID`.
    /// Throws only when the text holds something but no cue at all.
    public static func read(_ text: String, rate: Rate, startTimecode: Int64 = 0, firstID: Int64 = 1,
                            trackName: String = "S1", name: String = "subtitles.srt")
        throws(InterchangeError) -> (track: Track, problems: [InterchangeProblem], nextID: Int64) {
        var problems: [InterchangeProblem] = []
        let lines = EDLReader.splitLines(text).map { $0.trimmingCharacters(in: .whitespaces) }
        var cues: [Cue] = []
        var i = 0
        var strayLines = 0
        func isIndex(_ l: String) -> Bool { !l.isEmpty && l.count <= 9 && l.allSatisfy { $0.isASCII && $0.isNumber } }
        while i < lines.count {
            let line = lines[i]
            if line.isEmpty { i += 1; continue }
            if isIndex(line), i + 1 < lines.count, timing(lines[i + 1]) != nil { i += 1; continue }
            guard let (startMs, endMs) = timing(line) else {
                strayLines += 1
                if strayLines <= 50 { problems.append(InterchangeProblem(line: i + 1, "not a cue index, timing or text; skipped")) }
                i += 1
                continue
            }
            let timingLine = i + 1
            i += 1
            var textLines: [String] = []
            while i < lines.count, !lines[i].isEmpty, timing(lines[i]) == nil,
                  !(isIndex(lines[i]) && i + 1 < lines.count && timing(lines[i + 1]) != nil) {
                textLines.append(lines[i])
                i += 1
            }
            let start = RationalTime(startMs, Rate(1000)).rescaled(to: rate, rounding: .nearest).value - startTimecode
            let end = RationalTime(endMs, Rate(1000)).rescaled(to: rate, rounding: .nearest).value - startTimecode
            cues.append(Cue(start: start, end: end, text: textLines.joined(separator: "\n"), line: timingLine))
        }
        if strayLines > 50 { problems.append(InterchangeProblem("\(strayLines - 50) more stray lines skipped")) }
        if cues.isEmpty, lines.contains(where: { !$0.isEmpty }) {
            throw .notSRT(file: name, reason: "no cue timing line (HH:MM:SS,mmm --> HH:MM:SS,mmm)")
        }

        // Time order, then no overlaps.
        if zip(cues, cues.dropFirst()).contains(where: { $0.start > $1.start }) {
            problems.append(InterchangeProblem("cues are not in time order; laid out by start time"))
            cues = cues.enumerated().sorted { ($0.element.start, $0.offset) < ($1.element.start, $1.offset) }.map(\.element)
        }
        var kept: [Cue] = []
        for var cue in cues {
            if cue.start < 0 {
                if cue.end <= 0 {
                    problems.append(InterchangeProblem(line: cue.line, "cue ends before the start of the timeline; skipped"))
                    continue
                }
                problems.append(InterchangeProblem(line: cue.line, "cue starts before the start of the timeline; starts at frame 0"))
                cue.start = 0
            }
            if cue.end <= cue.start {
                problems.append(InterchangeProblem(line: cue.line, cue.end < cue.start ? "cue ends before it starts; skipped" : "cue is shorter than half a frame at \(rate) fps; skipped"))
                continue
            }
            if let previous = kept.last, cue.start < previous.end {
                problems.append(InterchangeProblem(line: cue.line, "cue overlaps the cue at line \(previous.line); the earlier cue ends where this one starts"))
                kept[kept.count - 1].end = cue.start
                if kept[kept.count - 1].end <= kept[kept.count - 1].start {
                    problems.append(InterchangeProblem(line: previous.line, "cue left with no time after an overlap; dropped"))
                    kept.removeLast()
                }
            }
            kept.append(cue)
        }

        var items: [Item] = []
        var position: Int64 = 0
        var nextID = firstID
        for cue in kept {
            if cue.start > position { items.append(.gap(cue.start - position)) }
            let firstLine = cue.text.split(separator: "\n").first.map(String.init) ?? ""
            let clip = Clip(id: ClipID(nextID), name: String(firstLine.prefix(40)), media: Clip.generatedMedia,
                            source: FrameRange(start: 0, duration: cue.end - cue.start), available: nil, text: cue.text)
            nextID += 1
            items.append(.clip(clip))
            position = cue.end
        }
        return (Track(kind: .subtitle, name: trackName, items: ItemList(items)), problems, nextID)
    }

    /// "HH:MM:SS,mmm --> HH:MM:SS,mmm [position]" → milliseconds, bounded.
    static func timing(_ line: String) -> (Int64, Int64)? {
        guard let arrow = line.range(of: "-->") else { return nil }
        let left = line[..<arrow.lowerBound].trimmingCharacters(in: .whitespaces)
        let right = line[arrow.upperBound...].split(whereSeparator: \.isWhitespace).first.map(String.init) ?? ""
        guard let a = milliseconds(left), let b = milliseconds(right) else { return nil }
        return (a, b)
    }

    static func milliseconds(_ text: String) -> Int64? {
        var main = Substring(text)
        var fraction: Int64 = 0
        if let sep = text.lastIndex(where: { $0 == "," || $0 == "." }) {
            let digits = text[text.index(after: sep)...]
            guard !digits.isEmpty, digits.count <= 3, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let v = Int64(digits) else { return nil }
            fraction = v * [100, 10, 1][digits.count - 1]
            main = text[..<sep]
        }
        let fields = main.split(separator: ":", omittingEmptySubsequences: false)
        guard (2...3).contains(fields.count),
              fields.allSatisfy({ !$0.isEmpty && $0.count <= 3 && $0.allSatisfy { $0.isASCII && $0.isNumber } }) else { return nil }
        let numbers = fields.compactMap { Int64($0) }
        let (h, m, s) = numbers.count == 3 ? (numbers[0], numbers[1], numbers[2]) : (0, numbers[0], numbers[1])
        guard m < 60, s < 60 else { return nil }
        return ((h * 60 + m) * 60 + s) * 1000 + fraction
    }

    static func format(milliseconds ms: Int64) -> String {
        let v = max(0, ms)
        let h = v / 3_600_000, m = (v / 60_000) % 60, s = (v / 1000) % 60, f = v % 1000
        func two(_ x: Int64) -> String { x < 10 ? "0\(x)" : "\(x)" }
        let three = f < 10 ? "00\(f)" : (f < 100 ? "0\(f)" : "\(f)")
        return "\(two(h)):\(two(m)):\(two(s)),\(three)"
    }

    /// The track's clips as SubRip cues (text, else the clip name), numbered from 1. Record frame
    /// 0 is written as `startTimecode` frames (0: the file starts at 00:00:00,000).
    public static func write(_ track: Track, rate: Rate, startTimecode: Int64 = 0) -> String {
        var out = ""
        var index = 0
        for (clip, record) in track.clips {
            index += 1
            func ms(_ frame: Int64) -> Int64 {
                InterchangeTime.rescale(startTimecode + frame, from: rate, to: Rate(1000)) ?? 0
            }
            // A blank line would end the cue early: keep paragraphs apart with a single line break.
            let text = (clip.text ?? clip.name).split(separator: "\n", omittingEmptySubsequences: true).joined(separator: "\n")
            out += "\(index)\n\(format(milliseconds: ms(record.start))) --> \(format(milliseconds: ms(record.end)))\n\(text)\n\n"
        }
        return out
    }

    /// Entry point for fuzzing: read at 25 and 29.97 fps and write back. Must never trap.
    public static func fuzzOne(_ data: Data) {
        let text = String(decoding: data, as: UTF8.self)
        for rate in [Rate.fps25, .fps29_97] {
            if let r = try? read(text, rate: rate) { _ = write(r.track, rate: rate) }
        }
    }
}
