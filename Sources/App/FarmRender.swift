import Delivery
import Foundation
import Media
import TimelineModel

/// Runs a segmented render on a farm: checks the media, snapshots the project into the
/// work folder, runs the tasks whose parts are missing or incomplete, checks every part by
/// probe, joins them and removes the work folder (unless asked to keep it).
public struct FarmRender: Sendable {
    public enum Farm: String, Sendable { case local, slurm }

    public var render: SegmentedRender
    public var farm: Farm
    public var workers: Int
    public var partition: String?
    /// The termcut binary the workers run (the same path on every node).
    public var executable: String
    /// The render's options, passed on to every worker so that all encode alike.
    public var workerArguments: [String]
    public var keepParts = false

    public init(render: SegmentedRender, farm: Farm, workers: Int, partition: String?, executable: String, workerArguments: [String]) {
        self.render = render; self.farm = farm; self.workers = workers; self.partition = partition
        self.executable = executable; self.workerArguments = workerArguments
    }

    public struct Outcome: Sendable {
        public var rendered: [String]
        public var reused: [String]
        public var frames: Int
        public var seconds: TimeInterval
        /// From handing the tasks to the farm until it accepted them (sbatch's answer; ~0 locally).
        public var submitSeconds: TimeInterval = 0
        /// Joining the parts into the output by stream copy.
        public var joinSeconds: TimeInterval = 0
    }

    /// This process's own binary: what the workers run.
    public static var ownExecutable: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }

    /// Runs the render; `say` gets the log's lines, `progress` where the tasks stand (on every
    /// change, and about once a second from the running workers' logs).
    public func run(project: Project, cancelled: @escaping @Sendable () -> Bool, say: @escaping (String) -> Void,
                    progress: @escaping (FarmProgress) -> Void = { _ in }) throws(CLIError) -> Outcome {
        let started = Date()
        // Every node opens the media at the paths the project names: check them here first,
        // rather than find out from a failed task on a node an hour in.
        if let first = render.plan.offlineClips(in: project).first {
            throw CLIError("cannot submit: \(first); every worker must read the media at the same path")
        }
        let discarded: Bool
        do { discarded = try render.prepare(project: project, arguments: workerArguments) } catch { throw CLIError(error.message) }
        if discarded { say("the project or the settings changed since the last run: its parts in \(render.folder.path) were removed") }
        var reused: [String] = []
        var submitSeconds: TimeInterval = 0
        var todo: [SegmentedRender.Task] = []
        var standing = render.progress()
        for task in render.tasks {
            if render.isDone(task) {
                reused.append(task.name); standing.set(task.name, state: "KEPT"); say("\(task.name): done earlier, kept")
            } else {
                todo.append(task)
            }
        }
        progress(standing)
        let jobs = todo.map {
            FarmTask(index: $0.index, name: $0.name, command: render.command(for: $0, executable: executable, arguments: workerArguments),
                     log: render.logFile(for: $0))
        }
        if !jobs.isEmpty {
            let runner: any TaskFarm = farm == .local
                ? LocalPool(workers: workers)
                : SlurmArray(partition: partition, jobName: "termcut-" + render.plan.output.deletingPathExtension().lastPathComponent,
                             folder: render.folder)
            say("\(farm == .local ? "running" : "submitting") \(jobs.count) task\(jobs.count == 1 ? "" : "s")"
                + (farm == .local ? " on \(min(workers, jobs.count)) local worker\(min(workers, jobs.count) == 1 ? "" : "s")" : " to Slurm"))
            let total = jobs.count
            var ended = 0
            var running: Set<Int> = []
            var lastRead = Date.distantPast
            let handedOver = Date()
            do {
                try runner.run(jobs, cancelled: cancelled) { event in
                    switch event {
                    case .submitted(let id):
                        submitSeconds = Date().timeIntervalSince(handedOver)
                        say("slurm job \(id)")
                        standing.job = id
                    case .state(let task, let state):
                        if !["PENDING", "RUNNING"].contains(state) { ended += 1 }
                        if state == "RUNNING" { running.insert(task.index) } else { running.remove(task.index) }
                        say("\(task.name): \(state.lowercased())" + (ended > 0 ? " [\(ended)/\(total)]" : ""))
                        standing.set(task.name, state: state)
                    case .waiting:
                        // The workers write a progress line a second: reading more often finds nothing new.
                        guard Date().timeIntervalSince(lastRead) >= 1 else { return }
                        lastRead = Date()
                        for job in jobs where running.contains(job.index) { standing.read(job.name, log: job.log) }
                    }
                    progress(standing)
                }
            } catch {
                throw CLIError(error.message)
            }
        }
        let failed = todo.filter { !render.isDone($0) }
        guard failed.isEmpty else {
            let names = failed.map { "\($0.name) (log \(render.logFile(for: $0).path))" }
            throw CLIError("\(failed.count) part\(failed.count == 1 ? "" : "s") did not finish: " + names.joined(separator: ", ")
                           + "; run the same command again to redo only those")
        }
        say("joining \(render.tasks.filter { $0.part == .video }.count) segments by stream copy")
        standing.stage = "joining"
        progress(standing)
        let joining = Date()
        let joined: JoinResult
        do { joined = try render.join(cancelled: cancelled) } catch { throw CLIError(error.message) }
        let joinSeconds = Date().timeIntervalSince(joining)
        if !keepParts { render.clean() }
        return Outcome(rendered: todo.map(\.name), reused: reused, frames: joined.videoPackets, seconds: Date().timeIntervalSince(started),
                       submitSeconds: submitSeconds, joinSeconds: joinSeconds)
    }
}
