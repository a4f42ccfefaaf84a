import Foundation
import TimelineModel

/// Markers, and the cutting and normalising of pending item lists.
extension OTIOReader {
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
