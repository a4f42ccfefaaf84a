import Foundation
import XCTest
@testable import Media

/// Keyframe interval and variable-frame-rate detection (issue 5).
final class FrameCadenceTests: XCTestCase {
    func testConstantRateIsNotVariable() {
        let times = (0..<100).map { Int64($0 * 512) }
        let cadence = FrameCadence.measure(timestamps: times, keyframes: times.indices.map { $0 % 25 == 0 })
        XCTAssertEqual(cadence.isVariableFrameRate, false)
        XCTAssertEqual(cadence.keyframeInterval, 25)
    }

    func testMillisecondRoundingIsNotVariable() {
        // 24 fps in a 1/1000 time base: deltas of 41 and 42 ms.
        let times = (0..<96).map { Int64((Double($0) * 1000 / 24).rounded()) }
        let cadence = FrameCadence.measure(timestamps: times, keyframes: times.map { _ in false })
        XCTAssertEqual(cadence.isVariableFrameRate, false)
        XCTAssertNil(cadence.keyframeInterval, "no keyframes, no interval")
    }

    func testMissingTimestampsAndDroppedFramesAreNotVariable() {
        // MPEG-PS leaves some packets without pts; AVI drops frames: whole-frame gaps.
        var times: [Int64?] = (0..<60).map { Int64($0 * 3003) }
        times[7] = nil
        times[30] = nil
        let cadence = FrameCadence.measure(timestamps: times, keyframes: times.map { _ in true })
        XCTAssertEqual(cadence.isVariableFrameRate, false)
        XCTAssertEqual(cadence.keyframeInterval, 1)
    }

    func testIrregularSpacingIsVariable() {
        var times = (0..<40).map { Int64($0 * 2999) }
        times += (0..<10).map { times.last! + 16610 + Int64($0 * 2999) }
        XCTAssertEqual(FrameCadence.measure(timestamps: times, keyframes: times.map { _ in false }).isVariableFrameRate, true)
    }

    func testPhoneClipIsVariableAndOthersAreNot() throws {
        for (name, variable) in [("VID_20191220_170832.mp4", true), ("bikes.mp4", false),
                                 ("movie-hello.mp4", false), ("oa4_launch.webm", false), ("movie-hello.mpeg", false)] {
            let info = try MediaProbe.probe(try TestCorpus.file(name))
            XCTAssertEqual(info.primaryVideo?.isVariableFrameRate, variable, name)
        }
    }

    func testKeyframeIntervalMatchesFFprobePackets() throws {
        for name in ["bikes.mp4", "movie-hello.mp4", "cityCC0.mpg", "balle-jbart.mp4"] {
            let url = try TestCorpus.file(name)
            let info = try MediaProbe.probe(url)
            let video = try XCTUnwrap(info.primaryVideo, name)
            let packets = try ReferenceTool.packets(url, stream: video.index)
            let keys = packets.indices.filter { packets[$0].key }
            let gaps = zip(keys.dropFirst(), keys).map { $0 - $1 }.sorted()
            XCTAssertEqual(video.keyframeInterval, gaps.isEmpty ? nil : gaps[gaps.count / 2], name)
        }
    }
}
