import Foundation
import Media

/// The media feed of the real app: waveforms from `AudioPeaks` (cached on disk by Media)
/// computed by `AudioPeaksJob` on a background queue, started the first time a clip of the
/// media is drawn. The screen never waits: until the peaks are there the clip is drawn plain.
///
/// Used from the main thread only; background jobs report back through a lock-protected flag.
public final class LibavMediaFeed: MediaFeed {
    /// The file of a media id, or nil when it is offline or unknown (asked on the main thread).
    private let resolve: (String) -> URL?
    /// At most this many media keep their peaks in memory (the disk cache keeps them all).
    private let limit: Int
    private var jobs: [String: AudioPeaksJob] = [:]
    private var order: [String] = []
    private var failed: Set<String> = []
    private let arrived = ArrivalFlag()

    public init(limit: Int = 32, resolve: @escaping (String) -> URL?) {
        self.limit = limit
        self.resolve = resolve
    }

    public func waveform(media: String, from: Double, to: Double, buckets: Int) -> [WaveformPeak]? {
        guard !failed.contains(media) else { return nil }
        if let job = jobs[media] {
            switch job.status {
            case .done(let peaks):
                return peaks.peaks(from: from, to: to, buckets: buckets).map { WaveformPeak(min: $0.min, max: $0.max) }
            case .failed:
                failed.insert(media)  // no sound, or undecodable: plain from now on
                return nil
            case .running:
                return nil
            }
        }
        guard let url = resolve(media) else { return nil }
        let flag = arrived
        jobs[media] = AudioPeaksJob(url: url) { _ in flag.set() }
        order.append(media)
        if order.count > limit {
            let oldest = order.removeFirst()
            jobs[oldest]?.cancel()
            jobs[oldest] = nil
        }
        return nil
    }

    public func thumbnail(media: String, seconds: Double, width: Int, height: Int) -> RGBImage? { nil }

    public func takeChanges() -> Bool { arrived.take() }
}

/// A flag background work sets and the main loop takes.
final class ArrivalFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false

    func set() {
        lock.lock()
        value = true
        lock.unlock()
    }

    func take() -> Bool {
        lock.lock()
        defer { value = false; lock.unlock() }
        return value
    }
}
