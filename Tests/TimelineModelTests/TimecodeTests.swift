import XCTest
@testable import TimelineModel

final class TimecodeTests: XCTestCase {
    func fmt(_ f: Int64, _ r: Rate, df: Bool = false) -> String { Timecode.format(frame: f, rate: r, dropFrame: df) }

    func testNonDropAtEveryRate() {
        // One hour of labels is 3600 × base frames, whatever the real rate.
        for (rate, base) in [(Rate.fps23_976, Int64(24)), (.fps24, 24), (.fps25, 25), (.fps29_97, 30), (.fps30, 30),
                             (.fps50, 50), (.fps59_94, 60), (.fps60, 60)] {
            XCTAssertEqual(fmt(0, rate), "00:00:00:00")
            XCTAssertEqual(fmt(base - 1, rate), "00:00:00:\(base - 1)")
            XCTAssertEqual(fmt(base, rate), "00:00:01:00")
            XCTAssertEqual(fmt(base * 60, rate), "00:01:00:00")
            XCTAssertEqual(fmt(base * 3600, rate), "01:00:00:00")
            XCTAssertEqual(fmt(base * 3600 + base * 61 + 7, rate), "01:01:01:07")
        }
    }

    func testDropFrameAt2997() {
        let r = Rate.fps29_97
        XCTAssertEqual(fmt(1799, r, df: true), "00:00:59;29")
        XCTAssertEqual(fmt(1800, r, df: true), "00:01:00;02") // ;00 and ;01 are skipped
        // A minute holds 1798 frames after the first: minute 2 starts at 1800 + 1798.
        XCTAssertEqual(fmt(3597, r, df: true), "00:01:59;29")
        XCTAssertEqual(fmt(3598, r, df: true), "00:02:00;02")
        // Ten minutes = 10 × 1800 − 9 × 2 = 17982 frames; minute 10 keeps ;00.
        XCTAssertEqual(fmt(17981, r, df: true), "00:09:59;29")
        XCTAssertEqual(fmt(17982, r, df: true), "00:10:00;00")
        XCTAssertEqual(fmt(17983, r, df: true), "00:10:00;01")
        // Minute 11 starts 1800 frames after minute 10 (minute 10 drops nothing).
        XCTAssertEqual(fmt(17982 + 1799, r, df: true), "00:10:59;29")
        XCTAssertEqual(fmt(17982 + 1800, r, df: true), "00:11:00;02")
        // One hour = 6 × 17982.
        XCTAssertEqual(fmt(107_892, r, df: true), "01:00:00;00")
        // Drop-frame is ignored where it does not exist.
        XCTAssertEqual(fmt(25, .fps25, df: true), "00:00:01:00")
    }

    func testDropFrameAt5994() {
        let r = Rate.fps59_94
        XCTAssertEqual(fmt(3599, r, df: true), "00:00:59;59")
        XCTAssertEqual(fmt(3600, r, df: true), "00:01:00;04") // four labels dropped at 59.94
        XCTAssertEqual(fmt(35963, r, df: true), "00:09:59;59") // 10 × 3600 − 9 × 4 = 35964
        XCTAssertEqual(fmt(35964, r, df: true), "00:10:00;00")
        XCTAssertEqual(fmt(215_784, r, df: true), "01:00:00;00")
        XCTAssertEqual(try Timecode.parse("00:01:00;04", rate: r, dropFrame: nil), 3600)
        XCTAssertThrowsError(try Timecode.parse("00:01:00;03", rate: r, dropFrame: nil))
    }

    func testParse() throws {
        XCTAssertEqual(try Timecode.parse("01:00:00:00", rate: .fps25, dropFrame: nil), 90_000)
        XCTAssertEqual(try Timecode.parse("00:00:59;29", rate: .fps29_97, dropFrame: nil), 1799)
        XCTAssertEqual(try Timecode.parse("00:01:00;02", rate: .fps29_97, dropFrame: nil), 1800)
        XCTAssertEqual(try Timecode.parse("00:10:00;00", rate: .fps29_97, dropFrame: nil), 17982)
        XCTAssertEqual(try Timecode.parse("00:20:00;01", rate: .fps29_97, dropFrame: nil), 2 * 17982 + 1)
        // dropFrame: true reads ':' as drop-frame too.
        XCTAssertEqual(try Timecode.parse("00:01:00:02", rate: .fps29_97, dropFrame: true), 1800)
        // Non-drop at 29.97 counts 30 per label second.
        XCTAssertEqual(try Timecode.parse("00:01:00:00", rate: .fps29_97, dropFrame: false), 1800)
        // Partial forms: SS:FF and MM:SS:FF; all digits in pairs from the right.
        XCTAssertEqual(try Timecode.parse("10:05", rate: .fps25, dropFrame: nil), 255)
        XCTAssertEqual(try Timecode.parse("01:10:05", rate: .fps25, dropFrame: nil), 60 * 25 + 255)
        XCTAssertEqual(try Timecode.parse("1000", rate: .fps30, dropFrame: nil), 300)
        XCTAssertEqual(try Timecode.parse("01000000", rate: .fps24, dropFrame: nil), 86_400)
    }

    func testParseRefusals() {
        func refused(_ text: String, _ rate: Rate, _ df: Bool?, file: StaticString = #filePath, line: UInt = #line) {
            XCTAssertThrowsError(try Timecode.parse(text, rate: rate, dropFrame: df), file: file, line: line) { error in
                XCTAssertEqual((error as? EditError)?.reason, .invalidArgument, file: file, line: line)
            }
        }
        refused("00:01:00;00", .fps29_97, nil)   // dropped label
        refused("00:01:00;01", .fps29_97, nil)   // dropped label
        refused("00:59:00;01", .fps29_97, true)  // minute 59 drops too
        refused("00:00:00:30", .fps30, nil)      // frames ≥ base
        refused("00:00:00:25", .fps25, nil)
        refused("00:00:00:24", .fps23_976, nil)
        refused("00:00:60:00", .fps25, nil)
        refused("00:60:00:00", .fps25, nil)
        refused("24:00:00:00", .fps25, nil)
        refused("-00:00:01:00", .fps25, nil)     // negative
        refused("00:00:01;00", .fps25, nil)      // no drop-frame at 25
        refused("00:00:01;00", .fps29_97, false) // ';' in non-drop
        refused("", .fps25, nil)
        refused("1:2:3:4:5", .fps25, nil)
        refused("aa:bb", .fps25, nil)
        refused("00::01", .fps25, nil)
    }

    /// Every label format writes reads back to the same frame. Sampled across 24 hours with a
    /// prime stride, plus every frame around each minute boundary (where drop-frame skips).
    func testRoundTripAcrossADay() throws {
        let cases: [(Rate, Bool)] = [(.fps23_976, false), (.fps24, false), (.fps25, false), (.fps29_97, false), (.fps29_97, true),
                                     (.fps30, false), (.fps50, false), (.fps59_94, false), (.fps59_94, true), (.fps60, false)]
        for (rate, df) in cases {
            let day = Timecode.framesPerDay(rate: rate, dropFrame: df)
            var frames = Array(stride(from: Int64(0), to: day, by: 997))
            let perMinute = df ? rate.timecodeBase * 60 - rate.timecodeBase / 15 : rate.timecodeBase * 60
            var boundary: Int64 = 0
            while boundary < day {
                frames.append(contentsOf: (Swift.max(0, boundary - 3)...Swift.min(day - 1, boundary + 5)))
                boundary += perMinute
            }
            frames.append(day - 1)
            var previous = ""
            for f in Set(frames).sorted() {
                let label = Timecode.format(frame: f, rate: rate, dropFrame: df)
                XCTAssertEqual(try Timecode.parse(label, rate: rate, dropFrame: df), f, "\(rate) df=\(df) \(label)")
                XCTAssertNotEqual(label, previous)
                previous = label
            }
            // The day wraps back to midnight.
            XCTAssertEqual(Timecode.format(frame: day, rate: rate, dropFrame: df), df ? "00:00:00;00" : "00:00:00:00")
            XCTAssertEqual(Timecode.format(frame: day - 1, rate: rate, dropFrame: df),
                           "23:59:59\(df ? ";" : ":")\(rate.timecodeBase - 1)")
        }
        // 24 h of 29.97 DF is 24 × 107892 frames.
        XCTAssertEqual(Timecode.framesPerDay(rate: .fps29_97, dropFrame: true), 24 * 107_892)
    }

    func testTimeArguments() throws {
        XCTAssertEqual(try TimeArgument.parse("+5", rate: .fps25), .relative(5))
        XCTAssertEqual(try TimeArgument.parse("-10f", rate: .fps25), .relative(-10))
        XCTAssertEqual(try TimeArgument.parse("120", rate: .fps25), .absolute(120))
        XCTAssertEqual(try TimeArgument.parse("f120", rate: .fps25), .absolute(120))
        XCTAssertEqual(try TimeArgument.parse("2s", rate: .fps25), .absolute(50))
        XCTAssertEqual(try TimeArgument.parse("+2s", rate: .fps25), .relative(50))
        // 1.5 s × 30000/1001 = 44.955… → 45.
        XCTAssertEqual(try TimeArgument.parse("1.5s", rate: .fps29_97), .absolute(45))
        // 0.25 s at 24 fps = 6 frames.
        XCTAssertEqual(try TimeArgument.parse("-250ms", rate: .fps24), .relative(-6))
        XCTAssertEqual(try TimeArgument.parse("00:00:01:00", rate: .fps25), .timecode(25))
        XCTAssertEqual(try TimeArgument.parse("+00:00:01:00", rate: .fps25), .relative(25))
        XCTAssertEqual(TimeArgument.timecode(90_025).resolve(playhead: 7, startTimecode: 90_000), 25)
        XCTAssertEqual(TimeArgument.relative(-3).resolve(playhead: 7, startTimecode: 90_000), 4)
        XCTAssertEqual(TimeArgument.absolute(12).resolve(playhead: 7, startTimecode: 90_000), 12)
        for bad in ["", "+", "abc", "1.2.3s", "5x", "s", ".s", "--5"] {
            XCTAssertThrowsError(try TimeArgument.parse(bad, rate: .fps25), bad)
        }
    }
}
