import Render

/// The delivered sound: Render's mix of a stretch of timeline samples, times one gain and
/// through the limiter when the loudness decision has one, read in order. Past the range's
/// end it is silence, so nothing after `--out` leaks into the file.
final class ProgrammeSound {
    private let renderer: TimelineRenderer
    private let range: Range<Int64>
    private let gain: Float
    private let limiter: PeakLimiter?
    private var readPosition: Int64
    private var ready: [Float] = []
    private var readyStart = 0

    init(renderer: TimelineRenderer, range: Range<Int64>, gainDB: Double, limiterCeilingDB: Double?) {
        self.renderer = renderer
        self.range = range
        readPosition = range.lowerBound
        gain = Float(AudioMix.linear(dB: gainDB))
        limiter = limiterCeilingDB.map { PeakLimiter(ceiling: Float(AudioMix.linear(dB: $0))) }
    }

    /// The next `count` stereo samples, interleaved.
    func next(_ count: Int) -> [Float] {
        while ready.count - readyStart < count * 2 {
            let chunk = 4_800
            var raw: [Float]
            if readPosition < range.upperBound {
                let n = Int(min(Int64(chunk), range.upperBound - readPosition))
                raw = renderer.sound(from: readPosition, count: n)
            } else {
                raw = [Float](repeating: 0, count: chunk * 2)
            }
            readPosition += Int64(raw.count / 2)
            if gain != 1 { for i in raw.indices { raw[i] *= gain } }
            ready += limiter?.process(raw) ?? raw
        }
        let out = Array(ready[readyStart..<(readyStart + count * 2)])
        readyStart += count * 2
        if readyStart > 96_000 {
            ready.removeFirst(readyStart)
            readyStart = 0
        }
        return out
    }

    /// The deepest gain reduction the limiter applied so far, dB (0: none).
    var limiterReductionDB: Double { limiter?.deepestReductionDB ?? 0 }
}
