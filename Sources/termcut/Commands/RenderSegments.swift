import App
import Delivery
import Dispatch
import Foundation
import TimelineModel

/// `termcut render --segments N [--farm local|slurm]`: the segmented render's arguments.
extension RenderCommand {
    func runSegmented(_ loaded: Project, render plan: RenderPlan, segments: Int) throws {
        guard let chosenFarm = FarmRender.Farm(rawValue: farm) else { throw CLIError("--farm: '\(farm)' is not local or slurm") }
        if part != nil || dryRun { throw CLIError("--segments does not go with --part or --dry-run") }
        let sharedURL = shared.map { URL(fileURLWithPath: $0).standardizedFileURL }
        if chosenFarm == .slurm && sharedURL == nil && !quiet {
            FileHandle.standardError.write(Data("termcut: note: the segments go beside \(output); give --shared DIR if the nodes do not see that folder\n".utf8))
        }
        let folder = SegmentedRender.defaultFolder(output: plan.output.standardizedFileURL, shared: sharedURL)
        let render: SegmentedRender
        do { render = try SegmentedRender.make(plan: plan, count: segments, folder: folder) } catch { throw CLIError(error.message) }
        var job = FarmRender(render: render, farm: chosenFarm, workers: workers ?? ProcessInfo.processInfo.activeProcessorCount,
                             partition: partition, executable: FarmRender.ownExecutable, workerArguments: try workerArguments(plan))
        job.keepParts = keepSegments
        let cancellation = RenderCancellation()
        var handlers: [DispatchSourceSignal] = []
        for sig in [SIGINT, SIGTERM, SIGHUP] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler { cancellation.cancel() }
            source.resume()
            handlers.append(source)
        }
        // The whole job's progress as a line when a segment ends, and at most once a second between.
        var shown = (text: "", done: -1, at: Date.distantPast)
        let outcome = try job.run(project: loaded, cancelled: { cancellation.isCancelled }, say: { line in
            if !quiet { FileHandle.standardError.write(Data("render: \(line)\n".utf8)) }
        }, progress: { progress in
            let text = progress.text(output: plan.output.lastPathComponent)
            guard !quiet, text != shown.text, progress.segmentsDone != shown.done || Date().timeIntervalSince(shown.at) >= 1 else { return }
            shown = (text, progress.segmentsDone, Date())
            FileHandle.standardError.write(Data("\(text)\n".utf8))
        })
        withExtendedLifetime(handlers) {}
        if json {
            let out: [String: Any] = ["output": plan.output.path, "frames": outcome.frames, "segments": render.tasks.filter { $0.part == .video }.count,
                                      "farm": farm, "rendered": outcome.rendered, "reused": outcome.reused,
                                      "render_seconds": (outcome.seconds * 1000).rounded() / 1000,
                                      "submit_seconds": (outcome.submitSeconds * 1000).rounded() / 1000,
                                      "join_seconds": (outcome.joinSeconds * 1000).rounded() / 1000]
            let data = try JSONSerialization.data(withJSONObject: out, options: [.prettyPrinted, .sortedKeys])
            print(String(decoding: data, as: UTF8.self))
        } else {
            print("rendered \(plan.output.path): \(outcome.frames) frames in \(render.tasks.count) parts (\(outcome.rendered.count) rendered, "
                  + "\(outcome.reused.count) kept from an earlier run) in \(String(format: "%.1f", outcome.seconds)) s")
        }
    }

    /// The options every worker gets, so that all parts are encoded alike: the preset by name
    /// and each override as given.
    private func workerArguments(_ plan: RenderPlan) throws -> [String] {
        var a = ["--preset", plan.preset.name]
        let options: [(String, String?)] = [
            ("--video-codec", videoCodec), ("--crf", crf.map(String.init)), ("--video-bitrate", videoBitrate), ("--size", size),
            ("--rate", rate), ("--pixel-format", pixelFormat), ("--fit", fit), ("--encoder-preset", encoderPreset),
            ("--audio-codec", audioCodec), ("--audio-bitrate", audioBitrate),
        ]
        for (flag, value) in options { if let value { a += [flag, value] } }
        if let keyframeInterval { a += ["--keyframe-interval", String(keyframeInterval)] }
        for pair in videoOption { a += ["--video-option", pair] }
        if keepLoudness { a.append("--keep-loudness") }
        return a
    }
}
