import Foundation

/// One process a farm runs: a termcut worker command line and where its output goes.
public struct FarmTask: Sendable, Equatable {
    /// The task's number in its job (Slurm's array index).
    public var index: Int
    /// What the task makes, in the user's words ("segment 3", "sound", "proxy of a.mov").
    public var name: String
    public var command: [String]
    public var log: URL

    public init(index: Int, name: String, command: [String], log: URL) {
        self.index = index; self.name = name; self.command = command; self.log = log
    }
}

/// What a farm reports while it runs.
public enum FarmEvent: Sendable, Equatable {
    /// The job went to the scheduler (Slurm's job id), before any task runs.
    case submitted(String)
    /// A task changed state (PENDING, RUNNING, COMPLETED, FAILED, CANCELLED…).
    case state(FarmTask, String)
    /// Nothing changed since the last look; sent once per poll, so that the caller can read
    /// the running workers' logs for their progress.
    case waiting
}

/// Runs worker processes: here (`LocalPool`) or on a cluster (`SlurmArray`). The caller
/// decides afterwards, by probing what each task made, which ones succeeded: an exit status
/// says little about a file on a shared folder.
public protocol TaskFarm: Sendable {
    func run(_ tasks: [FarmTask], cancelled: @escaping @Sendable () -> Bool,
             event: @escaping (FarmEvent) -> Void) throws(DeliveryError)
}

enum Shell {
    /// `text` quoted for a POSIX shell (single quotes, an embedded quote closed and escaped).
    static func quote(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
