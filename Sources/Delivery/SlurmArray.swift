import Foundation

/// Runs tasks as one Slurm job array (`sbatch --array`), one array element per task, and
/// follows it with `squeue` until no element is left, reporting each element's state as it
/// changes; cancelling runs `scancel` on the job. Only Slurm's client commands are used, so
/// this works from any host where they reach a cluster (`SLURM_CONF` or /etc/slurm).
public struct SlurmArray: TaskFarm {
    public var partition: String?
    public var jobName: String
    /// Where the batch script is written (a folder every node sees: the job's work folder).
    public var folder: URL
    public var pollInterval: TimeInterval = 0.5

    public init(partition: String?, jobName: String, folder: URL) {
        self.partition = partition; self.jobName = jobName; self.folder = folder
    }

    public func run(_ tasks: [FarmTask], cancelled: @escaping @Sendable () -> Bool,
                    event: @escaping (FarmEvent) -> Void) throws(DeliveryError) {
        guard !tasks.isEmpty else { return }
        // The script picks its command by the array index; each task's output goes to its log.
        var script = "#!/bin/sh\n# Written by termcut: one array element per task.\ncase \"$SLURM_ARRAY_TASK_ID\" in\n"
        for task in tasks {
            script += "\(task.index)) exec " + task.command.map(Shell.quote).joined(separator: " ")
                + " >" + Shell.quote(task.log.path) + " 2>&1 ;;\n"
        }
        script += "*) echo \"termcut: no task $SLURM_ARRAY_TASK_ID\" >&2; exit 2 ;;\nesac\n"
        let scriptURL = folder.appendingPathComponent("tasks.sh")
        do { try Data(script.utf8).write(to: scriptURL, options: .atomic) } catch {
            throw DeliveryError("\(scriptURL.path): cannot write the batch script (\(error.localizedDescription))")
        }
        var submit = ["sbatch", "--parsable", "--job-name=\(jobName)", "--array=" + tasks.map { String($0.index) }.joined(separator: ","),
                      "--output=/dev/null", "--ntasks=1", "--cpus-per-task=1", "--chdir=\(folder.path)"]
        if let partition { submit.append("--partition=\(partition)") }
        submit.append(scriptURL.path)
        let submitted = try Self.command(submit)
        guard submitted.status == 0, let jobID = submitted.output.split(separator: ";").first.map({ String($0).trimmingCharacters(in: .whitespacesAndNewlines) }),
              !jobID.isEmpty else {
            throw DeliveryError("sbatch refused the job: \(submitted.error.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
        event(.submitted(jobID))
        let byIndex = Dictionary(uniqueKeysWithValues: tasks.map { ($0.index, $0) })
        var states: [Int: String] = [:]
        var finished = false
        defer { if !finished { _ = try? Self.command(["scancel", jobID]) } }
        while true {
            if cancelled() { throw DeliveryError("cancelled (scancel \(jobID))") }
            // %K is the array index; -r lists each element on its own line.
            let queue = try Self.command(["squeue", "-h", "-r", "-j", jobID, "-o", "%K %T"])
            var seen: Set<Int> = []
            if queue.status == 0 {
                for line in queue.output.split(separator: "\n") {
                    let fields = line.split(separator: " ")
                    guard fields.count == 2, let index = Int(fields[0]), let task = byIndex[index] else { continue }
                    seen.insert(index)
                    let state = String(fields[1])
                    if states[index] != state { states[index] = state; event(.state(task, state)) }
                }
            }
            // Elements that left the queue have ended: their final state from the controller.
            for (index, task) in byIndex where !seen.contains(index) && !Self.isFinal(states[index]) {
                let state = Self.finalState(jobID: jobID, index: index)
                states[index] = state
                event(.state(task, state))
            }
            if byIndex.keys.allSatisfy({ Self.isFinal(states[$0]) }) { break }
            event(.waiting)
            Thread.sleep(forTimeInterval: pollInterval)
        }
        finished = true
    }

    static func isFinal(_ state: String?) -> Bool {
        guard let state else { return false }
        return !["PENDING", "RUNNING", "CONFIGURING", "COMPLETING", "SUSPENDED", "REQUEUED", "RESIZING"].contains(state)
    }

    /// An ended element's state: `scontrol` while the controller remembers the job, else
    /// `sacct` (accounting or, with -c, the job completion log); "ENDED" when neither knows.
    static func finalState(jobID: String, index: Int) -> String {
        if let shown = try? command(["scontrol", "-o", "show", "job", "\(jobID)_\(index)"]), shown.status == 0,
           let range = shown.output.range(of: "JobState=") {
            let state = shown.output[range.upperBound...].prefix { !$0.isWhitespace }
            if !state.isEmpty { return String(state) }
        }
        for flags in [["-n", "-X", "-P", "-o", "State"], ["-c", "-n", "-P", "-o", "State"]] {
            if let listed = try? command(["sacct", "-j", "\(jobID)_\(index)"] + flags), listed.status == 0,
               let first = listed.output.split(separator: "\n").first {
                return String(first.split(separator: " ").first ?? first)
            }
        }
        return "ENDED"
    }

    /// Runs a Slurm client command found on PATH and returns its status and output.
    static func command(_ arguments: [String]) throws(DeliveryError) -> (status: Int32, output: String, error: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch {
            throw DeliveryError("\(arguments[0]): cannot run it (\(error.localizedDescription)); is Slurm's client installed?")
        }
        let output = out.fileHandleForReading.readDataToEndOfFile()
        let error = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        if process.terminationStatus == 127 {
            throw DeliveryError("\(arguments[0]): not found; install Slurm's client (slurm-client) or put it on PATH")
        }
        return (process.terminationStatus, String(decoding: output, as: UTF8.self), String(decoding: error, as: UTF8.self))
    }
}
