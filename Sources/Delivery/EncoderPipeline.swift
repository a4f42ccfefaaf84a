import Foundation
import Media

/// Runs a render's `MovieEncoder` on a thread of its own, at most `depth` calls behind the
/// render loop, so that decoding (or compositing) the next frame overlaps encoding this one,
/// as ffmpeg's decoder and encoder threads do.
///
/// Measured with `bench export` (a): the render loop decoded, then waited while the encoder
/// took the frame (x264 runs its lookahead in the caller's thread, see `MovieEncoder`), so one
/// core idled for the decode's share of the work and the render took 1.10-1.16x ffmpeg's time.
///
/// Calls keep their order (one serial queue). An encoder error is kept and thrown by the next
/// `submit` or by `drain`; the calls queued after it are skipped. Reviewed as
/// `@unchecked Sendable`: the encoder is touched only on the queue (and by the owner after
/// `drain`), and `failure` only under `lock`.
final class EncoderPipeline: @unchecked Sendable {
    private let encoder: MovieEncoder
    private let queue = DispatchQueue(label: "termcut.render.encoder")
    private let slots: DispatchSemaphore
    private let lock = NSLock()
    private var failure: MediaError?

    /// `depth`: calls that may wait or run on the encoder's thread at once (each holds a picture
    /// or a block of sound: two 1080p frames are about 6 MB).
    init(_ encoder: MovieEncoder, depth: Int = 2) {
        self.encoder = encoder
        slots = DispatchSemaphore(value: max(depth, 1))
    }

    /// Queues `work` behind the calls already queued; waits while `depth` are outstanding.
    /// Throws an earlier call's error instead of queueing.
    func submit(_ work: @escaping @Sendable (MovieEncoder) throws(MediaError) -> Void) throws(MediaError) {
        if let failure = currentFailure() { throw failure }
        slots.wait()
        queue.async { [self] in
            defer { slots.signal() }
            guard currentFailure() == nil else { return }
            do throws(MediaError) {
                try work(encoder)
            } catch {
                lock.lock(); failure = failure ?? error; lock.unlock()
            }
        }
    }

    /// Waits for every queued call, then throws the first error any of them met.
    func drain() throws(MediaError) {
        queue.sync {}
        if let failure = currentFailure() { throw failure }
    }

    private func currentFailure() -> MediaError? {
        lock.lock(); defer { lock.unlock() }
        return failure
    }
}
