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
    private let thumbnails = ThumbnailStore(limit: 256)
    private let thumbnailQueue = DispatchQueue(label: "termcut.thumbnails", qos: .utility)

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

    public func thumbnail(media: String, seconds: Double, width: Int, height: Int) -> RGBImage? {
        let key = "\(media)@\(Int(seconds * 1000))@\(width)x\(height)"
        if let image = thumbnails.image(for: key) { return image }
        guard !failed.contains(media), thumbnails.claim(key), let url = resolve(media) else { return nil }
        let store = thumbnails, flag = arrived
        // One serial queue decodes thumbnails, so they never compete with each other for the two
        // cores, and the screen never waits for one.
        thumbnailQueue.async {
            let image: RGBImage?
            do {
                let source = try VideoSource(url: url, cache: FrameCache(budgetBytes: 0), threads: 1, readAheadFrames: 0)
                let frame = try source.frame(at: .seconds(seconds))
                let picture = try frame.converted(to: .rgb24, width: width, height: height)
                image = RGBImage(width: picture.width, height: picture.height, pixels: picture.bytes)
            } catch {
                image = nil
            }
            store.finish(key, image)
            flag.set()
        }
        return nil
    }

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

/// Decoded thumbnails by key, bounded; a key is claimed while its decode runs so it is asked once.
final class ThumbnailStore: @unchecked Sendable {
    private let lock = NSLock()
    private let limit: Int
    private var images: [String: RGBImage] = [:]
    private var order: [String] = []
    private var pending: Set<String> = []
    /// Keys whose decode failed (no picture there): not tried again on every redraw.
    private var failed: Set<String> = []

    init(limit: Int) { self.limit = limit }

    func image(for key: String) -> RGBImage? {
        lock.lock(); defer { lock.unlock() }
        return images[key]
    }

    /// True when the caller should decode `key` (nobody has, nobody is).
    func claim(_ key: String) -> Bool {
        lock.lock(); defer { lock.unlock() }
        if images[key] != nil || pending.contains(key) || failed.contains(key) { return false }
        pending.insert(key)
        return true
    }

    func finish(_ key: String, _ image: RGBImage?) {
        lock.lock(); defer { lock.unlock() }
        pending.remove(key)
        guard let image else { failed.insert(key); return }
        images[key] = image
        order.append(key)
        if order.count > limit { images[order.removeFirst()] = nil }
    }
}
