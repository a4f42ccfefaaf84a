import Foundation
import Media

/// A file's `AudioLevels`: decoded once through Media's `AudioSource` at the stream's own rate
/// and channels, kept in `MediaCacheFolder.root/levels/` keyed by the file's identity (path,
/// size, modification time) like the waveform peaks, so a detection with other settings is instant.
extension AudioLevels {
    /// Times the envelope was decoded in this process (tests check the cache with it).
    public static var computeCount: Int { computations.value }
    private static let computations = Counter()

    private final class Counter: @unchecked Sendable {  // `count` only touched under `lock`
        private let lock = NSLock()
        private var count = 0
        var value: Int { lock.withLock { count } }
        func increment() { lock.withLock { count += 1 } }
    }

    /// Opens `url`'s audio (stream `stream`, or the one ffmpeg would pick) at its own rate and channels.
    public static func openSource(_ url: URL, stream: Int? = nil) throws(MediaError) -> AudioSource {
        let probe = try AudioSource(url: url, stream: stream)
        if probe.sourceSampleRate == probe.sampleRate && probe.sourceChannels == probe.channels { return probe }
        return try AudioSource(url: url, sampleRate: probe.sourceSampleRate, channels: probe.sourceChannels, stream: probe.streamIndex)
    }

    /// Decodes the whole stream. `progress` gets 0…1 now and then and may return false to stop
    /// (then this throws "cancelled").
    public static func compute(source: AudioSource, progress: ((Double) -> Bool)? = nil) throws(MediaError) -> AudioLevels {
        computations.increment()
        let total = source.sampleCount
        var builder = Builder(sampleRate: source.sampleRate, channels: source.sourceChannels)
        builder.reserve(frames: total)
        let chunk = Int64(source.sampleRate) * 4
        var position: Int64 = 0
        var lastReport = Date()
        while position < total {
            let count = Int(min(chunk, total - position))
            let (_, samples) = try source.readSourceChannels(from: position, count: count)
            samples.withUnsafeBufferPointer { builder.add($0) }
            position += Int64(count)
            if let progress, Date().timeIntervalSince(lastReport) > 0.1 {
                lastReport = Date()
                if !progress(min(0.99, Double(position) / Double(max(total, 1)))) {
                    throw MediaError(.invalidRequest, path: source.url.path, reason: "cancelled")
                }
            }
        }
        guard position > 0 else {
            throw MediaError(.damaged, path: source.url.path, reason: "damaged: no sound could be decoded from its audio stream")
        }
        return builder.finish()
    }

    /// The cached envelope of the file as it is now, else decoded (and cached). With
    /// `loudness`, the integrated loudness is measured too (once) for relative thresholds.
    public static func loadOrCompute(url: URL, stream: Int? = nil, loudness: Bool = false,
                                     progress: ((Double) -> Bool)? = nil) throws(MediaError) -> AudioLevels {
        let identity = try MediaFileIdentity(path: url.path)
        let source = try openSource(url, stream: stream)
        let cache = cacheURL(for: identity, stream: source.streamIndex)
        var levels: AudioLevels
        var changed = false
        if let cached = read(cache, identity: identity) {
            levels = cached
        } else {
            levels = try compute(source: source, progress: loudness ? { progress?($0 * 0.5) ?? true } : progress)
            changed = true
        }
        if loudness && levels.integratedLoudness == nil {
            do {
                let reading = try LoudnessMeter.measure(file: url, cancelled: { !(progress?(0.5) ?? true) })
                levels.integratedLoudness = reading.integrated
                changed = true
            } catch {
                throw MediaError(.invalidRequest, path: url.path, reason: error.message)
            }
        }
        if changed { save(levels, identity: identity, to: cache) }
        return levels
    }

    /// A `SilenceDetector.SampleReader` over the file's samples at the envelope's rate.
    public static func sampleReader(_ source: AudioSource) -> SilenceDetector.SampleReader {
        { start, count in
            let (channels, samples) = try source.readSourceChannels(from: start, count: count)
            return SilenceDetector.framePeaks(samples, channels: channels)
        }
    }

    // MARK: Cache

    static func cacheURL(for identity: MediaFileIdentity, stream: Int) -> URL {
        MediaCacheFolder.root.appendingPathComponent("levels", isDirectory: true)
            .appendingPathComponent("\(identity.cacheKey)-a\(stream).tclv")
    }

    private static let magic = Array("TCLV1\n".utf8)

    /// Layout: magic, identity JSON (length-prefixed), rate, block samples, sample count, block
    /// count (Int64), integrated loudness (Float64, NaN when not measured), then Float32 peaks; little-endian.
    static func save(_ levels: AudioLevels, identity: MediaFileIdentity, to url: URL) {
        AnalysisCacheFile.write(url, magic: magic, identity: identity,
                                numbers: [Int64(levels.sampleRate), Int64(levels.blockSamples), levels.sampleCount,
                                          Int64(levels.peaks.count), Int64(bitPattern: (levels.integratedLoudness ?? .nan).bitPattern)],
                                floats: levels.peaks)
    }

    static func read(_ url: URL, identity: MediaFileIdentity) -> AudioLevels? {
        guard let file = AnalysisCacheFile.read(url, magic: magic, numberCount: 5, floatCount: { Int(exactly: $0[3]) }),
              file.identity == identity else { return nil }
        let n = file.numbers
        guard n[0] > 0, n[0] <= Int32.max, n[1] > 0, n[1] <= Int32.max else { return nil }
        let loudness = Double(bitPattern: UInt64(bitPattern: n[4]))
        return AudioLevels(sampleRate: Int(n[0]), blockSamples: Int(n[1]), sampleCount: n[2], peaks: file.floats,
                           integratedLoudness: loudness.isNaN ? nil : loudness)
    }
}
