import Foundation
import TimelineModel

/// One audio track as the mixer shows it.
public struct MixerStrip: Equatable, Sendable {
    public var name: String
    public var volumeDB: Double
    public var pan: Double
    public var muted: Bool
    public var solo: Bool
    /// The audio target: the strip the fader keys move.
    public var selected: Bool

    public init(name: String, volumeDB: Double, pan: Double, muted: Bool, solo: Bool, selected: Bool) {
        self.name = name; self.volumeDB = volumeDB; self.pan = pan; self.muted = muted; self.solo = solo; self.selected = selected
    }

    /// The strips of a timeline's audio tracks.
    public static func strips(_ timeline: Timeline, audioTarget: Int?) -> [MixerStrip] {
        timeline.audioTracks.map { i in
            let t = timeline.tracks[i]
            return MixerStrip(name: t.name, volumeDB: t.volumeDB, pan: t.pan, muted: t.muted, solo: t.solo, selected: i == audioTarget)
        }
    }
}

/// The mixer, in the scopes' place while `mixer-pane` is on: a strip per audio track (fader
/// value and a fader bar, pan, mute/solo), the selected strip (the audio target) marked, and
/// the programme's loudness (momentary, short-term, integrated) from the meters feed.
/// Keys: alt-up/alt-down nudge the selected fader 0.5 dB, alt-pageup/alt-pagedown 3 dB,
/// alt-left/alt-right select a strip; `:track-volume -6` types a value.
public final class MixerPane: Component {
    public static let stripWidth = 9

    public init() {}

    public func render(area: Rect, surface: inout Surface, context: RenderContext) {
        let border = context.style(ThemeRole.border)
        let text = context.style(ThemeRole.ui)
        surface.drawBox(area, style: border, title: "Mixer", titleStyle: context.style(ThemeRole.title))
        let inner = Rect(x: area.x + 1, y: area.y + 1, width: max(0, area.width - 2), height: max(0, area.height - 2))
        guard inner.width > 4, inner.height > 4 else { return }
        let strips = context.model.mixer
        if let m = context.model.scopes.meters {
            _ = surface.put("M \(Self.lufs(m.momentary))  S \(Self.lufs(m.shortTerm))  I \(Self.lufs(m.integrated)) LUFS", x: inner.x, y: inner.y,
                        style: text, maxWidth: inner.width)
        } else {
            _ = surface.put("programme loudness: play to measure", x: inner.x, y: inner.y, style: text, maxWidth: inner.width)
        }
        guard !strips.isEmpty else {
            _ = surface.put("no audio tracks", x: inner.x, y: inner.y + 2, style: text, maxWidth: inner.width)
            return
        }
        // One row under the bars holds the held peak's value.
        let barRows = max(0, inner.height - 7)
        for (n, strip) in strips.enumerated() {
            let x = inner.x + n * Self.stripWidth
            guard x + Self.stripWidth - 1 <= inner.x + inner.width else { break }
            var style = text
            if strip.selected { style = style.patched(with: context.style(ThemeRole.clipSelected)) }
            let w = Self.stripWidth - 1
            _ = surface.put(DisplayWidth.padded((strip.selected ? "▸" : " ") + strip.name, to: w), x: x, y: inner.y + 1, style: style, maxWidth: w)
            _ = surface.put(DisplayWidth.padded(Self.dB(strip.volumeDB), to: w), x: x, y: inner.y + 2, style: text, maxWidth: w)
            _ = surface.put(DisplayWidth.padded("pan " + Self.pan(strip.pan), to: w), x: x, y: inner.y + 3, style: text, maxWidth: w)
            _ = surface.put((strip.muted ? "M" : "·") + " " + (strip.solo ? "S" : "·"), x: x, y: inner.y + 4, style: text, maxWidth: w)
            // The fader bar: −60 dB at the bottom to +12 at the top.
            let level = Int(((min(max(strip.volumeDB, -60), 12) + 60) / 72 * Double(barRows)).rounded())
            for r in 0..<barRows {
                let filled = barRows - r <= level
                _ = surface.put(filled ? "█" : "│", x: x + 1, y: inner.y + 5 + r, style: text)
            }
            // The track's meter beside it (while playing): peak and RMS bars over −60…0 dBFS,
            // the hold as a line, and the held peak's value under them.
            if let meter = context.model.scopes.meters?.tracks.first(where: { $0.name == strip.name }) {
                drawMeter(meter, x: x + 3, top: inner.y + 5, rows: barRows, surface: &surface, context: context)
                let held = meter.heldPeak.isFinite ? String(format: "%.1f", meter.heldPeak) : "-inf"
                _ = surface.put(DisplayWidth.padded(held, to: w), x: x, y: inner.y + 5 + barRows,
                                style: context.style(meter.heldPeak >= 0 ? ScopeThemeRole.meterClip : ScopeThemeRole.meterHold), maxWidth: w)
            }
        }
    }

    /// Rows of a −60…0 dBFS bar a level fills.
    static func meterRows(_ dB: Double, rows: Int) -> Int {
        guard dB.isFinite else { return 0 }
        return Int(((min(max(dB, -60), 0) + 60) / 60 * Double(rows)).rounded())
    }

    private func drawMeter(_ meter: TrackLevel, x: Int, top: Int, rows: Int, surface: inout Surface, context: RenderContext) {
        let peak = Self.meterRows(meter.peak, rows: rows), rms = Self.meterRows(meter.rms, rows: rows)
        let hold = Self.meterRows(meter.heldPeak, rows: rows)
        for r in 0..<rows {
            let height = rows - r          // this row lights at levels reaching it
            let dB = Double(height) / Double(max(rows, 1)) * 60 - 60
            let role = dB > -0.5 ? ScopeThemeRole.meterOver : dB > -9 ? ScopeThemeRole.meterWarn : ScopeThemeRole.meter
            let peakCell = height <= peak ? "█" : height == hold ? "━" : " "
            _ = surface.put(peakCell, x: x, y: top + r, style: context.style(height == hold && height > peak ? ScopeThemeRole.meterHold : role))
            _ = surface.put(height <= rms ? "▓" : " ", x: x + 1, y: top + r, style: context.style(role))
        }
    }

    public func handle(_ key: Key, context: EventContext) -> EventResult { .ignored }
    public func cursor(area: Rect, context: RenderContext) -> (x: Int, y: Int)? { nil }

    static func dB(_ v: Double) -> String { (v > 0 ? "+" : "") + String(format: "%.1f", v) + "dB" }
    static func pan(_ p: Double) -> String { p == 0 ? "C" : (p < 0 ? "L" : "R") + String(format: "%.0f", abs(p) * 100) }
    static func lufs(_ v: Double) -> String { v.isFinite ? String(format: "%.1f", v) : "-inf" }
}
