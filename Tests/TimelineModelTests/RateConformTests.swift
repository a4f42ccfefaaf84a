import XCTest
@testable import TimelineModel

/// The one sequence-to-media mapping (`RateConform`): floor(f × r / R), the media frame on screen.
/// Checked against plain integer arithmetic at every frame of the first hour's edges, for media
/// at 20, 23.976, 25, 29.97, 50 and 59.94 fps in 24, 25 and 30 fps sequences (and NTSC ones).
final class RateConformTests: XCTestCase {
    let mediaRates: [Rate] = [Rate(20), .fps23_976, .fps25, .fps29_97, .fps50, .fps59_94]
    let sequenceRates: [Rate] = [.fps24, .fps25, .fps30, .fps23_976, .fps29_97]

    /// floor(f × r / R) written out with the rationals' parts, independent of `RationalTime`.
    func expectedMediaFrame(_ f: Int64, media r: Rate, sequence R: Rate) -> Int64 {
        let num = f * r.numerator * R.denominator, den = r.denominator * R.numerator
        return num >= 0 ? num / den : -((-num + den - 1) / den)
    }

    func testEveryFrameNearTheEdgesMapsToTheFrameOnScreen() {
        for R in sequenceRates {
            for r in mediaRates {
                let conform = RateConform(sequenceRate: R, mediaRate: r)
                // The start, the end of the first second, a minute (the first drop at 29.97 DF), an hour.
                let oneHour = 3600 * R.timecodeBase
                let frames = Array(0...200) + Array((60 * R.timecodeBase - 60)...(60 * R.timecodeBase + 60))
                    + Array((oneHour - 120)...(oneHour + 120))
                for f in frames {
                    let m = conform.mediaFrame(atSequenceFrame: f)
                    XCTAssertEqual(m, expectedMediaFrame(f, media: r, sequence: R), "\(r) media in \(R) sequence, frame \(f)")
                    // The media frame's own interval holds the sequence frame's start instant.
                    XCTAssertLessThanOrEqual(RationalTime(m, r), RationalTime(f, R), "\(r) in \(R) at \(f)")
                    XCTAssertLessThan(RationalTime(f, R), RationalTime(m + 1, r), "\(r) in \(R) at \(f)")
                }
                // first/last sequence frames showing a media frame: the boundaries of the floor.
                let lastMedia = conform.mediaFrame(atSequenceFrame: frames.last!)
                for m in Int64(0)...min(lastMedia, 300) {
                    let first = conform.firstSequenceFrame(showing: m)
                    XCTAssertGreaterThanOrEqual(conform.mediaFrame(atSequenceFrame: first), m, "\(r) in \(R): first of \(m)")
                    if first > 0 { XCTAssertLessThan(conform.mediaFrame(atSequenceFrame: first - 1), m, "\(r) in \(R): before first of \(m)") }
                    if r.framesPerSecond <= R.framesPerSecond {
                        // Media no faster than the sequence: every frame is shown, first to last.
                        XCTAssertEqual(conform.mediaFrame(atSequenceFrame: first), m, "\(r) in \(R): \(m) is shown")
                        let last = conform.lastSequenceFrame(showing: m)
                        XCTAssertGreaterThanOrEqual(last, first)
                        XCTAssertEqual(conform.mediaFrame(atSequenceFrame: last), m)
                        XCTAssertEqual(conform.mediaFrame(atSequenceFrame: last + 1), m + 1)
                    }
                }
            }
        }
    }

    /// Worked by hand: a 25 fps clip in a 30 fps sequence shows 0,0,1,2,3,4 over frames 0–5
    /// (f × 25/30 = 0, .83, 1.67, 2.5, 3.33, 4.17) and 5 at frame 6; 24 at frame 29 (24.17) and
    /// 25 at frame 30, so its timecode runs …:24 then 00:00:01:00, never :25.
    func testA25FpsClipInA30FpsSequence() {
        let conform = RateConform(sequenceRate: .fps30, mediaRate: .fps25)
        XCTAssertEqual((0...6).map { conform.mediaFrame(atSequenceFrame: $0) }, [0, 0, 1, 2, 3, 4, 5])
        XCTAssertEqual((0...6).map { conform.firstSequenceFrame(showing: $0) }, [0, 2, 3, 4, 5, 6, 8])
        XCTAssertEqual(conform.lastSequenceFrame(showing: 0), 1)
        let media = MediaReference(id: "m", name: "m.mov", path: "m.mov", duration: RationalTime(250, .fps25),
                                   video: .init(width: 1920, height: 1080, rate: .fps25, codec: "h264"),
                                   startTimecode: 25 * 3600)
        let seq = Timeline(rate: .fps30)
        XCTAssertEqual(media.sourceTimecode(atTimelineFrame: 29, timeline: seq), "01:00:00:24")
        XCTAssertEqual(media.sourceTimecode(atTimelineFrame: 30, timeline: seq), "01:00:01:00")
        XCTAssertEqual(media.sourceTimecode(atTimelineFrame: 299, timeline: seq), "01:00:09:24", "floor(299 × 25/30) = 249")
    }

    /// 29.97 media in a 30 fps sequence drifts one frame in 1001: frame 1000 shows 999
    /// (1000 × 30000/1001/30 = 999.001); 59.94 media in 24 shows every 2.5th frame.
    func testNTSCMediaInIntegerSequences() {
        let ntsc = RateConform(sequenceRate: .fps30, mediaRate: .fps29_97)
        XCTAssertEqual(ntsc.mediaFrame(atSequenceFrame: 999), 998)
        XCTAssertEqual(ntsc.mediaFrame(atSequenceFrame: 1000), 999)
        XCTAssertEqual(ntsc.mediaFrame(atSequenceFrame: 1001), 1000)
        let fast = RateConform(sequenceRate: .fps24, mediaRate: .fps59_94)
        // f × 60000/1001/24 = f × 2.4975…: 0, 2.497, 4.995, 7.49
        XCTAssertEqual((0...3).map { fast.mediaFrame(atSequenceFrame: $0) }, [0, 2, 4, 7])
        XCTAssertEqual(fast.firstSequenceFrame(showing: 5), 3, "frame 5 and 6 are never shown: the first at or after is frame 3 (7)")
        XCTAssertTrue(RateConform(sequenceRate: .fps25, mediaRate: .fps25).isIdentity)
    }

    /// At the sequence's own rate the mapping is the identity and the timecode keeps drop-frame.
    func testSameRateKeepsDropFrame() {
        let media = MediaReference(id: "m", name: "m.mov", path: "m.mov", duration: RationalTime(20_000, .fps29_97),
                                   video: .init(width: 1920, height: 1080, rate: .fps29_97, codec: "h264"))
        let df = Timeline(rate: .fps29_97, dropFrame: true)
        XCTAssertEqual(media.sourceTimecode(atTimelineFrame: 1800, timeline: df), "00:01:00;02")
        let thirty = Timeline(rate: .fps30)
        XCTAssertEqual(media.sourceTimecode(atTimelineFrame: 1800, timeline: thirty), "00:00:59:28",
                       "floor(1800 × 29.97/30) = 1798, counted non-drop (the media's own drop-frame flag is not known)")
    }
}
