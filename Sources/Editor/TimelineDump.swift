import PathBytes
import TimelineModel

/// The stable text form of a timeline that `termcut dump` prints and tests compare.
///
/// One line per item, record range first (record out is exclusive, as in CMX 3600 lists),
/// then the source range of clips in source timecode (the media's start timecode, usually
/// 00:00:00:00 for files, plus the offset into it). A clip with a speed shows the media frames
/// it runs through and ` speed 200%` (` speed 50% blend` with frame blending); a freeze its held frame: ` freeze 00:00:01:02`.
public enum TimelineDump {
    public static func text(_ project: Project) -> String {
        let t = project.timeline
        func tc(_ f: Int64) -> String { Timecode.format(frame: f, rate: t.rate, dropFrame: t.dropFrame) }
        var lines = ["timeline \(shown(t.name)) rate \(t.rate) start \(tc(t.startTimecode)) duration \(tc(t.duration))"]
        // The project's other sequences, one line each (open one with open-sequence).
        for other in project.otherSequences ?? [] {
            let duration = Timecode.format(frame: other.duration, rate: other.rate, dropFrame: other.dropFrame)
            lines.append("sequence \(shown(other.name)) rate \(other.rate) duration \(duration) (not open)")
        }
        if t.markIn != nil || t.markOut != nil {
            lines.append("marks in \(t.markIn.map { tc(t.startTimecode + $0) } ?? "-") out \(t.markOut.map { tc(t.startTimecode + $0) } ?? "-")")
        }
        if let mapping = t.audioMapping { lines.append("audio-mapping \(mapping.rawValue)") }
        if let limiter = t.masterLimiter { lines.append("master-limiter \(MixDump.dB(limiter.ceilingDB))") }
        for m in t.markers.sorted(by: { $0.frame < $1.frame }) {
            lines.append("marker \(tc(t.startTimecode + m.frame)) \(m.color.rawValue) \(shown(m.name))")
        }
        for track in t.tracks {
            var flags: [String] = []
            if track.locked { flags.append("locked") }
            if track.muted { flags.append("muted") }
            if track.solo { flags.append("solo") }
            if track.hidden { flags.append("hidden") }
            if !track.syncLocked { flags.append("no-sync-lock") }
            flags += MixDump.trackWords(track)
            lines.append(([shown(track.name)] + flags).joined(separator: " "))
            for k in track.volumeKeyframes {
                lines.append("  track-keyframe \(tc(t.startTimecode + k.frame)) \(MixDump.dB(k.gainDB)) \(k.curve.rawValue)")
            }
            var frame: Int64 = 0
            for item in track.items {
                let record = "\(tc(t.startTimecode + frame))-\(tc(t.startTimecode + frame + item.duration))"
                switch item {
                case .gap:
                    lines.append("  \(record) gap")
                case .clip(let c):
                    // Source timecode at the media's own rate: its start timecode plus the media
                    // frames shown, the first to one past the last (a speed or a rate conform
                    // may skip or repeat frames in between).
                    let media = project.mediaReference(c.media)
                    let srcRate = media?.ownRate(timelineRate: t.rate) ?? t.rate
                    func src(_ f: Int64) -> String {
                        let frame = media?.sourceTimecodeFrame(atTimelineFrame: f, timelineRate: t.rate) ?? f
                        return Timecode.format(frame: frame, rate: srcRate, dropFrame: media?.countsDropFrame(in: t) ?? t.dropFrame)
                    }
                    func srcEnd(_ lastShown: Int64) -> String {
                        let frame = (media?.sourceTimecodeFrame(atTimelineFrame: lastShown, timelineRate: t.rate) ?? lastShown) + 1
                        return Timecode.format(frame: frame, rate: srcRate, dropFrame: media?.countsDropFrame(in: t) ?? t.dropFrame)
                    }
                    var srcIn = c.mediaFrame(atUnit: c.source.start)
                    var lastShown = c.mediaFrame(atUnit: c.source.end - 1)
                    // Reverse: the media span forwards (lowest to one past the highest), and the
                    // negative speed after it says it plays backwards.
                    if c.speed?.isReversed == true { swap(&srcIn, &lastShown) }
                    var line = "  \(record) \(c.id) \(shown(c.name)) src \(src(srcIn))-\(srcEnd(lastShown))"
                    if srcRate != t.rate { line += " @\(srcRate)" }
                    if let speed = c.speed {
                        if let f = speed.freezeFrame { line += " freeze \(src(f))" } else { line += " speed \(Timeline.percentText(speed))%" + (speed.frameBlend ? " blend" : "") }
                    }
                    if !c.enabled { line += " disabled" }
                    if let l = c.link { line += " link \(l)" }
                    if let tr = c.transitionOut { line += " \(tr.kind.rawValue) \(tr.duration) \(tr.alignment.rawValue)" }
                    if project.mediaReference(c.media)?.isOffline == true { line += " offline" }
                    if let nested = c.sequence { line += " sequence \(shown(nested))" }
                    if let text = c.text { line += " text \(shown(text))" }
                    if let style = c.title { line += " title \(style.summary)" }
                    if let image = c.image { line += " image \(image.summary)" }
                    if c.isAdjustmentLayer { line += " adjustment" }
                    line += MixDump.clipWords(c)
                    lines.append(line)
                    for m in c.markers { lines.append("    marker src \(tc(m.frame)) \(m.color.rawValue) \(shown(m.name))") }
                    if let g = c.grade { lines.append("    grade \(g.summary)") }
                    for k in c.motion {
                        lines.append("    motion \(tc(t.startTimecode + frame + k.frame - c.source.start)) \(k.summary)")
                    }
                    for k in c.volumeKeyframes {
                        lines.append("    keyframe \(tc(t.startTimecode + frame + k.frame - c.source.start)) \(MixDump.dB(k.gainDB)) \(k.curve.rawValue)")
                    }
                }
                frame += item.duration
            }
        }
        if let d = t.subtitleDisplay { lines.append("subtitles \(d.shown ? "on" : "off") \(d.style.summary)") }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A name as printed: quoted like a command argument, with control characters (newlines,
    /// escape sequences that would drive the terminal) written as `\u{1B}` instead of raw, and
    /// the bytes of a name that is not UTF-8 as `\xE9` (`PathBytes`).
    static func shown(_ name: String) -> String {
        guard name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control || PathBytes.byte(of: $0) != nil }) else {
            return CommandText.quote(name)
        }
        let escaped = name.unicodeScalars.map { scalar -> String in
            if let byte = PathBytes.byte(of: scalar) { return "\\x\(String(byte, radix: 16, uppercase: true))" }
            if scalar.properties.generalCategory == .control { return "\\u{\(String(scalar.value, radix: 16, uppercase: true))}" }
            return scalar == "\\" ? "\\\\" : scalar == "\"" ? "\\\"" : String(scalar)
        }.joined()
        return "\"" + escaped + "\""
    }
}
