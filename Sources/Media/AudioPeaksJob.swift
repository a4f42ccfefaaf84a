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
                        // The final report (1) comes just before the result: "running at 100 %"
                        // is never a state a caller should see.
                        if !state.cancelled && fraction < 1 { state.status = .running(progress: fraction) }
                        return !state.cancelled
                    }
                }
                status = .done(peaks)
            } catch {
                status = .failed(error)
            }
            // Published under the lock `cancel` takes: a cancel that returned true always wins,
            // even when the work itself finished first (cached peaks, a short file).
            let published: Status = state.withLock { state in
                if state.cancelled, case .done = status {
                    state.status = .failed(MediaError(.invalidRequest, path: url.path, reason: "cancelled"))
                } else {
                    state.status = status
                }
                return state.status
            }
            finished.signal()
            onFinish?(published)
        }
    }

    public var status: Status { state.withLock { $0.status } }

    /// The peaks once computed, else `nil` (still running, or failed).
    public var peaks: AudioPeaks? {
        if case .done(let peaks) = status { return peaks }
        return nil
    }

    /// Stops the computation at its next progress report; it then fails "cancelled". Returns
    /// false when the job had already ended (its result stands), true when the cancel took:
    /// then the status will be `.failed` "cancelled", whatever the work was doing.
    @discardableResult
    public func cancel() -> Bool {
        state.withLock { state in
            guard case .running = state.status else { return false }
            state.cancelled = true
            return true
        }
    }

    /// Blocks until the job ends (for command-line tools and tests, never the screen).
    @discardableResult
    public func wait() -> Status {
        finished.wait()
        finished.signal()
        return status
    }
}
