import Analysis
import Editor
import Foundation
import Interchange
import Media
import Render
import TimelineModel

/// The programme's loudness: Render's mix of the whole timeline, or of a range of it.
public enum ProgrammeLoudness {
    /// Decoders at the mix format (48 kHz stereo), as playback opens them.
    public static func makePool() -> MediaPool {
        MediaPool(audio: { reference throws(MediaError) in
            try AudioSource(url: URL(fileURLWithPath: reference.path), sampleRate: TimelineRenderer.sampleRate,
                            channels: TimelineRenderer.channels)
        })
    }

    /// Measures record frames `frames` (default: the whole timeline) of the mix, one second at a time.
    public static func measure(_ project: Project, frames: Range<Int64>? = nil,
                        cancelled: () -> Bool = { false }) throws(LoudnessError) -> LoudnessReading {
        let rate = project.timeline.rate
        let range = frames ?? 0..<project.timeline.duration
        let first = AudioMix.sample(ofFrame: range.lowerBound, rate: rate)
        let end = AudioMix.sample(ofFrame: range.upperBound, rate: rate)
        guard end > first else { throw LoudnessError("the timeline is empty: there is no programme to measure") }
        let renderer = TimelineRenderer(project: project, pool: makePool())
        let meter = try LoudnessMeter(channelCount: TimelineRenderer.channels, sampleRate: TimelineRenderer.sampleRate)
        var position = first
        while position < end, !cancelled() {
            let count = Int(min(Int64(TimelineRenderer.sampleRate), end - position))
            let samples = renderer.sound(from: position, count: count)
            try samples.withUnsafeBufferPointer { (p) throws(LoudnessError) in try meter.add(interleaved: p) }
            position += Int64(count)
        }
        return meter.reading()
    }
}
