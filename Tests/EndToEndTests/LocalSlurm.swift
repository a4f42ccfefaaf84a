import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// A one-node Slurm of a test's own (`scripts/slurm-local.sh`): its own state folder and
/// ports the kernel said were free, so clusters of tests running at once do not meet. Torn
/// down when the test ends. Fails, never skips, where Slurm is not installed.
struct LocalSlurm {
    typealias H = MediaCLIHarness

    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("scripts/slurm-local.sh")

    /// What clients (termcut, sbatch, squeue, scancel) need to reach this cluster.
    var environment: [String: String]

    /// Brings a cluster of `cpus` CPUs up under `folder`; nil (after failing the test) when it does not come up.
    static func up(in folder: URL, cpus: Int, for test: XCTestCase) throws -> LocalSlurm? {
        let state = folder.appendingPathComponent("slurm")
        let ports = try freePorts(2)
        let environment = ["TERMCUT_SLURM_DIR": state.path, "TERMCUT_SLURMCTLD_PORT": String(ports[0]),
                           "TERMCUT_SLURMD_PORT": String(ports[1]), "SLURM_CONF": state.appendingPathComponent("slurm.conf").path]
        let up = try H.run([script.path, "up", String(cpus)], executable: URL(fileURLWithPath: "/bin/bash"), environment: environment)
        test.addTeardownBlock { _ = try? H.run([script.path, "down"], executable: URL(fileURLWithPath: "/bin/bash"), environment: environment) }
        XCTAssertEqual(up.status, 0, "scripts/slurm-local.sh up failed (is slurm-wlm installed? scripts/install-deps.sh --test): \(up.standardError)")
        return up.status == 0 ? LocalSlurm(environment: environment) : nil
    }

    /// Runs a Slurm client command against this cluster.
    func client(_ arguments: [String]) throws -> MediaCLIHarness.Result {
        try H.run(arguments, executable: URL(fileURLWithPath: "/usr/bin/env"), environment: environment)
    }

    /// The state of each element still queued, by array index (`squeue -r`).
    func queued(job: String) throws -> [Int: String] {
        let listed = try client(["squeue", "-h", "-r", "-j", job, "-o", "%K %T"])
        var states: [Int: String] = [:]
        for line in listed.standardOutput.split(separator: "\n") {
            let fields = line.split(separator: " ")
            if fields.count == 2, let index = Int(fields[0]) { states[index] = String(fields[1]) }
        }
        return states
    }

    /// An element's state as the controller remembers it (`scontrol show job`).
    func state(job: String, index: Int) throws -> String? {
        let shown = try client(["scontrol", "-o", "show", "job", "\(job)_\(index)"])
        guard let range = shown.standardOutput.range(of: "JobState=") else { return nil }
        return String(shown.standardOutput[range.upperBound...].prefix { !$0.isWhitespace })
    }

    /// `count` distinct TCP ports nobody listens on: each bound to port 0 (the kernel picks a
    /// free one), all held until every one is known, then released for the daemons to take.
    static func freePorts(_ count: Int) throws -> [Int] {
        var sockets: [Int32] = []
        defer { sockets.forEach { close($0) } }
        var ports: [Int] = []
        for _ in 0..<count {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            guard fd >= 0 else { throw POSIXError(.init(rawValue: errno) ?? .EINVAL) }
            sockets.append(fd)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = 0
            address.sin_addr.s_addr = INADDR_ANY
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            let bound = withUnsafeMutablePointer(to: &address) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
            }
            guard bound else { throw POSIXError(.init(rawValue: errno) ?? .EINVAL) }
            ports.append(Int(UInt16(bigEndian: address.sin_port)))
        }
        return ports
    }
}

/// A termcut started in the background, its standard error collected in a file to read as it runs.
final class BackgroundTermcut {
    let process = Process()
    let errors: URL

    init(_ arguments: [String], environment: [String: String], folder: URL) throws {
        errors = folder.appendingPathComponent("termcut-\(UUID().uuidString).err")
        FileManager.default.createFile(atPath: errors.path, contents: nil)
        process.executableURL = MediaCLIHarness.binary
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: errors)
        try process.run()
    }

    var standardError: String { (try? String(contentsOf: errors, encoding: .utf8)) ?? "" }

    /// Waits (at most `seconds`) until `found` picks something out of the standard error.
    func wait<T>(seconds: Double = 120, for found: (String) -> T?) -> T? {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if let value = found(standardError) { return value }
            if !process.isRunning { return found(standardError) }
            usleep(50_000)
        }
        return nil
    }

    /// The Slurm job id the run reported ("slurm job N").
    func slurmJob() -> String? {
        wait { text in
            text.components(separatedBy: "slurm job ").dropFirst().first.map { String($0.prefix { $0.isNumber }) }.flatMap { $0.isEmpty ? nil : $0 }
        }
    }
}
