import Editor
import Foundation

/// The editor's detectors (`detect-silences`, `detect-scenes`) off the main thread: one job at
/// a time, its progress in the status bar, `detect-cancel` to stop it. The result comes back
/// to the main thread through `deliver`, which hands it to the editor only if the timeline is
/// still the one the detection looked at. In scripts (`termcut run`) detection runs inline.
///
/// Reviewed as `@unchecked Sendable`: every field is touched under `lock`.
public final class DetectionJobs: @unchecked Sendable {
    public static let shared = DetectionJobs()
    private let lock = NSLock()
    private var background = false
    private var running: (name: String, cancelled: Bool, progress: Double)?
    private var finished: [@Sendable (Editor) -> String] = []

    public static let cancelSpec = CommandSpec("detect-cancel", .editing, "Stop the silence or scene detection running in the background") { _, _ in
        try shared.cancel()
    }

    /// Set by the interactive editor.
    public var runsInBackground: Bool {
        get { lock.withLock { background } }
        set { lock.withLock { background = newValue } }
    }

    /// "detect-silences 42%" while a detection runs.
    public var statusText: String? {
        lock.withLock { running.map { "\($0.name) \(Int($0.progress * 100))%" } }
    }

    /// Runs `work` on a thread. `work` gets a progress callback (0…1; false means stop) and
    /// returns what to do with the editor on the main thread (or throws a message).
    func start(_ name: String, work: @escaping @Sendable (_ progress: @escaping @Sendable (Double) -> Bool) throws -> @Sendable (Editor) -> String) throws(CommandError) -> CommandResult {
        let begun: Bool = lock.withLock {
            guard running == nil else { return false }
            running = (name, false, 0)
            return true
        }
        guard begun else { throw CommandError("\(name): a detection is already running (detect-cancel stops it)") }
        let thread = Thread { [self] in
            let progress: @Sendable (Double) -> Bool = { [self] fraction in
                lock.withLock {
                    running?.progress = fraction
                    return !(running?.cancelled ?? true)
                }
            }
            let outcome: @Sendable (Editor) -> String
            do {
                outcome = try work(progress)
            } catch {
                let cancelled = lock.withLock { running?.cancelled ?? false }
                let text = cancelled ? "\(name): cancelled" : "\(error)"
                outcome = { _ in text }
            }
            lock.withLock {
                if running?.cancelled == true { finished.append { _ in "\(name): cancelled" } } else { finished.append(outcome) }
                running = nil
            }
        }
        thread.name = "termcut \(name)"
        thread.start()
        return CommandResult("\(name) running in the background (detect-cancel stops it)…")
    }

    /// Hands finished detections to the editor (main thread); returns their messages.
    public func deliver(to editor: Editor) -> [String] {
        let ready = lock.withLock {
            defer { finished.removeAll() }
            return finished
        }
        return ready.map { $0(editor) }
    }

    private func cancel() throws(CommandError) -> CommandResult {
        let name: String? = lock.withLock {
            guard running != nil else { return nil }
            running!.cancelled = true
            return running!.name
        }
        guard let name else { throw CommandError("detect-cancel: no detection is running") }
        return CommandResult("cancelling \(name)…")
    }
}
