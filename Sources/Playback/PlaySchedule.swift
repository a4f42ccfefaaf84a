import Render
import TimelineModel

/// Which timeline frame and which timeline sample belong to each moment of a play, counted in
/// device samples (48 kHz) since the play began: the one mapping both the sound and the
/// picture follow, so they cannot drift apart.
///
/// The master clock reports `τ`, the device sample being heard now. At 1x forward the sample
/// being heard is timeline sample `p₀ + τ`; at other speeds the position moves `speed` times as
/// fast (and the device plays silence). A looped play wraps the position into its range; a
/// plain play ends at the range's edge. Positions are integers throughout: frames meet samples
/// only through `AudioMix.sample(ofFrame:rate:)` (the one rescale), never through seconds.
public struct PlaySchedule: Sendable, Equatable {
    public let rate: Rate
    public let start: Int64
    public let speed: PlaySpeed
    /// The frames the play may show: `[lower, upper)`.
    public let range: Range<Int64>
    public let loops: Bool

    /// Timeline sample heard at τ = 0.
    let origin: Int64
    let lowSample: Int64
    let highSample: Int64

    public init(rate: Rate, start: Int64, speed: PlaySpeed, range: Range<Int64>, loops: Bool = false) {
        precondition(!range.isEmpty, "a play range holds at least one frame")
        self.rate = rate
        self.speed = speed
        self.range = range
        self.loops = loops
        self.start = min(max(start, range.lowerBound), range.upperBound - 1)
        lowSample = AudioMix.sample(ofFrame: range.lowerBound, rate: rate)
        highSample = AudioMix.sample(ofFrame: range.upperBound, rate: rate)
        // Forward: the first sample of the start frame. Reverse: its last sample, so the start
        // frame is shown for a whole frame's time before the one before it.
        origin = speed.isForward ? AudioMix.sample(ofFrame: self.start, rate: rate)
                                 : AudioMix.sample(ofFrame: self.start + 1, rate: rate) - 1
    }

    func sample(ofFrame frame: Int64) -> Int64 { AudioMix.sample(ofFrame: frame, rate: rate) }
    func frame(ofSample sample: Int64) -> Int64 {
        AudioMix.frame(containingSample: sample, rate: rate)
    }

    /// The unwrapped timeline sample at device time τ.
    func unwrappedSample(at tau: Int64) -> Int64 {
        origin + floorDivide(tau * speed.numerator, speed.denominator)
    }

    /// `sample` folded into the loop range.
    func wrapped(_ sample: Int64) -> Int64 {
        guard loops else { return sample }
        let length = highSample - lowSample
        return lowSample + positiveModulo(sample - lowSample, length)
    }

    /// Device time at which a plain play runs off its range (nil for loops).
    public var endTau: Int64? {
        guard !loops else { return nil }
        let n = abs(speed.numerator), d = speed.denominator
        if speed.isForward {
            return ceilingDivide((highSample - origin) * d, n)
        }
        return floorDivide((origin - lowSample) * d, n) + 1
    }

    /// The frame on screen at device time τ; nil once a plain play has ended.
    public func frame(at tau: Int64) -> Int64? {
        if let end = endTau, tau >= end { return nil }
        return frame(ofSample: wrapped(unwrappedSample(at: tau)))
    }

    /// Timeline sample heard at device time τ, and how many samples follow before the position
    /// wraps or the play ends (sound is only asked for at 1x forward).
    public func soundPosition(at tau: Int64) -> (sample: Int64, run: Int64)? {
        if let end = endTau, tau >= end { return nil }
        let sample = wrapped(unwrappedSample(at: tau))
        return (sample, highSample - sample)
    }

    // MARK: The frames a play shows

    /// One frame to show: `lap` counts how many times a loop has wrapped before it.
    public struct Visit: Equatable, Sendable {
        public var frame: Int64
        public var lap: Int64
    }

    public var firstVisit: Visit { Visit(frame: start, lap: 0) }

    /// The frame shown after `visit`: every frame at 1x and below, every n-th at n×.
    public func visit(after visit: Visit) -> Visit? {
        let step = speed.frameStride * (speed.isForward ? 1 : -1)
        var next = Visit(frame: visit.frame + step, lap: visit.lap)
        if range.contains(next.frame) { return next }
        guard loops else { return nil }
        let length = Int64(range.count)
        next.lap += 1
        next.frame = range.lowerBound + positiveModulo(next.frame - range.lowerBound, length)
        return next
    }

    /// The device time at which `visit` comes on screen: when the position first reaches the
    /// frame's first sample (forward) or leaves its end (reverse).
    public func tau(of visit: Visit) -> Int64 {
        let n = abs(speed.numerator), d = speed.denominator
        let lapSamples = visit.lap * (highSample - lowSample)
        let tau: Int64
        if speed.isForward {
            tau = ceilingDivide((sample(ofFrame: visit.frame) + lapSamples - origin) * d, n)
        } else {
            tau = floorDivide((origin - (sample(ofFrame: visit.frame + 1) - lapSamples)) * d, n) + 1
        }
        return max(0, tau)
    }
}

func floorDivide(_ a: Int64, _ b: Int64) -> Int64 {
    let q = a / b
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
}

func ceilingDivide(_ a: Int64, _ b: Int64) -> Int64 {
    -floorDivide(-a, b)
}

func positiveModulo(_ a: Int64, _ b: Int64) -> Int64 {
    let r = a % b
    return r < 0 ? r + b : r
}
