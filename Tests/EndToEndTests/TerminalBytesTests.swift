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
            goto 00:00:08:00
            save
            """.write(to: script, atomically: true, encoding: .utf8)
        let built = try MediaCLIHarness.run(["run", project.path, script.path])
        XCTAssertEqual(built.status, 0, built.standardError)
        return project
    }

    /// The playhead opens 10 frames before the cut into cityCC0 (movie-hello.mp4 is 8.32 s: the
    /// cut is record frame 250), so the steps walk over the cut and into busy street footage.
    static let stepsBeforeCut = 9

    func testFrameStepsAcrossACutStaySmall() throws {
        let project = try makeProject()
        for lowBandwidth in [false, true] {
            var run = TerminalBandwidth(executable: MediaCLIHarness.binary.path, project: project)
            run.lowBandwidth = lowBandwidth
            run.steps = 20
            run.playSeconds = 0
            // Long enough for the scopes of a step (computed on a worker) to count with that step.
            run.quiet = 1.5
            let figures = try run.measure()
            let mode = lowBandwidth ? "--low-bandwidth" : "normal"
            // The editor drew its screen with the scopes of the first frame (the waveform's IRE labels).
            XCTAssertGreaterThan(figures.opening, 2000, mode)
            for shown in ["Scopes", "Timeline", "100", "source frame of movie-hello.mp4"] {
                XCTAssertTrue(figures.openingText.contains(shown), "\(mode): \(shown) not drawn")
            }
            XCTAssertEqual(figures.steps.count, 20, mode)
            for (index, bytes) in figures.steps.enumerated() {
                // Each step changes at least the timecode in the status bar…
                XCTAssertGreaterThan(bytes, 0, "\(mode) step \(index + 1) drew nothing")
                // …and, with the scopes of the new frame, stays under a kilobyte, the street
                // footage after the cut included (it moves most of the trace every frame: 0.56–0.76 KB
                // since the encoder writes the trace colour by colour, 0.8–1.0 KB before, 1.2–1.5 KB
                // through ncurses). The cut redraws most of both scopes (about 570 braille cells in
                // two greens): 1.6 KB (2.2 KB in screen order, 4.7 KB through ncurses, 6.6 KB before
                // the scope rows changed colour less often).
                let limit = index == Self.stepsBeforeCut ? 2 * 1024 : 1024
                XCTAssertLessThan(bytes, limit, "\(mode) step \(index + 1) of \(figures.steps)")
            }
            // The cut must show: the step onto it redraws the scopes.
            XCTAssertGreaterThan(figures.steps[Self.stepsBeforeCut], figures.steps[Self.stepsBeforeCut - 1], mode)
        }
    }
}
