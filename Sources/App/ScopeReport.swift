import Analysis
import Foundation
import Interchange
import Media
import Render
import TimelineModel

/// Text and JSON for `termcut scope`.
public enum ScopeReport {
    /// The scope's rows with the IRE labels on the left.
    public static func lines(_ scope: RenderedScope) -> [String] {
        let width = scope.kind.labelWidth
        return scope.text.lines.enumerated().map { row, line in
            guard width > 0 else { return line }
            let label = scope.labels.first { $0.row == row }?.text ?? ""
            return String(repeating: " ", count: max(width - 1 - label.count, 0)) + label + " " + line
        }
    }

    public static func numbers(_ kind: ScopeKind, _ image: ScopeImage, columns: Int) -> [String: Any] {
        let levels = image.levels
        var report: [String: Any] = [
            "scope": kind.rawValue, "width": image.width, "height": image.height, "bit_depth": levels.bitDepth,
            "range": levels.range.rawValue, "matrix": image.matrix.rawValue,
            "black_code": levels.black, "white_code": levels.white,
        ]
        func columnList(_ levels: (Int) -> ColumnLevels?, count: Int) -> [Any] {
            (0..<count).map { c -> Any in
                guard let l = levels(c) else { return NSNull() }
                return ["min": l.min, "max": l.max, "mean": (l.mean * 100).rounded() / 100, "mode": l.mode]
            }
        }
        func legal(_ counts: LegalRangeCounts) -> [String: Int] {
            ["below_black": counts.below, "legal": counts.legal, "above_white": counts.above]
        }
        switch kind {
        case .waveform:
            let waveform = LumaWaveform.compute(image, columns: columns)
            report["columns"] = columnList(waveform.levels(ofColumn:), count: waveform.columns)
            report["legal_range"] = legal(waveform.legalRangeCounts)
        case .parade:
            let parade = RGBParade.compute(image, columnsPerChannel: columns)
            for (name, channel) in [("red", \RGBParade.red), ("green", \RGBParade.green), ("blue", \RGBParade.blue)] {
                report[name] = ["columns": columnList({ parade.levels(channel, column: $0) }, count: parade.columnsPerChannel),
                                "legal_range": legal(parade.legalRangeCounts(channel))]
            }
        case .vectorscope:
            let scope = Vectorscope.compute(image)
            // "Density" in a box: at least 0.1% of the sampled chroma (a patch, not stray edge samples).
            let threshold = max(scope.sampledCount / 1000, 1)
            for (name, saturation) in [("targets_75", 0.75), ("targets_100", 1.0)] {
                report[name] = scope.targetCounts(saturation: saturation).map {
                    ["colour": $0.target.colour.rawValue, "count": $0.count, "has_density": $0.count >= threshold] as [String: Any]
                }
            }
            report["sampled"] = scope.sampledCount
            // The mean distance of the chroma from the centre (normalised, 0…~0.5): how saturated
            // the picture is, as one number a grade can be checked by.
            var weighted = 0.0, total = 0.0
            for y in 0..<scope.size {
                for x in 0..<scope.size where scope.counts[y * scope.size + x] > 0 {
                    let c = scope.chroma(x: x, y: y), n = Double(scope.counts[y * scope.size + x])
                    weighted += (c.cb * c.cb + c.cr * c.cr).squareRoot() * n
                    total += n
                }
            }
            report["mean_radius"] = total > 0 ? weighted / total : 0
            report["stride"] = scope.stride
        case .histogram:
            let histogram = LumaHistogram.compute(image)
            report["bins"] = histogram.counts.map(Int.init)
            report["legal_range"] = legal(histogram.legalRangeCounts)
        case .rgbHistogram:
            let histogram = RGBHistogram.compute(image)
            report["red"] = histogram.red.map(Int.init)
            report["green"] = histogram.green.map(Int.init)
            report["blue"] = histogram.blue.map(Int.init)
        }
        return report
    }
}
