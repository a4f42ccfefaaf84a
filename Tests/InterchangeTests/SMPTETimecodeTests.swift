import XCTest
import TimelineModel
@testable import Interchange

/// Expected values worked out by hand from SMPTE 12M (and checked against OpenTimelineIO's
/// `to_timecode`: 107892 frames at 29.97 DF is "01:00:00;00").
final class SMPTETimecodeTests: XCTestCase {
    func testNonDropFormatAndParse() {
        XCTAssertEqual(Timecode.format(frame: 90_000, rate: .fps25, dropFrame: false), "01:00:00:00")
        XCTAssertEqual(Timecode.format(frame: 86_400 + 24 * 61 + 5, rate: .fps24, dropFrame: false), "01:01:01:05")
        XCTAssertEqual(SMPTETimecode.parse("01:00:00:00", rate: .fps25, dropFrame: false)?.frames, 90_000)
        // 23.976 counts 24 labels per second like 24.
        XCTAssertEqual(SMPTETimecode.parse("00:00:01:00", rate: .fps23_976, dropFrame: false)?.frames, 24)
        // One-digit hours (as in Avid LOC lines).
        XCTAssertEqual(SMPTETimecode.parse("1:00:01:00", rate: .fps24, dropFrame: false)?.frames, 86_424)
    }

    func testDropFrame2997() {
        // Minute 1 starts at label ;02: frames 0…1799 are 00:00:00;00…00:00:59;29.
        XCTAssertEqual(Timecode.format(frame: 1799, rate: .fps29_97, dropFrame: true), "00:00:59;29")
        XCTAssertEqual(Timecode.format(frame: 1800, rate: .fps29_97, dropFrame: true), "00:01:00;02")
        // Ten minutes hold 17982 frames; minute 10 keeps ;00.
        XCTAssertEqual(Timecode.format(frame: 17_982, rate: .fps29_97, dropFrame: true), "00:10:00;00")
        XCTAssertEqual(Timecode.format(frame: 107_892, rate: .fps29_97, dropFrame: true), "01:00:00;00")
        XCTAssertEqual(SMPTETimecode.parse("01:00:00;00", rate: .fps29_97, dropFrame: false)?.frames, 107_892)
        XCTAssertEqual(SMPTETimecode.parse("00:01:00;02", rate: .fps29_97, dropFrame: false)?.frames, 1800)
        // ':' with FCM drop frame counts drop-frame; ':' without it counts 30 labels a second.
        XCTAssertEqual(SMPTETimecode.parse("01:00:00:00", rate: .fps29_97, dropFrame: true)?.frames, 107_892)
        XCTAssertEqual(SMPTETimecode.parse("01:00:00:00", rate: .fps29_97, dropFrame: false)?.frames, 108_000)
        // A label that does not exist is flagged.
        XCTAssertEqual(SMPTETimecode.parse("00:01:00;00", rate: .fps29_97, dropFrame: true)?.droppedLabel, true)
    }

    func testDropFrame5994() {
        // Four labels dropped a minute: frame 3600 is 00:01:00;04; an hour is 215784 frames.
        XCTAssertEqual(Timecode.format(frame: 3599, rate: .fps59_94, dropFrame: true), "00:00:59;59")
        XCTAssertEqual(Timecode.format(frame: 3600, rate: .fps59_94, dropFrame: true), "00:01:00;04")
        XCTAssertEqual(SMPTETimecode.parse("01:00:00;00", rate: .fps59_94, dropFrame: true)?.frames, 215_784)
    }

    func testDropFrameRoundTripsEveryFrameOfAnHour() {
        for rate in [Rate.fps29_97, .fps59_94] {
            for frame in stride(from: Int64(0), to: 220_000, by: 7) {
                let text = Timecode.format(frame: frame, rate: rate, dropFrame: true)
                XCTAssertEqual(SMPTETimecode.parse(text, rate: rate, dropFrame: true)?.frames, frame, text)
            }
        }
    }

    func testFramesBeyondRateAreCountedOnAndFlagged() {
        let p = SMPTETimecode.parse("01:00:59:24", rate: .fps24, dropFrame: false)
        XCTAssertEqual(p?.frames, 86_400 + 60 * 24)
        XCTAssertEqual(p?.framesBeyondRate, true)
    }

    func testRejectsGarbageAndHugeFields() {
        XCTAssertNil(SMPTETimecode.parse("9999999999:00:00:00", rate: .fps24, dropFrame: false))
        XCTAssertNil(SMPTETimecode.parse("00:61:00:00", rate: .fps24, dropFrame: false))
        XCTAssertNil(SMPTETimecode.parse("00:00:00", rate: .fps24, dropFrame: false))
        XCTAssertNil(SMPTETimecode.parse("aa:bb:cc:dd", rate: .fps24, dropFrame: false))
    }
}
