import Foundation

/// The sample-peak envelope of a clip's sound, for silence detection: the largest |sample| over
/// every channel per block of about 1 ms, at the stream's own rate.
///
/// A silence threshold is a comparison with these peaks, so one pass over the sound serves every
/// later threshold, minimum and padding: it is what is cached per media file
/// (`AudioLevels.loadOrCompute`), and a second detection with other settings decodes nothing
/// but the few milliseconds around each edge that `SilenceDetector` refines to the sample.
///
/// Immutable once built: `Sendable`.
public struct AudioLevels: Sendable, Equatable {
    public let sampleRate: Int
    /// Samples per block (rate / 1000, at least 1).
    public let blockSamples: Int
    /// Sample frames in the clip.
    public let sampleCount: Int64
    /// Per block, the largest |sample| over its frames and channels.
    public let peaks: [Float]
    /// Integrated loudness (LUFS) when measured, for relative thresholds.
    public var integratedLoudness: Double?

    public init(sampleRate: Int, blockSamples: Int, sampleCount: Int64, peaks: [Float], integratedLoudness: Double? = nil) {
        self.sampleRate = sampleRate
        self.blockSamples = blockSamples
        self.sampleCount = sampleCount
        self.peaks = peaks
        self.integratedLoudness = integratedLoudness
    }

    public var duration: Double { Double(sampleCount) / Double(sampleRate) }

    public static func blockSamples(forRate rate: Int) -> Int { max(1, rate / 1000) }

    /// Builds the envelope from interleaved chunks fed in order.
    public struct Builder {
        public let sampleRate: Int
        public let channels: Int
        public let blockSamples: Int
        private(set) var peaks: [Float] = []
        private var frames: Int64 = 0
        private var partialPeak: Float = 0
        private var partialFrames = 0

        public init(sampleRate: Int, channels: Int) {
            self.sampleRate = sampleRate
            self.channels = max(1, channels)
            blockSamples = AudioLevels.blockSamples(forRate: sampleRate)
        }

        public mutating func reserve(frames expected: Int64) {
            peaks.reserveCapacity(Int(expected / Int64(blockSamples)) + 2)
        }

        /// Feeds whole frames of interleaved samples.
        public mutating func add(_ samples: UnsafeBufferPointer<Float>) {
            let frameCount = samples.count / channels
            var frame = 0
            let width = blockSamples * channels
            // Finish a block begun by the previous chunk.
            if partialFrames > 0 {
                let take = min(blockSamples - partialFrames, frameCount)
                partialPeak = max(partialPeak, Self.peak(samples, from: 0, count: take * channels))
                partialFrames += take
                frame = take
                if partialFrames == blockSamples {
                    peaks.append(partialPeak)
                    partialPeak = 0
                    partialFrames = 0
                }
            }
            while frame + blockSamples <= frameCount {
                peaks.append(Self.peak(samples, from: frame * channels, count: width))
                frame += blockSamples
            }
            if frame < frameCount {
                partialPeak = max(partialPeak, Self.peak(samples, from: frame * channels, count: (frameCount - frame) * channels))
                partialFrames += frameCount - frame
            }
            frames += Int64(frameCount)
        }

        @inline(__always)
        private static func peak(_ samples: UnsafeBufferPointer<Float>, from start: Int, count: Int) -> Float {
            // Two accumulators of max/min (not abs) keep the loop vectorisable.
            var high: Float = 0, low: Float = 0
            var index = start
            let end = start + count
            while index < end {
                let value = samples[index]
                high = Swift.max(high, value)
                low = Swift.min(low, value)
                index += 1
            }
            return Swift.max(high, -low)
        }

        public func finish() -> AudioLevels {
            var all = peaks
            if partialFrames > 0 { all.append(partialPeak) }
            return AudioLevels(sampleRate: sampleRate, blockSamples: blockSamples, sampleCount: frames, peaks: all)
        }
    }

    /// The envelope of an in-memory clip (interleaved), as the file pass computes it.
    public init(samples: [Float], channels: Int, sampleRate: Int) {
        var builder = Builder(sampleRate: sampleRate, channels: channels)
        samples.withUnsafeBufferPointer { builder.add($0) }
        self = builder.finish()
    }
}
