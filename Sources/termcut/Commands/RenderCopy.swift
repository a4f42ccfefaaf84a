import App
import Delivery
import Dispatch
import Foundation
import Media
import TimelineModel

/// `termcut render --copy`: the lossless stream copy, its dry run and report.
extension RenderCommand {
    func runCopy(_ loaded: Project, output outputURL: URL) throws {
        guard let snap = CopySnap(rawValue: copySnap) else {
            throw CLIError("--copy-snap: '\(copySnap)' is not keyframe or smart")
        }
        if preset != nil || videoCodec != nil || crf != nil || size != nil || rate != nil || audioCodec != nil {
            throw CLIError("--copy keeps the sources' encoding: it takes no preset or codec options")
        }
        let plan: CopyPlan
        do {
            plan = try CopyPlan.make(project: loaded, output: outputURL, frames: try range(loaded.timeline), snap: snap)
        } catch let error as DeliveryError {
            throw CLIError(error.message)
        }
        try execute(plan, loaded)
    }

    func runSmart(_ loaded: Project, render: RenderPlan) throws {
        let plan: CopyPlan
        do {
            plan = try SmartRender.plan(project: loaded, render: render)
        } catch {
            throw CLIError(error.message)
        }
        if !dryRun { ProcessAllocator.keepFreedMemory() }
        try execute(plan, loaded)
    }

    /// Reports the plan (a dry run), or runs it with ctrl-c cancelling and reports the result.
    private func execute(_ plan: CopyPlan, _ loaded: Project) throws {
        if dryRun {
            if json {
                let data = try JSONSerialization.data(withJSONObject: plan.reportObject(timeline: loaded.timeline), options: [.prettyPrinted, .sortedKeys])
                print(String(decoding: data, as: UTF8.self))
            } else {
                plan.reportLines(timeline: loaded.timeline).forEach { print($0) }
            }
            return
        }
        if !quiet && !json {
            for line in plan.reportLines(timeline: loaded.timeline) { FileHandle.standardError.write(Data((line + "\n").utf8)) }
        }
        let cancellation = RenderCancellation()
        var handlers: [DispatchSourceSignal] = []
        for sig in [SIGINT, SIGTERM, SIGHUP] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler { cancellation.cancel() }
            source.resume()
            handlers.append(source)
        }
        let result: CopyResult
        do {
            let terminal = isatty(STDERR_FILENO) == 1
            var lastLine = Date.distantPast
            result = try CopyExport.run(plan, cancellation: cancellation) { progress in
                guard !quiet, Date().timeIntervalSince(lastLine) >= (terminal ? 0.1 : 1) else { return }
                lastLine = Date()
                let text = String(format: "%@ %3.0f%%", progress.bar(width: 30), progress.fraction * 100)
                FileHandle.standardError.write(Data((terminal ? "\r\(text)\u{1B}[K" : "\(plan.snap == .smart ? "smart" : "copy"): \(text)\n").utf8))
            }
            if terminal && !quiet { FileHandle.standardError.write(Data("\n".utf8)) }
        } catch {
            throw CLIError(error.message)
        }
        withExtendedLifetime(handlers) {}
        if json {
            var out = plan.reportObject(timeline: loaded.timeline)
            out["video_packets"] = result.videoPackets
            out["audio_packets"] = result.audioPackets
            out["reencoded_frames"] = result.reencodedFrames
            out["render_seconds"] = (result.renderSeconds * 1000).rounded() / 1000
            out["streams"] = try (result.probe?.streams ?? []).map { try JSONSerialization.jsonObject(with: JSONEncoder().encode($0)) }
            let data = try JSONSerialization.data(withJSONObject: out, options: [.prettyPrinted, .sortedKeys])
            print(String(decoding: data, as: UTF8.self))
            return
        }
        print("\(plan.snap == .smart ? "smart-rendered" : "copied") \(result.output): \(result.frames) frames, \(String(format: "%.3f", result.seconds)) s "
              + "(\(result.videoPackets) video packets copied, \(result.reencodedFrames) frames re-encoded, \(result.audioPackets) audio packets) in \(String(format: "%.2f", result.renderSeconds)) s")
    }
}
