import Analysis
import TimelineModel

/// How the delivered sound meets a preset's loudness target: measure the programme first
/// (EBU R128 integrated loudness, BS.1770-4 true peak), then apply one gain; only when that
/// gain would lift the true peak over the ceiling, add the look-ahead limiter, measuring the
/// limited programme again and correcting until both hold (at most four passes).
public struct LoudnessDecision: Sendable, Equatable {
    public var targetLUFS: Double
    public var ceilingDBTP: Double?
    /// The mix as it was.
    public var measured: LoudnessReading
    public var gainDB: Double
    /// The limiter's sample-peak ceiling, dBFS, when one was needed.
    public var limiterCeilingDB: Double?
    /// The delivered programme as measured in the last pass (or predicted from a gain alone).
    public var expected: LoudnessReading

    /// One line for the user: what was measured and what was chosen.
    public var summary: String {
        func f(_ v: Double) -> String { v.isFinite ? String(format: "%.1f", v) : "-inf" }
        guard measured.integrated.isFinite else {
            return measured.duration < 0.4 ? "loudness: the programme is too short to measure (under 0.4 s); no gain applied"
                                           : "loudness: the programme is silent (below -70 LUFS); no gain applied"
        }
        var text = "loudness: measured \(f(measured.integrated)) LUFS, true peak \(f(measured.truePeak)) dBTP; "
            + "gain \(gainDB >= 0 ? "+" : "")\(f(gainDB)) dB"
        if let limiterCeilingDB {
            text += ", limiter at \(f(limiterCeilingDB)) dBFS (the gain alone would peak at \(f(measured.truePeak + gainDB)) dBTP)"
        }
        text += " → \(f(expected.integrated)) LUFS, \(f(expected.truePeak)) dBTP (target \(f(targetLUFS)) LUFS"
        if let ceilingDBTP { text += ", ceiling \(f(ceilingDBTP)) dBTP" }
        return text + ")"
    }

    static func decide(project: Project, samples: Range<Int64>, target: DeliveryPreset.Loudness,
                       cancelled: () -> Bool) throws(LoudnessError) -> LoudnessDecision {
        let measured = try ProgrammeLoudness.measure(project, samples: samples, gainDB: 0, limiterCeilingDB: nil, cancelled: cancelled)
        var decision = LoudnessDecision(targetLUFS: target.integrated, ceilingDBTP: target.truePeak, measured: measured,
                                        gainDB: 0, limiterCeilingDB: nil, expected: measured)
        guard measured.integrated.isFinite else { return decision }
        decision.gainDB = target.integrated - measured.integrated
        var expected = measured
        expected.integrated += decision.gainDB
        expected.truePeak += decision.gainDB
        expected.samplePeak += decision.gainDB
        decision.expected = expected
        guard let ceiling = target.truePeak, expected.truePeak > ceiling else { return decision }
        // Inter-sample peaks overshoot sample peaks; start the limiter half a dB under the ceiling.
        var limit = ceiling - 0.5
        for _ in 0..<4 {
            if cancelled() { break }
            let result = try ProgrammeLoudness.measure(project, samples: samples, gainDB: decision.gainDB,
                                                       limiterCeilingDB: limit, cancelled: cancelled)
            decision.limiterCeilingDB = limit
            decision.expected = result
            let peakOK = result.truePeak <= ceiling
            let loudnessOK = abs(result.integrated - target.integrated) <= 0.2
            if peakOK && loudnessOK { break }
            if !peakOK { limit = max(ceiling - 6, limit - (result.truePeak - ceiling + 0.1)) }
            if !loudnessOK { decision.gainDB += target.integrated - result.integrated }
        }
        return decision
    }
}
