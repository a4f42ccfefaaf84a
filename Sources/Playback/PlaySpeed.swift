/// How fast and which way playback runs, as an exact ratio of real time (negative: reverse).
///
/// The speeds an editor's J/K/L shuttle offers: 1x, 2x, 4x and 8x either way, and 1/4x slow
/// motion. At 1x forward the mix plays as is; at every other speed it plays pitch-corrected
/// through libavfilter's atempo (`ShuttleSound`), as editors play speech when shuttling.
public struct PlaySpeed: Hashable, Sendable, CustomStringConvertible {
    /// Signed: negative plays backwards.
    public let numerator: Int64
    public let denominator: Int64

    public init(_ numerator: Int64, _ denominator: Int64 = 1) {
        precondition(numerator != 0 && denominator > 0, "a play speed is a non-zero ratio")
        var a = abs(numerator), b = denominator
        while b != 0 { (a, b) = (b, a % b) }
        self.numerator = numerator / a
        self.denominator = denominator / a
    }

    /// The speed a ratio of real time names, for callers that keep speed as a number (the
    /// editor's transport): any whole number or quarter, e.g. 1, -2, 8, 0.25, -0.25. Nil for 0
    /// (stopped) and for ratios that are not a whole number of quarters.
    public init?(ratio: Double) {
        let quarters = ratio * 4
        guard quarters.isFinite, quarters != 0, quarters == quarters.rounded(), abs(quarters) <= 4 * 64 else { return nil }
        self.init(Int64(quarters), 4)
    }

    public static let normal = PlaySpeed(1)
    public static let reverse = PlaySpeed(-1)
    public static let slowMotion = PlaySpeed(1, 4)

    /// The shuttle ladder one way: each further press of L (or J) takes the next step.
    public static let shuttleSteps: [PlaySpeed] = [PlaySpeed(1), PlaySpeed(2), PlaySpeed(4), PlaySpeed(8)]

    /// The next shuttle speed after `current` when the key for `forward` is pressed again:
    /// from stop or the other direction 1x; then 2x, 4x, 8x, staying at 8x.
    public static func shuttle(after current: PlaySpeed?, forward: Bool) -> PlaySpeed {
        let sign: Int64 = forward ? 1 : -1
        guard let current, current.isForward == forward, abs(current.numerator) >= current.denominator else {
            return PlaySpeed(sign)
        }
        let magnitude = abs(current.numerator) / current.denominator
        let next = shuttleSteps.first { $0.numerator > magnitude } ?? shuttleSteps.last!
        return PlaySpeed(sign * next.numerator)
    }

    public var isForward: Bool { numerator > 0 }
    /// 1x forward: the speed whose sound is the mix as is (others go through atempo).
    public var isNormal: Bool { numerator == 1 && denominator == 1 }
    /// Frames advanced per displayed frame: 2 at 2x, 1 at 1x and in slow motion.
    public var frameStride: Int64 { max(1, abs(numerator) / denominator) }

    public var description: String {
        let sign = numerator < 0 ? "-" : ""
        return denominator == 1 ? "\(sign)\(abs(numerator))x" : "\(sign)\(abs(numerator))/\(denominator)x"
    }
}
