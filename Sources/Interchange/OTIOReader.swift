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
    private var reportedSchemas: Set<String> = []
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

    private var media: [String: PendingMedia] = [:]
    private var mediaOrder: [String] = []

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
                            if mediaFrames > 0, let r = ClipSpeed(numerator: speed.numerator, denominator: speed.denominator, reversedFrom: mediaFrames - 1) {
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
    private mutating func noteVersion(_ node: JSONNode) {
        guard let label = node["OTIO_SCHEMA"]?.string, let s = OTIOSchema.split(label),
              let known = OTIOSchema.known[s.name], s.version > known, !reportedSchemas.contains(label) else { return }
        reportedSchemas.insert(label)
        report(node.line, "schema \(label) is newer than OpenTimelineIO 0.18's \(s.name).\(known); read as \(s.name).\(known)")
    }

    private mutating func reportUnknown(_ node: JSONNode, _ label: String, _ place: String) {
        report(node.line, "unknown schema \(label) \(place); skipped")
    }

    // MARK: - Rate

    /// The most common rate among clip and gap durations (bounded scan), else 24.
    private func guessRate(_ tracks: [JSONNode]) -> Rate {
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
    private mutating func frames(_ node: JSONNode?, what: String) -> Int64? {
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
    private func exactFrames(_ node: JSONNode?) -> Double? {
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

    // MARK: - Tracks

    private mutating func readTopTrack(_ node: JSONNode) -> (TrackKind, [PendingItem], [PendingMarker]) {
        var kind = TrackKind.video
        let kindText = node["kind"]?.string ?? "Video"
        if node["metadata"]?["termcut"]?["kind"]?.string == "subtitle" {
            kind = .subtitle
        } else if kindText.caseInsensitiveCompare("Audio") == .orderedSame {
            kind = .audio
        } else if kindText.caseInsensitiveCompare("Video") != .orderedSame {
            report(node.line, "track '\(node["name"]?.string ?? "")' has kind '\(kindText.prefix(40))'; read as video")
        }
        var items: [PendingItem] = []
        layout(node["children"]?.array ?? [], depth: 1, into: &items)
        var markers = readMarkers(node["markers"], owner: "track '\(node["name"]?.string ?? "")'")
        let contentEnd = items.reduce(Int64(0)) { $0 + $1.duration }
        if let trim = range(node["source_range"], what: "track source_range") {
            let visible = FrameRange(start: trim.start, duration: trim.duration)
            if visible.overlaps(FrameRange(start: 0, duration: contentEnd)) {
                if trim.start != 0 || trim.duration != contentEnd {
                    items = OTIOReader.cut(items, start: trim.start, duration: trim.duration)
                    markers = markers.map { var m = $0; m.frame -= trim.start; return m }
                }
            } else if contentEnd > 0 {
                report(node["source_range"]?.line, "track '\(node["name"]?.string ?? "")': its source_range \(visible) shows none of its \(contentEnd) frames; ignored the trim and read the whole track")
            }
        }
        return (kind, items, markers)
    }

    /// Lays out a track's children end to end; transitions attach to the clip before them.
    private mutating func layout(_ children: [JSONNode], depth: Int, into items: inout [PendingItem]) {
        var lastWasDirectClip = false
        for node in children {
            guard let label = node["OTIO_SCHEMA"]?.string, let schema = OTIOSchema.split(label) else {
                report(node.line, "an object without OTIO_SCHEMA in a track; skipped")
                lastWasDirectClip = false
                continue
            }
            noteVersion(node)
            switch schema.name {
            case "Clip":
                if let clip = readClip(node) {
                    items.append(.clip(clip))
                    lastWasDirectClip = true
                } else {
                    lastWasDirectClip = false
                }
            case "Gap":
                if let r = range(node["source_range"], what: "gap"), r.duration > 0 {
                    items.append(.gap(r.duration))
                } else if let d = frames(node["duration"], what: "gap duration"), d > 0 {
                    items.append(.gap(d))
                }
                lastWasDirectClip = false
            case "Transition":
                attachTransition(node, to: &items, previousIsClip: lastWasDirectClip)
                lastWasDirectClip = false
            case "Stack", "Track", "Sequence":
                items += readNested(node, isStack: schema.name == "Stack", depth: depth)
                lastWasDirectClip = false
            default:
                if let r = range(node["source_range"], what: label), r.duration > 0 {
                    report(node.line, "unknown schema \(label) in a track; replaced by a gap of \(r.duration) frames")
                    items.append(.gap(r.duration))
                } else {
                    reportUnknown(node, label, "in a track")
                }
                lastWasDirectClip = false
            }
        }
    }

    private mutating func attachTransition(_ node: JSONNode, to items: inout [PendingItem], previousIsClip: Bool) {
        let name = node["name"]?.string ?? ""
        let inOffset = frames(node["in_offset"], what: "transition in_offset") ?? 0
        let outOffset = frames(node["out_offset"], what: "transition out_offset") ?? 0
        guard inOffset >= 0, outOffset >= 0, inOffset + outOffset > 0 else {
            report(node.line, "transition '\(name)' has no duration (in \(inOffset), out \(outOffset)); dropped")
            return
        }
        guard previousIsClip, case .clip(var clip)? = items.last else {
            report(node.line, "transition '\(name)' has no clip before it (the model keeps transitions on the outgoing clip); dropped")
            return
        }
        if clip.transitionOut != nil {
            report(node.line, "transition '\(name)' follows another transition; dropped")
            return
        }
        let duration = inOffset + outOffset
        var transition = Transition(kind: transitionKind(node), duration: duration, alignment: .centered)
        if inOffset == 0 {
            transition.alignment = .startAtCut
        } else if outOffset == 0 {
            transition.alignment = .endAtCut
        } else if inOffset != duration / 2 {
            report(node.line, "transition '\(name)': offsets in \(inOffset)/out \(outOffset) are neither centred nor at the cut; kept its \(duration) frames, centred (in \(duration / 2)/out \(duration - duration / 2))")
        }
        clip.transitionOut = transition
        items[items.count - 1] = .clip(clip)
    }

    private mutating func transitionKind(_ node: JSONNode) -> Transition.Kind {
        if let k = node["metadata"]?["termcut"]?["kind"]?.string, let kind = Transition.Kind(rawValue: k) { return kind }
        let type = node["transition_type"]?.string ?? ""
        let name = node["name"]?.string ?? ""
        if type == "SMPTE_Dissolve" { return name.lowercased().contains("dip") ? .dip : .dissolve }
        if type.lowercased().contains("wipe") { return .wipe }
        if name.lowercased().contains("dip") { return .dip }
        if name.lowercased().contains("wipe") { return .wipe }
        report(node.line, "transition '\(name)' of type '\(type.prefix(40))' read as a dissolve")
        return .dissolve
    }

    /// A stack or track inside a track, flattened to the items of one of its tracks over the
    /// nested item's range.
    private mutating func readNested(_ node: JSONNode, isStack: Bool, depth: Int) -> [PendingItem] {
        let name = node["name"]?.string ?? ""
        let what = isStack ? "nested stack '\(name)'" : "nested track '\(name)'"
        guard depth < OTIOReader.maxNesting else {
            let d = range(node["source_range"], what: what)?.duration ?? 0
            report(node.line, "\(what) is nested more than \(OTIOReader.maxNesting) deep; replaced by a gap of \(d) frames")
            return d > 0 ? [.gap(d)] : []
        }
        if isStack, let nested = readNestedSequence(node) { return nested }
        var content: [PendingItem] = []
        if isStack {
            let children = node["children"]?.array ?? []
            let isTrack: (JSONNode) -> Bool = { ["Track", "Sequence"].contains($0["OTIO_SCHEMA"]?.string.flatMap(OTIOSchema.split)?.name) }
            let tracks = children.filter(isTrack)
            let chosen = tracks.first { ($0["kind"]?.string ?? "Video").caseInsensitiveCompare("Video") == .orderedSame } ?? tracks.first
            if let chosen {
                var inner: [PendingItem] = []
                layout(chosen["children"]?.array ?? [], depth: depth + 1, into: &inner)
                if let trim = range(chosen["source_range"], what: "track source_range") {
                    inner = OTIOReader.cut(inner, start: trim.start, duration: trim.duration)
                }
                content = inner
                let others = children.count - 1
                report(node.line, "\(what) flattened into its track '\(chosen["name"]?.string ?? "")'" + (others > 0 ? "; \(others) other layer(s) left out" : ""))
            } else {
                // Clips directly in a stack all start at its beginning: use the first.
                let first = children.first { ["Clip", "Gap"].contains($0["OTIO_SCHEMA"]?.string.flatMap(OTIOSchema.split)?.name) }
                if let first {
                    layout([first], depth: depth + 1, into: &content)
                    let others = children.count - 1
                    report(node.line, "\(what) flattened into its first clip" + (others > 0 ? "; \(others) other layer(s) left out" : ""))
                } else {
                    report(node.line, "\(what) holds no track or clip; read as empty record time")
                }
            }
        } else {
            layout(node["children"]?.array ?? [], depth: depth + 1, into: &content)
            report(node.line, "\(what) flattened into the track holding it")
        }
        _ = readEffects(node["effects"], clipName: name, timing: false)
        let natural = content.reduce(Int64(0)) { $0 + $1.duration }
        if let trim = range(node["source_range"], what: "\(what) source_range") {
            return OTIOReader.cut(content, start: trim.start, duration: trim.duration)
        }
        return content.isEmpty ? [] : OTIOReader.cut(content, start: 0, duration: natural)
    }

    // MARK: - Clips and media

    private mutating func readClip(_ node: JSONNode) -> PendingClip? {
        let name = node["name"]?.string ?? ""
        var reference: JSONNode?
        if let refs = node["media_references"]?.object {
            let key = node["active_media_reference_key"]?.string ?? "DEFAULT_MEDIA"
            if let r = refs.last(where: { $0.key == key })?.value {
                reference = r
            } else if let first = refs.first {
                report(node.line, "clip '\(name)': no media reference named '\(key.prefix(40))'; used '\(first.key.prefix(40))'")
                reference = first.value
            }
        } else {
            reference = node["media_reference"]
        }
        if let r = reference, r.isNull { reference = nil }

        let available = reference.flatMap { range($0["available_range"], what: "clip '\(name)' available_range") }
        guard let source = range(node["source_range"], what: "clip '\(name)' source_range") ?? available else {
            report(node.line, "clip '\(name)' has neither a source range nor a media range; skipped")
            return nil
        }
        guard source.duration > 0 else {
            report(node.line, "clip '\(name)' has no duration; skipped")
            return nil
        }
        var clip = PendingClip(name: name, mediaKey: nil, absStart: source.start, duration: source.duration,
                               markers: readMarkers(node["markers"], owner: "clip '\(name)'"),
                               transitionOut: nil, enabled: node["enabled"]?.bool ?? true, text: nil, line: node.line)
        if let st = node["source_range"]?["start_time"], let v = st["value"]?.number, v == v.rounded(),
           abs(v) <= Double(InterchangeTime.maxFrames), let r = st["rate"]?.number.flatMap(InterchangeTime.rate(fromDouble:)), r != rate,
           r.numerator <= 120 * r.denominator, // a frame rate, not audio samples
           let first = InterchangeTime.rescale(Int64(v), from: r, to: rate, rounding: .up) {
            // Source timecode at the media's own rate (as editors exchange it): start on the
            // first timeline frame that shows that frame, not the nearest (which may show the one before).
            clip.ownStart = RationalTime(Int64(v), r)
            clip.absStart = first
            if let exact = node["metadata"]?["termcut"]?["sequence_start"]?.number, exact == exact.rounded(),
               abs(exact) <= Double(InterchangeTime.maxFrames) {
                clip.sequenceStart = Int64(exact)
            }
        }
        let reel = node["metadata"]?["cmx_3600"]?["reel"]?.string.map { $0.trimmingCharacters(in: .whitespaces) }
        registerMedia(reference, reel: reel?.isEmpty == false && reel != "AX" ? reel : nil, clip: &clip)
        clip.grade = OTIOGrade.read(node["effects"]) { line, message in report(line, "'\(name)': \(message)") }
        if let (speed, reversed) = readEffects(node["effects"], clipName: name, timing: clip.mediaKey != nil) {
            clip.speed = speed
            clip.reversed = reversed
            if !speed.isFreeze {
                clip.exactStart = exactFrames(node["source_range"]?["start_time"]) ?? Double(source.start)
            }
        }
        return clip
    }

    /// Reports the effects the model cannot hold; returns the clip's speed or freeze when
    /// `timing` (a media clip) and the first time effect is one the model holds.
    private mutating func readEffects(_ node: JSONNode?, clipName: String, timing: Bool) -> (ClipSpeed, reversed: Bool)? {
        var other: [String: Int] = [:]
        var otherOrder: [String] = []
        var otherLine: Int?
        var speed: ClipSpeed?
        var reversed = false
        var sawTimeEffect = false
        for effect in node?.array ?? [] {
            let label = effect["OTIO_SCHEMA"]?.string ?? "?"
            switch OTIOSchema.split(label)?.name {
            case let name? where name == "LinearTimeWarp" || name == "FreezeFrame":
                let scalar = name == "FreezeFrame" ? 0 : (effect["time_scalar"]?.number ?? 1)
                let percent = (scalar * 1000).rounded() / 10
                let what = name == "FreezeFrame" ? "freeze frame" : "speed \(percent)% (LinearTimeWarp)"
                defer { sawTimeEffect = true }
                if !timing {
                    report(effect.line, "'\(clipName)': \(what) is only supported on clips with media; played at 100%")
                } else if sawTimeEffect {
                    report(effect.line, "'\(clipName)': a second time effect, \(what), is not supported; ignored")
                } else if scalar == 0 {
                    speed = ClipSpeed(freezeFrame: 0)
                } else if !scalar.isFinite {
                    report(effect.line, "'\(clipName)': \(what) is not a number; imported at 100% over its record duration")
                } else if let s = ClipSpeed.approximating(abs(scalar)) {
                    // In reverse even −100% is a speed (held forwards, the direction beside it).
                    if !s.isNormal || scalar < 0 { speed = s }
                    reversed = scalar < 0
                    if abs(s.scalar - abs(scalar)) > 1e-9 * abs(scalar) {
                        report(effect.line, "'\(clipName)': \(what) read as \(s.numerator)/\(s.denominator) (\(s.percent)%)")
                    }
                } else {
                    report(effect.line, "'\(clipName)': \(what) is out of range; imported at 100% over its record duration")
                }
            case _ where effect["effect_name"]?.string == OTIOGrade.effectName:
                break   // read by `OTIOGrade`
            default:
                let effectName = effect["effect_name"]?.string ?? effect["name"]?.string ?? label
                if other[effectName] == nil { otherOrder.append(effectName) }
                other[effectName, default: 0] += 1
                otherLine = otherLine ?? effect.line
            }
        }
        if !otherOrder.isEmpty {
            let list = otherOrder.prefix(5).map { other[$0]! > 1 ? "\($0.prefix(40)) ×\(other[$0]!)" : String($0.prefix(40)) }
            report(otherLine, "'\(clipName)': effects not supported, ignored: \(list.joined(separator: ", "))\(otherOrder.count > 5 ? ", …" : "")")
        }
        return speed.map { ($0, reversed) }
    }

    /// Finds or adds the media a clip uses. A reference with a `target_url` is keyed by it; one
    /// without (a `MissingReference`, or an `ExternalReference` lacking the URL) by its name,
    /// kept path and the clip's CMX reel, and when it has neither name nor path by the clip's
    /// name too: so each source of an edit list stays its own offline media, as editors key them.
    private mutating func registerMedia(_ reference: JSONNode?, reel: String?, clip: inout PendingClip) {
        let label = reference?["OTIO_SCHEMA"]?.string ?? "MissingReference.1"
        let kind = OTIOSchema.split(label)?.name ?? ""
        let refName = reference?["name"]?.string ?? ""
        let line = reference?.line ?? clip.line
        switch kind {
        case "GeneratorReference":
            let generator = reference?["generator_kind"]?.string ?? ""
            if let text = reference?["parameters"]?["text"]?.string {
                clip.text = text
                if generator == OTIOTitle.kind { clip.title = OTIOTitle.style(reference?["parameters"]) }
            } else if generator == OTIOImage.kind, let image = OTIOImage.image(reference?["parameters"]) {
                clip.image = image
            } else {
                report(line, "clip '\(clip.name)': generator '\(generator.prefix(40))' read as a generated clip without content")
            }
            if clip.title != nil || clip.image != nil { clip.motion = OTIOImage.motion(reference?["parameters"]) }
            clip.mediaKey = nil
            return
        case "ExternalReference", "MissingReference", "ImageSequenceReference":
            break
        default:
            report(line, "clip '\(clip.name)': unknown media reference \(label); read as missing media")
        }
        var path = ""
        var offline = true
        var key: String
        if kind == "ExternalReference", let url = reference?["target_url"]?.string, !url.isEmpty {
            path = OTIOReader.path(fromTargetURL: url)
            offline = false
            key = "url:" + url
        } else if kind == "ImageSequenceReference" {
            let base = reference?["target_url_base"]?.string ?? ""
            let prefix = reference?["name_prefix"]?.string ?? ""
            path = OTIOReader.path(fromTargetURL: base + (base.hasSuffix("/") || base.isEmpty ? "" : "/") + prefix)
            report(line, "clip '\(clip.name)': image sequence read as offline media '\(path)'")
            key = "seq:" + path
        } else {
            path = reference?["metadata"]?["termcut"]?["path"]?.string ?? ""
            key = ["missing", refName, path, reel ?? "", refName.isEmpty && path.isEmpty ? clip.name : ""].joined(separator: "\u{1}")
        }
        let available = reference?["available_range"]
        if media[key] == nil {
            // Without a declared range, a clip counting its source at its own rate names the media's rate.
            var pending = PendingMedia(key: key, name: "", path: path, offline: offline, declaredStart: nil,
                                       declaredDuration: nil, mediaRate: clip.ownStart?.rate ?? rate, line: line, reel: reel)
            if let available, !available.isNull,
               let rd = available["duration"]?["rate"]?.number.flatMap(InterchangeTime.rate(fromDouble:)),
               let dv = available["duration"]?["value"]?.number,
               let sv = available["start_time"]?["value"]?.number,
               let sr = available["start_time"]?["rate"]?.number.flatMap(InterchangeTime.rate(fromDouble:)),
               let d = InterchangeTime.units(dv, rate: rd, at: rd), let s = InterchangeTime.units(sv, rate: sr, at: rd),
               d > 0, InterchangeTime.rescale(d, from: rd, to: rate) != nil, InterchangeTime.rescale(s, from: rd, to: rate) != nil {
                pending.mediaRate = rd
                pending.declaredStart = s
                pending.declaredDuration = d
            }
            let lastComponent = (path as NSString).lastPathComponent
            pending.name = !refName.isEmpty ? refName : (!lastComponent.isEmpty ? lastComponent : (clip.name.isEmpty ? "media" : clip.name))
            media[key] = pending
            mediaOrder.append(key)
        }
        clip.mediaKey = key
    }

    /// "file:///folder/a.mov" → "/folder/a.mov"; "file://localhost/D%3a/m/a.mov" → "D:/m/a.mov";
    /// a plain path stays as it is; other schemes keep the whole URL.
    static func path(fromTargetURL url: String) -> String {
        guard url.lowercased().hasPrefix("file:") else { return url }
        var rest = String(url.dropFirst(5))
        if rest.hasPrefix("//") {
            rest.removeFirst(2)
            // Drop the host (usually empty or "localhost").
            if let slash = rest.firstIndex(of: "/") { rest = String(rest[slash...]) } else { rest = "/" }
        }
        var path = rest.removingPercentEncoding ?? rest
        // Windows drive paths: "/D:/media" → "D:/media".
        let chars = Array(path)
        if chars.count >= 3, chars[0] == "/", chars[1].isLetter, chars[2] == ":" { path.removeFirst() }
        return path
    }

    /// Final media references, each covering its declared range and every use.
    private mutating func buildMedia(_ items: [PendingItem]) -> [String: (reference: MediaReference, startInTimeline: Int64)] {
        var usesStart: [String: Int64] = [:]
        var usesEnd: [String: Int64] = [:]
        var handled: Set<String> = []
        var previous: PendingClip?
        func use(_ key: String, _ s: Int64, _ e: Int64) {
            usesStart[key] = min(usesStart[key] ?? s, s)
            usesEnd[key] = max(usesEnd[key] ?? e, e)
        }
        for item in items {
            guard case .clip(let c) = item else { previous = nil; continue }
            if let key = c.mediaKey, c.reversed, c.speed?.isFreeze == false {
                // In reverse the start is the highest frame shown: the media runs down from it
                // (and past it under an incoming transition's head handle).
                let tail = c.transitionOut.map { c.mediaSpan($0.outOffset) } ?? 0
                let head = previous?.transitionOut.map { c.mediaSpan($0.inOffset) } ?? 0
                use(key, c.absStart - c.mediaSpan(c.duration + tail) + 1, c.absStart + 1 + head)
                previous = c
                continue
            }
            if let key = c.mediaKey {
                use(key, c.absStart, c.absStart + c.mediaSpan(c.duration))
                // The outgoing clip's tail handle and this clip's head handle under a transition
                // (a freeze needs no handles: it holds its one frame).
                if let t = c.transitionOut { use(key, c.absStart, c.absStart + c.mediaSpan(c.duration + t.outOffset)) }
            }
            if let p = previous, let t = p.transitionOut, let key = c.mediaKey {
                let head = c.speed?.isFreeze == true ? 0 : c.mediaSpan(t.inOffset)
                use(key, c.absStart - head, c.absStart + c.mediaSpan(c.duration))
            }
            previous = c
        }
        var out: [String: (MediaReference, Int64)] = [:]
        var project = Project(name: "")
        for key in mediaOrder {
            guard var m = media[key] else { continue }
            let lo = usesStart[key] ?? 0, hi = usesEnd[key] ?? 0
            var startTC: Int64, duration: Int64, rateOfMedia = m.mediaRate
            if let ds = m.declaredStart, let dd = m.declaredDuration,
               let s = InterchangeTime.rescale(ds, from: m.mediaRate, to: rate),
               let e = InterchangeTime.rescale(ds + dd, from: m.mediaRate, to: rate) {
                if lo < s || hi > e {
                    if !handled.contains(key) {
                        report(m.line, "media '\(m.name)': clips (or their transition handles) use frames outside its available range; extended it to cover them")
                        handled.insert(key)
                    }
                    let ns = InterchangeTime.rescale(min(lo, s), from: rate, to: m.mediaRate, rounding: .down) ?? ds
                    let ne = InterchangeTime.rescale(max(hi, e), from: rate, to: m.mediaRate, rounding: .up) ?? (ds + dd)
                    startTC = ns
                    duration = max(1, ne - ns)
                } else {
                    startTC = ds
                    duration = dd
                }
            } else if m.mediaRate != rate, let s = InterchangeTime.rescale(lo, from: rate, to: m.mediaRate, rounding: .down),
                      let e = InterchangeTime.rescale(hi, from: rate, to: m.mediaRate, rounding: .up) {
                // Known only from clips counting at its own rate: from the first frame they show
                // to the last, at that rate, and one frame more: a clip starting on a later
                // frame counts its timeline frames from the media's first, so its cadence may
                // need the frame after (an invented extent: the reference declared none).
                startTC = s
                duration = max(1, e - s + 1)
            } else {
                rateOfMedia = rate
                m.mediaRate = rate
                startTC = lo
                duration = max(1, hi - lo)
            }
            let id = project.freshMediaID(for: m.name)
            let reference = MediaReference(id: id, name: m.name, path: m.path,
                                           duration: RationalTime(duration, rateOfMedia),
                                           startTimecode: startTC, isOffline: m.offline, reel: m.reel)
            project.media.append(reference)
            let startInTimeline = InterchangeTime.rescale(startTC, from: rateOfMedia, to: rate) ?? 0
            out[key] = (reference, startInTimeline)
        }
        return out
    }

    // MARK: - Markers

    mutating func readMarkers(_ node: JSONNode?, owner: String) -> [PendingMarker] {
        var out: [PendingMarker] = []
        for m in node?.array ?? [] {
            let label = m["OTIO_SCHEMA"]?.string ?? ""
            guard OTIOSchema.split(label)?.name == "Marker" else {
                report(m.line, "\(owner): \(label.isEmpty ? "an object" : label) among the markers; skipped")
                continue
            }
            let name = m["name"]?.string ?? ""
            guard let r = range(m["marked_range"], what: "marker '\(name)'") else {
                report(m.line, "\(owner): marker '\(name)' has no usable marked_range; skipped")
                continue
            }
            let colorText = (m["color"]?.string ?? "RED").uppercased()
            var color = Marker.Color.red
            switch colorText {
            case "MAGENTA": color = .pink
            case "BLACK":
                color = .white
                report(m.line, "\(owner): marker '\(name)' colour BLACK shown as white")
            default:
                if let c = Marker.Color(rawValue: colorText.lowercased()) { color = c } else {
                    report(m.line, "\(owner): marker '\(name)' colour '\(colorText.prefix(20))' shown as red")
                }
            }
            out.append(PendingMarker(frame: r.start, duration: r.duration, name: name, color: color,
                                     note: m["comment"]?.string ?? ""))
        }
        return out
    }

    // MARK: - Item lists

    /// Items covering `[start, start + duration)` of `items` laid end to end; time outside the
    /// items is a gap. Clips cut at the window's edges are trimmed, and lose a transition whose
    /// cut is outside the window.
    static func cut(_ items: [PendingItem], start: Int64, duration: Int64) -> [PendingItem] {
        let end = start + duration
        var out: [PendingItem] = []
        let leading = max(0, min(end, 0) - start)
        if leading > 0 { out.append(.gap(leading)) }
        var pos: Int64 = 0
        for item in items {
            let itemStart = pos, itemEnd = pos + item.duration
            pos = itemEnd
            let a = max(itemStart, start), b = min(itemEnd, end)
            if a >= b { continue }
            switch item {
            case .gap: out.append(.gap(b - a))
            case .clip(var c):
                if let speed = c.speed {
                    // A freeze keeps its frame; a speed moves its start by the media under the cut-off units.
                    if !speed.isFreeze {
                        let exact = (c.exactStart ?? Double(c.absStart)) + Double(a - itemStart) * speed.scalar * (c.reversed ? -1 : 1)
                        c.exactStart = exact
                        c.absStart = Int64(exact.rounded(.down))
                    }
                } else {
                    c.absStart += a - itemStart
                    if a != itemStart { c.ownStart = nil; c.sequenceStart = nil }
                }
                c.duration = b - a
                if b < itemEnd { c.transitionOut = nil }
                out.append(.clip(c))
            }
        }
        let trailing = max(0, end - max(pos, start))
        if trailing > 0 { out.append(.gap(trailing)) }
        return out
    }

    /// Adjacent gaps merged, empty items dropped; a transition before a removed clip stays.
    static func normalised(_ items: [PendingItem]) -> [PendingItem] {
        var out: [PendingItem] = []
        for item in items where item.duration > 0 {
            if case .gap(let d) = item, case .gap(let e)? = out.last {
                out[out.count - 1] = .gap(d + e)
            } else {
                out.append(item)
            }
        }
        return out
    }
}
