import Editor

/// The marker list (`marker-list`, alt-m): every marker of the sequence with its timecode,
/// colour, name and note, as Premiere's Markers panel and Avid's Markers window. Enter goes to
/// the marker; `r` renames it in place (type, enter keeps, esc drops the edit); `d` removes
/// it; esc or q closes. Changes go through the editor's commands, so they are journaled and
/// undoable like any other edit.
public final class MarkerList: Component {
    public private(set) var selection = 0
    /// The name being typed while renaming; nil when not renaming.
    public private(set) var editing: String?
    private var scroll = 0

    public init(selecting frame: Int? = nil, in markers: [MarkerTick] = []) {
        if let frame { selection = markers.lastIndex { $0.frame <= frame } ?? 0 }
    }

    public func render(area: Rect, surface: inout Surface, context: RenderContext) {
        let markers = context.model.timeline.markers
        let box = area.centred(width: min(area.width - 4, 100), height: min(area.height - 4, markers.count + 4))
        guard box.width > 20, box.height > 3 else { return }
        let style = context.style(ThemeRole.help)
        surface.fill(box, style: style)
        surface.drawBox(box, style: style.patched(with: context.style(ThemeRole.borderFocused)),
                        title: "Markers · \(markers.count)", titleStyle: style.patched(with: context.style(ThemeRole.helpTitle)))
        let inner = box.inner
        guard !markers.isEmpty else {
            surface.put("no markers yet: m adds one at the playhead", x: inner.x + 1, y: inner.y, style: style, maxWidth: inner.width - 1)
            return
        }
        selection = min(selection, markers.count - 1)
        if selection < scroll { scroll = selection }
        if selection >= scroll + inner.height { scroll = selection - inner.height + 1 }
        let rate = context.model.timeline.rate
        for (row, marker) in markers.enumerated().dropFirst(scroll).prefix(inner.height) {
            let y = inner.y + row - scroll
            let chosen = row == selection
            let line = chosen ? style.patched(with: context.style(ThemeRole.binsRowSelected)) : style
            if chosen { surface.fill(Rect(x: inner.x, y: y, width: inner.width, height: 1), style: line) }
            var x = surface.put(rate.timecode(marker.frame) + "  ", x: inner.x + 1, y: y, style: line, maxWidth: inner.width - 1)
            x = surface.put(DisplayWidth.padded(marker.colour, to: 8), x: x, y: y,
                            style: line.patched(with: context.style(ThemeRole.marker)), maxWidth: inner.maxX - x)
            let name = chosen && editing != nil ? editing! + "▏" : marker.name
            x = surface.put(DisplayWidth.padded(name, to: 24) + "  ", x: x, y: y, style: line, maxWidth: inner.maxX - x)
            surface.put(marker.note, x: x, y: y, style: line.patched(with: context.style(ThemeRole.textDim)), maxWidth: inner.maxX - x)
        }
        let footer = editing != nil ? " type the name · enter keeps · esc drops " : " enter go · r rename · d delete · esc close "
        surface.put(footer, x: box.x + 2, y: box.maxY - 1, style: style.patched(with: context.style(ThemeRole.helpTitle)),
                    maxWidth: box.width - 4)
    }

    public func handle(_ key: Key, context: EventContext) -> EventResult {
        let markers = context.model.timeline.markers
        if let name = editing { return rename(name, key, markers, context) }
        let at = markers.indices.contains(selection) ? "f\(markers[selection].frame)" : nil
        switch (key.base, key.modifiers) {
        case (.named("up"), []), (.character("k"), []): selection = max(0, selection - 1)
        case (.named("down"), []), (.character("j"), []): selection = min(max(0, markers.count - 1), selection + 1)
        case (.named("home"), []): selection = 0
        case (.named("end"), []): selection = max(0, markers.count - 1)
        case (.named("enter"), []):
            context.closeTopLayer = true
            if let at { context.emit("goto \(at)") }
        case (.character("r"), []):
            if markers.indices.contains(selection) { editing = markers[selection].name }
        case (.character("d"), []), (.named("delete"), []):
            if let at { context.emit("remove-marker \(at)") }
        case (.named("esc"), []), (.character("q"), []):
            context.closeTopLayer = true
        default:
            break
        }
        return .consumed
    }

    private func rename(_ name: String, _ key: Key, _ markers: [MarkerTick], _ context: EventContext) -> EventResult {
        switch (key.base, key.modifiers) {
        case (.named("enter"), []):
            editing = nil
            if markers.indices.contains(selection) {
                context.emit("rename-marker \(CommandText.quote(name)) f\(markers[selection].frame)")
            }
        case (.named("esc"), []):
            editing = nil
        case (.named("backspace"), []):
            editing = String(name.dropLast())
        default:
            if let c = key.typedCharacter, key.modifiers.isEmpty || key.modifiers == [.shift] { editing = name + String(c) }
        }
        return .consumed
    }
}
