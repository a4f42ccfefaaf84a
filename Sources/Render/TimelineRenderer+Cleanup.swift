import Media
import TimelineModel

/// The clean-up of a clip's sound (high-pass, noise reduction) as it plays: the clip's raw
/// sound through one libavfilter chain (`AudioFilterGraph`), kept per clip while requests follow
/// on from each other (playback, export and loudness measurement ask in consecutive chunks).
/// A jump starts a new chain half a second before the point asked for, when the clip has
/// that much, so afftdn's noise estimate has settled by the time it is heard; from the clip's
/// start the output is exactly `ffmpeg -af` with the same chain on the same samples.
final class CleanupSound {
    let graph: AudioFilterGraph
    /// The record sample `pending`'s first frame belongs to.
    var next: Int64
    /// The next record sample to feed the chain.
    var feed: Int64
    var pending: [Float] = []

    init(graph: AudioFilterGraph, start: Int64) {
        self.graph = graph; next = start; feed = start
    }
}

/// The master bus limiter's state while requests follow on from each other.
final class MasterLimiting {
    let limiter: PeakLimiter
    /// The record sample the next request should start at to continue.
    var next: Int64
    init(limiter: PeakLimiter, next: Int64) { self.limiter = limiter; self.next = next }
}

extension TimelineRenderer {
    static let cleanupBlock = 4_096
    /// Half a second at 48 kHz: how far before a jump the chain starts.
    static let cleanupPreroll: Int64 = 24_000

    /// `count` frames of the clip's cleaned sound from record sample `at`, interleaved in the
    /// source's `channels`; `raw` reads the clip's unprocessed sound at any record sample.
    func cleanedSamples(_ segment: AudioSegment, chain: String, channels: Int, at: Int64, count: Int,
                        raw: (Int64, Int) throws(MediaError) -> [Float]) throws(MediaError) -> [Float] {
        var state: CleanupSound
        if let known = cleanupSounds[segment.clip], known.next == at, known.graph.chain == chain, known.graph.channels == channels {
            state = known
        } else {
            let start = max(segment.record.lowerBound, at - Self.cleanupPreroll)
            state = CleanupSound(graph: try AudioFilterGraph(chain: chain, sampleRate: Self.sampleRate, channels: channels, compensating: true),
                                 start: min(start, at))
            if cleanupSounds.count > 16 { cleanupSounds.removeAll() }
        }
        let lead = Int(at - state.next)
        while state.pending.count < (lead + count) * channels {
            let block = try raw(state.feed, Self.cleanupBlock)
            state.feed += Int64(Self.cleanupBlock)
            state.pending += try state.graph.process(block)
        }
        let out = Array(state.pending[(lead * channels) ..< ((lead + count) * channels)])
        state.pending.removeFirst((lead + count) * channels)
        state.next = at + Int64(count)
        cleanupSounds[segment.clip] = state
        return out
    }

    /// The mix through the sequence's master limiter when it has one. The limiter looks ahead,
    /// so its input runs `delay` samples ahead of the output; after a jump it is primed with
    /// those samples first, so output sample k always belongs to timeline sample k.
    func limitedSound(_ limiter: MasterLimiter, from start: Int64, count: Int) -> [Float] {
        let ceiling = Float(AudioMix.linear(dB: limiter.ceilingDB))
        let state: MasterLimiting
        if let known = masterLimiting, known.next == start, known.limiter.ceiling == ceiling {
            state = known
        } else {
            let fresh = PeakLimiter(ceiling: ceiling)
            _ = fresh.process(mixedSound(from: start, count: fresh.delay))
            state = MasterLimiting(limiter: fresh, next: start)
        }
        let out = state.limiter.process(mixedSound(from: start + Int64(state.limiter.delay), count: count))
        state.next = start + Int64(count)
        masterLimiting = state
        return out
    }
}
