import CEBUR128

/// Where a channel sits in the BS.1770 channel weighting (ITU-R BS.1770-4 Table 3): front
/// channels weigh 1.0, surrounds 1.41 (+1.5 dB), LFE is left out.
public enum LoudnessChannel: Sendable, Equatable {
    case unused, left, right, centre, leftSurround, rightSurround
    /// A mono channel meant to be heard on two speakers: counted twice (+3 dB), as libebur128's
    /// EBUR128_DUAL_MONO.
    case dualMono

    var ebur128Value: Int32 {
        switch self {
        case .unused: Int32(EBUR128_UNUSED.rawValue)
        case .left: Int32(EBUR128_LEFT.rawValue)
        case .right: Int32(EBUR128_RIGHT.rawValue)
        case .centre: Int32(EBUR128_CENTER.rawValue)
        case .leftSurround: Int32(EBUR128_LEFT_SURROUND.rawValue)
        case .rightSurround: Int32(EBUR128_RIGHT_SURROUND.rawValue)
        case .dualMono: Int32(EBUR128_DUAL_MONO.rawValue)
        }
    }

    /// FFmpeg's default layout order for 1…6 channels (mono, stereo, 3.0, quad, 5.0, 5.1 with LFE
    /// fourth), which is also libebur128's default map. Beyond six channels the rest are unused.
    public static func standardLayout(channelCount: Int) -> [LoudnessChannel] {
        switch channelCount {
        case 1: [.centre]
        case 2: [.left, .right]
        case 3: [.left, .right, .centre]
        case 4: [.left, .right, .leftSurround, .rightSurround]
        case 5: [.left, .right, .centre, .leftSurround, .rightSurround]
        default:
            [.left, .right, .centre, .unused, .leftSurround, .rightSurround]
                + Array(repeating: .unused, count: max(channelCount - 6, 0))
        }
    }
}

/// A snapshot of a loudness measurement, safe to hand to the UI thread. Loudness in LUFS,
/// ranges in LU, peaks in dBTP / dBFS; −infinity where nothing has been measured yet (less than
/// 400 ms fed, or everything below the −70 LUFS absolute gate).
public struct LoudnessReading: Sendable, Equatable {
    /// Momentary loudness: the last 400 ms, ungated (EBU R128 "M").
    public var momentary: Double
    /// Short-term loudness: the last 3 s, ungated (EBU R128 "S").
    public var shortTerm: Double
    /// Integrated loudness since the start, gated at −70 LUFS absolute and −10 LU relative
    /// (BS.1770-4 §2.8; EBU R128 "I").
    public var integrated: Double
    /// Loudness range (EBU Tech 3342): spread of short-term loudness, 10th to 95th percentile.
    public var loudnessRange: Double
    /// Maximum true peak over all channels since the start (BS.1770-4 Annex 2, 4× oversampling
    /// below 96 kHz).
    public var truePeak: Double
    public var truePeakPerChannel: [Double]
    /// Maximum sample peak over all channels since the start.
    public var samplePeak: Double
    /// Audio fed so far, in seconds.
    public var duration: Double
}

/// Loudness after EBU R128 / ITU-R BS.1770-4, measured by libebur128.
///
/// Feed it blocks as playback produces them and read `reading()` for the meters, or give it a
/// whole clip with `measure`. Not `Sendable`: one meter belongs to one thread (the audio or
/// analysis thread); the UI gets `LoudnessReading` values.
///
/// Owns one `ebur128_state`, created in `init` and destroyed in `deinit`.
public final class LoudnessMeter {
    public let channelCount: Int
    public let sampleRate: Int
    public let channels: [LoudnessChannel]
    public let constantMemory: Bool
    private var state: UnsafeMutablePointer<ebur128_state>
    private var framesFed = 0

    /// - Parameters:
    ///   - channels: the weighting of each channel; default `standardLayout(channelCount:)`.
    ///   - constantMemory: use libebur128's histogram mode, whose memory does not grow with the
    ///     programme (for meters left running for hours); it rounds block loudness to 0.1 LU
    ///     internally. Off, every 100 ms block is kept (about 300 KB per hour) and the result is exact.
    public init(channelCount: Int, sampleRate: Int, channels: [LoudnessChannel]? = nil,
                constantMemory: Bool = false) throws(LoudnessError) {
        guard channelCount > 0 else { throw LoudnessError("loudness needs at least one channel") }
        guard sampleRate >= 8000 else { throw LoudnessError("sample rate \(sampleRate) Hz is too low to measure loudness") }
        let map = channels ?? LoudnessChannel.standardLayout(channelCount: channelCount)
        guard map.count == channelCount else {
            throw LoudnessError("\(map.count) channel roles given for \(channelCount) channels")
        }
        var mode = EBUR128_MODE_M.rawValue | EBUR128_MODE_S.rawValue | EBUR128_MODE_I.rawValue
            | EBUR128_MODE_LRA.rawValue | EBUR128_MODE_SAMPLE_PEAK.rawValue | EBUR128_MODE_TRUE_PEAK.rawValue
        if constantMemory { mode |= EBUR128_MODE_HISTOGRAM.rawValue }
        guard let st = ebur128_init(UInt32(channelCount), UInt(sampleRate), Int32(bitPattern: mode)) else {
            throw LoudnessError("libebur128 could not start a meter for \(channelCount) channels at \(sampleRate) Hz")
        }
        for (index, role) in map.enumerated() {
            guard ebur128_set_channel(st, UInt32(index), role.ebur128Value) == Int32(EBUR128_SUCCESS.rawValue) else {
                var doomed: UnsafeMutablePointer<ebur128_state>? = st
                ebur128_destroy(&doomed)
                throw LoudnessError("libebur128 refused role \(role) for channel \(index)")
            }
        }
        self.state = st
        self.channelCount = channelCount
        self.sampleRate = sampleRate
        self.channels = map
        self.constantMemory = constantMemory
    }

    deinit {
        var doomed: UnsafeMutablePointer<ebur128_state>? = state
        ebur128_destroy(&doomed)
    }

    /// Feeds one block of interleaved samples.
    public func add(_ block: AudioBlock) throws(LoudnessError) {
        guard block.channelCount == channelCount, block.sampleRate == sampleRate else {
            throw LoudnessError("the loudness meter expects \(channelCount) channels at \(sampleRate) Hz, "
                + "the block has \(block.channelCount) at \(block.sampleRate) Hz")
        }
        try block.samples.withUnsafeBufferPointer { (s) throws(LoudnessError) in try add(interleaved: s) }
    }

    /// Feeds interleaved samples straight from a buffer (no copy); the count must be a whole
    /// number of frames.
    public func add(interleaved samples: UnsafeBufferPointer<Float>) throws(LoudnessError) {
        guard samples.count % channelCount == 0 else {
            throw LoudnessError("\(samples.count) samples do not divide into \(channelCount) channels")
        }
        let frames = samples.count / channelCount
        guard frames > 0, let base = samples.baseAddress else { return }
        guard ebur128_add_frames_float(state, base, frames) == Int32(EBUR128_SUCCESS.rawValue) else {
            throw LoudnessError("libebur128 ran out of memory after \(Double(framesFed) / Double(sampleRate)) s of audio")
        }
        framesFed += frames
    }

    /// Momentary loudness (last 400 ms) in LUFS.
    public var momentary: Double { query { ebur128_loudness_momentary(state, &$0) } }
    /// Short-term loudness (last 3 s) in LUFS.
    public var shortTerm: Double { query { ebur128_loudness_shortterm(state, &$0) } }
    /// Integrated (gated) loudness since the start in LUFS.
    public var integrated: Double { query { ebur128_loudness_global(state, &$0) } }
    /// Loudness range in LU.
    public var loudnessRange: Double { query { ebur128_loudness_range(state, &$0) } }

    /// Maximum true peak of one channel since the start, in dBTP.
    public func truePeak(channel: Int) -> Double {
        AudioMeter.decibels(query(orElse: 0) { ebur128_true_peak(state, UInt32(channel), &$0) })
    }

    /// Maximum sample peak of one channel since the start, in dBFS.
    public func samplePeak(channel: Int) -> Double {
        AudioMeter.decibels(query(orElse: 0) { ebur128_sample_peak(state, UInt32(channel), &$0) })
    }

    /// Everything at once, for the meter pane or a report.
    public func reading() -> LoudnessReading {
        let peaks = (0..<channelCount).map { truePeak(channel: $0) }
        let samplePeaks = (0..<channelCount).map { samplePeak(channel: $0) }
        return LoudnessReading(momentary: momentary, shortTerm: shortTerm, integrated: integrated,
                               loudnessRange: loudnessRange, truePeak: peaks.max() ?? -.infinity,
                               truePeakPerChannel: peaks, samplePeak: samplePeaks.max() ?? -.infinity,
                               duration: Double(framesFed) / Double(sampleRate))
    }

    /// Measures a whole clip or mix-down: every block in order, then one reading. This is what
    /// `measure-loudness` reports (I, LRA, true peak).
    public static func measure(_ blocks: some Sequence<AudioBlock>, channels: [LoudnessChannel]? = nil) throws(LoudnessError) -> LoudnessReading {
        var meter: LoudnessMeter?
        for block in blocks {
            if meter == nil {
                meter = try LoudnessMeter(channelCount: block.channelCount, sampleRate: block.sampleRate, channels: channels)
            }
            try meter!.add(block)
        }
        guard let meter else { throw LoudnessError("there is no audio to measure") }
        return meter.reading()
    }

    private func query(orElse fallback: Double = -.infinity, _ call: (inout Double) -> Int32) -> Double {
        var value = fallback
        return call(&value) == Int32(EBUR128_SUCCESS.rawValue) ? value : fallback
    }
}

/// A loudness measurement that could not be made; the message says why.
public struct LoudnessError: Error, CustomStringConvertible, Equatable {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
