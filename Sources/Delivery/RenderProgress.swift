import Foundation

/// How far a render is: frames done of the total, and the speed, for a progress bar.
public struct RenderProgress: Sendable, Equatable {
    public enum Stage: String, Sendable { case measuring, rendering, finishing }
    public var stage: Stage
    public var framesDone: Int64
    public var totalFrames: Int64
    /// Seconds since the render (this stage) started.
    public var elapsed: Double
    /// Seconds of programme per frame, to turn frames into × real time.
    public var frameDuration: Double

    public var fraction: Double { totalFrames > 0 ? min(1, Double(framesDone) / Double(totalFrames)) : 0 }
    public var framesPerSecond: Double { elapsed > 0 ? Double(framesDone) / elapsed : 0 }
    /// Programme seconds rendered per wall-clock second.
    public var realTimeFactor: Double { framesPerSecond * frameDuration }
    /// Seconds left at the speed so far; nil before there is a speed.
    public var secondsLeft: Double? {
        framesDone > 0 && elapsed > 0 ? Double(totalFrames - framesDone) / framesPerSecond : nil
    }

    /// "render 120/300 frames 40% 96.0 fps 3.20x ETA 0:02" (the status bar and plain lines).
    public var line: String {
        if stage == .measuring { return "measuring loudness…" }
        let eta = secondsLeft.map { String(format: "%d:%02d", Int($0) / 60, Int($0) % 60) } ?? "-:--"
        return String(format: "%lld/%lld frames %3.0f%% %.1f fps %.2fx ETA %@", framesDone, totalFrames, fraction * 100,
                      framesPerSecond, realTimeFactor, eta)
    }

    /// A bar of `width` cells for a terminal.
    public func bar(width: Int) -> String {
        let filled = Int((fraction * Double(width)).rounded(.down))
        return "[" + String(repeating: "#", count: filled) + String(repeating: "-", count: max(0, width - filled)) + "]"
    }
}

/// Asks a running render to stop; safe to set from any thread (a signal handler's queue, the UI).
public final class RenderCancellation: @unchecked Sendable {
    private let lock = NSLock()
    private var cancelled = false
    public init() {}
    public func cancel() { lock.withLock { cancelled = true } }
    public var isCancelled: Bool { lock.withLock { cancelled } }
}
