/// The status bar, always visible: playhead timecode, keymap mode, insert/overwrite,
/// ripple, trim side, transport, then (right-aligned) pending keys, zoom and project.
/// When the bar is too narrow the right side goes first, then the left side's tail;
/// the timecode and the modes stay.
public final class StatusBar: Component {
    public init() {}

    public func segments(context: RenderContext) -> (left: [(String, String)], right: [(String, String)]) {
        let status = context.model.status
        let timeline = context.model.timeline
        let modeName = status.mode == "normal" && context.view.focus == .bins ? "BINS" : status.mode.uppercased()
        // The active monitor first and in capitals, in the mode's colours: marks, transport
        // and typed times act on it, so an editor must always see which it is.
        var left: [(String, String)] = [
            (status.source == nil ? " RECORD " : " SOURCE ", ThemeRole.statuslineMode),
            (" \(timeline.rate.timecode(timeline.playhead)) ", ThemeRole.statuslineTimecode),
            (" \(modeName) ", ThemeRole.statuslineMode),
            (" \(status.editMode) ", ThemeRole.statuslineFlag),
            (status.ripple ? " RIPPLE " : " ripple off ", status.ripple ? ThemeRole.statuslineFlag : ThemeRole.statusline),
        ]
        // The trim side matters only in trim mode; outside it the room goes to the monitor.
        if status.mode == "trim" { left.append((" trim: \(status.trimSide ?? "—") ", ThemeRole.statuslineFlag)) }
        if let trim = status.trimDetail, status.mode == "trim" { left.append((" \(trim) ", ThemeRole.statuslineFlag)) }
        if let source = status.source { left.append((" \(source) ", ThemeRole.statuslineFlag)) }
        if !status.transport.isEmpty { left.append((" \(status.transport) ", ThemeRole.statusline)) }
        if status.proxy { left.append((" PROXY ", ThemeRole.statuslineFlag)) }
        if let job = status.job { left.append((" \(job) ", ThemeRole.statuslineFlag)) }
        if let proposals = status.proposals { left.append((" \(proposals) ", ThemeRole.proposalCurrent)) }
        if let grade = status.grade {
            // In grading mode the values are what the keys move: they come right after the mode.
            if status.mode == "grade" { left.insert((" \(grade) ", ThemeRole.statuslineFlag), at: 3) } else { left.append((" \(grade) ", ThemeRole.statusline)) }
        }
        var right: [(String, String)] = []
        if !context.view.pendingKeys.isEmpty { right.append((" \(context.view.pendingText)… ", ThemeRole.statuslineFlag)) }
        right.append((" \(timeline.rate.label) fps ", ThemeRole.statusline))
        let project = status.projectName.isEmpty ? "untitled" : status.projectName
        right.append((" \(project)\(status.dirty ? " [+]" : "") ", ThemeRole.statusline))
        // Last to be dropped when the bar is narrow: an editor must know edits will be refused.
        if status.readOnly { right.append((" READ-ONLY ", ThemeRole.statuslineFlag)) }
        return (left, right)
    }

    public func render(area: Rect, surface: inout Surface, context: RenderContext) {
        guard area.height > 0 else { return }
        surface.fill(area, style: context.style(ThemeRole.statusline))
        var (left, right) = segments(context: context)
        let width = { (parts: [(String, String)]) in parts.reduce(0) { $0 + DisplayWidth.of($1.0) + 1 } }
        while !right.isEmpty, width(left) + width(right) > area.width { right.removeFirst() }
        var x = area.x
        for (text, role) in left {
            x = surface.put(text, x: x, y: area.y, style: context.style(role), maxWidth: area.maxX - x)
            x = surface.put(" ", x: x, y: area.y, style: context.style(ThemeRole.statusline), maxWidth: area.maxX - x)
        }
        var rx = area.maxX - width(right) + 1
        for (text, role) in right where rx >= x {
            rx = surface.put(text, x: rx, y: area.y, style: context.style(role), maxWidth: area.maxX - rx)
            rx += 1
        }
    }

    public func handle(_ key: Key, context: EventContext) -> EventResult { .ignored }
}

/// The message line: the result of the last command or the last error, in the
/// error style when it is one.
public final class MessageLine: Component {
    public init() {}

    public func render(area: Rect, surface: inout Surface, context: RenderContext) {
        guard area.height > 0 else { return }
        let message = context.view.message
        let style = context.style(message.isError ? ThemeRole.messageError : ThemeRole.messageInfo)
        surface.fill(area, style: context.style(ThemeRole.ui))
        surface.put(DisplayWidth.truncated(message.text, to: area.width), x: area.x, y: area.y, style: style,
                    maxWidth: area.width)
    }

    public func handle(_ key: Key, context: EventContext) -> EventResult { .ignored }
}

/// Shown instead of the panes when the terminal is below 80x24.
public enum TooSmallNotice {
    public static func text(width: Int, height: Int) -> String {
        "termcut needs at least \(ScreenLayout.minimumWidth)x\(ScreenLayout.minimumHeight); this terminal is \(width)x\(height)"
    }

    public static func render(surface: inout Surface, context: RenderContext) {
        let area = surface.area
        surface.fill(area, style: context.style(ThemeRole.ui))
        let lines = wrap(text(width: area.width, height: area.height), width: max(1, area.width))
        let top = max(0, (area.height - lines.count) / 2)
        for (i, line) in lines.enumerated() where top + i < area.height {
            let x = max(0, (area.width - DisplayWidth.of(line)) / 2)
            surface.put(line, x: x, y: top + i, style: context.style(ThemeRole.notice), maxWidth: area.width - x)
        }
    }

    /// Word-wraps to `width` columns (words longer than a line are cut).
    static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = [], current = ""
        for word in text.split(separator: " ") {
            let candidate = current.isEmpty ? String(word) : current + " " + word
            if DisplayWidth.of(candidate) <= width {
                current = candidate
            } else {
                if !current.isEmpty { lines.append(current) }
                current = DisplayWidth.prefix(of: String(word), fitting: width).0
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }
}
