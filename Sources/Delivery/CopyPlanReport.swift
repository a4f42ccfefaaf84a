import Foundation
import TimelineModel

extension CopyPlan {
    /// The plan as JSON-ready values: each cut's requested and real frames, the keyframe it
    /// snaps to, the frames gained, where it lands in the output, the sound's offset, warnings.
    public func reportObject(timeline: Timeline) -> [String: Any] {
        func tc(_ frame: Int64) -> String {
            Timecode.format(frame: timeline.startTimecode + frame, rate: timeline.rate, dropFrame: timeline.dropFrame)
        }
        let fps = timeline.rate.framesPerSecond
        let rows: [[String: Any]] = cuts.map { cut in
            let reencoded: [[String: Any]] = cut.reencoded.map { r in
                let at: Double = cut.outputSeconds + Double(r.lowerBound - cut.taken.lowerBound) / fps
                return ["from_frame": r.lowerBound, "to_frame": r.upperBound, "frames": r.count, "output_seconds": (at * 1000).rounded() / 1000]
            }
            var row: [String: Any] = [
                "clip": cut.clip, "source": cut.path, "record_start": cut.recordStart, "record_timecode": tc(cut.recordStart),
                "requested_in_frame": cut.requested.lowerBound, "requested_out_frame": cut.requested.upperBound,
                "in_frame": cut.taken.lowerBound, "out_frame": cut.taken.upperBound,
                "keyframe_seconds": (cut.keyframeSeconds * 1_000_000).rounded() / 1_000_000,
                "frames_gained_at_start": cut.framesGainedAtStart, "frames_gained_at_end": cut.framesGainedAtEnd,
                "output_seconds": (cut.outputSeconds * 1_000_000).rounded() / 1_000_000,
                "audio_offset_ms": cut.audioOffsetMilliseconds ?? NSNull(), "warnings": cut.warnings,
            ]
            row["reencoded"] = reencoded
            return row
        }
        return ["output": output.path, "mode": snap == .smart ? "smart" : "copy", "snap": snap.rawValue,
                "reencoded_frames": reencodedFrames, "container": formatName, "frames": outputFrames,
                "timeline_frames": cuts.reduce(0) { $0 + $1.requested.count }, "seconds": (seconds * 1000).rounded() / 1000,
                "audio": hasAudio, "cuts": rows, "warnings": warnings + cuts.flatMap { c in c.warnings.map { "'\(c.clip)': " + $0 } }]
    }

    /// One line per cut, for the message line and a terminal.
    public func reportLines(timeline: Timeline) -> [String] {
        var lines = ["\(snap == .smart ? "smart" : "copy"): \(cuts.count) cuts, \(outputFrames) frames, " + String(format: "%.3f s", seconds)
                     + (hasAudio ? " with sound" : " (no sound)")]
        for cut in cuts {
            let at = Timecode.format(frame: timeline.startTimecode + cut.recordStart, rate: timeline.rate, dropFrame: timeline.dropFrame)
            var line = "  \(at) '\(cut.clip)': source frames \(cut.requested.lowerBound)–\(cut.requested.upperBound - 1)"
            line += " → \(cut.taken.lowerBound)–\(cut.taken.upperBound - 1) (keyframe at " + String(format: "%.3f s", cut.keyframeSeconds)
            line += ", \(signed(cut.framesGainedAtStart)) at the start, \(signed(cut.framesGainedAtEnd)) at the end)"
            if let offset = cut.audioOffsetMilliseconds { line += String(format: ", sound %+.1f ms", offset) }
            if !cut.reencoded.isEmpty {
                line += "; re-encoded " + cut.reencoded.map { "\($0.lowerBound)–\($0.upperBound - 1)" }.joined(separator: ", ")
            }
            lines.append(line)
            lines += cut.warnings.map { "    warning: " + $0 }
        }
        lines += warnings.map { "  warning: " + $0 }
        return lines
    }

    public var reencodedFrames: Int { cuts.reduce(0) { total, cut in total + cut.reencoded.reduce(0) { $0 + $1.count } } }

    private func signed(_ n: Int) -> String { n == 0 ? "0 frames" : (n > 0 ? "+\(n) frames" : "\(n) frames") }
}
