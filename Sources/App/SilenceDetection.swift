import Analysis
import Foundation
import Media

/// Silence detection on a media file, for `termcut silences`, `termcut autocut` and the
/// editor's `detect-silences`: the cached levels (decoded once per file state), then
/// `SilenceDetector` with the file's own samples for the sample-exact edges.
public enum SilenceDetection {
    /// The report for `url`'s audio. `progress` (0…1) may return false to cancel.
    public static func detect(_ url: URL, settings: SilenceSettings, stream: Int? = nil,
                              progress: ((Double) -> Bool)? = nil) throws(CLIError) -> SilenceReport {
        do {
            var relative = false
            if case .relative = settings.threshold { relative = true }
            let levels = try AudioLevels.loadOrCompute(url: url, stream: stream, loudness: relative, progress: progress)
            let source = try AudioLevels.openSource(url, stream: stream)
            return try SilenceDetector.detect(levels, settings: settings, samples: AudioLevels.sampleReader(source))
        } catch let error as MediaError {
            throw CLIError(error.description)
        } catch {
            throw CLIError("\(url.path): \(error)")
        }
    }

    /// Settings from the words the CLI and the palette share; nil keeps the default.
    public static func settings(threshold: String?, minimum: String?, padding: String?,
                                keepLongerThan: String?) throws(CLIError) -> SilenceSettings {
        var settings = SilenceSettings.default
        do {
            if let threshold { settings.threshold = try SilenceSettings.parseThreshold(threshold) }
            if let minimum { settings.minimum = try SilenceSettings.parseDuration(minimum, "minimum silence", allowZero: false) }
            if let padding { settings.padding = try SilenceSettings.parseDuration(padding, "padding") }
            if let keepLongerThan { settings.keepLongerThan = try SilenceSettings.parseDuration(keepLongerThan, "keep-longer-than", allowZero: false) }
        } catch {
            throw CLIError(error.message)
        }
        // The levels are 1 ms blocks refined at the edges: shorter minimums would need finer blocks.
        guard settings.minimum >= 0.01 else { throw CLIError("minimum silence \(settings.minimum)s is too short: give 10ms or more") }
        return settings
    }

    /// The JSON `termcut silences --json` prints: ranges in seconds of the sound (and video frames
    /// when the file has a picture: counted from its frame 0, which the sound's first sample lies
    /// `soundOffset` seconds after), their count and total.
    public static func json(_ report: SilenceReport, file: String, frameRate: Double?, soundOffset: Double = 0) -> [String: Any] {
        func seconds(_ samples: Int64) -> Double { (report.seconds(samples) * 1_000_000).rounded() / 1_000_000 }
        let ranges: [[String: Any]] = report.ranges.map { range in
            var entry: [String: Any] = ["start": seconds(range.start), "end": seconds(range.end),
                                        "duration": seconds(range.length),
                                        "start_sample": range.start, "end_sample": range.end]
            if let frameRate {
                entry["start_frame"] = Int(((report.seconds(range.start) + soundOffset) * frameRate).rounded())
                entry["end_frame"] = Int(((report.seconds(range.end) + soundOffset) * frameRate).rounded())
            }
            return entry
        }
        var result: [String: Any] = [
            "file": file, "sample_rate": report.sampleRate, "duration": seconds(report.sampleCount),
            "threshold_dbfs": (report.thresholdDBFS * 100).rounded() / 100,
            "ranges": ranges, "count": ranges.count, "total": seconds(report.total),
        ]
        if let loudness = report.integratedLoudness, loudness.isFinite { result["integrated_lufs"] = (loudness * 100).rounded() / 100 }
        if let frameRate { result["frame_rate"] = frameRate }
        return result
    }

    /// One line per range: `00:01:02.345 → 00:01:03.500  1.155 s`, then the count and total.
    public static func text(_ report: SilenceReport) -> String {
        func clock(_ samples: Int64) -> String {
            let t = report.seconds(samples)
            let ms = Int((t * 1000).rounded())
            return String(format: "%02d:%02d:%02d.%03d", ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60, ms % 1000)
        }
        var lines = report.ranges.map { range in
            "\(clock(range.start)) → \(clock(range.end))  \(String(format: "%.3f", report.seconds(range.length))) s"
        }
        lines.append("\(report.ranges.count) silence\(report.ranges.count == 1 ? "" : "s"), "
            + String(format: "%.3f s of %.3f s (threshold %.1f dBFS)", report.seconds(report.total),
                     report.seconds(report.sampleCount), report.thresholdDBFS))
        return lines.joined(separator: "\n")
    }
}
