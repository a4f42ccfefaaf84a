import Foundation
import XCTest
@testable import Media

/// `MediaProbe` against `ffprobe` on every corpus file.
final class MediaProbeTests: XCTestCase {
    func testEveryCorpusFileAgreesWithFFprobe() throws {
        let files = try TestCorpus.mediaFiles()
        XCTAssertGreaterThanOrEqual(files.count, 20, "corpus looks incomplete")
        for url in files {
            let name = url.lastPathComponent
            let info = try MediaProbe.probe(url)
            let reference = try ReferenceTool.ffprobe(url)
            let format = try XCTUnwrap(reference["format"] as? [String: Any])
            let streams = try XCTUnwrap(reference["streams"] as? [[String: Any]])

            XCTAssertEqual(info.format, format["format_name"] as? String, name)
            XCTAssertEqual(info.streams.count, streams.count, "\(name): stream count")
            // "Within one frame": the primary video frame, else 1 ms.
            let frame = info.primaryVideo?.frameRate?.inverted.doubleValue ?? 0.001
            if let expected = (format["duration"] as? String).flatMap(Double.init) {
                let duration = try XCTUnwrap(info.duration, "\(name): duration missing")
                XCTAssertEqual(duration, expected, accuracy: frame, "\(name): duration")
            } else {
                XCTAssertNil(info.duration, "\(name): ffprobe has no duration")
            }
            for (ours, theirs) in zip(info.streams, streams) {
                let label = "\(name) #\(ours.index)"
                XCTAssertEqual(ours.codecName, theirs["codec_name"] as? String ?? "unknown", label)
                XCTAssertEqual(ours.kind.rawValue, theirs["codec_type"] as? String, label)
                XCTAssertEqual(ours.width, theirs["width"] as? Int, "\(label) width")
                XCTAssertEqual(ours.height, theirs["height"] as? Int, "\(label) height")
                XCTAssertEqual(ours.sampleRate, (theirs["sample_rate"] as? String).flatMap(Int.init), "\(label) sample rate")
                XCTAssertEqual(ours.channels, theirs["channels"] as? Int, "\(label) channels")
                XCTAssertEqual(ours.pixelFormat, theirs["pix_fmt"] as? String, "\(label) pix_fmt")
                XCTAssertEqual(ours.timeBase.description, theirs["time_base"] as? String, "\(label) time base")
                if ours.kind == .video {
                    XCTAssertEqual(ours.frameRate?.description ?? "0/0", theirs["avg_frame_rate"] as? String, "\(label) avg rate")
                    XCTAssertEqual(ours.realFrameRate?.description ?? "0/0", theirs["r_frame_rate"] as? String, "\(label) r rate")
                }
            }
        }
    }

    func testJSONRoundTripKeepsEveryField() throws {
        let info = try MediaProbe.probe(try TestCorpus.file("movie-hello.mp4"))
        let data = try JSONEncoder().encode(info)
        XCTAssertEqual(try JSONDecoder().decode(MediaInfo.self, from: data), info)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
        let stream = try XCTUnwrap((object["streams"] as? [[String: Any]])?.first)
        // Stable keys: unknown values are present as null, not missing.
        for key in ["index", "type", "codec", "profile", "pix_fmt", "width", "height", "frame_rate", "time_base",
                    "sample_rate", "channels", "channel_layout", "bit_rate", "keyframe_interval", "vfr"] {
            XCTAssertTrue(stream.keys.contains(key), "missing key \(key)")
        }
        XCTAssertEqual(stream["frame_rate"] as? String, "2500/83")
    }

    func testAudioLayoutsAreDescribed() throws {
        let surround = try MediaProbe.probe(try TestCorpus.file("ChID-BLITS-EBU.mp4"))
        XCTAssertEqual(surround.primaryAudio?.channels, 6)
        XCTAssertEqual(surround.primaryAudio?.channelLayout, "5.1")
        let mono = try MediaProbe.probe(try TestCorpus.file("debian.wav"))
        XCTAssertEqual(mono.primaryAudio?.channelLayout, "mono")
        XCTAssertNil(mono.primaryVideo)
    }

    func testOddSizeFourFourFour() throws {
        let info = try MediaProbe.probe(try TestCorpus.file("message-board.ogv"))
        let video = try XCTUnwrap(info.primaryVideo)
        XCTAssertEqual(video.width, 274)
        XCTAssertEqual(video.height, 269)
        XCTAssertEqual(video.pixelFormat, "yuv444p")
    }
}
