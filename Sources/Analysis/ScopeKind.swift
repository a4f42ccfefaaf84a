/// The scopes a pane or the CLI can show, by the names users type (`scope waveform`).
public enum ScopeKind: String, Sendable, CaseIterable, Equatable {
    case waveform
    case parade
    case vectorscope
    case histogram
    case rgbHistogram = "rgb-histogram"

    /// Accepts the names and a few short forms (`wfm`, `vs`, `hist`, `rgb`).
    public init?(name: String) {
        let aliases: [String: ScopeKind] = [
            "wfm": .waveform, "wave": .waveform, "luma": .waveform, "rgb-parade": .parade, "vector": .vectorscope,
            "vs": .vectorscope, "hist": .histogram, "luma-histogram": .histogram, "rgb": .rgbHistogram,
            "rgbhistogram": .rgbHistogram,
        ]
        guard let kind = ScopeKind(rawValue: name.lowercased()) ?? aliases[name.lowercased()] else { return nil }
        self = kind
    }

    /// The next scope in the cycle `scope-next` walks (and `previous` for `scope-prev`).
    public var next: ScopeKind { Self.allCases[(Self.allCases.firstIndex(of: self)! + 1) % Self.allCases.count] }
    public var previous: ScopeKind {
        Self.allCases[(Self.allCases.firstIndex(of: self)! + Self.allCases.count - 1) % Self.allCases.count]
    }

    /// Title for a pane or a report.
    public var title: String {
        switch self {
        case .waveform: "Waveform"
        case .parade: "RGB parade"
        case .vectorscope: "Vectorscope"
        case .histogram: "Histogram"
        case .rgbHistogram: "RGB histogram"
        }
    }

    /// Cells of scale labels left of the trace (IRE for the waveform and parade).
    public var labelWidth: Int {
        switch self {
        case .waveform, .parade: 4
        default: 0
        }
    }

    /// The trace size in cells this scope wants inside `cells` × `rows` (labels excluded): the
    /// vectorscope is square in dots, so it is `2·rows` cells wide (braille dots are 2×4 a cell).
    public func traceSize(cells: Int, rows: Int) -> (cells: Int, rows: Int) {
        let width = max(cells - labelWidth, 0)
        switch self {
        case .vectorscope:
            let r = max(min(rows, width / 2), 0)
            return (r * 2, r)
        default:
            return (width, max(rows, 0))
        }
    }

    /// Computes this scope of `image` and renders it to braille for a trace of `cells` × `rows`
    /// cells (see `traceSize`). Computed at pane resolution: the waveform and parade count every
    /// pixel into as many columns as the trace has dot columns (see `LumaWaveform` for why that
    /// stays exact); `rowStep` skips picture rows when time matters more.
    public func render(_ image: ScopeImage, cells: Int, rows: Int, rowStep: Int = 1) -> RenderedScope {
        let mode = ScopeTextMode.braille
        let (dx, dy) = mode.dotsPerCell
        let text: ScopeText
        switch self {
        case .waveform:
            text = LumaWaveform.compute(image, columns: max(cells * dx, 1), rowStep: rowStep).text(rows: rows, mode: mode)
        case .parade:
            let columns = RGBParade.columnsPerChannel(cells: cells, mode: mode)
            text = RGBParade.compute(image, columnsPerChannel: columns, rowStep: rowStep).raster(height: rows * dy).text(mode)
        case .vectorscope:
            text = Vectorscope.compute(image).text(rows: rows, mode: mode)
        case .histogram:
            var raster = LumaHistogram.compute(image, rowStep: rowStep).raster(width: cells * dx, height: rows * dy)
            Self.drawLegalColumns(on: &raster, levels: image.levels)
            text = raster.text(mode)
        case .rgbHistogram:
            var raster = RGBHistogram.compute(image, rowStep: rowStep).raster(width: cells * dx, height: rows * dy)
            Self.drawLegalColumns(on: &raster, levels: image.levels)
            text = raster.text(mode)
        }
        return RenderedScope(kind: self, text: text, labels: scaleLabels(levels: image.levels, rows: rows),
                             levels: image.levels, matrix: image.matrix)
    }

    /// IRE labels for the rows where the waveform and parade draw 0, 50 and 100 IRE.
    public func scaleLabels(levels: VideoLevels, rows: Int) -> [ScopeScaleLabel] {
        guard labelWidth > 0, rows > 0 else { return [] }
        let dy = ScopeTextMode.braille.dotsPerCell.y
        var labels: [ScopeScaleLabel] = []
        for ire in [100, 50, 0] {
            let dot = LumaWaveform.dotRow(ofCode: levels.code(ofIRE: Double(ire)), levels: levels, height: rows * dy)
            let row = dot / dy
            if !labels.contains(where: { $0.row == row }) { labels.append(ScopeScaleLabel(row: row, text: "\(ire)")) }
        }
        return labels
    }

    /// Dashed vertical lines at the black and white codes, so a histogram shows the legal range.
    static func drawLegalColumns(on raster: inout ScopeRaster, levels: VideoLevels) {
        guard raster.width > 0, raster.height > 0 else { return }
        for code in [levels.black, levels.white] {
            let x = Double(min(Int(code) * raster.width / levels.codeCount, raster.width - 1))
            raster.line(from: (x, 0), to: (x, Double(raster.height - 1)), role: .legalLimit, dash: 2)
        }
    }
}

/// A label on a scope's scale: `text` beside text row `row` of the trace.
public struct ScopeScaleLabel: Sendable, Equatable {
    public var row: Int
    public var text: String

    public init(row: Int, text: String) {
        self.row = row
        self.text = text
    }
}

/// One scope rendered for a pane: its cells, its scale labels and what the values mean.
public struct RenderedScope: Sendable, Equatable {
    public var kind: ScopeKind
    public var text: ScopeText
    public var labels: [ScopeScaleLabel]
    public var levels: VideoLevels
    public var matrix: ColourMatrix

    public init(kind: ScopeKind, text: ScopeText, labels: [ScopeScaleLabel], levels: VideoLevels, matrix: ColourMatrix) {
        self.kind = kind
        self.text = text
        self.labels = labels
        self.levels = levels
        self.matrix = matrix
    }

    /// "8-bit limited BT.709", for a caption.
    public var caption: String { "\(levels.bitDepth)-bit \(levels.range.rawValue) \(matrix == .bt709 ? "BT.709" : "BT.601")" }
}
