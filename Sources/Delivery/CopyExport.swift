import Foundation
import Media

/// What a stream copy wrote.
public struct CopyResult: Sendable {
    public var output: String
    public var frames: Int
    public var seconds: Double
    public var videoPackets: Int
    public var audioPackets: Int
    public var reencodedFrames: Int
    public var renderSeconds: Double
    public var probe: MediaInfo?
}

/// Runs a `CopyPlan`: packets into a hidden temporary file beside the output, renamed over
/// the final name once complete and synced (as `TimelineExport` does for renders).
public enum CopyExport {
    public static func run(_ plan: CopyPlan, cancellation: RenderCancellation = RenderCancellation(),
                           progress: (RenderProgress) -> Void = { _ in }) throws(DeliveryError) -> CopyResult {
        let output = plan.output
        let shown = output.path
        try OutputTarget.check(output, sources: plan.sourcePaths)
        TimelineExport.removeStalePartials(beside: output)
        let temporary = TimelineExport.temporaryURL(for: output)
        var committed = false
        defer { if !committed { unlink(temporary.path) } }
        let started = Date()
        let copied: StreamCopyResult
        do {
            copied = try StreamCopier.run(steps: plan.steps, to: temporary.path, formatName: plan.formatName, options: plan.containerOptions,
                                           expectedPackets: plan.expectedPackets, cancelled: { cancellation.isCancelled }) { done, total in
                progress(RenderProgress(stage: .rendering, framesDone: Int64(done), totalFrames: Int64(max(total, 1)),
                                        elapsed: Date().timeIntervalSince(started), frameDuration: 0))
            }
        } catch {
            if cancellation.isCancelled { throw DeliveryError("copy cancelled; \(shown) was not written") }
            throw DeliveryError(TimelineExport.describe(error, output: shown, temporary: temporary.path))
        }
        if cancellation.isCancelled { throw DeliveryError("copy cancelled; \(shown) was not written") }
        try TimelineExport.commit(temporary, to: output)
        committed = true
        return CopyResult(output: shown, frames: copied.videoPackets + copied.reencodedFrames, seconds: plan.seconds, videoPackets: copied.videoPackets,
                          audioPackets: copied.audioPackets, reencodedFrames: copied.reencodedFrames, renderSeconds: Date().timeIntervalSince(started),
                          probe: try? MediaProbe.probe(path: output.path))
    }
}
