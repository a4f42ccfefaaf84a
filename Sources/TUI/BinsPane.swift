/// The bins: bins as headings, their media as rows with duration, frame size, rate,
/// codec, audio layout and start timecode. Columns are dropped from the right when the pane is narrow;
/// the name always stays.
public final class BinsPane: Component {
    public init() {}

    struct Column: Sendable {
        var title: String
        var width: Int
        var value: @Sendable (BinRow) -> String
    }

    static let columns: [Column] = [
        Column(title: "Duration", width: 11, value: { $0.duration }),
        Column(title: "Size", width: 9, value: { $0.size }),
        Column(title: "Rate", width: 6, value: { $0.rate }),
        Column(title: "Codec", width: 6, value: { $0.codec }),
        Column(title: "Audio", width: 6, value: { $0.audio }),
        Column(title: "Start", width: 11, value: { $0.start }),
    ]
    static let minimumNameWidth = 14

    /// The columns that fit beside a name at least `minimumNameWidth` wide.
    static func fittingColumns(width: Int) -> [Column] {
        var chosen = columns
        while !chosen.isEmpty, width - chosen.reduce(0, { $0 + $1.width + 1 }) < minimumNameWidth {
            chosen.removeLast()
        }
        return chosen
    }

    /// How many media rows fit in a pane of this height (box and column header take 3 rows).
    public static func visibleRows(paneHeight: Int) -> Int { max(0, paneHeight - 3) }

    /// The first row to show so that `selection` is visible.
    public static func scroll(selection: Int, scroll: Int, visible: Int) -> Int {
        guard visible > 0 else { return 0 }
        if selection < scroll { return selection }
        if selection >= scroll + visible { return selection - visible + 1 }
        return scroll
    }

    public func render(area: Rect, surface: inout Surface, context: RenderContext) {
        let focused = context.view.focus == .bins
        let rows = BinsListing.rows(context.model.bins, view: context.view)
        surface.drawBox(area, style: context.style(focused ? ThemeRole.borderFocused : ThemeRole.border),
                        title: BinsPane.title(model: context.model, view: context.view, listed: rows),
                        titleStyle: context.style(focused ? ThemeRole.titleFocused : ThemeRole.title))
        let inner = area.inner
        guard inner.height > 0, inner.width > 0 else { return }
        // Roles that set no background get the theme's (`ui`), not the terminal's default:
        // a light theme on a dark terminal must not show dark stripes under the rows.
        let base = context.style(ThemeRole.ui)
        func style(_ role: String) -> Style { base.patched(with: context.style(role)) }
        let columns = BinsPane.fittingColumns(width: inner.width)
        let nameWidth = inner.width - columns.reduce(0) { $0 + $1.width + 1 }
        func line(_ name: String, _ values: [String]) -> String {
            var text = DisplayWidth.padded(name, to: nameWidth)
            for (column, value) in zip(columns, values) {
                text += " " + DisplayWidth.padded(value, to: column.width)
            }
            return text
        }
        surface.put(line("Name", columns.map(\.title)), x: inner.x, y: inner.y, style: style(ThemeRole.binsHeader),
                    maxWidth: inner.width)
        if rows.isEmpty {
            if inner.height > 1 {
                let text = context.model.bins.isEmpty ? "No media yet: :import PATH"
                    : "Nothing matches \"\(context.view.binsFilter)\" (esc clears)"
                surface.put(text, x: inner.x, y: inner.y + 1, style: style(ThemeRole.textDim), maxWidth: inner.width)
            }
            return
        }
        // A filmstrip of the selected media along the bottom, when the feed can decode pictures
        // and the pane has room for it and at least a few rows of the list.
        var stripHeight = 0
        if let feed = context.feed, inner.height >= Filmstrip.frameRows + 6,
           rows.indices.contains(context.view.binsSelection) {
            let selected = rows[context.view.binsSelection]
            let media = selected.kind == .media && selected.hasPicture && !selected.offline
            if media || (selected.kind == .bin && selected.pictureMedia != nil && !selected.stills.isEmpty) {
                stripHeight = Filmstrip.frameRows + 1
                let top = inner.y + inner.height - Filmstrip.frameRows
                let count = Filmstrip.count(width: inner.width)
                // Media: frames spread over its length (a subclip's over its range); a bin of scenes: each scene's first frame.
                let times = media ? Filmstrip.times(count: count, seconds: selected.seconds).map { selected.startSeconds + $0 }
                    : Array(selected.stills.prefix(count))
                for (n, seconds) in times.enumerated() {
                    let x = inner.x + n * (Filmstrip.frameColumns + 1)
                    if let image = feed.thumbnail(media: selected.pictureMedia ?? selected.reference, seconds: seconds,
                                                  width: Filmstrip.frameColumns, height: 2 * Filmstrip.frameRows) {
                        Filmstrip.draw(image, x: x, y: top, on: &surface)
                    } else {
                        _ = surface.put(String(repeating: "·", count: Filmstrip.frameColumns), x: x, y: top + 1,
                                        style: style(ThemeRole.textDim), maxWidth: Filmstrip.frameColumns)
                    }
                }
            }
        }
        let visible = inner.height - 1 - stripHeight
        let scroll = BinsPane.scroll(selection: context.view.binsSelection, scroll: context.view.binsScroll, visible: visible)
        for (offset, row) in rows.dropFirst(scroll).prefix(visible).enumerated() {
            let index = scroll + offset
            let y = inner.y + 1 + offset
            let indent = String(repeating: "  ", count: row.depth)
            var rowStyle: Style
            let text: String
            switch row.kind {
            case .bin:
                rowStyle = style(ThemeRole.binsBin)
                let closed = context.view.binsFilter.isEmpty && context.view.collapsedBins.contains(row.reference)
                text = DisplayWidth.padded(indent + (closed ? "▸ " : "▾ ") + row.name, to: inner.width)
            case .media:
                rowStyle = style(row.offline ? ThemeRole.binsRowOffline : ThemeRole.binsRow)
                text = line(indent + (row.offline ? "! " : "") + row.name, columns.map { $0.value(row) })
            case .sequence:
                rowStyle = style(ThemeRole.binsRow)
                text = line(indent + "≡ " + row.name, columns.map { $0.value(row) })
            }
            if index == context.view.binsSelection {
                rowStyle = rowStyle.patched(with: context.style(ThemeRole.binsRowSelected))
            }
            surface.put(text, x: inner.x, y: y, style: rowStyle, maxWidth: inner.width)
        }
        if rows.count > scroll + visible {
            surface.put(" ↓ \(rows.count - scroll - visible) more ", x: area.x + 2, y: area.maxY - 1,
                        style: context.style(ThemeRole.title), maxWidth: area.width - 4)
        }
    }

    public func handle(_ key: Key, context: EventContext) -> EventResult { .ignored }

    /// "Bins · 12 items", then the sort ("by duration ↓") and the search ("/beach: 3").
    static func title(model: ScreenModel, view: ViewState, listed: [BinRow]) -> String {
        let mediaCount = model.bins.filter { $0.kind == .media }.count
        var title = "Bins · \(mediaCount) item\(mediaCount == 1 ? "" : "s")"
        if let sort = view.binsSort { title += " · by \(sort.key.rawValue) \(sort.descending ? "↓" : "↑")" }
        if !view.binsFilter.isEmpty {
            title += " · /\(view.binsFilter): \(listed.filter { $0.kind == .media }.count)"
        }
        return title
    }
}
