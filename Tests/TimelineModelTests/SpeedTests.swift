import XCTest
@testable import TimelineModel

final class SpeedTests: XCTestCase {
    private func speed(_ n: Int64, _ d: Int64) -> ClipSpeed { ClipSpeed(numerator: n, denominator: d)! }

    func testUnitToMediaFrameAt200And50AndAThirdAndFreeze() {
        let double = speed(2, 1)
        XCTAssertEqual((0...4).map { double.mediaFrame(atUnit: $0) }, [0, 2, 4, 6, 8])
        XCTAssertEqual(double.units(inMediaFrames: 100), 50, "units 0…49 show frames 0…98")
        XCTAssertEqual(double.units(inMediaFrames: 101), 51, "unit 50 shows frame 100, the last of 101")
        XCTAssertEqual(double.firstUnit(atOrAfterMediaFrame: 20), 10)
        XCTAssertEqual(double.firstUnit(atOrAfterMediaFrame: 21), 11, "frame 21 is skipped; unit 11 shows 22")

        let half = speed(1, 2)
        XCTAssertEqual((0...5).map { half.mediaFrame(atUnit: $0) }, [0, 0, 1, 1, 2, 2])
        XCTAssertEqual(half.units(inMediaFrames: 100), 200)
        XCTAssertEqual(half.firstUnit(atOrAfterMediaFrame: 7), 14)

        let third = speed(2, 6)
        XCTAssertEqual(third.numerator, 1); XCTAssertEqual(third.denominator, 3)
        XCTAssertEqual((0...6).map { third.mediaFrame(atUnit: $0) }, [0, 0, 0, 1, 1, 1, 2])
        XCTAssertEqual(third.units(inMediaFrames: 10), 30)

        let threeHalves = speed(3, 2)  // 150%: 0, 1.5, 3, 4.5 → 0, 1, 3, 4
        XCTAssertEqual((0...3).map { threeHalves.mediaFrame(atUnit: $0) }, [0, 1, 3, 4])
        XCTAssertEqual(threeHalves.units(inMediaFrames: 5), 4, "unit 3 shows 4; unit 4 would show 6")

        let freeze = ClipSpeed(freezeFrame: 12)
        XCTAssertEqual([0, 1, 500].map { freeze.mediaFrame(atUnit: $0) }, [12, 12, 12])

        XCTAssertNil(ClipSpeed(numerator: 0, denominator: 1))
        XCTAssertNil(ClipSpeed(numerator: -2, denominator: 1))
        XCTAssertTrue(speed(3, 3).isNormal)
    }

    func testDoublesBecomeExactRationals() {
        func r(_ v: Double) -> String { ClipSpeed.approximating(v).map { "\($0.numerator)/\($0.denominator)" } ?? "nil" }
        XCTAssertEqual(r(2.0), "2/1")
        XCTAssertEqual(r(0.5), "1/2")
        XCTAssertEqual(r(1.5), "3/2")
        XCTAssertEqual(r(1.0 / 3.0), "1/3")
        XCTAssertEqual(r(0.333), "333/1000")
        XCTAssertEqual(r(0.25), "1/4")
        XCTAssertEqual(r(24.0 / 25.0), "24/25")
        XCTAssertEqual(r(0), "nil")
        XCTAssertEqual(r(-2), "nil")
        XCTAssertEqual(r(0.0001), "nil", "below 0.1%")
        XCTAssertEqual(r(1000), "1000/1")
        XCTAssertEqual(r(1001), "nil", "above 100 000%")
    }

    /// V1: A plays units 10..<40 of a 100-frame media at 200% (available 50 units):
    /// record r shows media frame 2 × (10 + r) = 20 + 2r.
    private func doubleSpeedTimeline() -> Timeline {
        var t = Timeline(name: "speed", rate: .fps30, tracks: [])
        let a = Clip(id: ClipID(1), name: "A", media: MediaID("a"), source: FrameRange(start: 10, end: 40),
                     available: 50, speed: speed(2, 1))
        let b = Clip(id: ClipID(2), name: "B", media: MediaID("b"), source: FrameRange(start: 0, end: 10), available: 100)
        t.tracks.append(Track(kind: .video, name: "V1", items: ItemList([.clip(a), .clip(b)])))
        t.nextID = 1000
        return t
    }

    private func shown(_ t: Timeline, _ frames: Range<Int64>) -> [Int64] {
        frames.map { t.matchFrame(at: $0, track: 0)!.sourceFrame }
    }

    func testMatchFrameShowsTheMappedMediaFrame() {
        let t = doubleSpeedTimeline()
        XCTAssertEqual(shown(t, 0..<3), [20, 22, 24])
        XCTAssertEqual(shown(t, 29..<31), [78, 0], "A's last frame is media 78; B plays at 100%")
        XCTAssertEqual(t.validate(), [])
    }

    func testRazorKeepsTheMediaFrameAtEveryRecordFrame() throws {
        var t = doubleSpeedTimeline()
        let before = shown(t, 0..<40)
        _ = try t.razor(at: 13, tracks: [0])
        XCTAssertEqual(describe(t, 0), "A@0-13[10-23] A@13-30[23-40] B@30-40[0-10]")
        XCTAssertEqual(shown(t, 0..<40), before)
        XCTAssertEqual(clip(t, "A", occurrence: 1).speed, speed(2, 1), "both halves keep the speed")
        XCTAssertEqual(t.validate(), [])
    }

    func testRippleTrimsOnADoubleSpeedClipClampAtTheMediaInUnits() throws {
        var t = doubleSpeedTimeline()
        // Tail +20 asks for units up to 60 but the media holds 50 units: stops at +10.
        _ = try t.trim([EditPoint(track: 0, frame: 30, side: .tail)], by: 20)
        XCTAssertEqual(describe(t, 0), "A@0-40[10-50] B@40-50[0-10]")
        XCTAssertEqual(shown(t, 38..<40), [96, 98], "the last unit shows media frame 98 of 100")
        // Head +4: A starts 4 units (8 media frames) later.
        _ = try t.trim([EditPoint(track: 0, frame: 0, side: .head)], by: 4)
        XCTAssertEqual(describe(t, 0), "A@0-36[14-50] B@36-46[0-10]")
        XCTAssertEqual(shown(t, 0..<2), [28, 30])
        XCTAssertEqual(t.validate(), [])
    }

    func testFreezeIsUnboundedAndHoldsItsFrame() throws {
        var t = Timeline(name: "freeze", rate: .fps30, tracks: [])
        let f = Clip(id: ClipID(1), name: "F", media: MediaID("f"), source: FrameRange(start: 0, end: 20),
                     available: nil, speed: ClipSpeed(freezeFrame: 33))
        t.tracks.append(Track(kind: .video, name: "V1", items: ItemList([.clip(f)])))
        t.nextID = 1000
        XCTAssertEqual(t.validate(), [])
        _ = try t.trim([EditPoint(track: 0, frame: 20, side: .tail)], by: 100)
        XCTAssertEqual(describe(t, 0), "F@0-120[0-120]")
        XCTAssertEqual(Set(shown(t, 0..<120)), [33])

        var bad = t
        bad.tracks[0] = Track(kind: .video, name: "V1", items: ItemList([.clip(Clip(
            id: ClipID(1), name: "F", media: MediaID("f"), source: FrameRange(start: 0, end: 20), available: 50,
            speed: ClipSpeed(freezeFrame: -1)))]))
        XCTAssertEqual(bad.validate().count, 2, "\(bad.validate())")
    }

    func testSpeedRoundTripsThroughCodableAndIsOmittedWhenNil() throws {
        let t = doubleSpeedTimeline()
        let data = try JSONEncoder().encode(t)
        XCTAssertEqual(try JSONDecoder().decode(Timeline.self, from: data), t)
        let plain = try JSONEncoder().encode(clip(t, "B"))
        XCTAssertFalse(String(decoding: plain, as: UTF8.self).contains("speed"))
        let frozen = Clip(id: ClipID(3), name: "F", media: MediaID("f"), source: FrameRange(start: 0, end: 5),
                          available: nil, speed: ClipSpeed(freezeFrame: 7))
        let json = String(decoding: try JSONEncoder().encode(frozen), as: UTF8.self)
        XCTAssertTrue(json.contains("\"speed\":{\"freezeFrame\":7}"), json)
        XCTAssertEqual(try JSONDecoder().decode(Clip.self, from: Data(json.utf8)), frozen)
    }

    func testSetSpeedKeepsTheFirstMediaFrameAndTheRecordDuration() throws {
        // V1: A is units 10..<40 at 200% (media 20…78 of 100), B follows at 100%.
        var t = doubleSpeedTimeline()
        // To 50%: first unit ⌈20 ÷ ½⌉ = 40, 200 units in 100 frames.
        var out = try t.setSpeed(clip: ClipID(1), to: speed(1, 2), mediaFrames: 100)
        XCTAssertEqual(out.notes, [])
        XCTAssertEqual(describe(t, 0), "A@0-30[40-70] B@30-40[0-10]")
        XCTAssertEqual(clip(t, "A").available, 200)
        XCTAssertEqual(shown(t, 0..<4), [20, 20, 21, 21])
        // Freeze: holds frame 20, unbounded.
        _ = try t.setSpeed(clip: ClipID(1), to: t.freezeFrame(of: ClipID(1)), mediaFrames: 100)
        XCTAssertEqual(describe(t, 0), "A@0-30[0-30] B@30-40[0-10]")
        XCTAssertEqual(clip(t, "A").speed, ClipSpeed(freezeFrame: 20))
        XCTAssertNil(clip(t, "A").available)
        // Back to 100%: frames 20…49.
        _ = try t.setSpeed(clip: ClipID(1), to: nil, mediaFrames: 100)
        XCTAssertEqual(describe(t, 0), "A@0-30[20-50] B@30-40[0-10]")
        XCTAssertNil(clip(t, "A").speed)
        // 300% from 20: unit ⌈20 ÷ 3⌉ = 7 (frame 21), but 100 frames hold only ⌈100 ÷ 3⌉ = 34 units:
        // the 30 frames start at unit 4 (frame 12) instead.
        out = try t.setSpeed(clip: ClipID(1), to: speed(3, 1), mediaFrames: 100)
        XCTAssertEqual(out.notes, ["clamped to the media: A now starts at media frame 12 instead of 21"])
        XCTAssertEqual(describe(t, 0), "A@0-30[4-34] B@30-40[0-10]")
        XCTAssertEqual(shown(t, 29..<30), [99])
        // 400%: 25 units, fewer than 30 record frames: refused, nothing changes.
        let before = t
        XCTAssertThrowsError(try t.setSpeed(clip: ClipID(1), to: speed(4, 1), mediaFrames: 100))
        XCTAssertEqual(t, before)
        XCTAssertEqual(t.validate(), [])
    }

    func testReplaceOnASpeedClipPlaysTheNewMediaAt100Percent() throws {
        var t = doubleSpeedTimeline()
        let source = EditSource(media: MediaID("n"), name: "N", available: 300, hasVideo: true, hasAudio: true,
                                range: FrameRange(start: 0, duration: 1))
        let out = try t.replace(clip: ClipID(1), with: source, sourceFrame: 100, at: 0)
        XCTAssertEqual(describe(t, 0), "N@0-30[100-130] B@30-40[0-10]")
        XCTAssertNil(clip(t, "N").speed)
        XCTAssertEqual(out.notes, ["A's speed dropped: the new media plays at 100%"])
        XCTAssertEqual(t.validate(), [])
    }
}
