import Foundation
import TimelineModel

/// Tracks, nested stacks and transitions: OTIO's item tree laid out as flat pending items.
extension OTIOReader {
    // MARK: - Tracks

    mutating func readTopTrack(_ node: JSONNode) -> (TrackKind, [PendingItem], [PendingMarker]) {
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
    mutating func layout(_ children: [JSONNode], depth: Int, into items: inout [PendingItem]) {
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

    mutating func attachTransition(_ node: JSONNode, to items: inout [PendingItem], previousIsClip: Bool) {
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

    mutating func transitionKind(_ node: JSONNode) -> Transition.Kind {
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
    mutating func readNested(_ node: JSONNode, isStack: Bool, depth: Int) -> [PendingItem] {
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
}
