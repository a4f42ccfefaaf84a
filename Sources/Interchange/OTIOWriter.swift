import Foundation
import TimelineModel

/// Writes a project's timeline as OpenTimelineIO 0.18 JSON (`Timeline.1` holding a `Stack.1` of
/// `Track.1`s), keys in the order OpenTimelineIO itself writes them, four-space indented.
///
/// - Clips are `Clip.2` with one `DEFAULT_MEDIA` reference: `ExternalReference.1` (absolute file
///   URL, or the stored relative path when no project folder is given) with the media's
///   available range, `MissingReference.1` for offline media (the path kept in
///   `metadata.termcut.path`), `GeneratorReference.1` for generated clips (text in `parameters.text`).
/// - A source range is written in the media's own rate. For media at the timeline's rate that is
///   exact. For mixed-rate media (a 25 fps clip in a 30 fps timeline) the start is the media
///   frame on screen at the clip's first frame (whole, at the media's rate, through
///   `RateConform`: the source timecode every editor shows) and the duration is the clip's record
///   duration counted at the media's rate (possibly fractional: 13 frames at 30 are 10.8333 at
///   25), so that no later clip moves. Reading it back starts the clip on the first timeline
///   frame showing that media frame.
/// - A clip's speed becomes a `LinearTimeWarp.1` effect (`time_scalar` = the speed; frame
///   blending as `metadata.termcut.frame_blend`) and a freeze a
///   `FreezeFrame.1`, with OpenTimelineIO's convention for the source range: it starts at the
///   first media frame (units × speed, fractional when the speed makes it so, at the timeline
///   rate) or the held frame, and lasts the clip's record duration (what `range_in_parent` uses).
/// - `transitionOut` becomes a `Transition.1` after the clip, with the model's in/out offsets.
/// - Subtitle tracks are written as video tracks marked `metadata.termcut.kind = "subtitle"`.
/// - A nested sequence is a `Stack.1` holding that sequence's tracks (`nestedStack`).
struct OTIOWriter {
    let project: Project
    let projectFolder: URL?
    /// How deep inside nested sequences this writer is (a hand-edited cycle stops at the limit).
    var nestingDepth = 0
    static let maximumNesting = 16

    var timeline: Timeline { project.timeline }
    var rate: Rate { timeline.rate }

    static func rateValue(_ rate: Rate) -> Double { Double(rate.numerator) / Double(rate.denominator) }

    func time(_ value: Int64, _ rate: Rate) -> JSONOut {
        .object([("OTIO_SCHEMA", .string("RationalTime.1")), ("rate", .double(OTIOWriter.rateValue(rate))),
                 ("value", .double(Double(value)))])
    }

    /// A time at the timeline rate (or `at`) that may fall between frames.
    func exactTime(_ value: Double, at: Rate? = nil) -> JSONOut {
        .object([("OTIO_SCHEMA", .string("RationalTime.1")), ("rate", .double(OTIOWriter.rateValue(at ?? rate))),
                 ("value", .double(value))])
    }

    func range(_ start: Int64, _ duration: Int64, _ rate: Rate) -> JSONOut {
        .object([("OTIO_SCHEMA", .string("TimeRange.1")), ("duration", time(duration, rate)), ("start_time", time(start, rate))])
    }

    func document() -> JSONOut {
        let tracks = timeline.tracks.map(track)
        let markers = timeline.markers.map { marker($0, start: $0.frame, duration: $0.duration, rate: rate) }
        let stack: JSONOut = .object([
            ("OTIO_SCHEMA", .string("Stack.1")), ("metadata", .object([])), ("name", .string("tracks")),
            ("source_range", .null), ("effects", .array([])), ("markers", .array(markers)), ("enabled", .bool(true)),
            ("color", .null), ("children", .array(tracks)),
        ])
        return .object([
            ("OTIO_SCHEMA", .string("Timeline.1")),
            ("metadata", .object([("termcut", .object([("drop_frame", .bool(timeline.dropFrame))]))])),
            ("name", .string(timeline.name)),
            ("global_start_time", time(timeline.startTimecode, rate)),
            ("tracks", stack),
        ])
    }

    func track(_ track: Track) -> JSONOut {
        var children: [JSONOut] = []
        for item in track.items {
            switch item {
            case .gap(let d):
                children.append(.object([
                    ("OTIO_SCHEMA", .string("Gap.1")), ("metadata", .object([])), ("name", .string("")),
                    ("source_range", range(0, d, rate)), ("effects", .array([])), ("markers", .array([])),
                    ("enabled", .bool(true)), ("color", .null),
                ]))
            case .clip(let c) where c.sequence != nil:
                children.append(nestedStack(c))
                if let t = c.transitionOut { children.append(transition(t)) }
            case .clip(let c):
                children.append(clip(c))
                if let t = c.transitionOut { children.append(transition(t)) }
            }
        }
        var metadata: [(String, JSONOut)] = []
        if track.kind == .subtitle { metadata.append(("termcut", .object([("kind", .string("subtitle"))]))) }
        return .object([
            ("OTIO_SCHEMA", .string("Track.1")), ("metadata", .object(metadata)), ("name", .string(track.name)),
            ("source_range", .null), ("effects", .array([])), ("markers", .array([])),
            ("enabled", .bool(!track.hidden)), ("color", .null), ("children", .array(children)),
            ("kind", .string(track.kind == .audio ? "Audio" : "Video")),
        ])
    }

    /// A nested sequence: a `Stack.1` of the inner sequence's tracks (OpenTimelineIO nests
    /// compositions this way), trimmed by `source_range` to the part the clip shows, with the
    /// sequence's name in `metadata.termcut.sequence`. A missing sequence, or nesting past the
    /// limit, is written as a gap of the clip's length.
    func nestedStack(_ c: Clip) -> JSONOut {
        let name = c.sequence ?? ""
        guard nestingDepth < OTIOWriter.maximumNesting, let inner = project.withSequenceOpen(name) else {
            return .object([
                ("OTIO_SCHEMA", .string("Gap.1")), ("metadata", .object([])), ("name", .string("")),
                ("source_range", range(0, c.duration, rate)), ("effects", .array([])), ("markers", .array([])),
                ("enabled", .bool(true)), ("color", .null),
            ])
        }
        var writer = OTIOWriter(project: inner, projectFolder: projectFolder)
        writer.nestingDepth = nestingDepth + 1
        let markers = c.markers.map { marker($0, start: $0.frame, duration: $0.duration, rate: rate) }
        return .object([
            ("OTIO_SCHEMA", .string("Stack.1")),
            ("metadata", .object([("termcut", .object([("sequence", .string(name))]))])),
            ("name", .string(c.name)), ("source_range", range(c.source.start, c.source.duration, rate)),
            ("effects", .array([])), ("markers", .array(markers)), ("enabled", .bool(c.enabled)), ("color", .null),
            ("children", .array(inner.timeline.tracks.map(writer.track))),
        ])
    }

    func transition(_ t: Transition) -> JSONOut {
        let name: String
        switch t.kind {
        case .dissolve: name = "Dissolve"
        case .dip: name = "Dip to Black"
        case .wipe: name = "Wipe"
        }
        return .object([
            ("OTIO_SCHEMA", .string("Transition.1")),
            ("metadata", .object([("termcut", .object([("kind", .string(t.kind.rawValue))]))])),
            ("name", .string(name)), ("in_offset", time(t.inOffset, rate)), ("out_offset", time(t.outOffset, rate)),
            ("transition_type", .string(t.kind == .wipe ? "SMPTE_Wipe" : "SMPTE_Dissolve")),
        ])
    }

    /// Where a clip-relative frame lies in media time: (value, rate), in the media's own rate when exact.
    func mediaTime(_ frames: [Int64], media: MediaReference) -> (values: [Int64], rate: Rate) {
        let mediaRate = media.duration.rate
        if frames.allSatisfy({ InterchangeTime.rescalesExactly($0, from: rate, to: mediaRate) }),
           case let converted = frames.compactMap({ InterchangeTime.rescale($0, from: rate, to: mediaRate) }),
           converted.count == frames.count {
            return ([media.startTimecode + converted[0]] + converted.dropFirst(), mediaRate)
        }
        let base = InterchangeTime.rescale(media.startTimecode, from: mediaRate, to: rate) ?? 0
        return ([base + frames[0]] + frames.dropFirst(), rate)
    }

    func clip(_ c: Clip) -> JSONOut {
        let reference: JSONOut
        let sourceRange: JSONOut
        var markers: [JSONOut] = []
        var effects: [JSONOut] = []
        // Mixed rate: a clip that does not start on the first sequence frame showing its media
        // frame (trimmed by a sequence frame) keeps its exact start here, so that reading it back
        // shows the same media frame on every record frame (the cadence counts from the media's
        // first frame); other readers use the source range, whose start is the frame on screen.
        var sequenceStart: Int64?
        if c.media != Clip.generatedMedia, let media = project.mediaReference(c.media), let speed = c.speed {
            // Timeline rate, exact: the media position of unit u is u × speed (a double in OTIO).
            let base = Double(InterchangeTime.rescale(media.startTimecode, from: media.duration.rate, to: rate) ?? 0)
            // In reverse the position runs down from the mirrored last frame (time_scalar is negative).
            let mediaPosition = { (unit: Int64) in base + (speed.freezeFrame.map(Double.init) ?? Double(speed.reversedFrom ?? 0) + Double(unit) * speed.scalar) }
            sourceRange = .object([("OTIO_SCHEMA", .string("TimeRange.1")), ("duration", time(c.source.duration, rate)),
                                   ("start_time", exactTime(mediaPosition(c.source.start)))])
            for m in c.markers {
                let start = speed.isFreeze ? mediaPosition(0) + Double(m.frame) : mediaPosition(m.frame)
                let duration = speed.isFreeze ? Double(m.duration) : Double(m.duration) * abs(speed.scalar)
                markers.append(.object([
                    ("OTIO_SCHEMA", .string("Marker.2")), ("metadata", .object([])), ("name", .string(m.name)),
                    ("color", .string(m.color.rawValue.uppercased())),
                    ("marked_range", .object([("OTIO_SCHEMA", .string("TimeRange.1")), ("duration", exactTime(duration)),
                                              ("start_time", exactTime(start))])),
                    ("comment", .string(m.note)),
                ]))
            }
            effects.append(.object([
                // Frame blending has no OTIO field: termcut's own metadata on the time warp.
                ("OTIO_SCHEMA", .string(speed.isFreeze ? "FreezeFrame.1" : "LinearTimeWarp.1")),
                ("metadata", .object(speed.frameBlend ? [("termcut", .object([("frame_blend", .bool(true))]))] : [])),
                ("name", .string("")), ("effect_name", .string(speed.isFreeze ? "FreezeFrame" : "LinearTimeWarp")),
                ("enabled", .bool(true)), ("time_scalar", .double(speed.scalar)),
            ]))
            reference = mediaReference(media)
        } else if c.media != Clip.generatedMedia, let media = project.mediaReference(c.media),
                  case let conform = media.conform(sequenceRate: rate), !conform.isIdentity, media.duration.rate == conform.mediaRate {
            let own = conform.mediaRate
            let start = media.sourceTimecodeFrame(atTimelineFrame: c.source.start, timelineRate: rate)
            if conform.firstSequenceFrame(showing: conform.mediaFrame(atSequenceFrame: c.source.start)) != c.source.start {
                sequenceStart = c.source.start
            }
            let duration = Double(c.source.duration) * Double(own.numerator) * Double(rate.denominator)
                / (Double(own.denominator) * Double(rate.numerator))
            sourceRange = .object([("OTIO_SCHEMA", .string("TimeRange.1")), ("duration", exactTime(duration, at: own)),
                                   ("start_time", time(start, own))])
            for m in c.markers {
                let mt = mediaTime([m.frame, m.duration], media: media)
                markers.append(marker(m, start: mt.values[0], duration: mt.values[1], rate: mt.rate))
            }
            reference = mediaReference(media)
        } else if c.media != Clip.generatedMedia, let media = project.mediaReference(c.media) {
            let t = mediaTime([c.source.start, c.source.duration], media: media)
            sourceRange = range(t.values[0], t.values[1], t.rate)
            for m in c.markers {
                let mt = mediaTime([m.frame, m.duration], media: media)
                markers.append(marker(m, start: mt.values[0], duration: mt.values[1], rate: mt.rate))
            }
            reference = mediaReference(media)
        } else {
            sourceRange = range(c.source.start, c.source.duration, rate)
            markers = c.markers.map { marker($0, start: $0.frame, duration: $0.duration, rate: rate) }
            var parameters: [(String, JSONOut)] = []
            if let text = c.text { parameters.append(("text", .string(text))) }
            if let style = c.title { parameters += OTIOTitle.parameters(style) }
            if let image = c.image { parameters += OTIOImage.parameters(image, url: targetURL(image.path)) }
            parameters += OTIOImage.motion(c.motion)
            reference = .object([
                ("OTIO_SCHEMA", .string("GeneratorReference.1")), ("metadata", .object([])), ("name", .string(c.name)),
                ("available_range", .null), ("available_image_bounds", .null),
                ("generator_kind", .string(c.title != nil ? OTIOTitle.kind : c.text != nil ? "termcut.Text" : c.image != nil ? OTIOImage.kind
                                          : c.isAdjustmentLayer ? "termcut.AdjustmentLayer" : "termcut.Generated")),
                ("parameters", .object(parameters)),
            ])
        }
        // The reel an edit list named goes where OpenTimelineIO's CMX 3600 adapter keeps it.
        var metadata: [(String, JSONOut)] = []
        if c.media != Clip.generatedMedia, let reel = project.mediaReference(c.media)?.reel, !reel.isEmpty {
            metadata = [("cmx_3600", .object([("reel", .string(reel))]))]
        }
        if let sequenceStart { metadata.append(("termcut", .object([("sequence_start", .double(Double(sequenceStart)))]))) }
        if let grade = c.grade { effects.append(OTIOGrade.effect(grade)) }
        return .object([
            ("OTIO_SCHEMA", .string("Clip.2")), ("metadata", .object(metadata)), ("name", .string(c.name)),
            ("source_range", sourceRange), ("effects", .array(effects)), ("markers", .array(markers)),
            ("enabled", .bool(c.enabled)), ("color", .null),
            ("media_references", .object([("DEFAULT_MEDIA", reference)])),
            ("active_media_reference_key", .string("DEFAULT_MEDIA")),
        ])
    }

    func mediaReference(_ media: MediaReference) -> JSONOut {
        let available = range(media.startTimecode, media.duration.value, media.duration.rate)
        if media.isOffline {
            return .object([
                ("OTIO_SCHEMA", .string("MissingReference.1")),
                ("metadata", .object(media.path.isEmpty ? [] : [("termcut", .object([("path", .string(media.path))]))])),
                ("name", .string(media.name)), ("available_range", available), ("available_image_bounds", .null),
            ])
        }
        return .object([
            ("OTIO_SCHEMA", .string("ExternalReference.1")), ("metadata", .object([])), ("name", .string(media.name)),
            ("available_range", available), ("available_image_bounds", .null),
            ("target_url", .string(targetURL(media.path))),
        ])
    }

    /// An absolute `file://` URL for absolute paths and for relative ones when the project folder
    /// is known; other relative paths and URLs are written as stored.
    func targetURL(_ path: String) -> String {
        if path.contains("://") { return path }
        var absolute: String?
        if path.hasPrefix("/") {
            absolute = path
        } else if let folder = projectFolder, !path.isEmpty {
            absolute = folder.appendingPathComponent(path).standardizedFileURL.path
        } else if path.count >= 3, Array(path)[1] == ":" {
            absolute = "/" + path // Windows drive path
        }
        guard let absolute else { return path }
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "%")
        return "file://" + (absolute.addingPercentEncoding(withAllowedCharacters: allowed) ?? absolute)
    }

    func marker(_ m: Marker, start: Int64, duration: Int64, rate: Rate) -> JSONOut {
        .object([
            ("OTIO_SCHEMA", .string("Marker.2")), ("metadata", .object([])), ("name", .string(m.name)),
            ("color", .string(m.color.rawValue.uppercased())), ("marked_range", range(start, duration, rate)),
            ("comment", .string(m.note)),
        ])
    }
}

/// OpenTimelineIO `.otio` JSON.
public enum OTIO {
    /// Reads an `.otio` file. Throws only when the data is not JSON or not an OpenTimelineIO
    /// document; everything else is read as far as possible and listed in `problems`.
    public static func read(_ data: Data, name: String) throws(InterchangeError) -> ImportResult {
        let root: JSONNode
        do {
            root = try JSONParser.parse(data)
        } catch {
            throw .notJSON(file: name, line: error.line, reason: error.reason)
        }
        var reader = OTIOReader(fileName: name)
        return try reader.readDocument(root)
    }

    /// The project's timeline as OpenTimelineIO 0.18 JSON. `projectFolder` makes relative media
    /// paths absolute `file://` URLs.
    public static func write(_ project: Project, projectFolder: URL?) -> Data {
        Data(OTIOWriter(project: project, projectFolder: projectFolder).document().rendered().utf8)
    }

    /// Entry point for fuzzing: read anything, and write back whatever was read. Must never trap.
    public static func fuzzOne(_ data: Data) {
        guard let result = try? read(data, name: "fuzz.otio") else { return }
        _ = write(result.project, projectFolder: nil)
    }
}
