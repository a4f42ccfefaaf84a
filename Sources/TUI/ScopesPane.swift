import Analysis
import Foundation

/// Which scope the pane shows; `scope NAME`, `scope-next` and `scope-prev` change it.
public struct ScopeSelection: Equatable, Sendable {
    public var kind: ScopeKind = .waveform

    public init(kind: ScopeKind = .waveform) { self.kind = kind }

    /// Runs one of the scope commands; returns the message line's text and whether it is an error.
    public mutating func apply(_ command: String, argument: String) -> ViewState.Message {
        switch command {
        case "scope-next": kind = kind.next
        case "scope-prev": kind = kind.previous
        default:
            guard let chosen = ScopeKind(name: argument.trimmingCharacters(in: .whitespaces)) else {
                let names = ScopeKind.allCases.map(\.rawValue).joined(separator: ", ")
                return .init("scope: expected one of \(names), got \"\(argument)\"", isError: true)
            }
            kind = chosen
        }
        return .init("scope: \(kind.title.lowercased())")
    }
}

/// Levels for the meters under the scope: per channel peak, RMS and held peak (dBFS) with the
/// clip latch, and the programme's loudness (LUFS) since playback started.
public struct MeterReading: Equatable, Sendable {
    public var channels: [ChannelLevel]
    public var momentary: Double
    public var shortTerm: Double
    public var integrated: Double
    /// Each audio track's own meter, in track order (the mixer's strips).
    public var tracks: [TrackLevel]

    public init(channels: [ChannelLevel], momentary: Double, shortTerm: Double, integrated: Double, tracks: [TrackLevel] = []) {
        self.channels = channels
        self.tracks = tracks
        self.momentary = momentary
        self.shortTerm = shortTerm
        self.integrated = integrated
    }
}

/// What the scopes pane shows, computed off the UI thread by the app (`ScopesFeed`) and carried
/// in the screen model: rendered scopes for the pane's current layout, meters, and a note on
/// where the picture came from.
public struct ScopesView: Equatable, Sendable {
    public var scopes: [RenderedScope]
    public var meters: MeterReading?
    public var note: String

    public init(scopes: [RenderedScope] = [], meters: MeterReading? = nil, note: String = "") {
        self.scopes = scopes
        self.meters = meters
        self.note = note
    }
}

/// The theme roles of the scopes and meters (each theme defines them; they fall back to `ui`).
public enum ScopeThemeRole {
    public static let trace = "ui.scope.trace"
    public static let traceDim = "ui.scope.trace.dim"
    public static let traceBright = "ui.scope.trace.bright"
    public static let red = "ui.scope.red"
    public static let green = "ui.scope.green"
    public static let blue = "ui.scope.blue"
    public static let graticule = "ui.scope.graticule"
    public static let legal = "ui.scope.legal"
    public static let target = "ui.scope.target"
    public static let skinTone = "ui.scope.skin"
    public static let label = "ui.scope.label"
    public static let meter = "ui.meter"
    public static let meterWarn = "ui.meter.warn"
    public static let meterOver = "ui.meter.over"
    public static let meterHold = "ui.meter.hold"
    public static let meterClip = "ui.meter.clip"

    public static let all = [trace, traceDim, traceBright, red, green, blue, graticule, legal, target, skinTone, label,
                             meter, meterWarn, meterOver, meterHold, meterClip]

    /// The role of one scope cell: trace cells by intensity (log density, dim below a third,
    /// bright above two thirds), overlays by what they mark.
    public static func role(of cell: ScopeCell) -> String {
        switch cell.role {
        case .background: return ThemeRole.ui
        case .trace: return ScopesPane.traceRole(intensity: cell.intensity, shown: nil)
        case .red: return red
        case .green: return green
        case .blue: return blue
        case .graticule: return graticule
        case .legalLimit: return legal
        case .target: return target
        case .skinTone: return skinTone
        }
    }
}

/// The scopes pane: the selected scope of the frame under the playhead (and a second one beside
/// it when the pane is wide enough), with IRE labels, over the audio meters and loudness.
/// It only draws `ScreenModel.scopes`; the app computes them for the rectangles `layout` gives.
public final class ScopesPane: Component {
    public init() {}

    /// The intensity band each scope's trace cells were last given, so an intensity hovering at a
    /// band's edge keeps its colour from one frame to the next (`rowRoles(_:shown:)`).
    var shownRoles: [ScopeKind: [[String]]] = [:]

    /// Rows the meters take under the scopes: one per channel and one of loudness.
    public static let meterRows = 3
    /// A second scope joins the first from this inner width.
    public static let sideBySideWidth = 64

    /// Where each scope goes in a pane of `area` (the box included) showing `kind` first, and
    /// where the meters go. One function, so the app computes exactly the sizes drawn.
    public static func layout(area: Rect, kind: ScopeKind) -> (scopes: [(kind: ScopeKind, rect: Rect)], meters: Rect) {
        let inner = area.inner
        guard inner.width > 0, inner.height > 0 else { return ([], Rect(x: 0, y: 0, width: 0, height: 0)) }
        var scopeArea = inner, meters = Rect(x: inner.x, y: inner.maxY, width: inner.width, height: 0)
        if inner.height >= meterRows + 4 {
            (scopeArea, meters) = inner.splitBottom(meterRows)
        }
        // A line for the note at the top of the scope area.
        scopeArea = scopeArea.splitTop(1).rest
        guard scopeArea.height > 0 else { return ([], meters) }
        if scopeArea.width >= sideBySideWidth {
            let companion: ScopeKind = kind == .vectorscope ? .waveform : .vectorscope
            // The vectorscope is square: 2 cells per row (braille dots are 2×4 per cell).
            let squareWidth = scopeArea.height * 2 + 1
            if kind == .vectorscope {
                let (left, right) = scopeArea.splitLeft(squareWidth)
                return ([(kind, left), (companion, right)], meters)
            }
            let (left, right) = scopeArea.splitLeft(scopeArea.width - squareWidth)
            return ([(kind, left), (companion, right)], meters)
        }
        return ([(kind, scopeArea)], meters)
    }

    /// The trace size in cells each scope is computed at, for the app: the scope's rectangle
    /// less its labels (and one separating column).
    public static func traceSizes(area: Rect, kind: ScopeKind) -> [(kind: ScopeKind, cells: Int, rows: Int)] {
        layout(area: area, kind: kind).scopes.map { entry in
            let size = entry.kind.traceSize(cells: max(entry.rect.width - 1, 0), rows: entry.rect.height)
            return (entry.kind, size.cells, size.rows)
        }
    }

    public func render(area: Rect, surface: inout Surface, context: RenderContext) {
        let kind = context.view.scopes.kind
        surface.drawBox(area, style: context.style(ThemeRole.border), title: "Scopes · \(kind.title)",
                        titleStyle: context.style(ThemeRole.title))
        let inner = area.inner
        guard inner.width > 0, inner.height > 0 else { return }
        let view = context.model.scopes
        let (scopes, meters) = ScopesPane.layout(area: area, kind: kind)
        let note = view.scopes.isEmpty ? "no picture yet" : view.note
        surface.put(DisplayWidth.truncated(note, to: inner.width), x: inner.x, y: inner.y,
                    style: context.style(ThemeRole.textDim), maxWidth: inner.width)
        for (kind, rect) in scopes {
            guard let rendered = view.scopes.first(where: { $0.kind == kind }) else { continue }
            shownRoles[kind] = Self.draw(rendered, in: rect, surface: &surface, context: context, shown: shownRoles[kind] ?? [])
        }
        if meters.height > 0 { Self.drawMeters(view.meters, in: meters, surface: &surface, context: context) }
    }

    /// One scope: labels in their column, the cells after them, clipped to `rect`. Returns the
    /// cells' intensity bands, row by row, for the next call's `shown`.
    @discardableResult
    static func draw(_ scope: RenderedScope, in rect: Rect, surface: inout Surface, context: RenderContext,
                     shown: [[String]] = []) -> [[String]] {
        let labelWidth = scope.kind.labelWidth
        let labelStyle = context.style(ScopeThemeRole.label)
        for label in scope.labels where label.row < rect.height {
            let text = String(repeating: " ", count: max(labelWidth - 1 - label.text.count, 0)) + label.text
            surface.put(text, x: rect.x, y: rect.y + label.row, style: labelStyle, maxWidth: labelWidth)
        }
        let x0 = rect.x + labelWidth
        var bands: [[String]] = []
        for (row, cells) in scope.text.cells.enumerated() where row < rect.height {
            let (rowBands, roles) = rowRoles(cells, shown: row < shown.count ? shown[row] : [])
            for (column, cell) in cells.enumerated() where x0 + column < rect.maxX {
                surface.put(String(cell.character), x: x0 + column, y: rect.y + row, style: context.style(roles[column]))
            }
            bands.append(rowBands)
        }
        return bands
    }

    /// How far (of 255) an intensity may stray past the band a cell had last time before the cell changes colour: the log density of a trace cell wanders by a few steps
    /// between neighbouring frames, and each change of colour redraws a cell whose dots did not move.
    static let intensityHysteresis = 24

    /// The trace role (intensity band) for `intensity` given the band the cell had last time: that
    /// band while the intensity stays within `intensityHysteresis` of it.
    static func traceRole(intensity: UInt8, shown: String?) -> String {
        let bands = [(ScopeThemeRole.traceDim, 0..<85), (ScopeThemeRole.trace, 85..<170), (ScopeThemeRole.traceBright, 170..<256)]
        let value = Int(intensity)
        if let shown, let band = bands.first(where: { $0.0 == shown })?.1,
           value >= band.lowerBound - intensityHysteresis, value < band.upperBound + intensityHysteresis {
            return shown
        }
        return bands.first { $0.1.contains(value) }!.0
    }

    /// Trace runs shorter than this take the intensity of a neighbouring trace run.
    static let shortestTraceRun = 3

    /// The theme role of each cell of one scope row, with the trace intensities smoothed along the
    /// row: a run of fewer than `shortestTraceRun` cells of one intensity, next to a trace run of
    /// another, takes that run's intensity (the longer neighbour's). Each change of intensity is a
    /// colour change on the terminal, which costs several times the bytes of the braille cell
    /// itself, and a dense trace flickering between neighbouring intensities from one frame to the
    /// next redraws cells whose dots did not move. Merging short runs keeps the shading of the
    /// trace's body while most rows change colour a few times instead of at every other cell.
    /// Empty cells are spaces in the dim trace colour (the background is the pane's either way):
    /// a gap inside a trace then needs no colour change on either side of it.
    /// `shown` holds the bands the row's cells were given last time (empty: none), for
    /// `traceRole`; they come back as `bands` (the roles before smoothing). Keeping the bands, not
    /// the smoothed roles, makes the same scope draw the same way however often it is drawn.
    static func rowRoles(_ cells: [ScopeCell], shown: [String] = []) -> (bands: [String], drawn: [String]) {
        let bands = cells.enumerated().map { column, cell in
            cell.role == .trace ? traceRole(intensity: cell.intensity, shown: column < shown.count ? shown[column] : nil)
                                : ScopeThemeRole.role(of: cell)
        }
        var roles = bands
        let traceRoles: Set<String> = [ScopeThemeRole.traceDim, ScopeThemeRole.trace, ScopeThemeRole.traceBright]
        // Runs of one role: (role, start, length), left to right.
        var runs: [(role: String, start: Int, count: Int)] = []
        for (index, role) in roles.enumerated() {
            if let last = runs.last, last.role == role { runs[runs.count - 1].count += 1 } else { runs.append((role, index, 1)) }
        }
        for i in runs.indices where traceRoles.contains(runs[i].role) && runs[i].count < shortestTraceRun {
            // The left neighbour already carries its merged role; the longer trace neighbour wins.
            let left = i > 0 && traceRoles.contains(runs[i - 1].role) ? runs[i - 1] : nil
            let right = i + 1 < runs.count && traceRoles.contains(runs[i + 1].role) ? runs[i + 1] : nil
            guard let chosen = [left, right].compactMap({ $0 }).max(by: { $0.count < $1.count }) else { continue }
            runs[i].role = chosen.role
            if let left, left.role == chosen.role { runs[i - 1].count += runs[i].count }
        }
        for run in runs {
            let role = run.role == ThemeRole.ui ? ScopeThemeRole.traceDim : run.role
            for index in run.start..<(run.start + run.count) { roles[index] = role }
        }
        return (bands, roles)
    }

    /// Per channel: `L ████▒▒│   -12.3`: RMS solid, peak shaded, the held peak as a bar, from
    /// −60 to 0 dBFS; `CLIP` instead of the number once a sample reached full scale. Then the
    /// loudness line: momentary, short-term, integrated.
    static func drawMeters(_ reading: MeterReading?, in rect: Rect, surface: inout Surface, context: RenderContext) {
        guard let reading, !reading.channels.isEmpty else {
            surface.put("meters: play to measure", x: rect.x, y: rect.y, style: context.style(ThemeRole.textDim), maxWidth: rect.width)
            return
        }
        let names = reading.channels.count == 2 ? ["L", "R"] : reading.channels.indices.map { "\($0 + 1)" }
        let barWidth = max(rect.width - 10, 1)
        func column(_ dB: Double) -> Int {
            guard dB.isFinite else { return 0 }
            return Int(((min(max(dB, -60), 0) + 60) / 60 * Double(barWidth)).rounded())
        }
        for (index, level) in reading.channels.enumerated().prefix(max(rect.height - 1, 1)) {
            let y = rect.y + index
            surface.put(names[index], x: rect.x, y: y, style: context.style(ScopeThemeRole.label))
            let rms = column(level.rms), peak = column(level.peak), held = column(level.heldPeak)
            for c in 0..<barWidth {
                let dB = Double(c + 1) / Double(barWidth) * 60 - 60
                let role = dB > -6 ? ScopeThemeRole.meterOver : dB > -18 ? ScopeThemeRole.meterWarn : ScopeThemeRole.meter
                var symbol = c < rms ? "█" : c < peak ? "▒" : "·"
                var style = context.style(c < peak ? role : ThemeRole.textDim)
                if c == held - 1, held > peak {
                    symbol = "│"
                    style = context.style(ScopeThemeRole.meterHold)
                }
                surface.put(symbol, x: rect.x + 2 + c, y: y, style: style)
            }
            let value = level.clipped ? "CLIP" : format(level.peak)
            surface.put(value, x: rect.x + 3 + barWidth, y: y,
                        style: context.style(level.clipped ? ScopeThemeRole.meterClip : ScopeThemeRole.label), maxWidth: 7)
        }
        let text = "M \(format(reading.momentary))  S \(format(reading.shortTerm))  I \(format(reading.integrated)) LUFS"
        surface.put(text, x: rect.x, y: rect.maxY - 1, style: context.style(ScopeThemeRole.label), maxWidth: rect.width)
    }

    static func format(_ value: Double) -> String {
        value.isFinite ? String(format: "%.1f", value) : "-inf"
    }

    public func handle(_ key: Key, context: EventContext) -> EventResult { .ignored }
}
