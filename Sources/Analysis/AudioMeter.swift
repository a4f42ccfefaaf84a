import Foundation

/// Level of one channel as a meter shows it; every value in dBFS (0 dBFS = a sample of ±1.0,
/// −infinity for digital silence).
public struct ChannelLevel: Sendable, Equatable {
    /// The peak bar: the largest |sample| of the latest block, or the previous bar falling at
    /// `AudioMeter.Configuration.peakFallRate`, whichever is higher.
    public var peak: Double
    /// RMS over the last `rmsWindow` seconds. Plain RMS: a full-scale sine reads −3.01 dBFS
    /// (AES17 meters add 3.01 dB so that it reads 0; we do not).
    public var rms: Double
    /// The highest peak within the last `peakHoldTime` seconds (the hold line).
    public var heldPeak: Double
    /// A sample reached the clip level since the last `resetClips()`. Latched so a single
    /// clipped sample is never missed between screen refreshes.
    public var clipped: Bool
    /// Samples at or above the clip level since the last reset.
    public var clipCount: Int

    public init(peak: Double, rms: Double, heldPeak: Double, clipped: Bool, clipCount: Int) {
        self.peak = peak
        self.rms = rms
        self.heldPeak = heldPeak
        self.clipped = clipped
        self.clipCount = clipCount
    }
}

/// Peak and RMS programme meter per channel with peak hold and clip indicators, fed block by
/// block (live playback) and read whenever the screen refreshes.
///
/// This is a sample-peak meter (IEC 60268-18 style bar ballistics: instant attack, linear fall in
/// dB). True peak, which catches inter-sample overs, is `LoudnessMeter`'s job (BS.1770-4 Annex 2).
public struct AudioMeter: Sendable {
    public struct Configuration: Sendable {
        /// How long the hold line stays at a peak before following the bar.
        public var peakHoldTime: Double = 2
        /// How fast the peak bar falls, in dB per second (IEC 60268-18 type I: 20 dB in 1.7 s).
        public var peakFallRate: Double = 11.8
        /// RMS integration window in seconds (a sliding rectangular window).
        public var rmsWindow: Double = 0.3
        /// |sample| at or above this is a clip; 1.0 is 0 dBFS. Float audio can exceed it.
        public var clipLevel: Float = 1.0

        public init() {}
    }

    public let channelCount: Int
    public let sampleRate: Int
    public let configuration: Configuration
    public private(set) var levels: [ChannelLevel]

    /// Time fed so far, in sample frames.
    public private(set) var framesFed = 0

    // RMS: ring buffer of squared samples per channel and their running sum.
    private var squares: [[Double]]
    private var squareSums: [Double]
    private var ringIndex = 0
    private var ringFill = 0
    private var framesSinceResum = 0
    // Hold: the time (in frames) the held peak was set.
    private var heldAt: [Int]

    public init(channelCount: Int, sampleRate: Int, configuration: Configuration = Configuration()) {
        self.channelCount = max(channelCount, 1)
        self.sampleRate = max(sampleRate, 1)
        self.configuration = configuration
        let window = max(Int(configuration.rmsWindow * Double(self.sampleRate)), 1)
        let silent = ChannelLevel(peak: -.infinity, rms: -.infinity, heldPeak: -.infinity, clipped: false, clipCount: 0)
        levels = Array(repeating: silent, count: self.channelCount)
        squares = Array(repeating: Array(repeating: 0, count: window), count: self.channelCount)
        squareSums = Array(repeating: 0, count: self.channelCount)
        heldAt = Array(repeating: 0, count: self.channelCount)
    }

    /// Feeds one block. A block whose layout differs from the meter's throws rather than
    /// mixing channels up; the caller makes a new meter when the stream changes.
    public mutating func feed(_ block: AudioBlock) throws(AudioBlockError) {
        guard block.channelCount == channelCount, block.sampleRate == sampleRate else {
            throw AudioBlockError("the meter expects \(channelCount) channels at \(sampleRate) Hz, "
                + "the block has \(block.channelCount) at \(block.sampleRate) Hz")
        }
        let frames = block.frameCount
        guard frames > 0 else { return }
        let window = squares[0].count
        var blockPeaks = [Float](repeating: 0, count: channelCount)
        var clips = [Int](repeating: 0, count: channelCount)
        let clipLevel = configuration.clipLevel
        block.samples.withUnsafeBufferPointer { s in
            for c in 0..<channelCount {
                var peak: Float = 0
                var clipCount = 0
                var sum = squareSums[c]
                var index = ringIndex
                squares[c].withUnsafeMutableBufferPointer { ring in
                    var i = c
                    for _ in 0..<frames {
                        let v = s[i]
                        let a = abs(v)
                        if a > peak { peak = a }
                        if a >= clipLevel { clipCount += 1 }
                        let sq = Double(v) * Double(v)
                        sum += sq - ring[index]
                        ring[index] = sq
                        index += 1
                        if index == window { index = 0 }
                        i += channelCount
                    }
                }
                squareSums[c] = sum
                blockPeaks[c] = peak
                clips[c] = clipCount
            }
        }
        ringIndex = (ringIndex + frames) % window
        ringFill = min(ringFill + frames, window)
        framesFed += frames
        // The running sum drifts by rounding; re-add the ring now and then (every ~10 windows).
        framesSinceResum += frames
        if framesSinceResum >= 10 * window {
            for c in 0..<channelCount { squareSums[c] = squares[c].reduce(0, +) }
            framesSinceResum = 0
        }

        let seconds = Double(frames) / Double(sampleRate)
        let holdFrames = Int(configuration.peakHoldTime * Double(sampleRate))
        for c in 0..<channelCount {
            var level = levels[c]
            let blockPeak = Self.decibels(Double(blockPeaks[c]))
            level.peak = max(blockPeak, level.peak - configuration.peakFallRate * seconds)
            let meanSquare = max(squareSums[c], 0) / Double(ringFill)
            level.rms = 10 * log10(meanSquare)
            if blockPeak >= level.heldPeak {
                level.heldPeak = blockPeak
                heldAt[c] = framesFed
            } else if framesFed - heldAt[c] > holdFrames {
                // The hold ran out: drop to the bar and hold there.
                level.heldPeak = level.peak
                heldAt[c] = framesFed
            }
            if clips[c] > 0 {
                level.clipped = true
                level.clipCount += clips[c]
            }
            levels[c] = level
        }
    }

    /// Clears the clip indicators (the user acknowledged them).
    public mutating func resetClips() {
        for c in 0..<channelCount {
            levels[c].clipped = false
            levels[c].clipCount = 0
        }
    }

    /// 20·log10 of an amplitude; −infinity for 0.
    public static func decibels(_ amplitude: Double) -> Double {
        amplitude > 0 ? 20 * log10(amplitude) : -.infinity
    }
}
