import Foundation

/// What `termcut bench farm` measured, and the time it projects for a long master on many
/// nodes. The model: a render of length L split into one segment per node costs the submit
/// once, one segment's overhead (a worker's start-up, its snapshot and encoder set-up, the
/// parts' probes) on every node at once, the single-worker render time of L shared by the
/// nodes, and a join by stream copy that grows linearly with L:
///
///     T(n) = submit + overhead_per_segment + render(L) / n + join_per_second × L
///
/// where render(L) = plain(60 s) × L / 60 s scales the plain one-process render measured here.
/// Nodes are taken to be as fast as this machine's one worker; the shared folder's bandwidth
/// and the queue's wait are not in the model.
public struct FarmProjection: Sendable, Equatable {
    /// The benchmark programme's length, seconds.
    public var programmeSeconds: Double
    /// One plain render (no segments), seconds.
    public var plainSeconds: Double
    /// The segmented render with one local worker (the parts one after another), seconds.
    public var oneWorkerSeconds: Double
    /// The segmented render with `poolWorkers` local workers, seconds.
    public var poolSeconds: Double
    public var poolWorkers: Int
    /// Segments (video parts) of each segmented run; the sound is one more part.
    public var segments: Int
    /// The join of the one-worker run, seconds.
    public var joinSeconds: Double
    /// Through Slurm with `slurmSlots` slots: the whole run and sbatch's answer, seconds.
    public var slurmSeconds: Double?
    public var slurmSubmitSeconds: Double?
    public var slurmSlots: Int?

    public init(programmeSeconds: Double, plainSeconds: Double, oneWorkerSeconds: Double, poolSeconds: Double, poolWorkers: Int,
                segments: Int, joinSeconds: Double, slurmSeconds: Double? = nil, slurmSubmitSeconds: Double? = nil, slurmSlots: Int? = nil) {
        self.programmeSeconds = programmeSeconds; self.plainSeconds = plainSeconds; self.oneWorkerSeconds = oneWorkerSeconds
        self.poolSeconds = poolSeconds; self.poolWorkers = poolWorkers; self.segments = segments; self.joinSeconds = joinSeconds
        self.slurmSeconds = slurmSeconds; self.slurmSubmitSeconds = slurmSubmitSeconds; self.slurmSlots = slurmSlots
    }

    /// What splitting costs per part: the one-worker segmented run less the plain render and
    /// the join, over its parts (the segments and the sound).
    public var overheadPerSegment: Double { max(0, oneWorkerSeconds - plainSeconds - joinSeconds) / Double(segments + 1) }

    /// Speed-up of the pool over one worker, and what each worker added to it.
    public var poolSpeedup: Double { oneWorkerSeconds / poolSeconds }
    public var speedupPerAddedWorker: Double { poolWorkers > 1 ? (poolSpeedup - 1) / Double(poolWorkers - 1) : 0 }

    /// Speed-up of Slurm over one local worker, and per added slot.
    public var slurmSpeedup: Double? { slurmSeconds.map { oneWorkerSeconds / $0 } }
    public var slurmSpeedupPerAddedSlot: Double? {
        guard let speedup = slurmSpeedup, let slots = slurmSlots, slots > 1 else { return nil }
        return (speedup - 1) / Double(slots - 1)
    }

    public var joinPerProgrammeSecond: Double { joinSeconds / programmeSeconds }

    /// T(n) for a programme of `seconds` on `nodes` nodes (the model above).
    public func projectedSeconds(programme seconds: Double, nodes: Int) -> Double {
        let render = plainSeconds * seconds / programmeSeconds
        return (slurmSubmitSeconds ?? 0) + overheadPerSegment + render / Double(max(1, nodes)) + joinPerProgrammeSecond * seconds
    }

    /// The figures as the bench's JSON, seconds rounded to milliseconds.
    public var report: [String: Any] {
        func r(_ x: Double) -> Double { (x * 1000).rounded() / 1000 }
        var out: [String: Any] = [
            "programme_seconds": r(programmeSeconds), "segments": segments,
            "plain_render_seconds": r(plainSeconds),
            "local_one_worker_seconds": r(oneWorkerSeconds),
            "local_pool": ["workers": poolWorkers, "seconds": r(poolSeconds), "speedup": r(poolSpeedup),
                           "speedup_per_added_worker": r(speedupPerAddedWorker)],
            "overhead_per_segment_seconds": r(overheadPerSegment),
            "join_seconds": r(joinSeconds), "join_seconds_per_programme_second": r(joinPerProgrammeSecond),
            "model": "T(n) = submit + overhead_per_segment + plain_render_seconds * L / programme_seconds / n + join_seconds_per_programme_second * L",
        ]
        if let slurmSeconds, let slots = slurmSlots {
            out["slurm"] = ["slots": slots, "seconds": r(slurmSeconds), "submit_seconds": r(slurmSubmitSeconds ?? 0),
                            "speedup": r(slurmSpeedup ?? 0), "speedup_per_added_slot": r(slurmSpeedupPerAddedSlot ?? 0)]
        }
        let master = 7200.0
        out["two_hour_master_seconds"] = ["1_node": r(projectedSeconds(programme: master, nodes: 1)),
                                          "10_nodes": r(projectedSeconds(programme: master, nodes: 10)),
                                          "100_nodes": r(projectedSeconds(programme: master, nodes: 100))]
        return out
    }
}
