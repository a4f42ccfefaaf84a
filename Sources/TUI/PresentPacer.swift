/// How often the screen may be sent to the terminal. Over a slow link (SSH on a mobile
/// connection) every update costs bytes, and once the link is full the terminal's writes block
/// and the editor stalls behind its own output. So screens come at most `baseInterval` apart,
/// and when a flush blocked (took longer than `blockedAfter`) the interval doubles, up to
/// `maximumInterval`; flushes that go through quickly bring it back down step by step.
///
/// A key press after a quiet spell is drawn at once (the last screen is long past); only
/// screens that follow each other quickly (playback, held keys) are spaced out. Times are
/// seconds on any monotonic clock, passed in so that the rule can be tested without one.
public struct PresentPacer: Equatable, Sendable {
    public var baseInterval: Double
    public var maximumInterval: Double
    /// A flush slower than this waited for the terminal (writing a few KB to a pty takes microseconds).
    public var blockedAfter: Double
    public private(set) var interval: Double
    private var lastPresent = -Double.infinity

    public init(baseInterval: Double, maximumInterval: Double = 0.5, blockedAfter: Double = 0.02) {
        self.baseInterval = baseInterval
        self.maximumInterval = max(maximumInterval, baseInterval)
        self.blockedAfter = blockedAfter
        self.interval = baseInterval
    }

    /// Normal: up to 30 screens a second. Low bandwidth: up to 5.
    public static func forLink(lowBandwidth: Bool) -> PresentPacer {
        PresentPacer(baseInterval: lowBandwidth ? 0.2 : 1.0 / 30, maximumInterval: lowBandwidth ? 1 : 0.5)
    }

    /// Whether a screen may go out at `now`.
    public func isDue(now: Double) -> Bool { now - lastPresent >= interval }

    /// A screen went out at `now` and its flush took `flushSeconds`.
    public mutating func presented(at now: Double, flushSeconds: Double) {
        lastPresent = now
        if flushSeconds > blockedAfter {
            interval = min(maximumInterval, max(interval * 2, flushSeconds * 2))
        } else if interval > baseInterval {
            interval = max(baseInterval, interval * 0.75)
        }
    }
}
