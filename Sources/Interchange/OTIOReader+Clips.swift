import Foundation
import TimelineModel

/// Clips, their speed effects and media references; one media per source.
extension OTIOReader {
    // MARK: - Clips and media

    mutating func readClip(_ node: JSONNode) -> PendingClip? {
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
    mutating func readEffects(_ node: JSONNode?, clipName: String, timing: Bool) -> (ClipSpeed, reversed: Bool)? {
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
                    if !s.isNormal || scalar < 0 {
                        speed = s
                        speed?.frameBlend = effect["metadata"]?["termcut"]?["frame_blend"]?.bool ?? false
                    }
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
    mutating func registerMedia(_ reference: JSONNode?, reel: String?, clip: inout PendingClip) {
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
    mutating func buildMedia(_ items: [PendingItem]) -> [String: (reference: MediaReference, startInTimeline: Int64)] {
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
}
