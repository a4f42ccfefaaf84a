import Foundation

/// Mixed sound on its way from the sound thread to the audio device callback.
///
/// Chunks carry the serial of the play they belong to and τ, the device time of their first
/// sample. The callback copies the current play's chunks into the device buffer (silence when
/// there are none), drops stale ones, and anchors the `MasterClock` the ffplay way: the sample
/// starting to play now is the first of the buffer handed over `latencyBuffers − 1` callbacks
/// ago (2 for real devices, whose driver holds one buffer while SDL fills the next; 1 for the
/// disk and dummy drivers, which consume a buffer as soon as it is handed over).
///
/// Shared by three threads; every field is behind `condition`, so it is reviewed as
/// `@unchecked Sendable`.
final class AudioFeed: @unchecked Sendable {
    struct Chunk {
        var serial: Int
        var tau: Int64
        /// Interleaved stereo.
        var samples: [Float]
        var offset = 0  // frames already copied
        var frames: Int { samples.count / 2 }
    }

    private struct Handed {
        var tau: Int64?
        var frames: Int64
    }

    let clock: MasterClock
    let latencyBuffers: Int
    private let condition = NSCondition()
    private var serial = 0
    private var chunks: [Chunk] = []
    private var queuedFrames = 0
    private var handed: [Handed] = []
    /// Everything handed to the device since it opened (silence included), for logs and tests.
    private var deviceFrames: Int64 = 0
    private var callbackLog: [(host: UInt64, deviceFrame: Int64, tau: Int64?, serial: Int)] = []
    private var logging = false
    /// With logging: the left channel of every buffer handed to the device and the τ of its
    /// first sample of this play (nil for silence), exactly as the device got it — sync tests
    /// find where a sound starts in τ from it, whatever the device driver does with the buffer.
    private var handedSound: [(tau: Int64?, left: [Float])] = []
    private(set) var underruns = 0
    /// Sound of the current play has reached the device (silence before that is no underrun).
    private var playing = false

    init(clock: MasterClock, latencyBuffers: Int) {
        self.clock = clock
        self.latencyBuffers = max(1, latencyBuffers)
    }

    /// Starts play `serial` (or silence): queued sound of older plays is dropped.
    func reset(serial: Int) {
        condition.lock()
        self.serial = serial
        chunks.removeAll()
        queuedFrames = 0
        handed.removeAll()
        playing = false
        condition.broadcast()
        condition.unlock()
    }

    /// Frames queued for play `serial` (0 for a stale serial).
    func queued(serial: Int) -> Int {
        condition.lock(); defer { condition.unlock() }
        return serial == self.serial ? queuedFrames : 0
    }

    /// Waits until fewer than `frames` are queued, the serial changes, or `timeout` passes.
    func waitForRoom(serial: Int, below frames: Int, timeout: TimeInterval) {
        condition.lock(); defer { condition.unlock() }
        if serial == self.serial && queuedFrames >= frames {
            _ = condition.wait(until: Date(timeIntervalSinceNow: timeout))
        }
    }

    func push(_ chunk: Chunk) {
        condition.lock(); defer { condition.unlock() }
        guard chunk.serial == serial else { return }
        chunks.append(chunk)
        queuedFrames += chunk.frames
    }

    /// Records each callback (host time, device frame, τ) for sync tests.
    func setLogging(_ on: Bool) {
        condition.lock(); defer { condition.unlock() }
        logging = on
        callbackLog.removeAll()
        handedSound.removeAll()
    }

    func takeHandedSound() -> [(tau: Int64?, left: [Float])] {
        condition.lock(); defer { condition.unlock() }
        defer { handedSound.removeAll() }
        return handedSound
    }

    func takeLog() -> [(host: UInt64, deviceFrame: Int64, tau: Int64?, serial: Int)] {
        condition.lock(); defer { condition.unlock() }
        defer { callbackLog.removeAll() }
        return callbackLog
    }

    /// The device callback: fills `frames` stereo frames at `buffer`.
    func fill(_ buffer: UnsafeMutablePointer<Float>, frames: Int) {
        let host = Monotonic.nanoseconds()
        condition.lock()
        var written = 0
        var firstTau: Int64?
        var real: Int64 = 0
        while written < frames, !chunks.isEmpty {
            if chunks[0].serial != serial {
                queuedFrames -= chunks[0].frames - chunks[0].offset
                chunks.removeFirst()
                continue
            }
            let chunkTau = chunks[0].tau + Int64(chunks[0].offset)
            // Sound must be contiguous in τ within one buffer for the clock to mean anything.
            if let firstTau, chunkTau != firstTau + real { break }
            if firstTau == nil { firstTau = chunkTau }
            let count = min(frames - written, chunks[0].frames - chunks[0].offset)
            chunks[0].samples.withUnsafeBufferPointer { source in
                (buffer + written * 2).update(from: source.baseAddress! + chunks[0].offset * 2, count: count * 2)
            }
            written += count
            real += Int64(count)
            chunks[0].offset += count
            queuedFrames -= count
            if chunks[0].offset == chunks[0].frames { chunks.removeFirst() }
        }
        if written < frames {
            (buffer + written * 2).update(repeating: 0, count: (frames - written) * 2)
            if playing { underruns += 1 }
        }
        if firstTau != nil { playing = true }
        handed.append(Handed(tau: firstTau, frames: real))
        if handed.count > latencyBuffers { handed.removeFirst(handed.count - latencyBuffers) }
        if handed.count == latencyBuffers, let playing = handed.first, let tau = playing.tau {
            // What the device has from here: the playing buffer's sound and, if contiguous, the next ones'.
            var available = playing.frames
            var nextTau = tau + playing.frames
            for later in handed.dropFirst() where later.tau == nextTau && playing.frames == Int64(frames) {
                available += later.frames
                nextTau += later.frames
            }
            clock.anchor(serial: serial, tau: tau, host: host, available: available)
        }
        if logging {
            callbackLog.append((host, deviceFrames, firstTau, serial))
            handedSound.append((firstTau, (0..<frames).map { buffer[$0 * 2] }))
        }
        deviceFrames += Int64(frames)
        condition.broadcast()
        condition.unlock()
    }
}
