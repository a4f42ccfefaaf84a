import App
import Foundation
import XCTest

/// What the editor writes to its terminal, counted through a pseudo-terminal of 160x45 with the
/// scopes pane showing: a frame step must stay small enough for a slow SSH link. These are sizes
/// in bytes, not times.
final class TerminalBytesTests: XCTestCase {
    /// A cut of real footage with sound, so the scopes and meters have something to show.
    func makeProject() throws -> URL {
        let folder = try MediaCLIHarness.temporaryFolder(self)
        let movie = try MediaCLIHarness.corpusFile("movie-hello.mp4")
        let city = try MediaCLIHarness.corpusFile("cityCC0.mpg")
        let project = folder.appendingPathComponent("bytes.termcut")
        let script = folder.appendingPathComponent("build.tc")
        try """
            import "\(movie.path)" Footage
            import "\(city.path)" Footage
            source movie-hello
            mark-in 0
            insert
            source cityCC0
            mark-in 0
            insert
            goto 0
            save
            """.write(to: script, atomically: true, encoding: .utf8)
        let built = try MediaCLIHarness.run(["run", project.path, script.path])
        XCTAssertEqual(built.status, 0, built.standardError)
        return project
    }

    func testAFrameStepWritesLessThanAKilobyte() throws {
        let project = try makeProject()
        for lowBandwidth in [false, true] {
            var run = TerminalBandwidth(executable: MediaCLIHarness.binary.path, project: project)
            run.lowBandwidth = lowBandwidth
            run.steps = 4
            run.playSeconds = 0
            let figures = try run.measure()
            let mode = lowBandwidth ? "--low-bandwidth" : "normal"
            // The editor drew its screen with the scopes of the first frame (the waveform's IRE labels).
            XCTAssertGreaterThan(figures.opening, 2000, mode)
            for shown in ["Scopes", "Timeline", "100", "source frame of movie-hello.mp4"] {
                XCTAssertTrue(figures.openingText.contains(shown), "\(mode): \(shown) not drawn")
            }
            XCTAssertEqual(figures.steps.count, 4, mode)
            for (index, bytes) in figures.steps.enumerated() {
                // Each step changes at least the timecode in the status bar…
                XCTAssertGreaterThan(bytes, 0, "\(mode) step \(index + 1) drew nothing")
                // …and, with the scopes of the new frame, stays under a kilobyte.
                XCTAssertLessThan(bytes, 1024, "\(mode) step \(index + 1)")
            }
        }
    }
}
