import Media
import TimelineModel

/// The sound of a speed-changed clip: its media read `speed` times as fast and stretched back
/// to the clip's record length by libavfilter's atempo (`TempoStretcher`), so the pitch stays.
/// The stretcher keeps state per clip while requests follow on from each other (playback and
/// export ask in consecutive chunks); any jump starts a new one. atempo's window delays the
/// sound by about 20–40 ms against the clip's picture.
final class SpeedSound {
    let stretcher: TempoStretcher
    /// The record sample the next request should start at to continue.
    var next: Int64
    /// The next media sample (48 kHz from the media's start, before the file's sound delay) to feed.
    var mediaCursor: Int64
    var pending: [Float] = []

    init(stretcher: TempoStretcher, next: Int64, mediaCursor: Int64) {
        self.stretcher = stretcher; self.next = next; self.mediaCursor = mediaCursor
    }
}

extension TimelineRenderer {
    static let speedBlock = 1024

    /// `count` frames of the segment's sound from record sample `at`, interleaved in the source's channels.
    func speedSamples(_ segment: AudioSegment, speed: ClipSpeed, source: any AudioSourcing, at: Int64, count: Int,
                      delay: Int64) throws(MediaError) -> [Float] {
        let channels = max(1, source.channels)
        var state: SpeedSound
        if let known = speedSounds[segment.clip], known.next == at, known.stretcher.channels == channels {
            state = known
        } else {
            // The media sample under record sample `at`: the clip's unit position times the speed.
            let unitSample = segment.sourceStart + (at - segment.record.lowerBound)
            let media = unitSample * speed.numerator / speed.denominator
            state = SpeedSound(stretcher: try TempoStretcher(tempo: speed.scalar, sampleRate: TimelineRenderer.sampleRate, channels: channels),
                               next: at, mediaCursor: media)
            if speedSounds.count > 16 { speedSounds.removeAll() }
        }
        while state.pending.count < count * channels {
            let block = try source.read(from: state.mediaCursor - delay, count: Self.speedBlock)
            state.mediaCursor += Int64(Self.speedBlock)
            state.pending += try state.stretcher.process(block)
        }
        let out = Array(state.pending[0 ..< count * channels])
        state.pending.removeFirst(count * channels)
        state.next = at + Int64(count)
        speedSounds[segment.clip] = state
        return out
    }

    /// `count` frames of a −100% clip's sound from record sample `at`: the media read backwards.
    /// Record sample `at + i` plays media sample `mirror − 1 − (unit sample + i)`, where `mirror`
    /// is the sample one past the media's last frame, so each picture frame gets its own sound
    /// reversed (as Premiere's and Resolve's reverse play it).
    func reversedSamples(_ segment: AudioSegment, mirror: Int64, source: any AudioSourcing, at: Int64, count: Int,
                         delay: Int64) throws(MediaError) -> [Float] {
        let channels = max(1, source.channels)
        let unitSample = segment.sourceStart + (at - segment.record.lowerBound)
        let lowest = mirror - unitSample - Int64(count)
        let block = try source.read(from: lowest - delay, count: count)
        var out = [Float](repeating: 0, count: count * channels)
        for i in 0..<min(count, block.count / channels) {
            for c in 0..<channels { out[(count - 1 - i) * channels + c] = block[i * channels + c] }
        }
        return out
    }
}
