import Foundation
import Media

/// Sound from Media's `AudioSource` as meter blocks, and the BS.1770 weighting of a source's
/// own channel layout.
extension AudioBlock {
    /// `count` frames from `start` in the source's mix format (its `sampleRate` and `channels`).
    public static func read(_ source: AudioSource, from start: Int64, count: Int) throws(MediaError) -> AudioBlock {
        let samples = try source.read(from: start, count: count)
        // The source hands out whole frames of `channels` samples at a valid rate, so this cannot throw.
        return try! AudioBlock(samples: samples, channelCount: source.channels, sampleRate: source.sampleRate)
    }

    /// `count` frames from `start` in the source's own channels (no downmix), at its mix rate.
    public static func readSourceChannels(_ source: AudioSource, from start: Int64, count: Int) throws(MediaError) -> AudioBlock {
        let (channels, samples) = try source.readSourceChannels(from: start, count: count)
        return try! AudioBlock(samples: samples, channelCount: channels, sampleRate: source.sampleRate)
    }
}

extension LoudnessChannel {
    /// libav's channel names (as `av_channel_layout_describe` writes them) for its named layouts,
    /// in stream order.
    static let namedLayouts: [String: [String]] = [
        "mono": ["FC"], "stereo": ["FL", "FR"], "2.1": ["FL", "FR", "LFE"], "3.0": ["FL", "FR", "FC"],
        "3.0(back)": ["FL", "FR", "BC"], "4.0": ["FL", "FR", "FC", "BC"], "quad": ["FL", "FR", "BL", "BR"],
        "quad(side)": ["FL", "FR", "SL", "SR"], "3.1": ["FL", "FR", "FC", "LFE"], "5.0": ["FL", "FR", "FC", "BL", "BR"],
        "5.0(side)": ["FL", "FR", "FC", "SL", "SR"], "4.1": ["FL", "FR", "FC", "LFE", "BC"],
        "5.1": ["FL", "FR", "FC", "LFE", "BL", "BR"], "5.1(side)": ["FL", "FR", "FC", "LFE", "SL", "SR"],
        "6.0": ["FL", "FR", "FC", "BC", "SL", "SR"], "6.1": ["FL", "FR", "FC", "LFE", "BC", "SL", "SR"],
        "7.0": ["FL", "FR", "FC", "BL", "BR", "SL", "SR"], "7.1": ["FL", "FR", "FC", "LFE", "BL", "BR", "SL", "SR"],
        "7.1(wide)": ["FL", "FR", "FC", "LFE", "BL", "BR", "FLC", "FRC"],
        "7.1(wide-side)": ["FL", "FR", "FC", "LFE", "FLC", "FRC", "SL", "SR"],
        "downmix": ["DL", "DR"],
    ]

    /// The weighting of one libav channel name, as FFmpeg's `ebur128` filter weighs it: LFE left
    /// out, back and side channels as surrounds (+1.5 dB, BS.1770-4 Table 3), everything else 1.0.
    static func role(ofChannelNamed name: String) -> LoudnessChannel {
        switch name {
        case "LFE", "LFE2", "LFE3": return .unused
        case "FL", "FLC", "DL", "TFL", "WL": return .left
        case "FR", "FRC", "DR", "TFR", "WR": return .right
        case "BL", "SL", "TBL", "SDL": return .leftSurround
        case "BR", "SR", "TBR", "SDR", "BC", "TBC": return .rightSurround
        default: return .centre
        }
    }

    /// The weighting for a source layout named by libav (`stereo`, `5.1(side)`, or a custom
    /// `4 channels (FL+FR+LFE+BC)`); an unknown name falls back to `standardLayout`.
    ///
    /// A mono source counts once, as FFmpeg's `ebur128` filter and BS.1770 count one channel (a
    /// mono file meant for two speakers reads 3 dB lower than the same sound as stereo).
    public static func layout(named name: String, channelCount: Int) -> [LoudnessChannel] {
        var names = namedLayouts[name]
        if names == nil, let open = name.firstIndex(of: "("), let close = name.lastIndex(of: ")"), open < close {
            names = name[name.index(after: open)..<close].split(separator: "+").map(String.init)
        }
        guard let names, names.count == channelCount else { return standardLayout(channelCount: channelCount) }
        return names.map(role(ofChannelNamed:))
    }
}

extension LoudnessMeter {
    /// How a file's sound is measured: every channel as the stream has it, at the stream's own
    /// rate (no resampling, no downmix), weighted by its layout. FFmpeg's `ebur128` filter takes
    /// 48 kHz only and resamples other rates first; that changes nothing measurable at 44.1 kHz
    /// and above, but at 11 kHz FFmpeg's own figure moves by 0.3 LU with how the resampling is
    /// done (−13.4 LUFS on a file direct, −13.7 on its own 48 kHz copy of it), so there we
    /// agree with it to 0.2 LU rather than 0.1.
    ///
    /// - Parameters:
    ///   - seconds: the stretch to measure, in seconds from the stream's first sample; nil: all of it.
    ///   - cancelled: asked between blocks; return true to stop early (the reading covers what was read).
    public static func measure(file url: URL, seconds: Range<Double>? = nil,
                               cancelled: () -> Bool = { false }) throws(LoudnessError) -> LoudnessReading {
        let source: AudioSource
        do {
            // Opened once to learn the stream's rate, then at that rate, so nothing is resampled.
            let probe = try AudioSource(url: url)
            source = probe.sourceSampleRate == probe.sampleRate
                ? probe : try AudioSource(url: url, sampleRate: probe.sourceSampleRate, channels: min(probe.sourceChannels, 2))
        } catch {
            throw LoudnessError(error.description)
        }
        let weighting = LoudnessChannel.layout(named: source.sourceLayout, channelCount: source.sourceChannels)
        let meter = try LoudnessMeter(channelCount: source.sourceChannels, sampleRate: source.sampleRate, channels: weighting)
        let rate = Double(source.sampleRate)
        let first = seconds.map { Int64(max($0.lowerBound, 0) * rate) } ?? 0
        let end = seconds.map { Int64(($0.upperBound * rate).rounded()) } ?? source.sampleCount
        var position = first
        let chunk = Int64(source.sampleRate)  // one second per read
        while position < end, !cancelled() {
            let count = Int(min(chunk, end - position))
            let block: AudioBlock
            do { block = try AudioBlock.readSourceChannels(source, from: position, count: count) } catch {
                throw LoudnessError(error.description)
            }
            try meter.add(block)
            position += Int64(count)
        }
        guard position > first else { throw LoudnessError("\(url.lastPathComponent): there is no sound to measure") }
        return meter.reading()
    }
}
