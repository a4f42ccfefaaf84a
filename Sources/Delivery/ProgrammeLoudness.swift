import Analysis
import Foundation
import Media
import Render
import TimelineModel

/// The programme's loudness: Render's mix of the whole timeline, or of a range of it, as it
/// is heard (or, with a gain and a limiter, as it will be delivered).
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
        let samples = AudioMix.sample(ofFrame: range.lowerBound, rate: rate)..<AudioMix.sample(ofFrame: range.upperBound, rate: rate)
        guard !samples.isEmpty else { throw LoudnessError("the timeline is empty: there is no programme to measure") }
        return try measure(project, samples: samples, gainDB: 0, limiterCeilingDB: nil, cancelled: cancelled)
    }

    /// Measures timeline samples `samples` after a gain and, when given, the limiter.
    static func measure(_ project: Project, samples: Range<Int64>, gainDB: Double, limiterCeilingDB: Double?,
                        cancelled: () -> Bool) throws(LoudnessError) -> LoudnessReading {
        let renderer = TimelineRenderer(project: project, pool: makePool())
        let sound = ProgrammeSound(renderer: renderer, range: samples, gainDB: gainDB, limiterCeilingDB: limiterCeilingDB)
        let meter = try LoudnessMeter(channelCount: TimelineRenderer.channels, sampleRate: TimelineRenderer.sampleRate)
        var left = Int64(samples.count)
        while left > 0, !cancelled() {
            let count = Int(min(Int64(TimelineRenderer.sampleRate), left))
            let block = sound.next(count)
            try block.withUnsafeBufferPointer { (p) throws(LoudnessError) in try meter.add(interleaved: p) }
            left -= Int64(count)
        }
        return meter.reading()
    }
}
