import Foundation
import Interchange
import Media
import PathBytes
import TimelineModel

/// A render split into segments that separate processes (a local pool or Slurm's array
/// tasks) encode at once, as Resolve's and Premiere's render farms do: each segment is the
/// video of a run of timeline frames, encoded with the plan's settings from a fresh encoder
/// (so it opens on an IDR frame and its GOPs are closed); the sound is rendered once, whole
/// (no encoder priming at the joins); then `SegmentJoiner` copies them into the output.
///
/// Everything lives in a work folder: the project snapshot the tasks render (taken when the
/// render is submitted, so editing on meanwhile changes nothing), the segments and the
/// sound under their final names only once complete (each task renders through
/// `TimelineExport`, which writes a hidden partial and renames it), and the tasks' logs.
/// Re-running the same render reuses every part that probes complete and redoes the rest.
public struct SegmentedRender: Sendable {
    /// One unit of work: a segment's pictures, or the whole programme's sound.
    public struct Task: Sendable, Equatable {
        public enum Part: String, Sendable { case video, sound }
        public var index: Int
        public var part: Part
        /// Timeline frames this task renders.
        public var frames: Range<Int64>
        public var file: URL
        public var name: String { part == .sound ? "sound" : "segment \(index + 1)" }
    }

    public var plan: RenderPlan
    public var folder: URL
    public var tasks: [Task]
    public var snapshot: URL

    /// Works out the segments of `plan` (`count` runs of nearly equal length, split at frame
    /// boundaries) in `folder`, which is made if missing.
    public static func make(plan: RenderPlan, count: Int, folder: URL) throws(DeliveryError) -> SegmentedRender {
        guard count >= 1 else { throw DeliveryError("--segments must be at least 1") }
        guard plan.settings.video != nil else {
            throw DeliveryError("preset '\(plan.preset.name)' has no picture: there are no video segments to split (render it without --segments)")
        }
        guard plan.outputRate == plan.timelineRate else {
            throw DeliveryError("--segments needs the output at the timeline's frame rate (this render conforms \(plan.timelineRate) to \(plan.outputRate))")
        }
        let frames = plan.frames
        let n = Int64(min(count, frames.count))
        let ext = plan.preset.fileExtension
        var tasks: [Task] = []
        for i in 0..<n {
            let start = frames.lowerBound + Int64(frames.count) * i / n
            let end = frames.lowerBound + Int64(frames.count) * (i + 1) / n
            tasks.append(Task(index: Int(i), part: .video, frames: start..<end,
                              file: folder.appendingPathComponent(String(format: "segment-%04d.%@", Int(i), ext))))
        }
        if plan.settings.audio != nil {
            tasks.append(Task(index: Int(n), part: .sound, frames: frames, file: folder.appendingPathComponent("sound.\(ext)")))
        }
        return SegmentedRender(plan: plan, folder: folder, tasks: tasks, snapshot: folder.appendingPathComponent("snapshot.termcut"))
    }

    /// The default work folder: hidden, beside the output (`.NAME.termcut-segments`), or a
    /// folder named after the output inside the shared folder the user gave.
    public static func defaultFolder(output: URL, shared: URL?) -> URL {
        let name = output.deletingPathExtension().lastPathComponent
        if let shared { return shared.appendingPathComponent("\(name).termcut-segments") }
        return output.deletingLastPathComponent().appendingPathComponent(".\(name).termcut-segments")
    }

    /// Prepares the work folder for `project` rendered with `arguments` (the worker's options):
    /// writes the snapshot and the job's key, and when a previous run left parts of another
    /// project or other settings, removes them (they would join into a wrong file). Returns
    /// whether earlier parts were thrown away for that reason.
    @discardableResult
    public func prepare(project: Project, arguments: [String]) throws(DeliveryError) -> Bool {
        let manager = FileManager.default
        do { try manager.createDirectory(at: folder.appendingPathComponent("logs"), withIntermediateDirectories: true) } catch {
            throw DeliveryError("\(folder.path): cannot make the work folder (\(error.localizedDescription))")
        }
        let snapshotData = ProjectFile.encode(project, saveID: nil, folder: nil)
        let segments = tasks.map { "\($0.part.rawValue):\($0.frames.lowerBound)-\($0.frames.upperBound)" }
        var hash = FNV1a()
        hash.add(snapshotData)
        hash.add(Data((arguments + segments).joined(separator: "\u{0}").utf8))
        let key = hash.hex
        let keyFile = folder.appendingPathComponent("job.key")
        let previous = try? String(contentsOf: keyFile, encoding: .utf8)
        var discarded = false
        if previous != key {
            let names = (try? manager.contentsOfDirectory(atPath: folder.path)) ?? []
            for name in names where name.hasPrefix("segment-") || name.hasPrefix("sound.") {
                discarded = discarded || previous != nil
                SystemFile.unlink(folder.appendingPathComponent(name).path)
            }
        }
        do {
            try AtomicFile.write(snapshotData, to: snapshot)
            try AtomicFile.write(Data(key.utf8), to: keyFile)
        } catch {
            throw DeliveryError("\(folder.path): cannot write the job's snapshot (\(error))")
        }
        return discarded
    }

    /// Whether a task's file is there and complete: a segment with exactly its frame count
    /// opening on a keyframe, the sound lasting the programme to within a frame. A probe,
    /// not the file's existence, decides (a killed task may have left anything).
    public func isDone(_ task: Task) -> Bool {
        guard FileManager.default.fileExists(atPath: task.file.path) else { return false }
        switch task.part {
        case .video:
            guard let table = try? PacketTable.scan(path: task.file.path) else { return false }
            return table.video.count == task.frames.count && table.video.first?.isKeyframe == true
        case .sound:
            guard let info = try? MediaProbe.probe(path: task.file.path),
                  let stream = info.streams.first(where: { $0.kind == .audio }) else { return false }
            let expected = Double(plan.samples.count) / 48_000
            let seconds = stream.duration ?? info.duration ?? 0
            return abs(seconds - expected) <= 1 / plan.timelineRate.framesPerSecond + 0.05
        }
    }

    /// The worker's command line for a task: `termcut render SNAPSHOT -o FILE --in A --out B
    /// --part video|sound` and the render's own options. Not quiet: its progress lines (one a
    /// second into its log) are how the farm's progress learns how far each task is.
    public func command(for task: Task, executable: String, arguments: [String]) -> [String] {
        [executable, "render", snapshot.path, "-o", task.file.path, "--in", String(task.frames.lowerBound),
         "--out", String(task.frames.upperBound), "--part", task.part.rawValue] + arguments
    }

    /// Progress with every task pending (the caller marks the ones kept from an earlier run).
    public func progress() -> FarmProgress {
        FarmProgress(parts: tasks.map { FarmProgress.Part(name: $0.name, isSegment: $0.part == .video, frames: Int64($0.frames.count)) })
    }

    public func logFile(for task: Task) -> URL {
        folder.appendingPathComponent("logs").appendingPathComponent(task.part == .sound ? "sound.log" : String(format: "segment-%04d.log", task.index))
    }

    /// Joins the finished parts into the output (a hidden name, renamed when complete).
    public func join(cancelled: @escaping () -> Bool = { false }) throws(DeliveryError) -> JoinResult {
        let output = plan.output
        TimelineExport.removeStalePartials(beside: output)
        let temporary = TimelineExport.temporaryURL(for: output)
        var committed = false
        defer { if !committed { SystemFile.unlink(temporary.path) } }
        let segments = tasks.filter { $0.part == .video }
            .map { JoinSegment(path: $0.file.path, firstFrame: $0.frames.lowerBound - plan.frames.lowerBound) }
        let sound = tasks.first { $0.part == .sound }?.file.path
        let rate = MediaRational(Int(plan.outputRate.numerator), Int(plan.outputRate.denominator))
        let result: JoinResult
        do {
            result = try SegmentJoiner.join(segments: segments, sound: sound, frameRate: rate, to: temporary.path,
                                            formatName: plan.settings.container, options: plan.settings.containerOptions,
                                            cancelled: cancelled)
        } catch {
            throw DeliveryError(TimelineExport.describe(error, output: output.path, temporary: temporary.path))
        }
        guard result.videoPackets == Int(plan.outputFrameCount) else {
            throw DeliveryError("\(output.path): the joined segments hold \(result.videoPackets) frames, not \(plan.outputFrameCount)")
        }
        try TimelineExport.commit(temporary, to: output)
        committed = true
        return result
    }

    /// Removes the work folder once the output is in place.
    public func clean() {
        try? FileManager.default.removeItem(at: folder)
    }
}

/// FNV-1a, 64 bits: a job's key (which project and settings its parts belong to), not security.
struct FNV1a {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325
    mutating func add(_ data: Data) {
        for byte in data {
            value ^= UInt64(byte)
            value = value &* 0x0000_0100_0000_01b3
        }
    }
    var hex: String { String(format: "%016llx", value) }
}
