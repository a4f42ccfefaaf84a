/// The timeline: a timecode ruler (labels, then ticks with in/out, markers and the
/// playhead), and one row per track — a header with name and Lock/Mute/Solo, then
/// clips as `[label]` blocks, gaps as blanks, transitions as `╳`, offline clips as
/// `[!label///]`. Colours come from the theme; the brackets keep boundaries visible
/// without colour.
public final class TimelinePane: Component {
    public init() {}

    public func render(area: Rect, surface: inout Surface, context: RenderContext) {
        let timeline = context.model.timeline
        let focused = context.view.focus == .timeline
        let monitor = context.model.status.source == nil ? "RECORD ◀" : "record (SOURCE active)"
        var title = "Timeline · \(monitor) · \(timeline.name) · \(timeline.rate.label) fps · \(TimelineZoom.framesPerColumn(context.view.zoomLevel))f/col"
        // The marked duration, in to out inclusive, as the record monitor's IN-OUT display.
        if let markIn = timeline.markIn, let markOut = timeline.markOut, markOut >= markIn {
            title += " · IN-OUT \(timeline.rate.duration(markOut - markIn + 1))"
        }
        surface.drawBox(area, style: context.style(focused ? ThemeRole.borderFocused : ThemeRole.border), title: title,
                        titleStyle: context.style(focused ? ThemeRole.titleFocused : ThemeRole.title))
        let geometry = TimelineGeometry(pane: area, framesPerColumn: TimelineZoom.framesPerColumn(context.view.zoomLevel),
                                        start: context.view.timelineStart)
        guard geometry.columns > 0, geometry.inner.height > 0 else { return }
        drawRuler(geometry, timeline, &surface, context)
        if timeline.tracks.isEmpty {
            if geometry.trackRows > 0 {
                surface.put("No tracks yet: insert a clip from the bins", x: geometry.inner.x + 1,
                            y: geometry.inner.y + TimelineGeometry.rulerRows, style: context.style(ThemeRole.textDim),
                            maxWidth: geometry.inner.width - 1)
            }
            return
        }
        let shown = min(timeline.tracks.count, geometry.trackRows)
        for (row, track) in timeline.tracks.prefix(shown).enumerated() {
            drawTrack(track, y: geometry.inner.y + TimelineGeometry.rulerRows + row, geometry, &surface, context)
        }
        let hidden = timeline.tracks.count - shown
        if hidden > 0 {
            surface.put(" +\(hidden) more track\(hidden == 1 ? "" : "s") ", x: area.x + 2, y: area.maxY - 1,
                        style: context.style(ThemeRole.title), maxWidth: area.width - 4)
        }
        drawProposals(timeline, geometry, rows: shown, &surface, context)
        drawPlayhead(timeline.playhead, geometry, rows: shown, &surface, context)
    }

    public func handle(_ key: Key, context: EventContext) -> EventResult { .ignored }

    // MARK: - Ruler

    /// A label every `interval` frames, chosen so labels (11 columns) never touch.
    static func labelInterval(framesPerColumn: Int, rate: ViewRate) -> Int {
        let base = rate.timecodeBase
        let candidates = [1, 2, 5, 10] + [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 18000, 36000].map { $0 * base }
        return candidates.first { $0 / framesPerColumn >= 13 } ?? 36000 * base
    }

    private func drawRuler(_ g: TimelineGeometry, _ timeline: TimelineView, _ surface: inout Surface, _ context: RenderContext) {
        let labelRow = g.inner.y, tickRow = g.inner.y + 1
        let rulerStyle = context.style(ThemeRole.ruler)
        let headerStyle = context.style(ThemeRole.trackHeader)
        surface.fill(Rect(x: g.inner.x, y: labelRow, width: g.inner.width, height: min(2, g.inner.height)), style: rulerStyle)
        for y in [labelRow, tickRow] where y < g.inner.maxY {
            surface.put(String(repeating: " ", count: TimelineGeometry.headerWidth - 1), x: g.inner.x, y: y, style: headerStyle)
        }
        surface.put(BoxGlyph.vertical, x: g.columnsX - 1, y: labelRow, style: rulerStyle)
        if g.inner.height > 1 { surface.put(BoxGlyph.vertical, x: g.columnsX - 1, y: tickRow, style: rulerStyle) }

        let interval = TimelinePane.labelInterval(framesPerColumn: g.framesPerColumn, rate: timeline.rate)
        let minor = interval / 5 >= 2 * g.framesPerColumn ? interval / 5 : 0
        var frame = (g.start + interval - 1) / interval * interval
        let end = g.start + g.visibleFrames
        while frame < end {
            let column = g.column(of: frame)
            if column + 11 <= g.columns {
                surface.put(timeline.rate.timecode(frame), x: g.columnsX + column, y: labelRow,
                            style: context.style(ThemeRole.rulerLabel))
            }
            if g.inner.height > 1 { surface.put("|", x: g.columnsX + column, y: tickRow, style: rulerStyle) }
            if minor > 0, g.inner.height > 1 {
                for k in 1 ..< 5 {
                    let c = g.column(of: frame + k * minor)
                    if c < g.columns { surface.put("·", x: g.columnsX + c, y: tickRow, style: rulerStyle) }
                }
            }
            frame += interval
        }
        // Minor ticks before the first label.
        if minor > 0, g.inner.height > 1 {
            var f = (g.start + minor - 1) / minor * minor
            while f < (g.start + interval - 1) / interval * interval && f < end {
                surface.put("·", x: g.columnsX + g.column(of: f), y: tickRow, style: rulerStyle)
                f += minor
            }
        }
        guard g.inner.height > 1 else { return }
        // In/out range, then markers, on the tick row.
        let inOutStyle = context.style(ThemeRole.inOut)
        if timeline.markIn != nil || timeline.markOut != nil {
            let first = g.column(of: timeline.markIn ?? g.start)
            let last = g.column(of: timeline.markOut ?? (end - 1))
            let from = max(0, first), to = min(g.columns - 1, last)
            if from <= to {
                for c in from ... to {
                    for y in [labelRow, tickRow] {
                        surface.applyStyle(Rect(x: g.columnsX + c, y: y, width: 1, height: 1), style: inOutStyle)
                    }
                }
            }
            if timeline.markIn != nil, first >= 0, first < g.columns {
                surface.put("[", x: g.columnsX + first, y: tickRow, style: rulerStyle.patched(with: inOutStyle))
            }
            if timeline.markOut != nil, last >= 0, last < g.columns {
                surface.put("]", x: g.columnsX + last, y: tickRow, style: rulerStyle.patched(with: inOutStyle))
            }
        }
        // Each name follows its ◆ where it fits before the next marker (at least three letters).
        let columns = timeline.markers.map { g.column(of: $0.frame) }
        for (index, marker) in timeline.markers.enumerated() {
            let c = columns[index]
            guard c >= 0, c < g.columns else { continue }
            let markerStyle = context.style(ThemeRole.marker)
            let base = surface[g.columnsX + c, tickRow].style
            surface.put("◆", x: g.columnsX + c, y: tickRow, style: base.patched(with: markerStyle))
            let next = columns.dropFirst(index + 1).first { $0 > c } ?? g.columns
            let room = min(next, g.columns) - c - 2
            if room >= 3, !marker.name.isEmpty {
                surface.put(marker.name, x: g.columnsX + c + 1, y: tickRow, style: rulerStyle.patched(with: markerStyle), maxWidth: room)
            }
        }
    }

    // MARK: - Tracks

    /// `V1 ▸L M S`: name, `▸` when the source is patched to it (where insert and overwrite
    /// land), then Lock, Mute, Solo as letters when on and `·` when off. A selected track's
    /// name is drawn lit (reversed), as Avid's track selectors are.
    static func header(for track: TrackRow) -> String {
        DisplayWidth.padded(track.name, to: 3) + (track.target ? "▸" : " ")
            + (track.locked ? "L" : "·") + " " + (track.muted ? "M" : "·") + " " + (track.solo ? "S" : "·")
    }

    private func drawTrack(_ track: TrackRow, y: Int, _ g: TimelineGeometry, _ surface: inout Surface, _ context: RenderContext) {
        let headerStyle = context.style(ThemeRole.trackHeader)
        let flagStyle = context.style(ThemeRole.trackHeaderFlag)
        let header = TimelinePane.header(for: track)
        surface.put(header, x: g.inner.x, y: y, style: headerStyle, maxWidth: TimelineGeometry.headerWidth - 1)
        for (offset, flag) in [(4, track.locked), (6, track.muted), (8, track.solo), (3, track.target)] where flag {
            surface.applyStyle(Rect(x: g.inner.x + offset, y: y, width: 1, height: 1), style: flagStyle)
        }
        if track.selected {
            surface.applyStyle(Rect(x: g.inner.x, y: y, width: DisplayWidth.of(track.name), height: 1), style: Style(attributes: .reverse))
        }
        surface.put(BoxGlyph.vertical, x: g.columnsX - 1, y: y, style: context.style(ThemeRole.border))

        let clipRole = track.kind == .video ? ThemeRole.clipVideo : ThemeRole.clipAudio
        let muteStyle = Style(attributes: track.muted ? .dim : [])
        let clipStyle = context.style(clipRole).patched(with: muteStyle)
        for item in track.items where item.kind != .transition {
            drawBlock(item, y: y, g, &surface, context, clipStyle: clipStyle)
        }
        if track.kind == .audio, let feed = context.feed {
            for item in track.items where item.kind == .clip && !item.offline && item.media != nil {
                drawWaveform(item, y: y, g, &surface, feed: feed, rate: context.model.timeline.rate)
            }
        }
        if track.kind == .audio {
            for item in track.items where item.kind == .clip && item.volume != nil { drawVolumeLine(item, y: y, g, &surface) }
        }
        let transitionStyle = context.style(ThemeRole.transition)
        for item in track.items where item.kind == .transition {
            drawBlock(item, y: y, g, &surface, context, clipStyle: transitionStyle)
        }
    }

    /// The text of a block `width` columns wide whose first column is `firstColumn`
    /// (negative when it starts left of the view): `[label  ]`, `[!label//]`, `|`.
    static func blockText(_ item: ClipBlock, width: Int) -> [String] {
        switch item.kind {
        case .gap:
            return Array(repeating: " ", count: width)
        case .transition:
            return Array(repeating: "╳", count: width)
        case .clip:
            if width == 1 { return ["|"] }
            var cells = Array(repeating: item.offline ? "/" : " ", count: width)
            cells[0] = "["
            cells[width - 1] = "]"
            return cells
        }
    }

    private func drawBlock(_ item: ClipBlock, y: Int, _ g: TimelineGeometry, _ surface: inout Surface,
                           _ context: RenderContext, clipStyle: Style) {
        guard item.duration > 0 else { return }
        let first = g.column(of: item.recordStart)
        var last = g.column(of: item.recordEnd - 1)
        if item.kind == .transition { last = max(last, first) }
        guard last >= 0, first < g.columns else { return }
        var style: Style
        switch item.kind {
        case .gap: style = context.style(ThemeRole.gap)
        case .transition: style = clipStyle
        case .clip: style = item.offline ? clipStyle.patched(with: context.style(ThemeRole.clipOffline)) : clipStyle
        }
        if item.selected { style = style.patched(with: context.style(ThemeRole.clipSelected)) }
        let width = last - first + 1
        let cells = TimelinePane.blockText(item, width: width)
        for c in max(0, first) ... min(g.columns - 1, last) {
            surface.put(cells[c - first], x: g.columnsX + c, y: y, style: style)
        }
        guard item.kind == .clip, width > 2 else { return }
        // The label starts inside the bracket, or at the left edge when the clip began off screen.
        let label = (item.offline ? "!" : "") + item.label
        let labelStart = max(first + 1, 0)
        let labelEnd = min(last - 1, g.columns - 1)
        if labelEnd >= labelStart {
            surface.put(DisplayWidth.truncated(label, to: labelEnd - labelStart + 1), x: g.columnsX + labelStart, y: y,
                        style: style, maxWidth: labelEnd - labelStart + 1)
        }
    }

    /// The clip's sound as braille in the columns after its label, two buckets per column,
    /// each bucket the source time its half column shows. Until the feed has the peaks the
    /// clip stays plain.
    private func drawWaveform(_ item: ClipBlock, y: Int, _ g: TimelineGeometry, _ surface: inout Surface,
                              feed: MediaFeed, rate: ViewRate) {
        guard let media = item.media else { return }
        let first = g.column(of: item.recordStart), last = g.column(of: item.recordEnd - 1)
        let labelStart = max(first + 1, 0)
        let labelWidth = DisplayWidth.of(item.label) + (item.offline ? 1 : 0)
        let from = max(labelStart + labelWidth + 1, first + 1, 0)
        let to = min(last - 1, g.columns - 1)
        guard to >= from else { return }
        let seconds = { (frame: Int) in
            Double(item.sourceStart + frame - item.recordStart) * Double(rate.denominator) / Double(rate.numerator)
        }
        let start = max(item.recordStart, g.frame(atColumn: from))
        let end = min(item.recordEnd, g.frame(atColumn: to + 1))
        guard end > start, let peaks = feed.waveform(media: media, from: seconds(start), to: seconds(end),
                                                     buckets: 2 * (to - from + 1)) else { return }
        for (offset, cell) in BrailleWaveform.cells(peaks).enumerated() where from + offset <= to {
            let x = g.columnsX + from + offset
            surface.put(cell, x: x, y: y, style: surface[x, y].style)
        }
    }

    /// The clip's volume envelope as a braille line over the columns its waveform uses.
    private func drawVolumeLine(_ item: ClipBlock, y: Int, _ g: TimelineGeometry, _ surface: inout Surface) {
        guard let line = item.volume else { return }
        let first = g.column(of: item.recordStart), last = g.column(of: item.recordEnd - 1)
        let labelWidth = DisplayWidth.of(item.label) + (item.offline ? 1 : 0)
        let from = max(max(first + 1, 0) + labelWidth + 1, first + 1, 0)
        let to = min(last - 1, g.columns - 1)
        guard to >= from else { return }
        for column in from ... to {
            // The level at the middle of each half column.
            let start = Double(g.frame(atColumn: column) - item.recordStart), end = Double(g.frame(atColumn: column + 1) - item.recordStart)
            let bits = VolumeLine.bits(left: line.level(at: start + (end - start) / 4), right: line.level(at: start + 3 * (end - start) / 4))
            let x = g.columnsX + column
            surface.put(VolumeLine.merged(surface[x, y].symbol, bits), x: x, y: y, style: surface[x, y].style)
        }
    }

    private func drawPlayhead(_ playhead: Int, _ g: TimelineGeometry, rows: Int, _ surface: inout Surface,
                              _ context: RenderContext) {
        let column = g.column(of: playhead)
        guard column >= 0, column < g.columns else { return }
        let x = g.columnsX + column
        let style = context.style(ThemeRole.playhead)
        if g.inner.height > 1 {
            // A mark under the playhead stays visible, in the playhead's colour.
            let under = surface[x, g.inner.y + 1].symbol
            surface.put(under == "[" || under == "]" ? under : "▼", x: x, y: g.inner.y + 1,
                        style: surface[x, g.inner.y + 1].style.patched(with: style))
        }
        for row in 0 ..< rows {
            let y = g.inner.y + TimelineGeometry.rulerRows + row
            if surface[x, y].symbol == " " { surface.put("│", x: x, y: y, style: surface[x, y].style) }
            surface.applyStyle(Rect(x: x, y: y, width: 1, height: 1), style: style)
        }
    }
}
