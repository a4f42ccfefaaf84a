import XCTest
@testable import App

/// `termcut bench farm`'s arithmetic: overhead per part, speed-ups and the projection of a
/// 2-hour master, worked by hand; and the JSON keys the README's table is made from.
final class FarmProjectionTests: XCTestCase {
    // 60 s programme; plain 100 s; 4 segments + sound on one worker 112 s, of which the join 2 s:
    // overhead (112 - 100 - 2) / 5 = 2 s a part. Pool of 2: 64 s, speed-up 1.75.
    let measured = FarmProjection(programmeSeconds: 60, plainSeconds: 100, oneWorkerSeconds: 112, poolSeconds: 64, poolWorkers: 2,
                                  segments: 4, joinSeconds: 2, slurmSeconds: 70, slurmSubmitSeconds: 0.5, slurmSlots: 2)

    func testOverheadAndSpeedups() {
        XCTAssertEqual(measured.overheadPerSegment, 2, accuracy: 1e-9)
        XCTAssertEqual(measured.poolSpeedup, 1.75, accuracy: 1e-9)
        XCTAssertEqual(measured.speedupPerAddedWorker, 0.75, accuracy: 1e-9)
        XCTAssertEqual(measured.slurmSpeedup!, 1.6, accuracy: 1e-9)
        XCTAssertEqual(measured.slurmSpeedupPerAddedSlot!, 0.6, accuracy: 1e-9)
    }

    func testTwoHourProjection() {
        // render(7200 s) = 100 × 120 = 12000 s; join 2/60 × 7200 = 240 s; + 0.5 + 2.
        XCTAssertEqual(measured.projectedSeconds(programme: 7200, nodes: 1), 0.5 + 2 + 12000 + 240, accuracy: 1e-6)
        XCTAssertEqual(measured.projectedSeconds(programme: 7200, nodes: 10), 0.5 + 2 + 1200 + 240, accuracy: 1e-6)
        XCTAssertEqual(measured.projectedSeconds(programme: 7200, nodes: 100), 0.5 + 2 + 120 + 240, accuracy: 1e-6)
        let table = measured.report["two_hour_master_seconds"] as? [String: Double]
        XCTAssertEqual(table?["10_nodes"], 1442.5)
        XCTAssertEqual(Set(measured.report.keys), ["programme_seconds", "segments", "plain_render_seconds", "local_one_worker_seconds",
                                                   "local_pool", "overhead_per_segment_seconds", "join_seconds",
                                                   "join_seconds_per_programme_second", "model", "slurm", "two_hour_master_seconds"])
    }

    func testASplitFasterThanThePlainRenderCostsNothingRatherThanLessThanNothing() {
        var quick = measured
        quick.oneWorkerSeconds = 90
        XCTAssertEqual(quick.overheadPerSegment, 0)
        XCTAssertNil(FarmProjection(programmeSeconds: 60, plainSeconds: 1, oneWorkerSeconds: 1, poolSeconds: 1, poolWorkers: 2,
                                    segments: 1, joinSeconds: 0).report["slurm"])
    }
}
