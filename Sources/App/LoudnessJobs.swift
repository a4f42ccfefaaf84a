import Analysis
import Editor
import Foundation
import Interchange
import Media
import Render
import TimelineModel

/// Loudness measurements finished off the main thread, waiting for the message line. In
/// scripts (`termcut run`) nothing runs in the background and the report is the command's message.
/// Reviewed as `@unchecked Sendable`: both fields are only touched under `lock`.
public final class LoudnessJobs: @unchecked Sendable {
    public static let shared = LoudnessJobs()
    private let lock = NSLock()
    private var background = false
    private var finished: [String] = []

    /// Set by the interactive editor: measure in a thread and report through `takeFinished`.
    public var runsInBackground: Bool {
        get { lock.withLock { background } }
        set { lock.withLock { background = newValue } }
    }

    public func post(_ message: String) { lock.withLock { finished.append(message) } }

    public func takeFinished() -> [String] {
        lock.withLock {
            defer { finished.removeAll() }
            return finished
        }
    }
}
