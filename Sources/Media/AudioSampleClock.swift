import CFFmpeg

/// Turns an audio frame's timestamp into its exact position in samples from the first
/// decoded sample, which is what a seek needs to find where it landed.
///
/// Sample 0 is the first sample the decoder puts out (after the codec's priming samples,
/// which libavcodec drops using the container's skip and edit-list data), and sample n
/// is the n-th sample decoded in sequence, as in the output of `ffmpeg -i FILE -f f32le -`.
/// Shared by the decode chains of one `AudioSource`, under its lock.
final class AudioSampleClock {
    enum Positioning: Equatable {
        /// The time base resolves single samples and timestamps run on with the samples
        /// (MP4, Ogg, FLAC, PCM WAV, MP3, MPEG-PS): a frame's position is its timestamp's
        /// distance from the first one.
        case timestamps
        /// Timestamps are coarser than a sample (Matroska/WebM count milliseconds, AVI
        /// counts AAC frames) or do not run on with the samples, but rise: a frame's position
        /// is known by counting samples from one already placed, so frames decoded in sequence
        /// from the start are recorded here, and a seek lands on a recorded frame. Territory
        /// not yet decoded is reached by decoding on from the last recorded frame (once).
        case recordedFrames
        /// Timestamps cannot place a frame at all (they jump back and forth, or the demuxer
        /// estimates them from byte positions, as WAV does for ADPCM): reaching a sample
        /// means decoding from the start, or on from a position already reached.
        case counting
    }

    let sourceRate: Int
    let timeBase: AVRational
    private(set) var positioning: Positioning
    /// Timestamp of sample 0, once the first frame has been decoded.
    var firstTimestamp: Int64?
    /// Samples in the stream at `sourceRate`, once a decode reached the end counting.
    var sourceSampleCount: Int64?
    /// Frames placed by counting from the start, ascending in both.
    private(set) var recordedTimestamps: [Int64] = []
    private(set) var recordedSamples: [Int64] = []

    init(sourceRate: Int, timeBase: AVRational, timestampsEstimated: Bool) {
        self.sourceRate = sourceRate
        self.timeBase = timeBase
        let resolvesSamples = timeBase.num > 0 && Int64(timeBase.den) >= Int64(timeBase.num) * Int64(sourceRate)
        positioning = timestampsEstimated ? .counting : resolvesSamples ? .timestamps : .recordedFrames
    }

    /// The clock for audio stream `stream` of `input`.
    convenience init(for input: FormatInput, stream: Int) {
        let avStream = input.stream(stream)
        let parameters = avStream.pointee.codecpar.pointee
        // WAV and its kin compute timestamps from byte positions, exact only where every
        // sample has the same size (PCM); for ADPCM and the like they are estimates.
        let fromBytes = ["wav", "w64", "aiff", "au", "voc"].contains(input.formatName)
            && av_get_exact_bits_per_sample(parameters.codec_id) == 0
        self.init(sourceRate: Int(parameters.sample_rate), timeBase: avStream.pointee.time_base, timestampsEstimated: fromBytes)
    }

    private var sampleBase: AVRational { AVRational(num: 1, den: Int32(sourceRate)) }

    /// Where the frame with this timestamp starts, in samples, if that can be known.
    func sample(at timestamp: Int64) -> Int64? {
        guard let firstTimestamp else { return nil }
        switch positioning {
        case .timestamps:
            return av_rescale_q(timestamp - firstTimestamp, timeBase, sampleBase)
        case .recordedFrames:
            let position = lowerBound(recordedTimestamps, timestamp)
            guard position < recordedTimestamps.count, recordedTimestamps[position] == timestamp else { return nil }
            return recordedSamples[position]
        case .counting:
            return nil
        }
    }

    /// Checks a frame placed by counting against its timestamp; timestamps that do not run
    /// on with the samples stop being trusted.
    func check(timestamp: Int64, countedSample: Int64) {
        guard positioning == .timestamps, let expected = sample(at: timestamp) else { return }
        if abs(expected - countedSample) > 1 { positioning = .recordedFrames }
    }

    /// Notes where a frame counted from the start begins. Timestamps that do not rise
    /// cannot identify a frame: then only counting is left.
    func record(timestamp: Int64, sample: Int64) {
        guard positioning != .counting else { return }
        if let last = recordedSamples.last, sample <= last { return }  // known territory, decoded again
        if let last = recordedTimestamps.last, timestamp <= last {
            if positioning == .recordedFrames { positioning = .counting }
            return
        }
        recordedTimestamps.append(timestamp)
        recordedSamples.append(sample)
    }

    /// Samples counted from the start so far, where positions are only known by counting.
    var countedExtent: Int64? { positioning == .timestamps ? nil : (recordedSamples.last ?? 0) }

    /// A timestamp to seek to so that decoding starts at or before `sample`, or `nil` when
    /// only decoding from the start (or on from where a chain stands) reaches it.
    func seekTimestamp(before sample: Int64) -> Int64? {
        guard let firstTimestamp, sample > 0 else { return nil }
        switch positioning {
        case .timestamps:
            return firstTimestamp + av_rescale_q_rnd(sample, sampleBase, timeBase, AV_ROUND_DOWN)
        case .recordedFrames:
            let position = upperBound(recordedSamples, sample) - 1
            return position > 0 ? recordedTimestamps[position] : nil
        case .counting:
            return nil
        }
    }
}
