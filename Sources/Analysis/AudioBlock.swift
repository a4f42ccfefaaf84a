/// A run of decoded audio as the meters see it: interleaved Float32 samples (full scale ±1.0),
/// with the channel count and sample rate needed to read them. Media's decoder output is
/// converted to this (packed float, any rate); the meters never resample.
public struct AudioBlock: Sendable {
    /// Interleaved samples: frame 0 channel 0, frame 0 channel 1, …
    public var samples: [Float]
    public let channelCount: Int
    public let sampleRate: Int

    public init(samples: [Float], channelCount: Int, sampleRate: Int) throws(AudioBlockError) {
        guard channelCount > 0 else { throw AudioBlockError("an audio block needs at least one channel") }
        guard sampleRate > 0 else { throw AudioBlockError("sample rate \(sampleRate) Hz is not a rate") }
        guard samples.count % channelCount == 0 else {
            throw AudioBlockError("\(samples.count) samples do not divide into \(channelCount) channels")
        }
        self.samples = samples
        self.channelCount = channelCount
        self.sampleRate = sampleRate
    }

    /// Sample frames (one sample per channel each).
    public var frameCount: Int { samples.count / channelCount }
    /// Duration in seconds.
    public var duration: Double { Double(frameCount) / Double(sampleRate) }
}

/// Audio that cannot be metered; the message says why.
public struct AudioBlockError: Error, CustomStringConvertible, Equatable {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
