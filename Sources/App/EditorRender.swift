import Delivery
import Editor
import Foundation
import TimelineModel

/// `render OUT [PRESET]` and `render-cancel` in the editor: a render of a snapshot of the
/// project (the `Project` value at the moment of the command) on its own thread, so editing
/// carries on; progress goes to the status bar, the result to the message line. In scripts
/// (`termcut run`) the render runs to the end before the next line, its report the message.
///
/// Registered beside `measure-loudness`. One render at a time, as in Premiere's and Resolve's single render queue slot.
/// Reviewed as `@unchecked Sendable`: every field is touched under `lock`.
public final class EditorRender: @unchecked Sendable {
    public static let shared = EditorRender()
    private let lock = NSLock()
    private var background = false
    private var running: (cancellation: RenderCancellation, output: String)?
    private var progressText: String?
    private var finished: [String] = []

    public static let specs: [CommandSpec] = [
        CommandSpec("render", .project,
                    "Render the timeline (in to out when both marks are set) to a file in the background; render-cancel stops it",
                    arguments: [ArgumentSpec("path", .path, "file to write (.mp4, .mov, .mkv, .webm, .mp3, .wav)"),
                                ArgumentSpec("preset", .word, optional: true, "preset name (default: from the extension; termcut presets lists them), copy for a lossless stream copy, or smart (copy whole GOPs, re-encode the cuts)")]
                        + farmArguments) { editor, args in
            let farm = try FarmOptions(args)
            if farm != nil, args["preset"] == "copy" || args["preset"] == "smart" {
                throw CommandError("render: segments=/farm= go with an encoding preset, not with \(args["preset"]!)")
            }
            if args["preset"] == "copy" { return try shared.startCopy(editor: editor, path: try args.string("path")) }
            if args["preset"] == "smart" { return try shared.startSmart(editor: editor, path: try args.string("path")) }
            return try shared.start(editor: editor, path: try args.string("path"), preset: args["preset"], farm: farm)
        },
        CommandSpec("render-cancel", .project, "Stop the render running in the background (its partial file is removed)") { _, _ in
            try shared.cancel()
        },
    ]

    /// Set by the interactive editor: render in a thread and report through `poll`.
    public var runsInBackground: Bool {
        get { lock.withLock { background } }
        set { lock.withLock { background = newValue } }
    }

    /// "render out.mp4 45% 120/300 frames 96.0 fps 3.20x ETA 0:02" while a render runs.
    public var statusText: String? { lock.withLock { progressText } }

    public func takeFinished() -> [String] {
        lock.withLock {
            defer { finished.removeAll() }
            return finished
        }
    }

    /// The marked range when both marks are set, as Premiere's "Work Area" / Avid's in-to-out export.
    static func markedRange(_ timeline: Timeline) -> Range<Int64>? {
        guard let markIn = timeline.markIn, let markOut = timeline.markOut, markOut > markIn else { return nil }
        return max(0, markIn)..<min(timeline.duration, markOut + 1)
    }

    /// Runs `job` now (scripts) or on its own thread (the interactive editor), one at a time.
    func launch(output: String, cancellation: RenderCancellation, started: String,
                job: @escaping @Sendable () -> String) throws(CommandError) -> CommandResult {
        let begun: Bool = lock.withLock {
            guard running == nil else { return false }
            running = (cancellation, output)
            progressText = "render \(output) starting…"
            return true
        }
        guard begun else { throw CommandError("render: a render is already running (render-cancel stops it)") }
        let wrapped: @Sendable () -> String = { [self] in
            let message = job()
            lock.withLock {
                running = nil
                progressText = nil
            }
            return message
        }
        guard runsInBackground else {
            let message = wrapped()
            if message.hasPrefix("render: ") { throw CommandError(message) }
            return CommandResult(message)
        }
        let thread = Thread { [self] in
            let message = wrapped()
            lock.withLock { finished.append(message) }
        }
        thread.name = "termcut render"
        thread.start()
        return CommandResult(started)
    }

    func setProgress(_ text: String) { lock.withLock { progressText = text } }

    private func start(editor: Editor, path: String, preset: String?, farm: FarmOptions?) throws(CommandError) -> CommandResult {
        let project = editor.project
        let timeline = project.timeline
        guard timeline.duration > 0 else { throw CommandError("render: the timeline is empty") }
        let url = URL(fileURLWithPath: (path as NSString).expandingTildeInPath)
        guard let name = preset ?? PresetLibrary.defaultName(forExtension: url.pathExtension) else {
            throw CommandError("render: give a preset for '.\(url.pathExtension)' files (termcut presets lists them)")
        }
        let plan: RenderPlan
        do {
            plan = try RenderPlan.make(project: project, preset: try PresetLibrary().preset(named: name), output: url,
                                       frames: Self.markedRange(timeline))
        } catch {
            throw CommandError("render: \(error.message)")
        }
        if let farm { return try startSegmented(project: project, plan: plan, options: farm) }
        let output = url.lastPathComponent
        let cancellation = RenderCancellation()
        return try launch(output: output, cancellation: cancellation,
                          started: "rendering \(output) (\(name), \(plan.frames.count) frames) in the background…") { [self] in
            do {
                let result = try TimelineExport(project: project, plan: plan).run(cancellation: cancellation) { progress in
                    self.setProgress("render \(output) \(progress.line)")
                }
                return "rendered \(output): \(result.frames) frames, "
                    + String(format: "%.1f s in %.1f s", result.seconds, result.renderSeconds)
                    + (result.loudness.map { "; " + $0.summary } ?? "")
            } catch {
                return "render: \(error)"
            }
        }
    }

    private func cancel() throws(CommandError) -> CommandResult {
        guard let job = lock.withLock({ running }) else { throw CommandError("render-cancel: no render is running") }
        job.cancellation.cancel()
        return CommandResult("cancelling the render of \(job.output)…")
    }
}
