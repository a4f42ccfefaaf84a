/// Notices that arrive on their own (the preview engine's start-up note, autosave, a finished
/// render) wait while the message line holds something the user caused less than `readingTime`
/// ago, instead of replacing it mid-sentence; queued ones then come one after another, each
/// given the same time to be read. Times are seconds on any monotonic clock, passed in.
public struct NoticeQueue: Equatable, Sendable {
    /// How long a fresh message is left alone: long enough to read a line (about two seconds).
    public var readingTime: Double
    private var waiting: [ViewState.Message] = []
    /// When the message line last changed, and to what.
    private var shownAt = -Double.infinity
    private var shown: ViewState.Message?

    public init(readingTime: Double = 2) {
        self.readingTime = readingTime
    }

    public var pending: [ViewState.Message] { waiting }

    /// The message line now shows `message` (a key's or command's result) since `now`.
    public mutating func showing(_ message: ViewState.Message, at now: Double) {
        guard message != shown else { return }
        shown = message
        shownAt = now
    }

    /// A notice arrived: queued behind what is shown.
    public mutating func post(_ notice: ViewState.Message) {
        waiting.append(notice)
    }

    /// The next notice to show at `now`, once the line's message has had its reading time.
    public mutating func next(at now: Double) -> ViewState.Message? {
        guard !waiting.isEmpty, now - shownAt >= readingTime else { return nil }
        let notice = waiting.removeFirst()
        shown = notice
        shownAt = now
        return notice
    }
}
