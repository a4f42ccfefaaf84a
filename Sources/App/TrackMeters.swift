import Analysis
import Render
import TimelineModel
import TUI

/// The mixer strips' meters: one peak/RMS meter with hold per audio track, fed with each
/// track's own part of the mix (`TimelineRenderer.trackSound`) as the meters feed follows playback.
struct TrackMeters {
    private var meters: [Int: AudioMeter] = [:]

    /// Feeds each audio track's samples from the renderer's latest mix.
    mutating func feed(_ renderer: TimelineRenderer) {
        for (track, samples) in renderer.trackSound {
            var meter = meters[track] ?? AudioMeter(channelCount: TimelineRenderer.channels, sampleRate: TimelineRenderer.sampleRate)
            if let block = try? AudioBlock(samples: samples, channelCount: TimelineRenderer.channels, sampleRate: TimelineRenderer.sampleRate) {
                try? meter.feed(block)
            }
            meters[track] = meter
        }
    }

    /// The levels of the timeline's audio tracks, in order (a track not yet fed reads silence).
    func levels(_ timeline: Timeline) -> [TrackLevel] {
        timeline.audioTracks.map { t in
            let channels = meters[t]?.levels
                ?? [ChannelLevel](repeating: ChannelLevel(peak: -.infinity, rms: -.infinity, heldPeak: -.infinity, clipped: false, clipCount: 0),
                                  count: TimelineRenderer.channels)
            return TrackLevel(name: timeline.tracks[t].name, channels: channels)
        }
    }
}
