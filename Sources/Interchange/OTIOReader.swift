import Foundation
import TimelineModel

/// Reads OpenTimelineIO 0.18 JSON into a project, as far as an editor can, reporting the rest.
///
/// Choices (each reported where it applies):
/// - The timeline rate is `global_start_time`'s rate, else the most common rate of the clips'
///   and gaps' durations, else 24. Record timecode starts at `global_start_time` (0 when absent).
/// - Drop-frame: `metadata.termcut.drop_frame` when we wrote the file, else inferred from the
///   rate (29.97 and 59.94 are drop-frame), as OpenTimelineIO's `InferFromRate` does.
/// - A clip's `source_range` is in media time (it often starts at the media's timecode, 86400 at
///   24 fps); our `source.start` counts from the media's first frame, so the media's
///   `available_range` start is subtracted. Media without an available range (missing
///   references) get one derived to cover every use, handles for transitions included.
/// - Transitions become `transitionOut` on the clip before them. The model has no transition
///   after a gap or at the head of a track: those are dropped. Offsets that are neither centred
///   nor at the cut keep their total duration, centred.
/// - Speed effects on a clip. OpenTimelineIO's convention (what its `range_in_parent` and the
///   CMX 3600 adapter use): `source_range.start_time` is the first media frame, and
///   `source_range.duration` is the clip's *record* duration; the effect says how fast the media
///   runs under it. So a `LinearTimeWarp` with `time_scalar` s > 0 gives a clip of that record
///   duration at speed s, turned into the nearest fraction with a denominator ≤ 1000 (2.0 → 2/1,
///   0.333… → 1/3); its first unit is ⌈media start ÷ s⌉, the first showing that frame or the
///   next one (exact at or below 100%; a 200% clip starting on an odd frame starts a frame later). A `FreezeFrame` (or a time warp of 0) holds the `source_range` start frame over the
///   record duration. A negative time scalar is that speed in reverse: the start is the media
///   position of the first frame shown, counting down from the media's last frame (what the
///   writer writes; media of unknown length is reported and plays forwards). Further time
///   effects on the same clip are reported and ignored; time effects on nested stacks and tracks likewise.
/// - A stack or track nested inside a track is flattened: the items of its first video track (or
///   its first track) cut to the nested item's range take its place; other layers are reported.
///   A stack termcut wrote for a nested sequence (`metadata.termcut.sequence`) is read back as
///   that sequence, with all its tracks, and one nested clip (`OTIOReader+Nested`).
/// - A track's own `source_range` trims it: a negative start is leading empty record time. A
///   trim that shows none of the track's content is ignored and reported.
/// - Unknown schemas are skipped (replaced by a gap of their length when they have one).
struct OTIOReader {
    let fileName: String
    var problems: [InterchangeProblem] = []
    var rate: Rate = .fps24
    var reportedSchemas: Set<String> = []
    /// Nested sequences read from Stacks termcut wrote (`metadata.termcut.sequence`), in order.
    var nestedSequences: [(name: String, project: Project)] = []

    static let maxNesting = 16

    struct PendingMarker {
        var frame: Int64
        var duration: Int64
        var name: String
        var color: Marker.Color
        var note: String
    }

    struct PendingClip {
        var name: String
        /// nil for generated content (generators, text).
        var mediaKey: String?
        /// First frame used, in media time counted at the timeline rate.
        var absStart: Int64
        var duration: Int64
        var markers: [PendingMarker]
        var transitionOut: Transition?
        var enabled: Bool
        var text: String?
        var line: Int
        /// A title's style (a `termcut.Title` generator).
        var title: TitleStyle? = nil
        /// An image clip's file and placement (a `termcut.Image` generator).
        var image: ImageOverlay? = nil
        /// A title's or image's motion keyframes (the generator's `motion` parameter).
        var motion: [MotionKeyframe] = []
        /// A speed or freeze (for a freeze the held frame is `absStart`; the rational is kept).
        var speed: ClipSpeed? = nil
        /// The speed runs in reverse (a negative `time_scalar`): `speed` holds it forwards, and the
        /// media's last frame, which a reversed clip mirrors about, is known once the media is.
        var reversed = false
        /// Colour correction from a `termcut.grade` effect (`OTIOGrade`).
        var grade: Grade? = nil
        /// For a moving speed: the exact first media position (media time at the timeline rate,
        /// possibly fractional: units × speed), so the first unit survives a round trip.
        var exactStart: Double? = nil
        /// A source range whose start is counted at another rate than the timeline's (a 25 fps
        /// clip in a 30 fps timeline): that start, a whole media frame at the media's own rate.
        /// The clip then starts on the first timeline frame showing it (`RateConform`).
        var ownStart: RationalTime? = nil
        /// termcut's exact start for such a clip (sequence frames from the media's first frame),
        /// when it did not start on the first frame showing its media frame (see `OTIOWriter`).
        var sequenceStart: Int64? = nil
        /// A nested sequence (a Stack termcut wrote): the name of the sequence it shows.
        var nestedSequence: String? = nil

        /// Media frames (at the timeline rate) that `units` record frames of this clip run through.
        func mediaSpan(_ units: Int64) -> Int64 {
            guard let speed else { return units }
            if speed.isFreeze { return units > 0 ? 1 : 0 }
            return speed.mediaSpan(units: units)
        }
    }

    enum PendingItem {
        case clip(PendingClip)
        case gap(Int64)

        var duration: Int64 {
            switch self {
            case .clip(let c): return c.duration
            case .gap(let d): return d
            }
        }
    }

    struct PendingMedia {
        var key: String
        var name: String
        var path: String
        var offline: Bool
        /// Declared availability in media units at `mediaRate`.
        var declaredStart: Int64?
        var declaredDuration: Int64?
        var mediaRate: Rate
        var line: Int
        var reel: String? = nil
    }

    var media: [String: PendingMedia] = [:]
    var mediaOrder: [String] = []

    init(fileName: String) { self.fileName = fileName }

    mutating func report(_ line: Int?, _ message: String) {
        problems.append(InterchangeProblem(line: line, message))
    }

    // MARK: - Document

    mutating func readDocument(_ root: JSONNode) throws(InterchangeError) -> ImportResult {
        guard root.object != nil else { throw .notOTIO(file: fileName, reason: "the top level is not a JSON object") }
        guard let label = root["OTIO_SCHEMA"]?.string, let schema = OTIOSchema.split(label) else {
            throw .notOTIO(file: fileName, reason: "no OTIO_SCHEMA at the top level")
        }
        var timelineNode: JSONNode?
        var stackNode: JSONNode?
        var trackNodes: [JSONNode] = []
        switch schema.name {
        case "Timeline":
            noteVersion(root)
            timelineNode = root
            stackNode = root["tracks"]
        case "SerializableCollection":
            let children = root["children"]?.array ?? []
            let timelines = children.filter { $0["OTIO_SCHEMA"]?.string.flatMap(OTIOSchema.split)?.name == "Timeline" }
            guard let first = timelines.first else {
                throw .notOTIO(file: fileName, reason: "a SerializableCollection without a Timeline")
            }
            if children.count > 1 {
                report(root.line, "the file holds \(children.count) objects (\(timelines.count) timelines); read the first timeline '\(first["name"]?.string ?? "")'")
            }
            timelineNode = first
            stackNode = first["tracks"]
        case "Stack":
            stackNode = root
        case "Track", "Sequence":
            trackNodes = [root]
        default:
            throw .notOTIO(file: fileName, reason: "the top-level object is a \(label), not a Timeline")
        }
        if let stack = stackNode {
            if let s = stack["OTIO_SCHEMA"]?.string, OTIOSchema.split(s)?.name != "Stack" {
                report(stack.line, "the timeline's tracks are a \(s), not a Stack; read as one")
            }
            trackNodes = stack["children"]?.array ?? []
            if let sr = stack["source_range"], !sr.isNull {
                report(sr.line, "the top-level stack's source_range is ignored; every track is read whole")
            }
        }

        // The timeline rate.
        var startFrames: Int64 = 0
        var rateFromStart = false
        if let gst = timelineNode?["global_start_time"], !gst.isNull,
           let r = gst["rate"]?.number.flatMap(InterchangeTime.rate(fromDouble:)) {
            rate = r
            rateFromStart = true
            if let v = gst["value"]?.number, let f = InterchangeTime.units(v, rate: r, at: r), f >= 0 {
                startFrames = f
            } else {
                report(gst.line, "global_start_time is not a usable time; the timeline starts at 00:00:00:00")
            }
        }
        if !rateFromStart {
            rate = guessRate(trackNodes)
        }

        var tracks: [Track] = []
        var timelineMarkers: [PendingMarker] = []
        var kindCounts: [TrackKind: Int] = [:]
        var builtTracks: [(kind: TrackKind, items: [PendingItem], line: Int)] = []
        for node in trackNodes {
            guard let label = node["OTIO_SCHEMA"]?.string, let schema = OTIOSchema.split(label) else {
                report(node.line, "an object without OTIO_SCHEMA among the tracks; skipped")
                continue
            }
            switch schema.name {
            case "Track", "Sequence":
                noteVersion(node)
                let (kind, items, markers) = readTopTrack(node)
                builtTracks.append((kind, items, node.line))
                timelineMarkers += markers
            case "Stack":
                // A stack of tracks inside the top stack: its tracks are more tracks of the timeline.
                report(node.line, "nested stack '\(node["name"]?.string ?? "")' among the tracks: its tracks were added as tracks of the timeline")
                for inner in node["children"]?.array ?? [] where ["Track", "Sequence"].contains(inner["OTIO_SCHEMA"]?.string.flatMap(OTIOSchema.split)?.name) {
                    let (kind, items, markers) = readTopTrack(inner)
                    builtTracks.append((kind, items, inner.line))
                    timelineMarkers += markers
                }
            case "Clip", "Gap":
                report(node.line, "a \(schema.name) directly in the top-level stack was put on a track of its own")
                var items: [PendingItem] = []
                layout([node], depth: 1, into: &items)
                builtTracks.append((.video, items, node.line))
            default:
                reportUnknown(node, label, "among the tracks")
            }
        }
        if let stack = stackNode {
            timelineMarkers += readMarkers(stack["markers"], owner: "the timeline")
        }

        // Media: one reference per media key, covering every use.
        let mediaRefs = buildMedia(builtTracks.flatMap { $0.items })
        var timeline = Timeline(name: timelineNode?["name"]?.string ?? stackNode?["name"]?.string ?? defaultName,
                                rate: rate, dropFrame: false, startTimecode: startFrames, tracks: [])
        if let df = timelineNode?["metadata"]?["termcut"]?["drop_frame"]?.bool {
            timeline.dropFrame = df && rate.supportsDropFrame
        } else {
            timeline.dropFrame = rate.supportsDropFrame
        }
        for built in builtTracks {
            kindCounts[built.kind, default: 0] += 1
            var track = Track(kind: built.kind, name: "\(built.kind.letter)\(kindCounts[built.kind]!)")
            var items: [Item] = []
            for pending in OTIOReader.normalised(built.items) {
                switch pending {
                case .gap(let d): items.append(.gap(d))
                case .clip(let c):
                    let id = ClipID(timeline.allocateID())
                    var clip: Clip
                    if let nested = c.nestedSequence {
                        clip = Clip(id: id, name: c.name, media: Clip.sequenceMedia, source: FrameRange(start: c.absStart, duration: c.duration),
                                    available: nestedSequences.first { $0.name == nested }?.project.timeline.duration)
                        clip.sequence = nested
                    } else if let key = c.mediaKey, let ref = mediaRefs[key], var speed = c.speed {
                        let base = ref.startInTimeline
                        let mediaFrames = ref.reference.availableFrames(at: rate)
                        if c.reversed {
                            if mediaFrames > 0, var r = ClipSpeed(numerator: speed.numerator, denominator: speed.denominator, reversedFrom: mediaFrames - 1) {
                                r.frameBlend = speed.frameBlend
                                speed = r
                            } else {
                                report(c.line, "clip '\(c.name)': its media's length is unknown, so it cannot play in reverse; played forwards")
                            }
                        }
                        if speed.isFreeze {
                            clip = Clip(id: id, name: c.name, media: ref.reference.id, source: FrameRange(start: 0, duration: c.duration),
                                        available: nil, speed: ClipSpeed(freezeFrame: c.absStart - base))
                            clip.markers = c.markers.map { Marker(frame: $0.frame - c.absStart, name: $0.name, color: $0.color, note: $0.note, duration: $0.duration) }
                        } else {
                            let s = speed.forward.scalar
                            // ⌈media ÷ s⌉, forgiving the last bits of a double (u × s ÷ s is u ± 1e-12).
                            // In reverse a position counts down from the media's last frame.
                            let mirror = { (media: Double) in speed.reversedFrom.map { Double($0) - media } ?? media }
                            let units = { (media: Double) in Int64((mirror(media) / s - 1e-9).rounded(.up)) }
                            let first = units((c.exactStart ?? Double(c.absStart)) - Double(base))
                            clip = Clip(id: id, name: c.name, media: ref.reference.id, source: FrameRange(start: first, duration: c.duration),
                                        available: speed.units(inMediaFrames: mediaFrames), speed: speed)
                            clip.markers = c.markers.map { Marker(frame: units(Double($0.frame - base)), name: $0.name, color: $0.color, note: $0.note,
                                                                  duration: Int64((Double($0.duration) / s - 1e-9).rounded(.up))) }
                        }
                        if let available = clip.available, clip.source.end > available || clip.source.start < 0 {
                            report(c.line, "clip '\(c.name)': at \(speed.percent)% its units \(clip.source) reach outside its media (0..<\(available) units)")
                        }
                    } else if let key = c.mediaKey, let ref = mediaRefs[key] {
                        let base = ref.startInTimeline
                        var start = c.absStart - base
                        if let own = c.ownStart, own.rate == ref.reference.duration.rate,
                           ref.reference.conform(sequenceRate: rate).mediaRate == own.rate {
                            // Mixed rate: the first timeline frame showing that media frame,
                            // counted from the media's first frame through the one mapping.
                            let conform = ref.reference.conform(sequenceRate: rate)
                            let mediaFrame = own.value - ref.reference.startTimecode
                            start = conform.firstSequenceFrame(showing: mediaFrame)
                            // termcut's own exact start, when it shows that same media frame.
                            if let exact = c.sequenceStart, exact >= 0, conform.mediaFrame(atSequenceFrame: exact) == mediaFrame { start = exact }
                        }
                        clip = Clip(id: id, name: c.name, media: ref.reference.id,
                                    source: FrameRange(start: start, duration: c.duration),
                                    available: ref.reference.availableFrames(at: rate))
                        if let available = clip.available, clip.source.end > available || clip.source.start < 0 {
                            report(c.line, "clip '\(c.name)': source range \(clip.source) reaches outside its media (0..<\(available) frames)")
                        }
                        clip.markers = c.markers.map { Marker(frame: $0.frame - base, name: $0.name, color: $0.color, note: $0.note, duration: $0.duration) }
                    } else {
                        clip = Clip(id: id, name: c.name, media: Clip.generatedMedia,
                                    source: FrameRange(start: c.absStart, duration: c.duration), available: nil, text: c.text)
                        clip.title = c.title
                        clip.image = c.image
                        clip.motion = c.motion
                        clip.markers = c.markers.map { Marker(frame: $0.frame, name: $0.name, color: $0.color, note: $0.note, duration: $0.duration) }
                    }
                    clip.enabled = c.enabled
                    clip.transitionOut = c.transitionOut
                    clip.grade = c.grade
                    items.append(.clip(clip))
                }
            }
            track.items = ItemList(items)
            tracks.append(track)
        }
        timeline.tracks = tracks
        timeline.markers = timelineMarkers.map { Marker(frame: $0.frame, name: $0.name, color: $0.color, note: $0.note, duration: $0.duration) }
        let references = mediaOrder.compactMap { mediaRefs[$0]?.reference }
        var project = Project(name: timeline.name, media: references, timeline: timeline)
        if !references.isEmpty { project.bins = [Bin(name: defaultName, media: references.map(\.id))] }
        OTIOReader.addNestedSequences(nestedSequences, to: &project)
        return ImportResult(project: project, problems: problems)
    }

    private var defaultName: String {
        let stem = (fileName as NSString).deletingPathExtension
        return stem.isEmpty ? "Imported" : (stem as NSString).lastPathComponent
    }

    /// Reports a schema version newer than the one OTIO 0.18 writes (once per label).
    mutating func noteVersion(_ node: JSONNode) {
        guard let label = node["OTIO_SCHEMA"]?.string, let s = OTIOSchema.split(label),
              let known = OTIOSchema.known[s.name], s.version > known, !reportedSchemas.contains(label) else { return }
        reportedSchemas.insert(label)
        report(node.line, "schema \(label) is newer than OpenTimelineIO 0.18's \(s.name).\(known); read as \(s.name).\(known)")
    }

    mutating func reportUnknown(_ node: JSONNode, _ label: String, _ place: String) {
        report(node.line, "unknown schema \(label) \(place); skipped")
    }

    // MARK: - Rate

    /// The most common rate among clip and gap durations (bounded scan), else 24.
    func guessRate(_ tracks: [JSONNode]) -> Rate {
        var counts: [Rate: Int] = [:]
        var order: [Rate] = []
        var budget = 10_000
        func scan(_ node: JSONNode, depth: Int) {
            guard depth < 24, budget > 0 else { return }
            budget -= 1
            if let r = node["source_range"]?["duration"]?["rate"]?.number.flatMap(InterchangeTime.rate(fromDouble:)) {
                if counts[r] == nil { order.append(r) }
                counts[r, default: 0] += 1
            }
            for child in node["children"]?.array ?? [] { scan(child, depth: depth + 1) }
        }
        for t in tracks { scan(t, depth: 0) }
        guard let top = counts.values.max() else { return .fps24 }
        return order.first { counts[$0] == top } ?? .fps24
    }

    // MARK: - Time

    /// A RationalTime node as whole frames at the timeline rate.
    mutating func frames(_ node: JSONNode?, what: String) -> Int64? {
        guard let node, !node.isNull else { return nil }
        guard let v = node["value"]?.number, let rv = node["rate"]?.number,
              let r = InterchangeTime.rate(fromDouble: rv) else {
            report(node.line, "\(what): not a time (value and a positive rate); ignored")
            return nil
        }
        guard let f = InterchangeTime.units(v, rate: r, at: rate) else {
            report(node.line, "\(what): \(v) at \(rv) fps is out of range; ignored")
            return nil
        }
        return f
    }

    /// A RationalTime node as (possibly fractional) frames at the timeline rate, unreported when unusable.
    func exactFrames(_ node: JSONNode?) -> Double? {
        guard let node, !node.isNull, let v = node["value"]?.number, v.isFinite, let rv = node["rate"]?.number,
              let r = InterchangeTime.rate(fromDouble: rv) else { return nil }
        return v * Double(rate.numerator) * Double(r.denominator) / (Double(rate.denominator) * Double(r.numerator))
    }

    /// A TimeRange node as (start, duration) in frames at the timeline rate.
    mutating func range(_ node: JSONNode?, what: String) -> (start: Int64, duration: Int64)? {
        guard let node, !node.isNull else { return nil }
        guard let start = frames(node["start_time"], what: "\(what) start"),
              let duration = frames(node["duration"], what: "\(what) duration") else { return nil }
        if duration < 0 {
            report(node.line, "\(what): negative duration \(duration); ignored")
            return nil
        }
        return (start, duration)
    }
}
