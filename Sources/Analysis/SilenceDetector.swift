import Foundation

/// A silent stretch of a clip, in sample frames at the clip's rate (half-open: `end` is the
/// first sample that is not proposed for removal).
public struct SilentRange: Sendable, Equatable, Hashable {
    public var start: Int64
    public var end: Int64
    public init(start: Int64, end: Int64) {
        self.start = start
        self.end = end
    }

    public var length: Int64 { end - start }
    public func seconds(rate: Int) -> (start: Double, end: Double) {
        (Double(start) / Double(rate), Double(end) / Double(rate))
    }
}

/// What a detection found: the ranges proposed for removal and the raw silences they came from.
public struct SilenceReport: Sendable, Equatable {
    public var sampleRate: Int
    public var sampleCount: Int64
    /// The threshold used, in dBFS (a relative threshold resolved against the clip's loudness).
    public var thresholdDBFS: Double
    public var integratedLoudness: Double?
    /// Each silence as found (from the last loud sample + 1 to the next loud sample), after the
    /// minimum length and the "keep pauses longer than" limit.
    public var silences: [SilentRange]
    /// The same, shrunk by the padding kept around speech: what would be removed.
    public var ranges: [SilentRange]

    public var total: Int64 { ranges.reduce(0) { $0 + $1.length } }
    public func seconds(_ samples: Int64) -> Double { Double(samples) / Double(sampleRate) }
}

/// Finds silences in a clip's sound, to the sample, from its `AudioLevels`.
///
/// A sample is silent when its magnitude on every channel is below the threshold (as ffmpeg's
/// `silencedetect` decides it, so the two agree on the same file). A silence is a run of silent
/// samples at least `minimum` long; it is found on the ~1 ms block peaks, then each edge is
/// refined inside its boundary block from the samples themselves (`samples` reads them), so the
/// ranges are exact to the sample. Padding then keeps `padding` of the silence next to speech
/// (not at the clip's own start or end, where there is no speech to protect).
public enum SilenceDetector {
    /// Reads `count` frames from `start` as the largest |sample| over channels per frame.
    public typealias SampleReader = (_ start: Int64, _ count: Int) throws -> [Float]

    public static func detect(_ levels: AudioLevels, settings: SilenceSettings,
                              samples: SampleReader? = nil) throws -> SilenceReport {
        let rate = levels.sampleRate
        let level = settings.threshold.level(integrated: levels.integratedLoudness)
        let amplitude = Float(pow(10, level / 20))
        let minimum = Int64((settings.minimum * Double(rate)).rounded())
        let block = Int64(levels.blockSamples)
        let peaks = levels.peaks
        var silences: [SilentRange] = []
        var index = 0
        while index < peaks.count {
            guard peaks[index] < amplitude else { index += 1; continue }
            let first = index
            while index < peaks.count && peaks[index] < amplitude { index += 1 }
            // Silent blocks [first, index); the true silence may reach one block further each side.
            let coarseStart = Int64(first) * block
            let coarseEnd = min(Int64(index) * block, levels.sampleCount)
            guard coarseEnd - coarseStart + 2 * block >= minimum else { continue }
            var start = coarseStart, end = coarseEnd
            if first > 0, let samples {
                let from = coarseStart - block
                let values = try samples(from, Int(block))
                if let last = values.lastIndex(where: { $0 >= amplitude }) { start = from + Int64(last) + 1 }
            }
            if index < peaks.count, let samples {
                let values = try samples(coarseEnd, Int(min(block, levels.sampleCount - coarseEnd)))
                if let loud = values.firstIndex(where: { $0 >= amplitude }) { end = coarseEnd + Int64(loud) }
            }
            guard end - start >= max(1, minimum) else { continue }
            if let keep = settings.keepLongerThan, Double(end - start) > keep * Double(rate) { continue }
            silences.append(SilentRange(start: start, end: end))
        }
        let pad = Int64((settings.padding * Double(rate)).rounded())
        let ranges = silences.compactMap { silence -> SilentRange? in
            let start = silence.start == 0 ? 0 : silence.start + pad
            let end = silence.end >= levels.sampleCount ? silence.end : silence.end - pad
            return end > start ? SilentRange(start: start, end: end) : nil
        }
        return SilenceReport(sampleRate: rate, sampleCount: levels.sampleCount, thresholdDBFS: level,
                             integratedLoudness: levels.integratedLoudness, silences: silences, ranges: ranges)
    }

    /// Per-frame largest |sample| over channels of an interleaved buffer (for `SampleReader`s).
    public static func framePeaks(_ interleaved: [Float], channels: Int) -> [Float] {
        guard channels > 1 else { return interleaved.map(abs) }
        return stride(from: 0, to: interleaved.count - channels + 1, by: channels).map { base in
            var peak: Float = 0
            for channel in 0..<channels { peak = max(peak, abs(interleaved[base + channel])) }
            return peak
        }
    }
}
