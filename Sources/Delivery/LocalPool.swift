import Foundation

/// A pool of worker processes on this machine: at most `workers` tasks run at once, each
/// its own process (a crash or a leak stays in one task), its output in its log file.
public struct LocalPool: TaskFarm {
    public var workers: Int

    public init(workers: Int) { self.workers = max(1, workers) }

    public func run(_ tasks: [FarmTask], cancelled: @escaping @Sendable () -> Bool,
                    event: @escaping (FarmEvent) -> Void) throws(DeliveryError) {
        var waiting = tasks[...]
        var running: [(task: FarmTask, process: Process)] = []
        defer {
            // Cancelled or failed: the workers get SIGTERM, which makes a render remove its partial file.
            for (_, process) in running where process.isRunning { process.terminate() }
            for (_, process) in running { process.waitUntilExit() }
        }
        while !waiting.isEmpty || !running.isEmpty {
            if cancelled() { throw DeliveryError("cancelled") }
            while running.count < workers, let task = waiting.popFirst() {
                let process = Process()
                process.executableURL = URL(fileURLWithPath: task.command[0])
                process.arguments = Array(task.command.dropFirst())
                FileManager.default.createFile(atPath: task.log.path, contents: nil)
                guard let log = try? FileHandle(forWritingTo: task.log) else {
                    throw DeliveryError("\(task.log.path): cannot write the task's log")
                }
                process.standardOutput = log
                process.standardError = log
                process.standardInput = FileHandle.nullDevice
                do { try process.run() } catch {
                    throw DeliveryError("\(task.command[0]): cannot start a worker (\(error.localizedDescription))")
                }
                try? log.close()
                running.append((task, process))
                event(.state(task, "RUNNING"))
            }
            Thread.sleep(forTimeInterval: 0.05)
            event(.waiting)
            running.removeAll { entry in
                guard !entry.process.isRunning else { return false }
                let ok = entry.process.terminationReason == .exit && entry.process.terminationStatus == 0
                event(.state(entry.task, ok ? "COMPLETED" : "FAILED"))
                return true
            }
        }
    }
}
