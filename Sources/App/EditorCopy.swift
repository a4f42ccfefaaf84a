import Delivery
import Editor
import Foundation
import TimelineModel

/// `copy-preview [OUT]` and `render OUT copy` in the editor: where a lossless stream copy of
/// the timeline (in to out when both marks are set) really cuts — the keyframe each in point
/// snaps back to, the frames gained, the sound's offset — and the warnings, before anything
/// is written (LosslessCut shows the same before exporting); then the copy itself, run like a
/// render (background, progress, render-cancel).
extension EditorRender {
    public static let copySpecs: [CommandSpec] = [
        CommandSpec("copy-preview", .project,
                    "Show where a lossless stream copy (render OUT copy) would cut: keyframes, frames gained, sound offset, warnings",
                    arguments: [ArgumentSpec("path", .path, optional: true, "the file it would write (default: copy.mp4)")]) { editor, args in
            let url = URL(fileURLWithPath: ((args["path"] ?? "copy.mp4") as NSString).expandingTildeInPath)
            let plan = try copyPlan(editor.project, url)
            return CommandResult(summary(plan, timeline: editor.project.timeline))
        },
    ]

    static func copyPlan(_ project: Project, _ url: URL) throws(CommandError) -> CopyPlan {
        do {
            return try CopyPlan.make(project: project, output: url, frames: markedRange(project.timeline))
        } catch {
            throw CommandError("copy: \(error.message)")
        }
    }

    /// The report on one line: "copy 3 cuts 272 frames (+32): 01:00:03:00 → keyframe 6.000 s +15/+2; …; warning …".
    static func summary(_ plan: CopyPlan, timeline: Timeline) -> String {
        let gained = plan.cuts.reduce(0) { $0 + $1.framesGainedAtStart + $1.framesGainedAtEnd }
        var parts = ["copy \(plan.cuts.count) cuts \(plan.outputFrames) frames (\(gained >= 0 ? "+" : "")\(gained))"]
        for cut in plan.cuts where cut.framesGainedAtStart != 0 || cut.framesGainedAtEnd != 0 || !cut.warnings.isEmpty {
            let at = Timecode.format(frame: timeline.startTimecode + cut.recordStart, rate: timeline.rate, dropFrame: timeline.dropFrame)
            var text = "\(at) → keyframe " + String(format: "%.3f s", cut.keyframeSeconds) + " \(cut.framesGainedAtStart)/\(cut.framesGainedAtEnd)"
            if let warning = cut.warnings.first { text += " warning: \(warning)" }
            parts.append(text)
        }
        return parts.joined(separator: "; ")
    }

    /// `render OUT smart`: as `termcut render --smart`, with the preset the extension implies
    /// (whole GOPs copied, the partial GOPs at the cuts re-encoded to match).
    func startSmart(editor: Editor, path: String) throws(CommandError) -> CommandResult {
        let url = URL(fileURLWithPath: (path as NSString).expandingTildeInPath)
        guard editor.project.timeline.duration > 0 else { throw CommandError("render: the timeline is empty") }
        guard let name = PresetLibrary.defaultName(forExtension: url.pathExtension) else {
            throw CommandError("render: smart rendering writes .mp4 or .mov (H.264)")
        }
        let plan: CopyPlan
        do {
            let render = try RenderPlan.make(project: editor.project, preset: try PresetLibrary().preset(named: name), output: url,
                                             frames: Self.markedRange(editor.project.timeline))
            plan = try SmartRender.plan(project: editor.project, render: render)
        } catch {
            throw CommandError("render: smart: \(error.message)")
        }
        return try startCopy(plan, url, timeline: editor.project.timeline, verb: "smart-rendering", done: "smart-rendered")
    }

    func startCopy(editor: Editor, path: String) throws(CommandError) -> CommandResult {
        let url = URL(fileURLWithPath: (path as NSString).expandingTildeInPath)
        return try startCopy(try Self.copyPlan(editor.project, url), url, timeline: editor.project.timeline, verb: "copying", done: "copied")
    }

    private func startCopy(_ plan: CopyPlan, _ url: URL, timeline: Timeline, verb: String, done: String) throws(CommandError) -> CommandResult {
        let name = url.lastPathComponent
        let cancellation = RenderCancellation()
        let summary = Self.summary(plan, timeline: timeline)
        return try launch(output: name, cancellation: cancellation, started: "\(verb) \(name) in the background… \(summary)") { [self] in
            do {
                let result = try CopyExport.run(plan, cancellation: cancellation) { progress in
                    self.setProgress("\(plan.snap == .smart ? "smart" : "copy") \(name) \(Int(progress.fraction * 100))%")
                }
                return "\(done) \(name): \(result.frames) frames, " + String(format: "%.1f s in %.2f s", result.seconds, result.renderSeconds)
            } catch {
                return "render: \(error)"
            }
        }
    }
}
