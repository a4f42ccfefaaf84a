import CFFmpeg
import Foundation

/// The waveform of one audio stream, ready to draw at any zoom: the lowest and highest
/// sample value over every channel, per block of about 5 ms (256 samples at 48 kHz, the
/// same length at other rates), and per 16, 256, 4096 … blocks for zoomed-out views.
///
/// Computing it decodes the whole stream, so it is done once per file state and kept in
/// `MediaCacheFolder.root/peaks/`, keyed by the file's path, size and modification time:
/// the next open of the file reads it back without decoding (`load`). `AudioPeaksJob`
/// computes it on a background thread with progress, so the screen never waits for it.
///
/// Immutable: `Sendable`.
public final class AudioPeaks: Sendable {
    public struct Peak: Sendable, Equatable {
        public var min: Float
        public var max: Float
    }

    public let identity: MediaFileIdentity
    /// The file's stream number the peaks were taken from.
    public let streamIndex: Int
    /// The stream's own sample rate; blocks count samples at this rate.
    public let sampleRate: Int
    public let channels: Int
    /// Source samples per level-0 block.
    public let blockSamples: Int
    /// Samples in the stream (from its first decoded sample).
    public let sampleCount: Int64
    /// `levels[0]` per block, `levels[k]` per 16^k blocks.
    let levels: [[Peak]]

    static let levelFactor = 16

    public var duration: Double { Double(sampleCount) / Double(sampleRate) }

    init(identity: MediaFileIdentity, streamIndex: Int, sampleRate: Int, channels: Int, blockSamples: Int,
         sampleCount: Int64, blocks: [Peak]) {
        self.identity = identity
        self.streamIndex = streamIndex
        self.sampleRate = sampleRate
        self.channels = channels
        self.blockSamples = blockSamples
        self.sampleCount = sampleCount
        var levels = [blocks]
        while let finest = levels.last, finest.count > 1 {
            levels.append(stride(from: 0, to: finest.count, by: Self.levelFactor).map { start in
                var peak = finest[start]
                for index in start..<Swift.min(start + Self.levelFactor, finest.count) {
                    peak.min = Swift.min(peak.min, finest[index].min)
                    peak.max = Swift.max(peak.max, finest[index].max)
                }
                return peak
            })
        }
        self.levels = levels
    }

    /// Level-0 blocks, in order.
    public var blocks: [Peak] { levels[0] }

    /// `buckets` (min, max) pairs evenly covering `[from, to)` seconds from the stream's
    /// first sample: each is the extreme of the blocks it overlaps, taken from the coarsest
    /// level that still gives every bucket its own blocks. Outside the stream: (0, 0).
    public func peaks(from start: Double, to end: Double, buckets: Int) -> [(min: Float, max: Float)] {
        guard buckets > 0, end > start, start.isFinite, end.isFinite else { return [] }
        let secondsPerBucket = (end - start) / Double(buckets)
        let blockSeconds = Double(blockSamples) / Double(sampleRate)
        var level = 0
        while level + 1 < levels.count,
              blockSeconds * pow(Double(Self.levelFactor), Double(level + 1)) <= secondsPerBucket {
            level += 1
        }
        let values = levels[level]
        let seconds = blockSeconds * pow(Double(Self.levelFactor), Double(level))
        return (0..<buckets).map { bucket in
            let from = start + Double(bucket) * secondsPerBucket
            let to = from + secondsPerBucket
            let first = Int((from / seconds).rounded(.down))
            let last = Swift.max(first, Int((to / seconds).rounded(.up)) - 1)
            let lower = Swift.max(0, first), upper = Swift.min(values.count - 1, last)
            guard lower <= upper else { return (0, 0) }
            var peak = values[lower]
            for index in lower..<(upper + 1) {
                peak.min = Swift.min(peak.min, values[index].min)
                peak.max = Swift.max(peak.max, values[index].max)
            }
            return (peak.min, peak.max)
        }
    }

    // MARK: Computing

    /// Streams decoded for peaks so far in this process (cached loads decode none), for tests.
    public static var computeCount: Int { computations.withLock { $0 } }
    private static let computations = Locked(0)

    /// Decodes the stream (`stream`, or the one `AudioSource` would pick), computes its peaks
    /// and stores them in the cache folder. `progress` receives 0…1 now and then and may
    /// return `false` to stop (then this throws `.invalidRequest` "cancelled").
    public static func compute(url: URL, stream: Int? = nil,
                               progress: ((Double) -> Bool)? = nil) throws(MediaError) -> AudioPeaks {
        computations.withLock { $0 += 1 }
        let path = url.path
        let input = try FormatInput(path: path)
        let chosen = try AudioSource.chooseStream(in: input, requested: stream)
        let identity = input.identity
        let avStream = input.stream(chosen)
        let rate = Int(avStream.pointee.codecpar.pointee.sample_rate)
        guard rate > 0 else { throw MediaError(.damaged, path: path, reason: "damaged: its audio stream has no sample rate") }
        let layout = ChannelLayout(copying: &avStream.pointee.codecpar.pointee.ch_layout)
        let channels = layout.channelCount
        var expected = avStream.pointee.duration != tc_nopts_value() && avStream.pointee.duration > 0
            ? Double(avStream.pointee.duration) * av_q2d(avStream.pointee.time_base) : 0
        if expected <= 0, input.context.pointee.duration > 0 { expected = Double(input.context.pointee.duration) / Double(tc_time_base()) }
        let clock = AudioSampleClock(for: input, stream: chosen)
        // At the stream's own rate and layout the chain only converts samples to Float32.
        let chain = try AudioDecodeChain(path: path, streamIndex: chosen, outputLayout: layout, outputRate: rate,
                                         clock: clock, opened: input)
        let blockSamples = Swift.max(1, (256 * rate + 24_000) / 48_000)
        var blocks: [Peak] = []
        if expected > 0 { blocks.reserveCapacity(Int(expected * Double(rate)) / blockSamples + 16) }
        var position: Int64 = 0
        let chunk = blockSamples * 256
        var lastReport = Date()
        while true {
            let samples = try chain.read(from: position, count: chunk)
            let available = Swift.max(0, Int(Swift.min(Int64(chunk), chain.bufferEnd - position)))
            guard available > 0 else { break }
            samples.withUnsafeBufferPointer { values in
                var start = 0
                while start < available {
                    let end = Swift.min(start + blockSamples, available)
                    var low = Float.infinity, high = -Float.infinity
                    for index in (start * channels)..<(end * channels) {
                        let value = values[index]
                        low = Swift.min(low, value)
                        high = Swift.max(high, value)
                    }
                    blocks.append(Peak(min: low, max: high))
                    start = end
                }
            }
            position += Int64(available)
            if available < chunk { break }
            if let progress, Date().timeIntervalSince(lastReport) > 0.1 {
                lastReport = Date()
                let fraction = expected > 0 ? Swift.min(0.99, Double(position) / (expected * Double(rate))) : 0
                if !progress(fraction) {
                    throw MediaError(.invalidRequest, path: path, reason: "cancelled")
                }
            }
        }
        guard position > 0 else {
            throw MediaError(.damaged, path: path, reason: "damaged: no sound could be decoded from its audio stream")
        }
        let peaks = AudioPeaks(identity: identity, streamIndex: chosen, sampleRate: rate, channels: channels,
                               blockSamples: blockSamples, sampleCount: position, blocks: blocks)
        peaks.save()
        _ = progress?(1)
        return peaks
    }

    // MARK: Cache

    /// The stored peaks of the file as it is now, or `nil` when none are stored (or the file
    /// changed since). Never decodes.
    public static func load(url: URL, stream: Int? = nil) throws(MediaError) -> AudioPeaks? {
        let identity = try MediaFileIdentity(path: url.path)
        let folder = MediaCacheFolder.root.appendingPathComponent("peaks", isDirectory: true)
        let prefix = identity.cacheKey + "-a"
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return nil }
        for name in names.sorted() where name.hasPrefix(prefix) && name.hasSuffix(".tcpk") {
            guard let peaks = read(folder.appendingPathComponent(name)), peaks.identity == identity,
                  stream == nil || peaks.streamIndex == stream else { continue }
            return peaks
        }
        return nil
    }

    /// The cached peaks, else computed (and cached) now.
    public static func loadOrCompute(url: URL, stream: Int? = nil,
                                     progress: ((Double) -> Bool)? = nil) throws(MediaError) -> AudioPeaks {
        if let cached = try load(url: url, stream: stream) { return cached }
        return try compute(url: url, stream: stream, progress: progress)
    }

    static func cacheURL(for identity: MediaFileIdentity, stream: Int) -> URL {
        MediaCacheFolder.root.appendingPathComponent("peaks", isDirectory: true)
            .appendingPathComponent("\(identity.cacheKey)-a\(stream).tcpk")
    }

    private static let magic = Array("TCPK1\n".utf8)

    /// Layout: magic, identity as JSON (length-prefixed), six Int64 (stream, rate, channels,
    /// block samples, sample count, block count), then min/max Float32 pairs, little-endian.
    func save() {
        AnalysisCacheFile.write(Self.cacheURL(for: identity, stream: streamIndex), magic: Self.magic, identity: identity,
                                numbers: [streamIndex, sampleRate, channels, blockSamples].map(Int64.init) + [sampleCount, Int64(blocks.count)],
                                floats: blocks.flatMap { [$0.min, $0.max] })
    }

    private static func read(_ url: URL) -> AudioPeaks? {
        guard let file = AnalysisCacheFile.read(url, magic: magic, numberCount: 6, floatCount: { numbers in
            Int(exactly: numbers[5]).flatMap { $0 <= Int.max / 2 ? $0 * 2 : nil }
        }) else { return nil }
        let n = file.numbers
        guard n[1] > 0, n[1] <= Int32.max, n[3] > 0, n[3] <= Int32.max, n[0] >= 0, n[0] <= Int32.max,
              n[2] >= 0, n[2] <= Int32.max else { return nil }
        let blocks = stride(from: 0, to: file.floats.count, by: 2).map { Peak(min: file.floats[$0], max: file.floats[$0 + 1]) }
        return AudioPeaks(identity: file.identity, streamIndex: Int(n[0]), sampleRate: Int(n[1]), channels: Int(n[2]),
                          blockSamples: Int(n[3]), sampleCount: n[4], blocks: blocks)
    }
}
