/// Decoded frames kept for reuse, bounded by bytes, least recently used out first.
///
/// Shared by every `VideoSource` (and their read-ahead), so scrubbing back over footage
/// already seen costs no decoding. Thread-safe: all state sits behind one lock.
public final class FrameCache: Sendable {
    /// The process-wide cache (256 MB by default).
    public static let shared = FrameCache(budgetBytes: 256 << 20)

    struct Key: Hashable {
        var source: String
        var timestamp: Int64
    }

    struct Entry {
        var frame: VideoFrame
        var lastUse: UInt64
    }

    struct State {
        var budgetBytes: Int
        var usedBytes = 0
        var clock: UInt64 = 0
        var entries: [Key: Entry] = [:]
        var hits = 0
        var misses = 0
    }

    private let state: Locked<State>

    public init(budgetBytes: Int) {
        state = Locked(State(budgetBytes: budgetBytes))
    }

    /// The byte budget; lowering it evicts at once.
    public var budgetBytes: Int {
        get { state.withLock { $0.budgetBytes } }
        set { state.withLock { $0.budgetBytes = max(0, newValue); Self.evict(&$0) } }
    }

    public var usedBytes: Int { state.withLock { $0.usedBytes } }
    public var count: Int { state.withLock { $0.entries.count } }
    /// Lookups that found / did not find a frame, for benchmarks and tests.
    public var hitsAndMisses: (hits: Int, misses: Int) { state.withLock { ($0.hits, $0.misses) } }

    func frame(source: String, timestamp: Int64) -> VideoFrame? {
        state.withLock { state in
            let key = Key(source: source, timestamp: timestamp)
            guard var entry = state.entries[key] else {
                state.misses += 1
                return nil
            }
            state.clock += 1
            entry.lastUse = state.clock
            state.entries[key] = entry
            state.hits += 1
            return entry.frame
        }
    }

    func contains(source: String, timestamp: Int64) -> Bool {
        state.withLock { $0.entries[Key(source: source, timestamp: timestamp)] != nil }
    }

    func insert(_ frame: VideoFrame, source: String) {
        state.withLock { state in
            let key = Key(source: source, timestamp: frame.timestamp)
            let size = frame.byteCount
            guard size <= state.budgetBytes else { return }
            state.clock += 1
            if let old = state.entries[key] { state.usedBytes -= old.frame.byteCount }
            state.entries[key] = Entry(frame: frame, lastUse: state.clock)
            state.usedBytes += size
            Self.evict(&state)
        }
    }

    /// Drops every frame (of one source, or all).
    public func removeAll(source: String? = nil) {
        state.withLock { state in
            for (key, entry) in state.entries where source == nil || key.source == source {
                state.entries[key] = nil
                state.usedBytes -= entry.frame.byteCount
            }
        }
    }

    private static func evict(_ state: inout State) {
        while state.usedBytes > state.budgetBytes,
              let oldest = state.entries.min(by: { $0.value.lastUse < $1.value.lastUse }) {
            state.entries[oldest.key] = nil
            state.usedBytes -= oldest.value.frame.byteCount
        }
    }
}
