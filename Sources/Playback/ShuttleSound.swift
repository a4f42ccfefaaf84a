import Media
import Render

/// Sound for a play at any speed but 1x forward: the mix read at the play's speed and brought
/// back to real time by libavfilter's `atempo` (`TempoStretcher`), so speech at 2x or ¼x keeps
/// its pitch, as editors play it when shuttling. Reverse reads the mix backwards in blocks.
///
/// The input runs on its own cursor from the play's origin at exactly `speed` input samples per
/// output sample, so sound and picture follow the same schedule; atempo's window delays the
/// sound by about 40 ms against the picture at these speeds (none at 1x, which does not come here).
final class ShuttleSound {
    static let block = 1024
    let schedule: PlaySchedule
    private let stretcher: TempoStretcher
    private var cursor: Int64
    private var pending: [Float] = []
    private var pendingOffset = 0

    /// Nil when the stretcher cannot be made (the play is then silent, as before).
    init?(schedule: PlaySchedule) {
        let tempo = Double(abs(schedule.speed.numerator)) / Double(schedule.speed.denominator)
        guard let stretcher = try? TempoStretcher(tempo: tempo, sampleRate: TimelineRenderer.sampleRate,
                                                   channels: TimelineRenderer.channels) else { return nil }
        self.schedule = schedule
        self.stretcher = stretcher
        // Forward reads [cursor, cursor + n); reverse reads [cursor − n, cursor), so start one past the origin.
        cursor = schedule.speed.isForward ? schedule.origin : schedule.origin + 1
    }

    /// The next `count` stereo frames.
    func next(_ count: Int, renderer: TimelineRenderer) -> [Float] {
        while pending.count - pendingOffset < count * 2 {
            let n = Int64(Self.block)
            var input: [Float]
            if schedule.speed.isForward {
                input = read(from: cursor, count: Self.block, renderer)
                cursor += n
            } else {
                cursor -= n
                input = read(from: cursor, count: Self.block, renderer)
                reverseFrames(&input)
            }
            guard let out = try? stretcher.process(input) else { break }
            if pendingOffset > 0 {
                pending.removeFirst(pendingOffset)
                pendingOffset = 0
            }
            pending += out
        }
        let available = min(count * 2, pending.count - pendingOffset)
        var out = Array(pending[pendingOffset ..< pendingOffset + available])
        pendingOffset += available
        if out.count < count * 2 { out += [Float](repeating: 0, count: count * 2 - out.count) }
        return out
    }

    /// Mix samples from unwrapped position `start`, folded into a loop's range; silence outside a plain play's range.
    private func read(from start: Int64, count: Int, _ renderer: TimelineRenderer) -> [Float] {
        var out: [Float] = []
        out.reserveCapacity(count * 2)
        var position = start, left = Int64(count)
        while left > 0 {
            let w = schedule.wrapped(position)
            let n: Int64
            if w < schedule.lowSample {
                n = min(left, schedule.lowSample - w)
                out += [Float](repeating: 0, count: Int(n) * 2)
            } else if w >= schedule.highSample {
                n = left
                out += [Float](repeating: 0, count: Int(n) * 2)
            } else {
                n = min(left, schedule.highSample - w)
                out += renderer.sound(from: w, count: Int(n))
            }
            position += n
            left -= n
        }
        return out
    }

    private func reverseFrames(_ samples: inout [Float]) {
        let frames = samples.count / 2
        for i in 0 ..< frames / 2 {
            let j = frames - 1 - i
            samples.swapAt(2 * i, 2 * j)
            samples.swapAt(2 * i + 1, 2 * j + 1)
        }
    }
}
