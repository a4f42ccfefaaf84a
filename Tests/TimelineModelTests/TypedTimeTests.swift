import TimelineModel
import XCTest

/// Times typed on the command line (`--in`, `--out`, `--from`, `--to`, `--at`) against a
/// sequence starting at 01:00:00:00: a timecode before the start is refused with the forms
/// that say what was meant, not turned into a negative frame.
final class TypedTimeTests: XCTestCase {
    func testATimecodeBeforeTheSequenceStartIsRefusedWithTheFormsThatWork() throws {
        let timeline = Timeline(name: "T", rate: .fps30, tracks: [])
        XCTAssertEqual(timeline.startTimecode, 3600 * 30)
        XCTAssertEqual(try timeline.frame(typed: "01:00:04:00"), 120)
        XCTAssertEqual(try timeline.frame(typed: "4s"), 120)
        XCTAssertEqual(try timeline.frame(typed: "f120"), 120)
        XCTAssertThrowsError(try timeline.frame(typed: "00:00:04:00")) { error in
            XCTAssertEqual((error as? EditError)?.message,
                           "00:00:04:00 is before the sequence's start 01:00:00:00: give a record timecode (01:00:04:00), seconds (4s) or a frame (f120)")
        }
        var zero = timeline
        zero.startTimecode = 0
        XCTAssertEqual(try zero.frame(typed: "00:00:04:00"), 120, "a sequence starting at zero takes it as it is")
    }
}
