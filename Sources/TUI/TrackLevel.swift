import Analysis

/// One audio track's meter as the mixer strip shows it: per channel peak, RMS and held peak
/// (dBFS), measured on what the track contributes to the mix while playing.
public struct TrackLevel: Equatable, Sendable {
    public var name: String
    public var channels: [ChannelLevel]

    public init(name: String, channels: [ChannelLevel]) {
        self.name = name; self.channels = channels
    }

    /// The louder channel's peak, RMS and held peak: what a stereo strip's single bar shows.
    public var peak: Double { channels.map(\.peak).max() ?? -.infinity }
    public var rms: Double { channels.map(\.rms).max() ?? -.infinity }
    public var heldPeak: Double { channels.map(\.heldPeak).max() ?? -.infinity }
}
