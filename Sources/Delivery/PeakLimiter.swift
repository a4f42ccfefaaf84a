import Foundation

/// A look-ahead brick-wall limiter for the delivered mix, stereo-linked, used only when a
/// loudness gain would push the true peak over the preset's ceiling.
///
/// The gain for sample m is the mean of a held gain over the `lookahead` samples before it,
/// where the held gain at j is the least gain any sample in [j, j + lookahead] needs to stay
/// under the ceiling, recovering no faster than `release`. Every held value in that mean
/// covers sample m's own need, so the output never exceeds the ceiling, and the gain ramps
/// down over the look-ahead instead of stepping (no click). Output is delayed by `lookahead`
/// samples; `ProgrammeSound` reads ahead to cancel the delay.
final class PeakLimiter {
    let ceiling: Float
    let lookahead: Int
    private let recovery: Float
    private var needs: [Float] = []        // req(j) for j in [needBase, …)
    private var needBase = 0
    private var windowMin: [(index: Int, value: Float)] = []   // monotonic deque over needs
    private var windowStart = 0
    private var held: Float = 1
    private var heldRing: [Float]
    private var heldSum: Double
    private var ringPosition = 0
    private var delay: [Float] = []        // interleaved stereo samples waiting for their gain
    private var delayStart = 0
    private var received = 0
    /// The deepest gain applied so far, in dB (0 when the limiter never acted).
    private(set) var deepestReductionDB: Double = 0

    /// `ceiling`: linear sample peak; `lookahead` and `release` in samples.
    init(ceiling: Float, lookahead: Int = 240, release: Int = 2_400) {
        self.ceiling = ceiling
        self.lookahead = lookahead
        recovery = 1 / Float(release)
        heldRing = [Float](repeating: 1, count: lookahead + 1)
        heldSum = Double(lookahead + 1)
    }

    /// Takes stereo interleaved samples; returns as many limited samples as are ready.
    func process(_ input: [Float]) -> [Float] {
        var output: [Float] = []
        output.reserveCapacity(input.count)
        var i = 0
        while i + 1 < input.count {
            push(left: input[i], right: input[i + 1], into: &output)
            i += 2
        }
        return output
    }

    /// The last `lookahead` samples, with silence behind them.
    func flush() -> [Float] {
        var output: [Float] = []
        for _ in 0..<lookahead { push(left: 0, right: 0, into: &output) }
        return output
    }

    private func push(left: Float, right: Float, into output: inout [Float]) {
        let k = received
        received += 1
        delay.append(left); delay.append(right)
        let peak = max(abs(left), abs(right))
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
        let at = (j - delayStart) * 2
        output.append(delay[at] * gain)
        output.append(delay[at + 1] * gain)
        if at > 8_192 {
            delay.removeFirst(at + 2)
            delayStart = j + 1
        }
    }
}
