import Foundation
import TimelineModel

/// Writes one video track (and the first two audio tracks) as a CMX 3600 list.
///
/// - Record timecode counts from the timeline's start timecode; `FCM` and `;` follow its
///   drop-frame setting (`;` before the frames is what OpenTimelineIO and most readers take as
///   drop-frame).
/// - Reels: 8 characters from the media name (letters, digits, `_`, upper case), made unique.
/// - A transition is written the CMX way, starting at the incoming event's record in: the cut
///   moves back by the transition's frames before the cut (`inOffset`), so a centred dissolve
///   comes back from a round trip aligned `startAtCut` with the same frames on screen.
///   A transition into empty record time is written as a dissolve to `BL` (black) when the gap
///   holds it, else as a cut (reported).
/// - Identical clips on A1 and A2 become one `AA` event; other audio clips are `A`/`A2` events.
/// - Clip markers and timeline markers become `* LOC:` lines under the event they fall in.
/// - A clip with a speed is written with its source in at its first media frame, its source out
///   after the media it runs through, and an `M2 REEL SPEED TC` line: the speed in source frames
///   per second of record at the timecode base (050.0 at 25 fps = 200%), to a tenth as Avid
///   writes it when that is exact, else to three decimals (25% at 25 fps is 006.250, as
///   OpenTimelineIO writes the full value); at the NTSC rates against the true
///   rate to three decimals (011.988 = 50% at 23.976), as OpenTimelineIO's adapter reads it. A freeze is one source frame, an
///   `M2 … 000.0` line and `* * FREEZE FRAME` (as OpenTimelineIO's adapter writes it).
/// - Events are numbered 001–999; the rest are left out and reported.
/// - A nested sequence is an `AX` event, reported: CMX 3600 cannot nest.
struct EDLWriter {
    let project: Project
    var problems: [InterchangeProblem] = []

    var timeline: Timeline { project.timeline }
    var rate: Rate { timeline.rate }

    /// One thing to write on one lane: a clip, or black (the target of a fade to nothing).
    struct Segment {
        var clip: Clip?
        var record: FrameRange
        var sourceStart: Int64
        /// The clip unit at the segment's record start (the clip's own units; see `Clip`).
        var unitStart: Int64 = 0
        /// The transition into this segment and the outgoing segment's source out (continuation).
        var transitionIn: (Transition, reel: String, name: String, continuation: String)?
    }

    struct Event {
        var channel: String
        var segment: Segment
        var order: Int
    }

    private var reels: [MediaID: String] = [:]
    private var usedReels: Set<String> = ["BL", "BLACK", "AX", "BARS"]

    init(project: Project) { self.project = project }

    mutating func report(_ message: String) { problems.append(InterchangeProblem(message)) }

    func tc(_ frames: Int64) -> String { Timecode.format(frame: max(0, frames), rate: rate, dropFrame: timeline.dropFrame) }

    mutating func reel(for clip: Clip) -> String {
        guard clip.media != Clip.generatedMedia, let media = project.mediaReference(clip.media) else { return "AX" }
        if let r = reels[media.id] { return r }
        // A reel read from an edit list goes back as written (several clips may share a tape).
        if let tape = media.reel?.trimmingCharacters(in: .whitespaces), !tape.isEmpty {
            let written = tape.replacingOccurrences(of: " ", with: "_")
            reels[media.id] = written
            usedReels.insert(written.uppercased())
            return written
        }
        let stem = (media.name as NSString).deletingPathExtension
        var base = String(stem.uppercased().map { ($0.isASCII && ($0.isLetter || $0.isNumber)) ? $0 : "_" }.prefix(8))
        if base.isEmpty || base.allSatisfy({ $0 == "_" }) { base = "REEL" }
        var candidate = base
        var n = 1
        while usedReels.contains(candidate) {
            let suffix = String(n)
            candidate = String(base.prefix(8 - suffix.count)) + suffix
            n += 1
        }
        usedReels.insert(candidate)
        reels[media.id] = candidate
        return candidate
    }

    /// Source timecode (in timeline frames) of a clip-relative source frame.
    func sourceFrames(_ clip: Clip, _ frame: Int64) -> Int64 {
        guard let media = project.mediaReference(clip.media) else { return frame }
        let base = InterchangeTime.rescale(media.startTimecode, from: media.duration.rate, to: rate) ?? 0
        return base + frame
    }

    /// Source timecode of a clip's media frame `frame` (timeline-rate frames from the media's
    /// first frame, as `Clip.mediaFrame(atUnit:)` gives) at the media's own rate, through the
    /// one sequence-to-media mapping (`RateConform`); `plus` media frames later (1: the
    /// exclusive source out after the last frame shown). Identical to the timeline-rate
    /// timecode when the media runs at the sequence's rate.
    ///
    /// Media whose timecode counts more frames a second than the list (50 fps in a 25 fps list)
    /// cannot be written at its rate: CMX 3600 readers count every timecode at the list's rate
    /// (OpenTimelineIO's adapter refuses `00:00:05:49` at 25). Such media is written at the list's
    /// rate, the instant the media frame starts, as a 50p camera's 25 fps timecode counts it.
    func sourceTC(_ clip: Clip, _ frame: Int64, plus: Int64 = 0) -> String {
        guard clip.media != Clip.generatedMedia, let media = project.mediaReference(clip.media),
              mediaRateFits(media) else { return tc(sourceFrames(clip, frame) + plus) }
        let own = media.ownRate(timelineRate: rate)
        let label = media.sourceTimecodeFrame(atTimelineFrame: frame, timelineRate: rate) + plus
        return Timecode.format(frame: max(0, label), rate: own, dropFrame: media.countsDropFrame(in: timeline))
    }

    /// Whether the media's source timecode is written at its own rate: it runs at another rate
    /// than the list and its timecode frames fit the list's (25 fps media in a 30 fps list).
    func mediaRateFits(_ media: MediaReference) -> Bool {
        media.ownRate(timelineRate: rate).timecodeBase <= rate.timecodeBase
    }

    /// The track's clips as CMX segments, cuts moved to where each transition starts.
    mutating func segments(_ track: Track) -> [Segment] {
        var out: [Segment] = []
        var position: Int64 = 0
        let items = Array(track.items)
        for (i, item) in items.enumerated() {
            defer { position += item.duration }
            guard case .clip(let clip) = item else { continue }
            if clip.isAdjustmentLayer {
                // CMX 3600 has no layer that grades the ones below: left out, as a gap.
                report("adjustment layer \(clip.id) at \(tc(timeline.startTimecode + position)) left out: CMX 3600 has no adjustment layers (its grade is not in the list)")
                continue
            }
            var record = FrameRange(start: position, duration: clip.duration)
            var unitStart = clip.source.start
            var sourceStart = sourceFrames(clip, clip.mediaFrame(atUnit: unitStart))
            // Transition into this clip from the previous one: start the event earlier.
            var transitionIn: Segment.TransitionInput?
            if i > 0, case .clip(let previous) = items[i - 1], let t = previous.transitionOut {
                record = FrameRange(start: record.start - t.inOffset, end: record.end)
                unitStart -= t.inOffset
                sourceStart = sourceFrames(clip, clip.mediaFrame(atUnit: unitStart))
                transitionIn = (t, reel(for: previous), previous.name, sourceTC(previous, previous.mediaFrame(atUnit: previous.source.end - t.inOffset)))
            }
            // Transition out of this clip: end the event earlier by the frames before the cut.
            if let t = clip.transitionOut {
                let nextIsClip = i + 1 < items.count && items[i + 1].clip != nil
                if nextIsClip {
                    record = FrameRange(start: record.start, end: record.end - t.inOffset)
                } else if i + 1 < items.count, case .gap(let g) = items[i + 1], g >= t.outOffset {
                    // A fade to nothing: a dissolve to black over the gap.
                    record = FrameRange(start: record.start, end: record.end - t.inOffset)
                    let blackStart = record.end
                    out.append(Segment(clip: clip, record: record, sourceStart: sourceStart, unitStart: unitStart, transitionIn: transitionIn))
                    out.append(Segment(clip: nil, record: FrameRange(start: blackStart, duration: t.duration), sourceStart: 0,
                                       transitionIn: (t, reel(for: clip), clip.name, sourceTC(clip, clip.mediaFrame(atUnit: clip.source.end - t.inOffset)))))
                    continue
                } else {
                    report("\(track.name): the \(t.kind.rawValue) after '\(clip.name)' leads into too short a gap or the end; written as a cut")
                }
            }
            if record.duration <= 0 {
                report("\(track.name): '\(clip.name)' is shorter than its transitions; left out")
                continue
            }
            out.append(Segment(clip: clip, record: record, sourceStart: sourceStart, unitStart: unitStart, transitionIn: transitionIn))
        }
        return out
    }

    mutating func text(videoTrack: Int?) -> String {
        let videoIndex = videoTrack ?? timeline.videoTracks.first
        var events: [Event] = []
        var order = 0
        if let v = videoIndex, timeline.tracks.indices.contains(v) {
            if timeline.tracks[v].kind != .video { report("track \(timeline.tracks[v].name) is not a video track; written as the picture anyway") }
            for s in segments(timeline.tracks[v]) { events.append(Event(channel: "V", segment: s, order: order)); order += 1 }
        }
        let audio = timeline.audioTracks.prefix(2)
        if timeline.audioTracks.count > 2 {
            report("CMX 3600 carries two audio channels here; \(timeline.audioTracks.count - 2) more audio track(s) left out")
        }
        if timeline.videoTracks.count > 1 {
            report("CMX 3600 has one video track; \(timeline.videoTracks.count - 1) other video track(s) left out")
        }
        let a1 = audio.first.map { segments(timeline.tracks[$0]) } ?? []
        var a2 = audio.dropFirst().first.map { segments(timeline.tracks[$0]) } ?? []
        for s in a1 {
            if let j = a2.firstIndex(where: { same($0, s) }) {
                a2.remove(at: j)
                events.append(Event(channel: "AA", segment: s, order: order))
            } else {
                events.append(Event(channel: "A", segment: s, order: order))
            }
            order += 1
        }
        for s in a2 { events.append(Event(channel: "A2", segment: s, order: order)); order += 1 }
        events.sort { ($0.segment.record.start, $0.order) < ($1.segment.record.start, $1.order) }

        var out = "TITLE: \(timeline.name.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\r", with: " "))\n"
        out += "FCM: \(timeline.dropFrame ? "DROP FRAME" : "NON-DROP FRAME")\n"
        var number = 0
        var markers = timeline.markers
        for event in events {
            if number == 999 {
                report("CMX 3600 numbers events 001 to 999; \(events.count - 999) more event(s) left out")
                break
            }
            number += 1
            out += "\n" + eventText(number, event, timelineMarkers: &markers)
        }
        if !markers.isEmpty { report("\(markers.count) timeline marker(s) outside every written event left out") }
        return out
    }

    func same(_ a: Segment, _ b: Segment) -> Bool {
        a.record == b.record && a.sourceStart == b.sourceStart && a.clip?.media == b.clip?.media
            && a.clip?.name == b.clip?.name && a.transitionIn?.0 == b.transitionIn?.0
    }

    func pad(_ s: String, _ width: Int) -> String { s.count >= width ? s : s + String(repeating: " ", count: width - s.count) }

    func line(_ number: Int, reel: String, channel: String, edit: String, frames: Int64?, source: (String, String), record: (Int64, Int64)) -> String {
        let n = number < 10 ? "00\(number)" : (number < 100 ? "0\(number)" : "\(number)")
        let f = frames.map { $0 < 10 ? "00\($0)" : ($0 < 100 ? "0\($0)" : "\($0)") } ?? "   "
        return "\(n)  \(pad(reel, 8)) \(pad(channel, 5)) \(pad(edit, 4)) \(f) \(source.0) \(source.1) \(tc(record.0)) \(tc(record.1))\n"
    }

    mutating func eventText(_ number: Int, _ event: Event, timelineMarkers: inout [Marker]) -> String {
        let s = event.segment
        let start = timeline.startTimecode
        let recordIn = start + s.record.start, recordOut = start + s.record.end
        let reelName = s.clip.map { reel(for: $0) } ?? "BL"
        let sourceIn = s.clip == nil ? 0 : s.sourceStart
        if s.clip != nil, sourceIn < 0 { report("event \(number): source timecode before 00:00:00:00; written as 00:00:00:00") }
        // Media the event runs through: the record duration at 100%, ceil(duration × speed) with a speed, one frame for a freeze.
        var span = s.record.duration
        var speedLines = ""
        if let clip = s.clip, let speed = clip.speed { span = speed.isFreeze ? 1 : speed.mediaSpan(units: s.record.duration) }
        // Source in and out at the media's own rate: the frame on screen first, and one past the
        // last frame the event runs through (a 25 fps clip in a 30 fps list keeps 25 fps timecode).
        let first = s.clip.map { $0.mediaFrame(atUnit: s.unitStart) } ?? 0
        let sourceInText = s.clip.map { sourceTC($0, first) } ?? tc(0)
        let sourceOutText = s.clip.map { sourceTC($0, first + span - 1, plus: 1) } ?? tc(span)
        if let clip = s.clip, clip.media != Clip.generatedMedia, let media = project.mediaReference(clip.media),
           case let own = media.ownRate(timelineRate: rate), own != rate, mediaRateFits(media) {
            report("event \(number): \(clip.name) runs at \(own) fps in a \(rate) fps list; its source timecode is written at \(own) fps, as editors write it")
        }
        if let clip = s.clip, let speed = clip.speed {
            // At the NTSC rates a tenth cannot hold a speed counted against the true rate, which
            // is how OpenTimelineIO's adapter reads M2 (11.988 is 50% at 23.976): three decimals there.
            let ntsc = rate.denominator != 1
            let fps = speed.scalar * (ntsc ? rate.framesPerSecond : Double(rate.timecodeBase))
            // A tenth when it is exact (Avid's form), else three decimals (6.25 fps is 25% at 25).
            let tenthExact = (fps * 10).rounded() / 10 == fps
            let text = tenthExact ? String(format: "%05.1f", fps) : String(format: "%07.3f", fps)
            if !speed.isFreeze, (fps * 1000).rounded() / 1000 != fps, !ntsc {
                report("event \(number): speed \(Timeline.percentText(speed))% written as \(text) fps (three decimals)")
            }
            speedLines = "M2   \(pad(reelName, 8))       \(text)    \(sourceInText)\n"
            if speed.isFreeze { speedLines += "* * FREEZE FRAME\n" }
        }
        var out = ""
        if let (t, fromReel, fromName, continuation) = s.transitionIn {
            out += line(number, reel: fromReel, channel: event.channel, edit: "C", frames: nil,
                        source: (continuation, continuation), record: (recordIn, recordIn))
            let edit = t.kind == .wipe ? "W001" : "D"
            if t.kind == .dip { report("event \(number): dip to black written as a dissolve (CMX 3600 has no dip)") }
            out += line(number, reel: reelName, channel: event.channel, edit: edit, frames: min(t.duration, 999),
                        source: (sourceInText, sourceOutText), record: (recordIn, recordOut))
            if t.duration > 999 { report("event \(number): transition of \(t.duration) frames written as 999 (three digits)") }
            out += speedLines
            out += "* FROM CLIP NAME: \(fromName)\n"
            if let clip = s.clip { out += "* TO CLIP NAME: \(clip.name)\n" }
        } else {
            out += line(number, reel: reelName, channel: event.channel, edit: "C", frames: nil,
                        source: (sourceInText, sourceOutText), record: (recordIn, recordOut))
            out += speedLines
            if let clip = s.clip { out += "* FROM CLIP NAME: \(clip.name)\n" }
        }
        if let clip = s.clip, let media = project.mediaReference(clip.media), !media.path.isEmpty {
            out += "* SOURCE FILE: \((media.path as NSString).lastPathComponent)\n"
        }
        if let clip = s.clip {
            for m in clip.markers {
                // Clip units are record frames: a marker's record offset does not depend on the speed.
                let frame = clip.speed == nil ? s.record.start + (sourceFrames(clip, m.frame) - s.sourceStart)
                                              : s.record.start + (m.frame - s.unitStart)
                if s.record.contains(frame) { out += locLine(start + frame, m) }
            }
        }
        if event.channel == "V" {
            let inside = timelineMarkers.filter { s.record.contains($0.frame) }
            for m in inside { out += locLine(start + m.frame, m) }
            timelineMarkers.removeAll { s.record.contains($0.frame) }
        }
        return out
    }

    func locLine(_ frame: Int64, _ m: Marker) -> String {
        let color = m.color == .pink ? "MAGENTA" : m.color.rawValue.uppercased()
        return "* LOC: \(tc(frame)) \(pad(color, 7)) \(m.name.replacingOccurrences(of: "\n", with: " "))\n"
    }
}

extension EDLWriter.Segment {
    typealias TransitionInput = (Transition, reel: String, name: String, continuation: String)
}

/// CMX 3600 edit decision lists (`.edl`).
public enum CMX3600 {
    /// Reads an EDL. `rate` nil: guessed from `FCM: DROP FRAME`, a rate in the file name, the
    /// frame numbers in the list, else 30 fps (the guess is reported as the first problem).
    /// Throws only when the text holds no TITLE, FCM or event line at all.
    public static func read(_ text: String, rate: Rate?, name: String) throws(InterchangeError) -> ImportResult {
        var chosen = rate ?? .fps30
        var dropFrameGuess = false
        var guessNote: InterchangeProblem?
        if rate == nil {
            let (guess, drop, reason) = EDLReader.guessRate(EDLReader.splitLines(text), fileName: name)
            chosen = guess
            dropFrameGuess = drop
            // No hint at all reads as 30, the NTSC-world default of CMX lists; the note says how to give it.
            guessNote = InterchangeProblem(reason.isEmpty
                ? "frame rate not given and nothing in the list hints at one; read at \(guess) fps (give it: import-edl FILE 25)"
                : "frame rate not given; read at \(guess) fps (from \(reason))")
        }
        var reader = EDLReader(fileName: name, rate: chosen)
        var result = try reader.read(text, dropFrameDefault: false)
        if dropFrameGuess, !result.project.timeline.dropFrame { result.project.timeline.dropFrame = true }
        if let guessNote { result.problems.insert(guessNote, at: 0) }
        return result
    }

    /// Reads EDL bytes: UTF-16 when marked so, UTF-8, else Latin-1 (older Avid lists).
    public static func read(_ data: Data, rate: Rate?, name: String) throws(InterchangeError) -> ImportResult {
        let text = TextEncoding.utf16Text(data) ?? String(data: data, encoding: .utf8) ?? String(data: data, encoding: .isoLatin1)
            ?? String(decoding: data, as: UTF8.self)
        return try read(text, rate: rate, name: name)
    }

    /// The list as text; what CMX 3600 cannot hold is dropped silently (see `export`).
    public static func write(_ project: Project, videoTrack: Int?) -> String {
        export(project, videoTrack: videoTrack).text
    }

    /// The list as text with what it could not hold (more than 999 events, extra tracks, dips…).
    public static func export(_ project: Project, videoTrack: Int?) -> ExportResult {
        var writer = EDLWriter(project: project)
        let text = writer.text(videoTrack: videoTrack)
        // CMX 3600 has no nesting: the event is there (reel AX) but what it shows is not.
        for track in project.timeline.tracks {
            for (clip, record) in track.clips {
                guard let nested = clip.sequence else { continue }
                writer.report("\(track.name) at \(writer.tc(project.timeline.startTimecode + record.start)): nested sequence '\(nested)' written as reel AX; "
                              + "an edit list cannot nest (export that sequence's own list, or use OpenTimelineIO)")
            }
        }
        return ExportResult(text: text, problems: writer.problems)
    }

    /// Entry point for fuzzing: read at a guessed rate and at 29.97, write back. Must never trap.
    public static func fuzzOne(_ data: Data) {
        if let result = try? read(data, rate: nil, name: "fuzz.edl") { _ = export(result.project, videoTrack: nil) }
        if let result = try? read(data, rate: .fps29_97, name: "fuzz.edl") { _ = export(result.project, videoTrack: nil) }
    }
}
