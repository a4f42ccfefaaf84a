import Foundation

/// Where a segmented render stands, task by task, for the CLI and the editor's status bar
/// ("render out.mp4 3/8 segments · 42% · slurm job 17"): a segment counts as done once its
/// task completed (or was kept from an earlier run), and the percentage is of the
/// programme's frames, counting what each running worker reports in its log.
public struct FarmProgress: Sendable, Equatable {
    public struct Part: Sendable, Equatable {
        public var name: String
        public var isSegment: Bool
        public var frames: Int64
        public var framesDone: Int64 = 0
        public var state = "PENDING"
        public init(name: String, isSegment: Bool, frames: Int64) {
            self.name = name; self.isSegment = isSegment; self.frames = frames
        }
        public var isDone: Bool { state == "COMPLETED" || state == "KEPT" }
    }

    public var parts: [Part]
    /// The scheduler's job id once submitted (Slurm); nil on a local pool.
    public var job: String?
    /// "joining" once every part is there and the segments are being copied into the output.
    public var stage: String?

    public init(parts: [Part]) { self.parts = parts }

    public var segments: Int { parts.filter(\.isSegment).count }
    public var segmentsDone: Int { parts.filter { $0.isSegment && $0.isDone }.count }

    /// Of the segments' frames, the share encoded so far (0…1).
    public var fraction: Double {
        let total = parts.filter(\.isSegment).reduce(Int64(0)) { $0 + $1.frames }
        guard total > 0 else { return 0 }
        let done = parts.filter(\.isSegment).reduce(Int64(0)) { $0 + ($1.isDone ? $1.frames : min($1.frames, $1.framesDone)) }
        return Double(done) / Double(total)
    }

    /// "render out.mp4 3/8 segments · 42% · slurm job 17", or "… · joining" at the end.
    public func text(output: String) -> String {
        var words = "render \(output) \(segmentsDone)/\(segments) segments · \(Int((fraction * 100).rounded(.down)))%"
        if let job { words += " · slurm job \(job)" }
        if let stage { words += " · \(stage)" }
        return words
    }

    /// Records a state the farm reported for the part named `name`.
    public mutating func set(_ name: String, state: String) {
        guard let i = parts.firstIndex(where: { $0.name == name }) else { return }
        parts[i].state = state
        if parts[i].isDone { parts[i].framesDone = parts[i].frames }
    }

    /// Records how far the part named `name` is by its worker's log, when that says so.
    public mutating func read(_ name: String, log: URL) {
        guard let i = parts.firstIndex(where: { $0.name == name }), !parts[i].isDone,
              let done = Self.framesDone(inLog: log) else { return }
        parts[i].framesDone = done
    }

    /// The frames done by a worker's latest progress line ("render: 120/300 frames 40% …"),
    /// from the end of its log; nil when it has written none yet.
    public static func framesDone(inLog log: URL) -> Int64? {
        guard let handle = try? FileHandle(forReadingFrom: log) else { return nil }
        defer { try? handle.close() }
        let size = (try? handle.seekToEnd()) ?? 0
        try? handle.seek(toOffset: size > 4096 ? size - 4096 : 0)
        guard let data = try? handle.readToEnd() else { return nil }
        return framesDone(inText: String(decoding: data, as: UTF8.self))
    }

    static func framesDone(inText text: String) -> Int64? {
        for line in text.split(whereSeparator: { $0 == "\n" || $0 == "\r" }).reversed() {
            guard let start = line.range(of: "render: ")?.upperBound else { continue }
            let words = line[start...].split(separator: " ")
            guard words.count >= 2, words[1] == "frames" else { continue }
            let counts = words[0].split(separator: "/")
            if counts.count == 2, let done = Int64(counts[0]) { return done }
        }
        return nil
    }
}
