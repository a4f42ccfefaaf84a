import Foundation

/// A value behind a lock, for the few pieces of state that more than one thread touches
/// (libav's log lines, the frame cache). Reviewed as `@unchecked Sendable`: every access
/// to `value` goes through `withLock`.
final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) {
        self.value = value
    }

    func withLock<Result>(_ body: (inout Value) -> Result) -> Result {
        lock.lock()
        defer { lock.unlock() }
        return body(&value)
    }
}
