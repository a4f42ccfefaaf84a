import Foundation

/// A look-ahead brick-wall limiter, stereo-linked: the master limiter of the mix
/// (`TimelineRenderer`, when the sequence has one) and Delivery's, used when a loudness gain
/// would push the true peak over the preset's ceiling.
///
/// The gain for sample m is the mean of a held gain over the `lookahead` samples before it,
/// where the held gain at j is the least gain any sample in [j, j + lookahead] needs to stay
/// under the ceiling, recovering no faster than `release`. Every held value in that mean
/// covers sample m's own need, so the output never exceeds the ceiling, and the gain ramps
/// down over the look-ahead instead of stepping (no click). Output is delayed by `lookahead`
/// samples plus `detectionDelay`.
///
/// The need is measured on the true peak, not just the samples: a 4x-oversampled estimate of the
/// waveform between samples (a 12-tap Hann-windowed sinc per phase, as ITU-R BS.1770's meter
/// does it), so what a true-peak meter reads after the limiter stays under the ceiling too.
public final class PeakLimiter {
    public let ceiling: Float
    public let lookahead: Int
    private let recovery: Float
    private var needs: [Float] = []        // req(j) for j in [needBase, …)
    private var needBase = 0
    private var windowMin: [(index: Int, value: Float)] = []   // monotonic deque over needs
    private var windowStart = 0
    private var held: Float = 1
    private var heldRing: [Float]
    private var heldSum: Double
    private var ringPosition = 0
    private var waiting: [Float] = []        // interleaved stereo samples waiting for their gain
    private var waitingStart = 0
    private var received = 0
    /// The last 13 input samples per channel, the middle one being judged (6 behind the newest).
    private var historyLeft = [Float](repeating: 0, count: 6)
    private var historyRight = [Float](repeating: 0, count: 6)
    /// How many samples later than `lookahead` the output comes: the interpolator's half width.
    public static let detectionDelay = 6
    /// Samples the output lags the input: the look-ahead and the peak interpolator.
    public var delay: Int { lookahead + Self.detectionDelay }
    /// The deepest gain applied so far, in dB (0 when the limiter never acted).
    public private(set) var deepestReductionDB: Double = 0

    /// `ceiling`: linear sample peak; `lookahead` and `release` in samples.
    public init(ceiling: Float, lookahead: Int = 240, release: Int = 2_400) {
        self.ceiling = ceiling
        self.lookahead = lookahead
        recovery = 1 / Float(release)
        heldRing = [Float](repeating: 1, count: lookahead + 1)
        heldSum = Double(lookahead + 1)
    }

    /// Takes stereo interleaved samples; returns as many limited samples as are ready.
    public func process(_ input: [Float]) -> [Float] {
        var output: [Float] = []
        output.reserveCapacity(input.count)
        var i = 0
        while i + 1 < input.count {
            arrive(left: input[i], right: input[i + 1], into: &output)
            i += 2
        }
        return output
    }

    /// The last `delay` samples, with silence behind them.
    public func flush() -> [Float] {
        var output: [Float] = []
        for _ in 0..<delay { arrive(left: 0, right: 0, into: &output) }
        return output
    }

    /// Interpolation taps for the points ¼, ½ and ¾ of the way from sample 5 to sample 6 of 12.
    private static let taps: [[Float]] = [0.25, 0.5, 0.75].map { f in
        (0..<12).map { i in
            let x = f - Double(i - 5)
            let sinc = x == 0 ? 1 : sin(Double.pi * x) / (Double.pi * x)
            return Float(sinc * 0.5 * (1 + cos(Double.pi * x / 6.5)))
        }
    }

    /// The largest of a channel's samples and the interpolated points either side of the middle one.
    private static func truePeak(_ h: [Float]) -> Float {
        var peak = abs(h[6])
        for offset in 0...1 {          // between h[5] and h[6], then between h[6] and h[7]
            for phase in taps {
                var v: Float = 0
                for i in 0..<12 { v += phase[i] * h[offset + i] }
                peak = max(peak, abs(v))
            }
        }
        return peak
    }

    private func arrive(left: Float, right: Float, into output: inout [Float]) {
        historyLeft.append(left); historyRight.append(right)
        guard historyLeft.count == 13 else { return }
        let peak = max(Self.truePeak(historyLeft), Self.truePeak(historyRight))
        push(left: historyLeft[6], right: historyRight[6], peak: peak, into: &output)
        historyLeft.removeFirst(); historyRight.removeFirst()
    }

    private func push(left: Float, right: Float, peak: Float, into output: inout [Float]) {
        let k = received
        received += 1
        waiting.append(left); waiting.append(right)
        let need = peak > ceiling ? ceiling / peak : 1
        // Sliding minimum of need over [k - lookahead, k].
        while let last = windowMin.last, last.value >= need { windowMin.removeLast() }
        windowMin.append((k, need))
        let j = k - lookahead
        guard j >= 0 else { return }
        while let first = windowMin.first, first.index < j { windowMin.removeFirst() }
        let target = windowMin.first!.value
        held = min(target, held + (1 - held) * recovery)
        heldSum += Double(held) - Double(heldRing[ringPosition])
        heldRing[ringPosition] = held
        ringPosition = (ringPosition + 1) % heldRing.count
        // Sample j leaves with the mean of the held gains over [j - lookahead, j].
        // Held gains before the first sample count as 1, which would not cover an early peak:
        // there the sample's own held gain (which does) caps the mean.
        let gain = min(1, j < lookahead ? min(held, Float(heldSum / Double(heldRing.count))) : Float(heldSum / Double(heldRing.count)))
        if gain < 1 { deepestReductionDB = min(deepestReductionDB, 20 * Double(log10(gain))) }
        let at = (j - waitingStart) * 2
        output.append(waiting[at] * gain)
        output.append(waiting[at + 1] * gain)
        if at > 8_192 {
            waiting.removeFirst(at + 2)
            waitingStart = j + 1
        }
    }
}
