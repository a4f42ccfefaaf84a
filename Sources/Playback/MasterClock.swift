import Foundation

/// Nanoseconds of a clock that never jumps (CLOCK_MONOTONIC).
enum Monotonic {
    static func nanoseconds() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return UInt64(now.tv_sec) * 1_000_000_000 + UInt64(now.tv_nsec)
    }
}

/// The play clock: τ, the device sample being heard now, counted from the start of the play
/// with serial `serial`.
///
/// With an audio device it is ffplay's audio clock: the device callback anchors it to the
/// first sample of the buffer the device starts playing at that moment, and between callbacks
/// it runs on at 48 kHz of real time, never beyond the samples the device really has (an
/// underrun holds it still). Without a device it is a wall clock started by `startWall`.
///
/// Read by the main thread and the picture thread, written by the audio callback: a small
/// lock-protected value, reviewed as `@unchecked Sendable` (every field is behind `lock`).
final class MasterClock: @unchecked Sendable {
    static let samplesPerSecond: UInt64 = 48_000

    private let lock = NSLock()
    private var serial = 0
    private var anchorTau: Int64?
    private var anchorHost: UInt64 = 0
    /// Samples the clock may run past its anchor before the next anchor (the audio it has).
    private var runLimit: Int64 = 0

    /// Stops the clock and makes `serial` current: τ is unknown until the first anchor.
    func reset(serial: Int) {
        lock.lock(); defer { lock.unlock() }
        self.serial = serial
        anchorTau = nil
    }

    /// A real-time clock from τ = 0 now, for playing without an audio device.
    func startWall(serial: Int) {
        lock.lock(); defer { lock.unlock() }
        self.serial = serial
        anchorTau = 0
        anchorHost = Monotonic.nanoseconds()
        runLimit = Int64.max / 4
    }

    /// Called by the audio callback: at host time `host` the device starts playing sample `tau`,
    /// and has `available` samples of this play from there on.
    func anchor(serial: Int, tau: Int64, host: UInt64, available: Int64) {
        lock.lock(); defer { lock.unlock() }
        guard serial == self.serial else { return }
        anchorTau = tau
        anchorHost = host
        runLimit = available
    }

    /// τ now for play `serial`, or nil if that play's sound has not reached the device yet.
    func tau(serial: Int, at host: UInt64 = Monotonic.nanoseconds()) -> Int64? {
        lock.lock(); defer { lock.unlock() }
        guard serial == self.serial, let anchorTau else { return nil }
        let elapsed = host > anchorHost ? host - anchorHost : 0
        let run = Int64(elapsed * Self.samplesPerSecond / 1_000_000_000)
        return anchorTau + min(run, runLimit)
    }
}
