import CFFmpeg
import Foundation

/// One audio stream decoded and converted to Float32 interleaved at `outputRate` in
/// `outputLayout`, positioned by output sample: demuxer, decoder and resampler owned
/// together, used from one thread at a time.
///
/// Reading on from where the last read ended decodes on. A jump seeks, then decodes
/// forward and drops samples up to the one asked for, so the result equals decoding from
/// the start (ffmpeg's output):
/// - the decoder starts `decoderPreroll` before the target, because lossy codecs need a
///   few frames to rebuild their state (MDCT overlap, MP3's bit reservoir);
/// - the resampler restarts on a *lattice* point, an input sample whose output position
///   is a whole number (input rate / gcd apart), where a fresh resampler has exactly the
///   phase that one running from the start has; it starts `resamplerPreroll` early so
///   its start-up edge (swresample mirrors its first samples) is dropped with the rest.
final class AudioDecodeChain {
    let path: String
    let streamIndex: Int
    let outputRate: Int
    let outputLayout: ChannelLayout
    var outputChannels: Int { outputLayout.channelCount }
    let clock: AudioSampleClock

    private var input: FormatInput
    private var decoder: CodecContext
    private var resampler: Resampler?
    /// Source position of the next decoded sample, when known (counting from a placed frame).
    private var nextSourceSample: Int64?
    /// Source sample the resampler was started at; earlier samples are dropped.
    private var feedStart: Int64 = 0
    /// Output position of `buffer[0]`.
    private(set) var bufferStart: Int64 = 0
    private var buffer: [Float] = []
    private var draining = false
    private(set) var atEnd = false
    /// The first frame after a seek began after `feedStart`: the demuxer landed too late.
    private var landedLate = false
    private var placedSinceSeek = false
    /// The position was counted from the start or from a recorded frame (not computed from
    /// a timestamp), so frames met may be recorded in the clock.
    private var positionIsCounted = true
    private var unplacedSinceSeek = 0
    private(set) var seekCount = 0
    private(set) var decodedFrameCount = 0

    /// Output samples kept before the end of the last read, so a read that steps back a
    /// little (a replayed buffer) needs no seek.
    private let history: Int64
    /// A jump forward shorter than this decodes on instead of seeking.
    private let forwardDecodeLimit: Int64

    /// A chain at the start of the stream; `opened` is used instead of opening the file anew.
    init(path: String, streamIndex: Int, outputLayout: ChannelLayout, outputRate: Int, clock: AudioSampleClock,
         opened: FormatInput? = nil) throws(MediaError) {
        self.path = path
        self.streamIndex = streamIndex
        self.outputLayout = outputLayout
        self.outputRate = outputRate
        self.clock = clock
        history = Int64(outputRate)
        forwardDecodeLimit = Int64(outputRate) / 2
        (input, decoder) = try Self.open(path: path, streamIndex: streamIndex, opened: opened)
        nextSourceSample = 0
    }

    private static func open(path: String, streamIndex: Int, opened: FormatInput? = nil) throws(MediaError) -> (FormatInput, CodecContext) {
        let input: FormatInput
        if let opened { input = opened } else { input = try FormatInput(path: path) }
        guard streamIndex < input.streamCount else {
            throw MediaError(.fileChanged, path: path, reason: "the file changed on disk while open; reopen it")
        }
        for other in 0..<input.streamCount where other != streamIndex {
            input.stream(other).pointee.discard = AVDISCARD_ALL
        }
        let decoder = try CodecContext.decoder(for: input.stream(streamIndex), path: path)
        return (input, decoder)
    }

    var bufferEnd: Int64 { bufferStart + Int64(buffer.count / outputChannels) }

    /// Output samples in the whole stream, once its length in source samples is known:
    /// swresample puts out ceil(n × out / in) samples for n in (measured against ffmpeg).
    var outputSampleCount: Int64? {
        clock.sourceSampleCount.map { count in
            let rate = Int64(clock.sourceRate), out = Int64(outputRate)
            return (count * out + rate - 1) / rate
        }
    }

    // MARK: Reading

    /// `count` frames from output sample `from`; zeros past the end.
    func read(from start: Int64, count: Int) throws(MediaError) -> [Float] {
        let channels = outputChannels
        var samples = [Float](repeating: 0, count: max(0, count) * channels)
        guard count > 0 else { return samples }
        let end = start + Int64(count)
        if start < 0 || (outputSampleCount.map { start >= $0 } ?? false) {
            // Before the start or past the end: silence, and only the part that overlaps is read.
            guard start < 0, end > 0 else { return samples }
            let tail = try read(from: 0, count: Int(end))
            samples.replaceSubrange((samples.count - tail.count)..., with: tail)
            return samples
        }
        if start < bufferStart || (start > bufferEnd + forwardDecodeLimit && !atEnd) {
            try reposition(to: start)
        }
        while bufferEnd < end, try pump() {}
        let available = min(end, bufferEnd) - start
        if available > 0 {
            let from = Int(start - bufferStart) * channels
            samples.withUnsafeMutableBufferPointer { output in
                buffer.withUnsafeBufferPointer { kept in
                    output.baseAddress!.update(from: kept.baseAddress! + from, count: Int(available) * channels)
                }
            }
        }
        dropBuffered(before: min(end, bufferEnd) - history)
        return samples
    }

    private func dropBuffered(before position: Int64) {
        let frames = position - bufferStart
        // Drop in large steps only: removing from the front of an array moves what remains (the
        // history), so four seconds go at a time (one second at a time, the move was a tenth of
        // `bench mix`).
        guard frames >= 4 * history, frames <= Int64(buffer.count / outputChannels) else { return }
        buffer.removeFirst(Int(frames) * outputChannels)
        bufferStart += frames
    }

    // MARK: Positioning

    /// Source samples to decode before the target after a seek (a quarter second: several
    /// frames of any lossy codec, MP3's bit reservoir and Opus's 80 ms pre-roll included).
    private var decoderPreroll: Int64 { Int64(clock.sourceRate) / 4 }

    /// Source samples the resampler runs before the target: a few filter lengths.
    private var resamplerPreroll: Int64 {
        clock.sourceRate == outputRate ? 0 : 256 * max(1, Int64(clock.sourceRate) / Int64(outputRate) + 1)
    }

    /// Positions the chain so that the next output sample produced is a lattice point at or
    /// before `target`, far enough before it for the resampler's start-up to be dropped.
    func reposition(to target: Int64) throws(MediaError) {
        seekCount += 1
        let rate = Int64(clock.sourceRate), out = Int64(outputRate)
        let common = gcd(rate, out)
        let inputStep = rate / common, outputStep = out / common
        let prerollSteps = (resamplerPreroll + inputStep - 1) / inputStep
        let lattice = max(0, target / outputStep - prerollSteps)
        let sourceStart = lattice * inputStep
        let outputStart = lattice * outputStep

        // Close ahead of where decoding stands (or only reachable by counting): decode on.
        if let next = nextSourceSample, !draining, !atEnd, next <= sourceStart,
           clock.positioning != .timestamps || sourceStart - next < Int64(clock.sourceRate) * 2 {
            start(at: sourceStart, output: outputStart)
            return
        }
        var preroll = decoderPreroll
        for _ in 0..<4 {
            var seekSample = sourceStart - preroll
            if let counted = clock.countedExtent {
                // Positions are known only where counted: land inside that, decode on from there.
                seekSample = min(seekSample, counted - decoderPreroll)
            }
            guard seekSample > 0, let timestamp = clock.seekTimestamp(before: seekSample) else { break }
            let context = input.context
            var status = avformat_seek_file(context, Int32(streamIndex), Int64.min, timestamp, timestamp, 0)
            if status < 0 { status = av_seek_frame(context, Int32(streamIndex), timestamp, AVSEEK_FLAG_BACKWARD) }
            guard status >= 0 else { break }
            decoder.flush()
            nextSourceSample = nil
            start(at: sourceStart, output: outputStart)
            // Decode until a frame is placed (the first one or two after a seek may not be).
            while !placedSinceSeek, !landedLate, unplacedSinceSeek < 64, try pump() {}
            if placedSinceSeek { return }
            preroll *= 4
        }
        // Only decoding from the start gets there: reopen, so the demuxer and decoder
        // start exactly as a first read does (priming skips included).
        (input, decoder) = try Self.open(path: path, streamIndex: streamIndex)
        nextSourceSample = 0
        positionIsCounted = true
        start(at: sourceStart, output: outputStart)
    }

    private func start(at sourceStart: Int64, output outputStart: Int64) {
        resampler = nil
        buffer.removeAll(keepingCapacity: true)
        feedStart = sourceStart
        bufferStart = outputStart
        draining = false
        atEnd = false
        landedLate = false
        placedSinceSeek = nextSourceSample != nil
        unplacedSinceSeek = 0
    }

    // MARK: Decoding

    /// Decodes one more frame and appends its converted samples; `false` at the end.
    @discardableResult
    func pump() throws(MediaError) -> Bool {
        guard !atEnd else { return false }
        let frame = Frame()
        while true {
            switch decoder.receive(frame: frame) {
            case .frame:
                decodedFrameCount += 1
                try accept(frame)
                return !landedLate
            case .end:
                try finish()
                return false
            case .damaged:
                continue  // the ffmpeg tool reports and skips an undecodable frame too
            case .needsInput:
                if draining {
                    try finish()
                    return false
                }
                try feed()
            }
        }
    }

    private func accept(_ frame: Frame) throws(MediaError) {
        let count = Int64(frame.pointer.pointee.nb_samples)
        let timestamp = frame.bestEffortTimestamp ?? frame.pts
        let first: Int64
        if let next = nextSourceSample {
            first = next
            if let timestamp { clock.check(timestamp: timestamp, countedSample: first) }
        } else {
            let positioning = clock.positioning
            guard let timestamp, let placed = clock.sample(at: timestamp) else {
                unplacedSinceSeek += 1  // cannot place it: dropped, the next may be placed
                return
            }
            if placed > feedStart {
                landedLate = true
                return
            }
            first = placed
            placedSinceSeek = true
            positionIsCounted = positioning == .recordedFrames
        }
        nextSourceSample = first + count
        if first == 0, clock.firstTimestamp == nil, let timestamp { clock.firstTimestamp = timestamp }
        if positionIsCounted, let timestamp { clock.record(timestamp: timestamp, sample: first) }
        guard first + count > feedStart, count > 0 else { return }
        if let current = resampler, !current.accepts(frame) {
            // The stream changed shape mid-way (rare): finish the old conversion, start anew.
            try current.flush(into: &buffer)
            resampler = nil
        }
        if resampler == nil {
            resampler = try Resampler(input: frame, outputLayout: outputLayout, outputRate: outputRate, path: path)
        }
        try resampler!.convert(frame, skipping: Int(max(0, feedStart - first)), into: &buffer)
    }

    private func finish() throws(MediaError) {
        try resampler?.flush(into: &buffer)
        atEnd = true
        if let next = nextSourceSample, clock.sourceSampleCount == nil { clock.sourceSampleCount = next }
    }

    /// Sends the next packet of our stream to the decoder (or the flush at the end).
    private func feed() throws(MediaError) {
        let packet = Packet()
        while true {
            switch input.read(into: packet) {
            case .packet:
                defer { packet.unref() }
                guard packet.streamIndex == streamIndex else { continue }
                _ = decoder.send(packet: packet)  // a damaged packet is skipped, as the ffmpeg tool does
                return
            case .end, .failed:
                _ = decoder.send(packet: nil)
                draining = true
                return
            }
        }
    }
}

func gcd(_ a: Int64, _ b: Int64) -> Int64 {
    var (a, b) = (abs(a), abs(b))
    while b != 0 { (a, b) = (b, a % b) }
    return max(a, 1)
}
