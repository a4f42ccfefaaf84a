import Foundation

/// Computes a file's `AudioPeaks` on a background thread, so a waveform never holds up the
/// screen: start it, draw `progress` (or nothing) until `peaks` is there. Cached peaks
/// are there at once.
///
/// Thread-safe: the state sits behind one lock.
public final class AudioPeaksJob: Sendable {
    public enum Status: Sendable {
        case running(progress: Double)
        case done(AudioPeaks)
        case failed(MediaError)
    }

    private struct State {
        var status: Status = .running(progress: 0)
        var cancelled = false
    }

    private let state = Locked(State())
    private let finished = DispatchSemaphore(value: 0)
    public let url: URL

    /// Starts computing (or loading) the peaks of `url` on a background queue; `onFinish`
    /// runs on that queue when the result is there.
    public init(url: URL, stream: Int? = nil, onFinish: (@Sendable (Status) -> Void)? = nil) {
        self.url = url
        let state = self.state
        let finished = self.finished
        DispatchQueue.global(qos: .utility).async {
            let status: Status
            do throws(MediaError) {
                let peaks = try AudioPeaks.loadOrCompute(url: url, stream: stream) { fraction in
                    state.withLock { state in
                        if !state.cancelled { state.status = .running(progress: fraction) }
                        return !state.cancelled
                    }
                }
                status = .done(peaks)
            } catch {
                status = .failed(error)
            }
            state.withLock { $0.status = status }
            finished.signal()
            onFinish?(status)
        }
    }

    public var status: Status { state.withLock { $0.status } }

    /// The peaks once computed, else `nil` (still running, or failed).
    public var peaks: AudioPeaks? {
        if case .done(let peaks) = status { return peaks }
        return nil
    }

    /// Asks the computation to stop at its next progress report; it then fails "cancelled".
    public func cancel() { state.withLock { $0.cancelled = true } }

    /// Blocks until the job ends (for command-line tools and tests, never the screen).
    @discardableResult
    public func wait() -> Status {
        finished.wait()
        finished.signal()
        return status
    }
}
