import Foundation

/// A value that only code running on one serial queue touches: libav's demuxer and
/// decoder of a `VideoSource`, shared by requests and read-ahead.
///
/// Reviewed as `@unchecked Sendable`: `value` is reached only inside `sync` and `async`,
/// both of which run on `queue`, one at a time. Never call `sync` from the queue itself.
final class SerialConfined<Value>: @unchecked Sendable {
    private let queue: DispatchQueue
    private let value: Value

    init(_ value: Value, label: String) {
        self.value = value
        queue = DispatchQueue(label: label, qos: .userInitiated)
    }

    func sync<Result>(_ body: (Value) -> Result) -> Result {
        queue.sync { body(value) }
    }

    func async(_ body: @escaping @Sendable (Value) -> Void) {
        queue.async { body(self.value) }
    }
}
