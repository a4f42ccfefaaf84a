import Delivery
import Editor
import Foundation
import TimelineModel

/// `render OUT [PRESET] segments=N farm=local|slurm [workers=K] [partition=P] [shared=DIR]` in
/// the editor: the segmented render of `termcut render --segments` (FarmRender), run in the
/// background like any render, its tasks' progress in the status bar ("render out.mp4 3/8
/// segments · 42%"); `render-cancel` stops the local workers or `scancel`s the Slurm array.
extension EditorRender {
    static let farmArguments: [ArgumentSpec] = [
        ArgumentSpec("segments", .int, optional: true, "split the render into this many segments rendered at once (a farm render)"),
        ArgumentSpec("farm", .choice(["local", "slurm"]), optional: true, "with segments: local worker processes (default) or a Slurm job array"),
        ArgumentSpec("workers", .int, optional: true, "with farm=local: worker processes at once (default: the CPU count)"),
        ArgumentSpec("partition", .word, optional: true, "with farm=slurm: the Slurm partition"),
        ArgumentSpec("shared", .path, optional: true, "with segments: the folder every node sees, for the segments (default: beside the output)"),
    ]

    /// The farm options of one `render` line; nil when it names none (a plain render).
    struct FarmOptions: Equatable {
        var segments: Int
        var farm: FarmRender.Farm
        var workers: Int
        var partition: String?
        var shared: URL?

        init?(_ args: Arguments) throws(CommandError) {
            guard ["segments", "farm", "workers", "partition", "shared"].contains(where: args.has) else { return nil }
            guard let segments = try args.int("segments") else {
                throw CommandError("render: farm=, workers=, partition= and shared= go with segments=N")
            }
            guard segments >= 1 else { throw CommandError("render: segments must be at least 1; got \(segments)") }
            self.segments = segments
            farm = FarmRender.Farm(rawValue: args["farm"] ?? "local") ?? .local
            workers = try args.int("workers") ?? ProcessInfo.processInfo.activeProcessorCount
            guard workers >= 1 else { throw CommandError("render: workers must be at least 1; got \(workers)") }
            if farm == .local, args.has("partition") { throw CommandError("render: partition= goes with farm=slurm") }
            partition = args["partition"]
            shared = args["shared"].map { URL(fileURLWithPath: ($0 as NSString).expandingTildeInPath).standardizedFileURL }
        }
    }

    /// Renders `plan` of the `project` snapshot in segments on the chosen farm, in the background.
    func startSegmented(project: Project, plan: RenderPlan, options: FarmOptions) throws(CommandError) -> CommandResult {
        let folder = SegmentedRender.defaultFolder(output: plan.output.standardizedFileURL, shared: options.shared)
        let render: SegmentedRender
        do { render = try SegmentedRender.make(plan: plan, count: options.segments, folder: folder) } catch {
            throw CommandError("render: \(error.message)")
        }
        let job = FarmRender(render: render, farm: options.farm, workers: options.workers, partition: options.partition,
                             executable: FarmRender.ownExecutable, workerArguments: ["--preset", plan.preset.name])
        let output = plan.output.lastPathComponent
        let cancellation = RenderCancellation()
        let segments = render.tasks.filter { $0.part == .video }.count
        setProgress(render.progress().text(output: output))
        let place = options.farm == .local ? "on \(min(options.workers, render.tasks.count)) local workers" : "on Slurm"
        return try launch(output: output, cancellation: cancellation,
                          started: "rendering \(output) (\(plan.preset.name), \(plan.frames.count) frames) in \(segments) segments \(place)…") { [self] in
            do {
                let outcome = try job.run(project: project, cancelled: { cancellation.isCancelled }, say: { _ in }) { progress in
                    self.setProgress(progress.text(output: output))
                }
                return "rendered \(output): \(outcome.frames) frames in \(segments) segments (\(outcome.rendered.count) rendered, "
                    + "\(outcome.reused.count) kept) in " + String(format: "%.1f s", outcome.seconds)
            } catch {
                return "render: \(error)"
            }
        }
    }
}
