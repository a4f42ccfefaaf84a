import App
import ArgumentParser
import Foundation

/// `termcut bench farm`: the same 60 s 1080p30 render (bench export's source, whole) as one
/// plain process, in segments on one local worker, on a local pool, and through Slurm; the
/// times, the speed-up per added worker, the overhead per segment and the join, and from
/// them the expected time of a 2-hour master on 1, 10 and 100 nodes (FarmProjection's model).
struct BenchFarm: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "farm",
        abstract: "Measure a segmented 60 s 1080p render: one worker, a local pool, Slurm; project a 2-hour master on 1/10/100 nodes.",
        discussion: """
            Every run is a whole `termcut render` process (libx264 veryfast CRF 18 + AAC), timed \
            from start to exit. Slurm is reached as termcut's --farm slurm reaches it (SLURM_CONF \
            or /etc/slurm); for a one-node cluster on this machine: scripts/slurm-local.sh up, \
            then export the SLURM_CONF it prints. --skip-slurm leaves that run out.
            """)

    @Option(help: "Segments of each segmented run.") var segments: Int = 8
    @Option(help: "Workers of the local pool (default: the CPU count).") var workers: Int?
    @Option(help: "With Slurm: the partition.") var partition: String?
    @Flag(help: "Leave out the run through Slurm.") var skipSlurm = false

    func run() throws {
        guard segments >= 1 else { throw CLIError("--segments must be at least 1") }
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let pool = workers ?? cores
        guard pool >= 1 else { throw CLIError("--workers must be at least 1") }
        var slots: Int?
        if !skipSlurm {
            // Ask the cluster before spending minutes on the local runs.
            let answer = try Self.capture(["sinfo", "-h", "-o", "%c"])
            guard answer.status == 0, let cpus = answer.output.split(separator: "\n").compactMap({ Int($0.trimmingCharacters(in: .whitespaces)) }).first else {
                throw CLIError("sinfo did not answer (\(answer.output.trimmingCharacters(in: .whitespacesAndNewlines))); bring a cluster up "
                               + "(scripts/slurm-local.sh up, then export SLURM_CONF) or give --skip-slurm")
            }
            slots = cpus
        }
        let load = Self.loadAverage()
        let source = try BenchExport.source()
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("termcut-bench-farm-\(getpid())")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let project = work.appendingPathComponent("whole.termcut")
        let editor = try openOrCreate(project.path)
        let (ok, messages) = editor.runScript("import \(source.path)\nsource \(source.lastPathComponent)\nappend\n")
        guard ok else { throw CLIError("building the bench project: \(messages.last ?? "failed")") }
        _ = try editor.save(to: project)
        guard editor.project.timeline.duration == 1800 else {
            throw CLIError("the bench timeline is \(editor.project.timeline.duration) frames, not 1800")
        }

        let me = FarmRender.ownExecutable
        let settings = ["--preset", "h264", "--encoder-preset", "veryfast", "--crf", "18", "--quiet"]
        func say(_ text: String) { FileHandle.standardError.write(Data("bench farm: \(text)\n".utf8)) }
        say("plain render")
        let plain = try BenchExport.spawn([me, "render", project.path, "-o", work.appendingPathComponent("plain.mp4").path] + settings)
        func segmented(_ name: String, _ farm: [String]) throws -> (seconds: Double, json: [String: Any]) {
            say(name)
            let report = work.appendingPathComponent("\(name).json")
            let run = try BenchExport.spawn([me, "render", project.path, "-o", work.appendingPathComponent("\(name).mp4").path,
                                             "--segments", String(segments), "--json"] + farm + settings, standardOutput: report.path)
            let json = (try? JSONSerialization.jsonObject(with: Data(contentsOf: report))) as? [String: Any] ?? [:]
            guard json["frames"] as? Int == 1800 else { throw CLIError("\(name): the render did not report 1800 frames") }
            return (run.seconds, json)
        }
        let one = try segmented("local-1", ["--workers", "1"])
        let many = try segmented("local-\(pool)", ["--workers", String(pool)])
        var slurm: (seconds: Double, json: [String: Any])?
        if slots != nil {
            slurm = try segmented("slurm", ["--farm", "slurm", "--shared", work.path] + (partition.map { ["--partition", $0] } ?? []))
        }
        let projection = FarmProjection(programmeSeconds: 60, plainSeconds: plain.seconds, oneWorkerSeconds: one.seconds,
                                        poolSeconds: many.seconds, poolWorkers: pool, segments: segments,
                                        joinSeconds: one.json["join_seconds"] as? Double ?? 0,
                                        slurmSeconds: slurm?.seconds, slurmSubmitSeconds: slurm?.json["submit_seconds"] as? Double,
                                        slurmSlots: slots)
        var report = projection.report
        report["source"] = source.path
        report["cores"] = cores
        report["load_average_before"] = load
        report["load_average_after"] = Self.loadAverage()
        try BenchReport.print(report)
    }

    /// The 1-minute load average (/proc/loadavg): the machine may be shared.
    static func loadAverage() -> Double {
        let text = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? ""
        return Double(text.split(separator: " ").first ?? "") ?? -1
    }

    static func capture(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
