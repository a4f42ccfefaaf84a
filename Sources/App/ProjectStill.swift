import Editor
import Foundation
import Interchange
import Media
import Render
import TimelineModel

/// `termcut frame PROJECT.termcut`: the timeline's picture at a record time as a PNG, as
/// Premiere's Export Frame and Resolve's Grab Still give it: titles, grades, transitions and
/// speed effects applied, at the sequence's size unless another is asked for.
public enum ProjectStill {
    /// Record frame `at` (a record timecode, `f120`, `+frames` or seconds from the sequence's
    /// start) of `timeline`, or an error (prefixed with `name`) when it cannot be read or lies
    /// outside the sequence.
    public static func recordFrame(_ at: String, in timeline: Timeline, name: String?) throws -> Int64 {
        let prefix = name.map { "\($0): " } ?? ""
        let frame: Int64
        do {
            frame = try timeline.frame(typed: at)
        } catch {
            throw CLIError("\(prefix)--at: \(error.message)")
        }
        guard frame >= 0, frame < max(timeline.duration, 1) else {
            throw CLIError("\(prefix)--at \(at) is outside the timeline (frames 0…\(max(timeline.duration - 1, 0)))")
        }
        return frame
    }

    /// Writes record time `at` (a record timecode, `f120`, `+frames` or seconds from the
    /// sequence's start) of the project at `url`, journal applied, to `output`.
    public static func write(project url: URL, at: String, to output: URL, width: Int?, height: Int?) throws {
        // Read-only: the editor that may have it open keeps its lock; unsaved work in the
        // journal is shown, as `dump` shows it.
        let editor = try Editor(opening: url, readOnly: true, catalog: LibavMediaCatalog())
        defer { editor.session?.release() }
        let project = editor.project, timeline = project.timeline
        let frame = try recordFrame(at, in: timeline, name: nil)
        let renderer = TimelineRenderer(project: project)
        let size = renderer.frameSize
        let w = width ?? height.map { max(1, ($0 * size.width + size.height / 2) / size.height) } ?? size.width
        let h = height ?? max(1, (w * size.height + size.width / 2) / size.width)
        guard w > 0, h > 0, w <= 16_384, h <= 16_384 else { throw CLIError("a still of \(w)x\(h) cannot be made (1 to 16384 pixels a side)") }
        let picture = renderer.picture(at: frame, width: w, height: h)
        var rgb = [UInt8](repeating: 0, count: w * h * 3)
        for i in 0..<(w * h) {
            rgb[i * 3] = picture.bytes[i * 4]; rgb[i * 3 + 1] = picture.bytes[i * 4 + 1]; rgb[i * 3 + 2] = picture.bytes[i * 4 + 2]
        }
        do {
            try PNGWriter.write(rgb24: rgb, width: w, height: h, to: output)
        } catch {
            throw CLIError(error.reason)
        }
    }
}
