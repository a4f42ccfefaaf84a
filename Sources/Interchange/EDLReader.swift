import Foundation
import TimelineModel

/// Reads a CMX 3600 edit decision list the way a conform editor would, reporting the rest.
///
/// Choices (each reported where it applies):
/// - Rate: the caller's, else guessed: `FCM: DROP FRAME` → 29.97; a rate in the file name
///   (`_2398`, `_24`, `_25`, `_2997`, `_30`, `_50`, `_5994`, `_60`); else from the largest frames
///   field in the list (≤23 → 24, 24 → 25, ≤29 → 30, more → 60); else 30.
/// - Drop-frame follows `FCM:` lines (they may change between events), and a `;` before the
///   frames marks a drop-frame timecode whatever the FCM says.
/// - Record timecode places clips: the timeline starts at the whole hour at or before the first
///   record in; jumps in record time are gaps; an event overlapping earlier ones wins (overwrite).
/// - Source in + record duration make the source range; a source duration that disagrees is
///   reported. An `M2 REEL SPEED TC` line gives the event's clip a speed of SPEED ÷ the
///   timecode base (050.0 at 25 fps, or 060.0 at 29.97 → 200%) as the nearest fraction with a
///   denominator ≤ 1000, over the record duration from the source in (as OpenTimelineIO's adapter
///   reads it); its first unit is the first showing the source in frame or the next one
///   (⌈source in ÷ speed⌉: exact at or below 100%; above it, units reach every s-th frame
///   only, so the clip may start up to a frame or two later). `000.0` or a
///   `FREEZE FRAME` comment holds the source in frame. A negative speed plays in reverse from the
///   source in, the first frame played (Avid's reverse motion effect).
/// - A dissolve or wipe (`D nnn`, `Wnnn nnn`) sits at the start of the incoming event's record in:
///   it becomes `transitionOut` (aligned `startAtCut`) on the clip that ends there.
/// - `BL`/`BLACK` reels are black: empty record time (a dissolve into black stays on the outgoing clip).
/// - Channels: `V`, `A`, `A2`…, `AA`, `B` (V+A1), `A/V`, `AA/V`, `A2/V`, `NONE`, plus `AUD 3 4` lines.
///   Picture and sound of one event are linked.
/// - `LOC:` locators (record timecode) become markers on the event's clip, else timeline markers.
/// - Media: one offline reference per reel and clip (source file name, else clip name), covering
///   every source range used, transition handles included.
struct EDLReader {
    let fileName: String
    var rate: Rate
    var problems: [InterchangeProblem] = []

    struct Line {
        var number: Int
        var event: String
        var reel: String
        var channels: String
        var transition: String
        var transitionFrames: Int64?
        var sourceIn: Int64
        var sourceOut: Int64
        var recordIn: Int64
        var recordOut: Int64
        var text: String
    }

    struct Event {
        var lines: [Line] = []
        var fromName: String?
        var toName: String?
        /// `* SOURCE FILE:` (the event's clip; in a pair, the incoming one).
        var sourceFile: String?
        /// `* FROM CLIP:` / `* FROM FILE:` (the clip; in a pair, the outgoing A side) and
        /// `* TO CLIP:` / `* TO FILE:` (a pair's incoming clip), as Avid and OpenTimelineIO write them.
        var fromFile: String?
        var toFile: String?
        /// The file of the event's clip (in a pair, the incoming B side).
        func file(isPair: Bool) -> String? { sourceFile ?? (isPair ? toFile : fromFile) }
        var speed: (fps: Double, line: Int)?
        var freeze = false
        var extraAudio: [Int] = []
        var locators: [(line: Int, frame: Int64, color: Marker.Color, text: String)] = []
    }

    struct Placed {
        var record: FrameRange
        var name: String
        var mediaKey: String
        var sourceStart: Int64
        var markers: [Marker]
        var transitionOut: Transition?
        var link: Int?
        var line: Int
        /// The event's speed or freeze (a freeze's frame is `sourceStart`; the rational is kept).
        var speed: ClipSpeed? = nil
        /// A reverse speed: `speed` holds its rate forwards, and `sourceStart` is the first frame
        /// played, the highest; the frames run down from it.
        var reversed = false

        /// Source frames `units` record frames of this clip run through.
        func mediaSpan(_ units: Int64) -> Int64 {
            guard let speed else { return units }
            return speed.isFreeze ? (units > 0 ? 1 : 0) : speed.mediaSpan(units: units)
        }
    }

    struct PendingMedia {
        var name: String
        var reel: String
        var path: String
        var lo: Int64
        var hi: Int64
    }

    init(fileName: String, rate: Rate) {
        self.fileName = fileName
        self.rate = rate
    }

    mutating func report(_ line: Int?, _ message: String) {
        problems.append(InterchangeProblem(line: line, message))
    }

    func tc(_ frames: Int64, dropFrame: Bool) -> String { Timecode.format(frame: frames, rate: rate, dropFrame: dropFrame) }

    // MARK: - Rate guess

    /// The rate to read at when the caller gives none, with the reason.
    static func guessRate(_ lines: [Substring], fileName: String) -> (Rate, Bool, String) {
        var frameCounts = [Int](repeating: 0, count: 1000)
        var sawDrop = false
        var timecodes = 0
        for raw in lines.prefix(200_000) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("FCM:"), line.uppercased().contains("DROP"), !line.uppercased().contains("NON-DROP") { sawDrop = true }
            guard let first = line.first, first.isNumber else { continue }
            for token in line.split(separator: " ").suffix(4) {
                let fields = token.split(whereSeparator: { ":;.,".contains($0) })
                if fields.count == 4, fields.allSatisfy({ $0.count <= 3 && $0.allSatisfy(\.isNumber) }), let f = Int(fields[3]), f < 1000 {
                    frameCounts[f] += 1
                    timecodes += 1
                }
            }
        }
        // The largest frames field seen in at least 1% of the timecodes: a few typos (":42", ":27") must not
        // make a 60 or 30 fps list; in a real 30 fps list frames 24–29 are a fifth of all timecodes.
        let enough = max(2, timecodes / 100)
        let maxFrames = frameCounts.lastIndex { $0 >= enough } ?? -1
        if sawDrop { return (.fps29_97, true, "FCM: DROP FRAME") }
        let stem = ((fileName as NSString).lastPathComponent as NSString).deletingPathExtension
        var groups: [String] = []
        var current = ""
        for ch in stem {
            if ch.isNumber || (ch == "." && !current.isEmpty) { current.append(ch) } else { if !current.isEmpty { groups.append(current) }; current = "" }
        }
        if !current.isEmpty { groups.append(current) }
        let byName: [String: Rate] = ["2398": .fps23_976, "23976": .fps23_976, "23.976": .fps23_976, "23.98": .fps23_976,
                                      "24": .fps24, "25": .fps25, "2997": .fps29_97, "29.97": .fps29_97, "30": .fps30,
                                      "50": .fps50, "5994": .fps59_94, "59.94": .fps59_94, "60": .fps60]
        for g in groups.reversed() {
            if let r = byName[g] { return (r, false, "the file name") }
        }
        if timecodes >= 8 {
            if maxFrames >= 30 { return (.fps60, false, "frame numbers up to \(maxFrames)") }
            if maxFrames >= 25 { return (.fps30, false, "frame numbers up to \(maxFrames)") }
            if maxFrames == 24 { return (.fps25, false, "frame numbers up to 24") }
            if maxFrames >= 20 { return (.fps24, false, "frame numbers up to \(maxFrames)") }
        }
        return (.fps30, false, "")
    }

    // MARK: - Reading

    mutating func read(_ text: String, dropFrameDefault: Bool) throws(InterchangeError) -> ImportResult {
        let lines = EDLReader.splitLines(text)
        var title: String?
        var dropFrame = dropFrameDefault
        var sawDropFrame = dropFrameDefault
        // A list with no FCM line (OpenTimelineIO's CMX writer leaves it out) says drop frame by
        // its timecodes' ';', as editors read them.
        var sawFCM = false, sawSemicolon = false
        var sawHeader = false
        var events: [Event] = []
        var current: Event?
        var unrecognised = 0

        func flush() {
            if let e = current, !e.lines.isEmpty { events.append(e) }
            current = nil
        }

        for (index, raw) in lines.enumerated() {
            let number = index + 1
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty { continue }
            let upper = line.uppercased()
            if upper.hasPrefix("TITLE:") {
                title = String(line.dropFirst(6)).trimmingCharacters(in: .whitespaces)
                sawHeader = true
            } else if upper.hasPrefix("FCM:") {
                sawHeader = true
                sawFCM = true
                if upper.contains("NON-DROP") || upper.contains("NON DROP") {
                    dropFrame = false
                } else if upper.contains("DROP") {
                    dropFrame = true
                    sawDropFrame = true
                    if !rate.supportsDropFrame { report(number, "FCM: DROP FRAME at \(rate) fps, where drop-frame does not exist; counted non-drop") }
                } else {
                    report(number, "FCM line not understood; kept \(dropFrame ? "drop" : "non-drop") frame")
                }
            } else if let first = line.first, first.isASCII, first.isNumber {
                guard let parsed = parseEventLine(line, number: number, dropFrame: dropFrame) else { continue }
                if line.contains(";") { sawSemicolon = true }
                if var e = current, e.lines.first?.event == parsed.event, e.lines.count < 2 {
                    e.lines.append(parsed)
                    current = e
                } else {
                    if let e = current, e.lines.first?.event == parsed.event {
                        report(number, "event \(parsed.event) has more than two lines; read as a new event")
                    }
                    flush()
                    current = Event(lines: [parsed])
                }
            } else if upper.hasPrefix("M2") {
                let tokens = line.split(whereSeparator: \.isWhitespace)
                if tokens.count >= 3, let speed = Double(tokens[tokens.count - 2]), speed.isFinite, current != nil {
                    current!.speed = (speed, number)
                } else {
                    report(number, "M2 speed line not understood; ignored")
                }
            } else if upper.hasPrefix("AUD") {
                let channels = line.split(whereSeparator: \.isWhitespace).dropFirst().compactMap { Int($0) }.filter { (1...99).contains($0) }
                if current != nil, !channels.isEmpty { current!.extraAudio += channels } else { report(number, "AUD line not understood; ignored") }
            } else if line.hasPrefix("*") || EDLReader.commentKeys.contains(where: { upper.hasPrefix($0) }) {
                var body = line.drop { $0 == "*" || $0 == " " }
                let bodyUpper = body.uppercased()
                func value(after key: String) -> String {
                    body = body.dropFirst(key.count)
                    return body.trimmingCharacters(in: .whitespaces)
                }
                if bodyUpper.hasPrefix("FROM CLIP NAME:") { current?.fromName = value(after: "FROM CLIP NAME:") }
                else if bodyUpper.hasPrefix("TO CLIP NAME:") { current?.toName = value(after: "TO CLIP NAME:") }
                else if bodyUpper.hasPrefix("SOURCE FILE:") { current?.sourceFile = Self.filePath(value(after: "SOURCE FILE:")) }
                else if bodyUpper.hasPrefix("FROM CLIP:") { current?.fromFile = Self.filePath(value(after: "FROM CLIP:")) }
                else if bodyUpper.hasPrefix("FROM FILE:") { current?.fromFile = Self.filePath(value(after: "FROM FILE:")) }
                else if bodyUpper.hasPrefix("TO CLIP:") { current?.toFile = Self.filePath(value(after: "TO CLIP:")) }
                else if bodyUpper.hasPrefix("TO FILE:") { current?.toFile = Self.filePath(value(after: "TO FILE:")) }
                else if bodyUpper.hasPrefix("FREEZE FRAME") { current?.freeze = true }
                else if bodyUpper.hasPrefix("LOC:") {
                    if let loc = parseLocator(value(after: "LOC:"), number: number, dropFrame: dropFrame), current != nil {
                        current!.locators.append(loc)
                    }
                }
                // Other comments (ASC CDL, PATCH, AUDIO LEVEL, VFX…) carry nothing the model holds.
            } else if upper.hasPrefix("EFFECTS NAME IS") || upper.hasPrefix("REM") || upper.hasPrefix(">>>") {
                continue
            } else if upper.hasPrefix("SPLIT:") {
                report(number, "split edit (audio/video delay) not supported; the events are read without the delay")
            } else {
                unrecognised += 1
                report(number, "not an event, comment or header line; skipped")
            }
        }
        flush()

        if events.isEmpty && !sawHeader {
            throw .notEDL(file: fileName, reason: lines.isEmpty ? "the file is empty" : "no TITLE, FCM or event line")
        }
        return build(events, title: title, dropFrame: (sawDropFrame || (!sawFCM && sawSemicolon)) && rate.supportsDropFrame)
    }

    static func splitLines(_ text: String) -> [Substring] {
        var t = Substring(text)
        if t.hasPrefix("\u{FEFF}") { t = t.dropFirst() }
        // "\r\n" is one Character in Swift, so this splits CRLF, LF and CR alike.
        return t.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" })
    }

    /// Comment keys some editors (and OpenTimelineIO) write without the leading `*`.
    static let commentKeys = ["FROM CLIP NAME:", "TO CLIP NAME:", "SOURCE FILE:", "FROM CLIP:", "FROM FILE:", "TO CLIP:", "TO FILE:", "LOC:"]

    /// A file named in a comment: a `file://` URL (OpenTimelineIO writes its media references
    /// so) as the path it stands for, anything else as written.
    static func filePath(_ value: String) -> String {
        guard value.lowercased().hasPrefix("file://"), let url = URL(string: value), url.isFileURL else { return value }
        return url.path
    }

    static let transitionCodes: Set<String> = ["C", "D", "K", "KB", "KO"]
    static func isTransitionCode(_ s: Substring) -> Bool {
        if transitionCodes.contains(String(s)) { return true }
        return s.count >= 2 && s.count <= 4 && s.first == "W" && s.dropFirst().allSatisfy { $0.isASCII && $0.isNumber }
    }

    mutating func parseEventLine(_ line: String, number: Int, dropFrame: Bool) -> Line? {
        let tokens = line.split(whereSeparator: \.isWhitespace)
        guard tokens.count >= 7, tokens[0].count <= 9, tokens[0].allSatisfy({ $0.isASCII && $0.isNumber }) else {
            report(number, "not an event line (number, reel, channels, transition, 4 timecodes); skipped")
            return nil
        }
        var times: [Int64] = []
        var beyond = false
        for token in tokens.suffix(4) {
            if let p = SMPTETimecode.parse(token, rate: rate, dropFrame: dropFrame) {
                times.append(p.frames)
                beyond = beyond || p.framesBeyondRate
            } else if token.count <= 9, token.allSatisfy({ $0.isASCII && $0.isNumber }), let f = Int64(token) {
                times.append(f) // a plain frame count, as some tools write
            } else {
                report(number, "event \(tokens[0]): '\(token.prefix(20))' is not a timecode; event skipped")
                return nil
            }
        }
        if beyond { report(number, "event \(tokens[0]): a timecode's frames field is not below \(rate.timecodeBase); counted on into the next second") }
        var rest = Array(tokens[1..<(tokens.count - 4)])
        var transitionFrames: Int64?
        if rest.count >= 4, let last = rest.last, last.count <= 6, last.allSatisfy({ $0.isASCII && $0.isNumber }),
           EDLReader.isTransitionCode(rest[rest.count - 2]) {
            transitionFrames = Int64(last)
            rest.removeLast()
        }
        guard rest.count >= 3, let transition = rest.last, EDLReader.isTransitionCode(transition) else {
            report(number, "event \(tokens[0]): no edit type (C, D, Wnnn, K) before the timecodes; skipped")
            return nil
        }
        rest.removeLast()
        let channels = String(rest.removeLast())
        return Line(number: number, event: String(tokens[0]), reel: rest.joined(separator: " "), channels: channels.uppercased(),
                    transition: String(transition), transitionFrames: transitionFrames,
                    sourceIn: times[0], sourceOut: times[1], recordIn: times[2], recordOut: times[3], text: line)
    }

    mutating func parseLocator(_ body: String, number: Int, dropFrame: Bool) -> (line: Int, frame: Int64, color: Marker.Color, text: String)? {
        let tokens = body.split(whereSeparator: \.isWhitespace)
        guard let first = tokens.first, let p = SMPTETimecode.parse(first, rate: rate, dropFrame: dropFrame) else {
            report(number, "LOC without a timecode; ignored")
            return nil
        }
        var color = Marker.Color.red
        var words = tokens.dropFirst()
        if let c = words.first {
            let colorNames: [String: Marker.Color] = ["RED": .red, "ORANGE": .orange, "YELLOW": .yellow, "GREEN": .green,
                                                      "CYAN": .cyan, "BLUE": .blue, "PURPLE": .purple, "MAGENTA": .pink,
                                                      "PINK": .pink, "WHITE": .white, "BLACK": .white]
            if let known = colorNames[c.uppercased()] { color = known; words = words.dropFirst() }
        }
        return (number, p.frames, color, words.joined(separator: " "))
    }

    /// Channel code → (video, audio channels).
    mutating func channels(_ code: String, extra: [Int], line: Int, event: String) -> (video: Bool, audio: [Int]) {
        var video = false
        var audio: [Int] = []
        switch code {
        case "V": video = true
        case "B", "A/V": video = true; audio = [1]
        case "AA": audio = [1, 2]
        case "AA/V": video = true; audio = [1, 2]
        case "A2/V": video = true; audio = [2]
        case "NONE": break
        default:
            if code.hasPrefix("A"), let n = Int(code.dropFirst().isEmpty ? "1" : code.dropFirst()), (1...99).contains(n) {
                audio = [n]
            } else if code.hasPrefix("V") {
                video = true
                report(line, "event \(event): channel '\(code.prefix(8))' read as V (CMX 3600 has one video track)")
            } else {
                report(line, "event \(event): channel '\(code.prefix(8))' not understood; event skipped")
            }
        }
        for c in extra where !audio.contains(c) { audio.append(c) }
        return (video, audio.sorted())
    }

    // MARK: - Building the timeline

    mutating func build(_ events: [Event], title: String?, dropFrame: Bool) -> ImportResult {
        var tracks: [String: [Placed]] = [:]
        var media: [String: PendingMedia] = [:]
        var mediaOrder: [String] = []
        var timelineMarkers: [(Int64, Marker)] = []
        var nextLink = 1
        var earliest: Int64?

        for event in events {
            let isPair = event.lines.count == 2
            for (lineIndex, eventLine) in event.lines.enumerated() {
                var line = eventLine
                let isASide = isPair && lineIndex == 0
                let recordDuration = line.recordOut - line.recordIn
                if recordDuration < 0 {
                    report(line.number, "event \(line.event): record out \(tc(line.recordOut, dropFrame: dropFrame)) is before record in \(tc(line.recordIn, dropFrame: dropFrame)); event skipped")
                    continue
                }
                if abs(line.recordIn) > InterchangeTime.maxFrames || recordDuration > InterchangeTime.maxFrames {
                    report(line.number, "event \(line.event): record times out of range; event skipped")
                    continue
                }
                let (video, audio) = channels(line.channels, extra: lineIndex == event.lines.count - 1 ? event.extraAudio : [],
                                              line: line.number, event: line.event)
                let trackNames = (video ? ["V1"] : []) + audio.map { "A\($0)" }
                if trackNames.isEmpty {
                    if line.channels == "NONE" { report(line.number, "event \(line.event) has no channels (NONE); skipped") }
                    continue
                }

                // A transition at this line's record in, on each of its tracks.
                if line.transition != "C" {
                    var kind: Transition.Kind?
                    if line.transition == "D" { kind = .dissolve } else if line.transition.hasPrefix("W") { kind = .wipe } else {
                        report(line.number, "event \(line.event): key effect \(line.transition) not supported; read as a cut")
                    }
                    if let kind {
                        var frames = line.transitionFrames ?? 0
                        if frames > recordDuration, recordDuration > 0, frames <= 999_999 {
                            // A transition sits on the incoming event: it cannot outlast it, and
                            // stretching the media to hold it would invent frames nobody shot.
                            report(line.number, "event \(line.event): \(kind.rawValue) of \(frames) frames is longer than the event (\(recordDuration) frames); clamped to \(recordDuration)")
                            frames = recordDuration
                        }
                        if frames <= 0 || frames > InterchangeTime.maxFrames {
                            report(line.number, "event \(line.event): transition without a usable duration; read as a cut")
                        } else {
                            for name in trackNames {
                                if let i = tracks[name]?.lastIndex(where: { $0.record.end == line.recordIn }) {
                                    tracks[name]![i].transitionOut = Transition(kind: kind, duration: frames, alignment: .startAtCut)
                                } else {
                                    report(line.number, "event \(line.event): \(kind.rawValue) on \(name) has no clip ending at \(tc(line.recordIn, dropFrame: dropFrame)) (from black or from nothing); read as a cut")
                                }
                            }
                        }
                    }
                }

                if isASide {
                    // The outgoing side of a transition: normally zero length, the previous event continuing.
                    if recordDuration == 0 {
                        noteOutgoingSide(line, event: event, tracks: tracks, trackNames: trackNames, media: &media, mediaOrder: &mediaOrder, dropFrame: dropFrame)
                        continue
                    }
                }
                if recordDuration == 0 {
                    report(line.number, "event \(line.event) has no record duration; skipped")
                    continue
                }
                let reelUpper = line.reel.uppercased()
                if reelUpper == "BL" || reelUpper == "BLK" || reelUpper == "BLACK" {
                    // Black: empty record time, but it still overwrites what was there.
                    for name in trackNames { overwrite(&tracks[name, default: []], with: nil, record: FrameRange(start: line.recordIn, duration: recordDuration), line: line.number, event: line.event, track: name) }
                    earliest = min(earliest ?? line.recordIn, line.recordIn)
                    continue
                }

                let sourceDuration = line.sourceOut - line.sourceIn
                var clipSpeed: ClipSpeed?
                var reversed = false
                if event.freeze || event.speed?.fps == 0 {
                    clipSpeed = ClipSpeed(freezeFrame: 0)
                } else if let speed = event.speed {
                    let percent = (speed.fps / rate.framesPerSecond * 1000).rounded() / 10
                    if speed.fps < 0, let s = EDLReader.speed(fps: -speed.fps, rate: rate) {
                        clipSpeed = s
                        reversed = true
                        // The source in is the first frame played (Avid, OpenTimelineIO); a list
                        // whose reverse would run below 00:00:00:00 gives the lowest frame instead
                        // (Premiere writes it so): read it played backwards from its last frame.
                        let span = s.mediaSpan(units: recordDuration)
                        if line.sourceIn - span + 1 < 0 {
                            line.sourceIn += span - 1
                            report(speed.line, "event \(line.event): reverse from source \(tc(eventLine.sourceIn, dropFrame: dropFrame)) would run before 00:00:00:00; read as \(tc(eventLine.sourceIn, dropFrame: dropFrame))–\(tc(line.sourceIn + 1, dropFrame: dropFrame)) played backwards")
                        }
                    } else if speed.fps > 0, let s = EDLReader.speed(fps: speed.fps, rate: rate) {
                        clipSpeed = s.isNormal ? nil : s
                    } else {
                        report(speed.line, "event \(line.event): speed \(speed.fps) fps is out of range; imported at 100% over its record duration")
                    }
                } else if sourceDuration != recordDuration {
                    if sourceDuration < 0 {
                        report(line.number, "event \(line.event): source out \(tc(line.sourceOut, dropFrame: dropFrame)) is before source in \(tc(line.sourceIn, dropFrame: dropFrame)); using source in and the record duration")
                    } else {
                        report(line.number, "event \(line.event): source duration \(tc(sourceDuration, dropFrame: false)) disagrees with record duration \(tc(recordDuration, dropFrame: false)); using record")
                    }
                }
                if abs(line.sourceIn) > InterchangeTime.maxFrames {
                    report(line.number, "event \(line.event): source times out of range; event skipped")
                    continue
                }

                let name = event.toName ?? event.fromName ?? line.reel
                // The incoming side of a pair is the TO clip; FROM names the outgoing one.
                let file = event.file(isPair: isPair)
                let mediaName = file ?? (isPair ? (event.toName ?? event.fromName) : event.fromName) ?? line.reel
                let key = line.reel + "\u{1}" + mediaName
                if media[key] == nil {
                    let span = clipSpeed?.isFreeze == true ? 1 : clipSpeed.map { $0.mediaSpan(units: recordDuration) } ?? recordDuration
                    let extent = EDLReader.sourceExtent(sourceIn: line.sourceIn, span: span, reversed: reversed)
                    media[key] = PendingMedia(name: mediaName, reel: line.reel, path: file ?? "", lo: extent.lo, hi: extent.hi)
                    mediaOrder.append(key)
                }
                let record = FrameRange(start: line.recordIn, duration: recordDuration)
                var markers: [Marker] = []
                for loc in event.locators {
                    if record.contains(loc.frame) {
                        markers.append(Marker(frame: line.sourceIn + (loc.frame - line.recordIn), name: loc.text, color: loc.color))
                    } else if clipSpeed == nil, (line.sourceIn ..< line.sourceIn + recordDuration).contains(loc.frame) {
                        // Avid writes a locator's record timecode; OpenTimelineIO's CMX adapter its
                        // source timecode. One inside the clip's source range and not its record
                        // range can only be the latter.
                        markers.append(Marker(frame: loc.frame, name: loc.text, color: loc.color))
                    } else {
                        timelineMarkers.append((loc.frame, Marker(frame: loc.frame, name: loc.text, color: loc.color)))
                    }
                }
                let link: Int? = trackNames.count > 1 ? nextLink : nil
                if link != nil { nextLink += 1 }
                for trackName in trackNames {
                    let placed = Placed(record: record, name: name, mediaKey: key, sourceStart: line.sourceIn,
                                        markers: trackName == trackNames[0] ? markers : [], transitionOut: nil, link: link, line: line.number,
                                        speed: clipSpeed, reversed: reversed)
                    overwrite(&tracks[trackName, default: []], with: placed, record: record, line: line.number, event: line.event, track: trackName)
                }
                earliest = min(earliest ?? line.recordIn, line.recordIn)
            }
        }

        // Timeline start: the whole hour at or before the first record in.
        let hour = rate.timecodeBase * 3600
        var start: Int64 = 0
        if let e = earliest {
            let hours = e >= 0 ? e / hour : 0
            start = SMPTETimecode.parse("\(hours % 1000 < 10 ? "0" : "")\(hours % 1000):00:00:00", rate: rate, dropFrame: dropFrame)?.frames ?? 0
            if start > e { start = 0 }
        }

        // Media extents: every use, and the handles under transitions.
        for (_, placements) in tracks {
            for (i, p) in placements.enumerated() {
                guard var m = media[p.mediaKey] else { continue }
                var hi = p.sourceStart + p.mediaSpan(p.record.duration + (p.transitionOut?.outOffset ?? 0))
                if p.speed?.isFreeze == true { hi = p.sourceStart + 1 }
                var lo = p.sourceStart
                if i > 0, let t = placements[i - 1].transitionOut, placements[i - 1].record.end == p.record.start, p.speed?.isFreeze != true {
                    lo -= p.mediaSpan(t.inOffset)
                }
                if p.reversed {
                    // Handles under transitions run the other way too: past the source in, and
                    // below the last frame played.
                    let head = i > 0 && placements[i - 1].record.end == p.record.start ? placements[i - 1].transitionOut.map { p.mediaSpan($0.inOffset) } ?? 0 : 0
                    let tail = p.transitionOut.map { p.mediaSpan($0.outOffset) } ?? 0
                    (lo, hi) = EDLReader.sourceExtent(sourceIn: p.sourceStart, span: p.mediaSpan(p.record.duration) + tail, reversed: true)
                    hi += head
                }
                m.lo = min(m.lo, lo)
                m.hi = max(m.hi, hi)
                media[p.mediaKey] = m
            }
        }
        var project = Project(name: title ?? defaultName)
        var mediaIDs: [String: MediaReference] = [:]
        for key in mediaOrder {
            guard let m = media[key] else { continue }
            let id = project.freshMediaID(for: m.name)
            let ref = MediaReference(id: id, name: m.name, path: m.path, duration: RationalTime(max(1, m.hi - m.lo), rate),
                                     startTimecode: m.lo, isOffline: true, reel: m.reel)
            project.media.append(ref)
            mediaIDs[key] = ref
        }

        var timeline = Timeline(name: title ?? defaultName, rate: rate, dropFrame: dropFrame, startTimecode: start, tracks: [])
        let audioNumbers = tracks.keys.compactMap { $0.hasPrefix("A") ? Int($0.dropFirst()) : nil }
        var names = ["V1"]
        if let maxAudio = audioNumbers.max() { names += (1...maxAudio).map { "A\($0)" } }
        var linkIDs: [Int: LinkID] = [:]
        for name in names {
            var items: [Item] = []
            var position = start
            for p in tracks[name] ?? [] {
                if p.record.start > position { items.append(.gap(p.record.start - position)) }
                guard let ref = mediaIDs[p.mediaKey] else { continue }
                var link: LinkID?
                if let l = p.link {
                    if linkIDs[l] == nil { linkIDs[l] = LinkID(timeline.allocateID()) }
                    link = linkIDs[l]
                }
                var clip = Clip(id: ClipID(timeline.allocateID()), name: p.name, media: ref.id,
                                source: FrameRange(start: p.sourceStart - ref.startTimecode, duration: p.record.duration),
                                available: ref.duration.value, link: link,
                                markers: p.markers.map { var m = $0; m.frame -= ref.startTimecode; return m },
                                transitionOut: p.transitionOut)
                if let speed = p.speed {
                    // Markers were placed at source in + record offset; units count record frames from the first unit.
                    // In reverse the units run forwards through the media read from its last frame.
                    let last = ref.duration.value - 1
                    let firstFrame = p.reversed ? last - (p.sourceStart - ref.startTimecode) : p.sourceStart - ref.startTimecode
                    let first = speed.isFreeze ? 0 : speed.firstUnit(atOrAfterMediaFrame: firstFrame)
                    clip.source = FrameRange(start: first, duration: p.record.duration)
                    clip.available = speed.isFreeze ? nil : speed.units(inMediaFrames: ref.duration.value)
                    clip.speed = speed.isFreeze ? ClipSpeed(freezeFrame: p.sourceStart - ref.startTimecode)
                        : p.reversed ? ClipSpeed(numerator: speed.numerator, denominator: speed.denominator, reversedFrom: last) : speed
                    clip.markers = p.markers.map { var m = $0; m.frame = first + (m.frame - p.sourceStart); return m }
                }
                items.append(.clip(clip))
                position = p.record.end
            }
            timeline.tracks.append(Track(kind: name.hasPrefix("V") ? .video : .audio, name: name, items: ItemList(items)))
        }
        timeline.markers = timelineMarkers.map { var m = $0.1; m.frame = $0.0 - start; return m }
        project.timeline = timeline
        if !project.media.isEmpty { project.bins = [Bin(name: defaultName, media: project.media.map(\.id))] }
        return ImportResult(project: project, problems: problems)
    }

    private var defaultName: String {
        let stem = ((fileName as NSString).lastPathComponent as NSString).deletingPathExtension
        return stem.isEmpty ? "Imported EDL" : stem
    }

    /// Puts `placed` (nil: black) over `record` on a track kept sorted by record start; what was
    /// there is cut away (later events win, as an overwrite edit), and reported.
    mutating func overwrite(_ track: inout [Placed], with placed: Placed?, record: FrameRange, line: Int, event: String, track name: String) {
        var overlapped = false
        // Only placements near the end usually overlap; find the first that might.
        var i = track.count
        while i > 0 && track[i - 1].record.end > record.start { i -= 1 }
        var result = Array(track[..<i])
        for var p in track[i...] {
            guard p.record.overlaps(record) else { result.append(p); continue }
            overlapped = true
            if p.record.start < record.start {
                var head = p
                head.record = FrameRange(start: p.record.start, end: record.start)
                head.transitionOut = nil
                result.append(head)
            }
            if p.record.end > record.end {
                let cut = record.end - p.record.start
                // A speed event's tail starts ⌊cut × speed⌋ source frames later (exact for whole
                // speeds); a freeze keeps its frame.
                if p.speed == nil { p.sourceStart += cut } else if p.speed?.isFreeze == false {
                    p.sourceStart += (p.reversed ? -1 : 1) * p.speed!.mediaFrame(atUnit: cut)
                }
                p.markers = p.markers.filter { $0.frame >= p.sourceStart }
                p.record = FrameRange(start: record.end, end: p.record.end)
                result.append(p)
            }
        }
        if let placed { result.append(placed) }
        result.sort { $0.record.start < $1.record.start }
        track = result
        if overlapped {
            report(line, "event \(event) overlaps earlier events on \(name) at \(tc(record.start, dropFrame: false)); the later event wins (overwrite)")
        }
    }
}
