import CFFmpeg
import Foundation

/// Sample-accurate access to one audio stream of a file, as Float32 interleaved at a
/// chosen mix rate and channel count.
///
/// Sample 0 is the stream's first decoded sample (after the codec's priming, which the
/// container's edit list or encoder-delay header tells libavcodec to drop), and the
/// samples equal `ffmpeg -i FILE -f f32le -ac CHANNELS -ar RATE -`: the same swresample
/// conversion (standard downmix matrix, mono copied to both channels at −3 dB) and, after
/// a seek, the same values as decoding from the start (see `AudioDecodeChain`).
///
/// Reading on from where the last read ended never seeks; a jump seeks, decodes forward
/// and drops what lies before the sample asked for. Reads outside the stream give silence.
///
/// Thread-safe: every read runs under one lock, one at a time (libav's objects are only
/// touched inside it). Reviewed as `@unchecked Sendable` for that reason: the mutable
/// state, all of it behind `state`, is never reached without the lock.
public final class AudioSource: @unchecked Sendable {
    public let url: URL
    /// Mix format: samples per second and channels of `read`.
    public let sampleRate: Int
    public let channels: Int
    /// The stream's own channel count and layout name (`mono`, `stereo`, `5.1`, `5.1(side)` …).
    public let sourceChannels: Int
    public let sourceLayout: String
    /// The stream's own sample rate.
    public let sourceSampleRate: Int
    /// The file's stream number of the audio read.
    public let streamIndex: Int
    /// Codec name as libav calls it (`aac`, `mp3`, `pcm_s16le` …).
    public let codecName: String

    private struct State {
        var mix: AudioDecodeChain
        var sourceChannels: AudioDecodeChain?
        var sampleCount: Int64?
    }

    private let state: Locked<State>
    private let clock: AudioSampleClock
    private let path: String
    private let sourceLayoutValue: ChannelLayout
    /// Samples at the source rate the container says the stream lasts, for estimates.
    private let declaredSourceSamples: Int64?

    /// Opens the audio stream `stream` (a stream number of the file), or the one the ffmpeg
    /// tool would pick: the default-flagged one, else the one with most channels.
    public init(url: URL, sampleRate: Int = 48000, channels: Int = 2, stream: Int? = nil) throws(MediaError) {
        let path = url.path
        guard sampleRate >= 1000, sampleRate <= 768_000 else {
            throw MediaError(.invalidRequest, path: path, reason: "a mix rate of \(sampleRate) Hz is not supported (1000–768000)")
        }
        guard channels >= 1, channels <= 64 else {
            throw MediaError(.invalidRequest, path: path, reason: "a mix of \(channels) channels is not supported (1–64)")
        }
        self.url = url
        self.path = path
        self.sampleRate = sampleRate
        self.channels = channels
        let input = try FormatInput(path: path)
        let chosen = try Self.chooseStream(in: input, requested: stream)
        streamIndex = chosen
        let avStream = input.stream(chosen)
        let parameters = avStream.pointee.codecpar!
        codecName = cString(avcodec_get_name(parameters.pointee.codec_id)) ?? "unknown"
        sourceSampleRate = Int(parameters.pointee.sample_rate)
        guard sourceSampleRate > 0 else {
            throw MediaError(.damaged, path: path, reason: "damaged: its audio stream has no sample rate")
        }
        sourceLayoutValue = ChannelLayout(copying: &parameters.pointee.ch_layout)
        sourceChannels = sourceLayoutValue.channelCount
        sourceLayout = sourceLayoutValue.name
        let timeBase = avStream.pointee.time_base
        clock = AudioSampleClock(for: input, stream: chosen)
        if avStream.pointee.duration != tc_nopts_value(), avStream.pointee.duration > 0 {
            declaredSourceSamples = av_rescale_q(avStream.pointee.duration, timeBase, AVRational(num: 1, den: Int32(sourceSampleRate)))
        } else if input.context.pointee.duration != tc_nopts_value(), input.context.pointee.duration > 0 {
            declaredSourceSamples = av_rescale_q(input.context.pointee.duration, tc_time_base_q(), AVRational(num: 1, den: Int32(sourceSampleRate)))
        } else {
            declaredSourceSamples = nil
        }

        let mix = try AudioDecodeChain(path: path, streamIndex: chosen, outputLayout: ChannelLayout(defaultFor: channels),
                                       outputRate: sampleRate, clock: clock, opened: input)
        // The first frames fix sample 0's timestamp, which every later seek is measured from,
        // and show whether timestamps run on with the samples.
        while mix.bufferEnd < Int64(sampleRate) / 4, try mix.pump() {}
        guard mix.bufferEnd > 0 else {
            throw MediaError(.damaged, path: path, reason: "damaged: no sound could be decoded from its \(codecName) stream")
        }
        state = Locked(State(mix: mix))
    }

    static func chooseStream(in input: FormatInput, requested: Int?) throws(MediaError) -> Int {
        let path = input.path
        let audio = (0..<input.streamCount).filter { input.stream($0).pointee.codecpar.pointee.codec_type == AVMEDIA_TYPE_AUDIO }
        if let requested {
            guard audio.contains(requested) else {
                let list = audio.isEmpty ? "it has none" : "audio streams: " + audio.map(String.init).joined(separator: ", ")
                throw MediaError(.invalidRequest, path: path, reason: "stream \(requested) is not an audio stream (\(list))")
            }
            guard avcodec_find_decoder(input.stream(requested).pointee.codecpar.pointee.codec_id) != nil else {
                throw MediaError(.noDecodableStream, path: path, reason: "no decoder for audio stream \(requested)")
            }
            return requested
        }
        let decodable = audio.filter { avcodec_find_decoder(input.stream($0).pointee.codecpar.pointee.codec_id) != nil }
        guard let best = decodable.max(by: { score(input.stream($0)) < score(input.stream($1)) || (score(input.stream($0)) == score(input.stream($1)) && $0 > $1) }) else {
            if let first = audio.first {
                let name = cString(avcodec_get_name(input.stream(first).pointee.codecpar.pointee.codec_id)) ?? "unknown"
                throw MediaError(.noDecodableStream, path: path, reason: "no decoder for its audio (\(name))")
            }
            throw MediaError(.noAudioStream, path: path, reason: "no audio stream")
        }
        return best
    }

    /// The ffmpeg tool's preference among audio streams: default-flagged, then most channels.
    private static func score(_ stream: UnsafeMutablePointer<AVStream>) -> Int {
        Int(stream.pointee.codecpar.pointee.ch_layout.nb_channels)
            + (stream.pointee.disposition & AV_DISPOSITION_DEFAULT != 0 ? 5_000_000 : 0)
    }

    /// Samples per channel the stream holds at `sampleRate`, from its first decoded sample.
    ///
    /// Exact (decoded at the end: ceil(source samples × sampleRate / source rate), as
    /// swresample gives), except for a stream longer than ten minutes whose container counts
    /// time coarser than a sample (WebM, AVI): there it is estimated from the declared
    /// duration until a read reaches the end.
    public var sampleCount: Int64 {
        state.withLock { state in
            if let counted = state.mix.outputSampleCount { return counted }
            if let known = state.sampleCount { return known }
            let measured = measureSampleCount() ?? estimatedSampleCount()
            state.sampleCount = measured
            return measured
        }
    }

    /// Seconds of sound from the first decoded sample.
    public var duration: Double { Double(sampleCount) / Double(sampleRate) }

    /// Sample-accurate read of `count` frames starting at `from` (in `sampleRate` units from
    /// the start of the stream); past the end → zeros (silence), never an error. Returns
    /// interleaved Float32, count × channels values.
    public func read(from start: Int64, count: Int) throws(MediaError) -> [Float] {
        guard count >= 0 else {
            throw MediaError(.invalidRequest, path: path, reason: "cannot read \(count) samples")
        }
        let result: Result<[Float], MediaError> = state.withLock { state in
            do throws(MediaError) {
                return .success(try state.mix.read(from: start, count: count))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// The source's own channels (no downmix) for meters: same contract, at the source's
    /// channel count.
    public func readSourceChannels(from start: Int64, count: Int) throws(MediaError) -> (channels: Int, samples: [Float]) {
        guard count >= 0 else {
            throw MediaError(.invalidRequest, path: path, reason: "cannot read \(count) samples")
        }
        let result: Result<[Float], MediaError> = state.withLock { state in
            do throws(MediaError) {
                if state.sourceChannels == nil {
                    state.sourceChannels = try AudioDecodeChain(path: path, streamIndex: streamIndex, outputLayout: sourceLayoutValue,
                                                                outputRate: sampleRate, clock: clock)
                }
                return .success(try state.sourceChannels!.read(from: start, count: count))
            } catch {
                return .failure(error)
            }
        }
        return (sourceChannels, try result.get())
    }

    /// How a seek finds its sample in this stream, for tests.
    var positioning: AudioSampleClock.Positioning { state.withLock { _ in clock.positioning } }

    /// Seeks performed by `read` so far (sequential reading performs none), for tests.
    public var seekCount: Int { state.withLock { $0.mix.seekCount } }

    // MARK: Length

    /// Decodes the last seconds on a separate demuxer to count the stream's samples.
    private func measureSampleCount() -> Int64? {
        let estimate = estimatedSampleCount()
        for _ in 0..<2 {
            let positioning = clock.positioning
            if positioning != .timestamps && estimate > Int64(sampleRate) * 600 { return nil }
            guard let probe = try? AudioDecodeChain(path: path, streamIndex: streamIndex, outputLayout: ChannelLayout(defaultFor: 1),
                                                    outputRate: sampleRate, clock: clock) else { return nil }
            do throws(MediaError) {
                try probe.reposition(to: max(0, estimate - 2 * Int64(sampleRate)))
                while try probe.pump() {}
            } catch {
                return nil
            }
            // Timestamps found not to run on with the samples on the way: count again, the slow way.
            if clock.positioning == positioning { return probe.outputSampleCount }
            clock.sourceSampleCount = nil
        }
        return nil
    }

    private func estimatedSampleCount() -> Int64 {
        let source = declaredSourceSamples ?? 0
        return (source * Int64(sampleRate) + Int64(sourceSampleRate) - 1) / Int64(sourceSampleRate)
    }
}
