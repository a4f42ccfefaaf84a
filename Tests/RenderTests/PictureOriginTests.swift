import Foundation
import Media
import Render
import TimelineModel
import XCTest

/// Files whose picture starts a little after their sound by encoder delays (HEVC or VP9 with
/// Opus in Matroska/WebM, H.264 with AAC in MPEG-TS and FLV): timeline frame n must show the file's n-th
/// picture (as a sequential decode numbers them), smart copy must count from the same frame 0,
/// and the sound must be placed relative to that picture. Generated with ffmpeg at a seeded random rate; a file that starts with its
/// picture, and one whose picture starts half a second after its sound (a real gap, kept),
/// are the controls.
final class PictureOriginTests: XCTestCase {
    struct Shape {
        var name: String
        var encode: [String]
        /// Seconds the picture is delayed against the sound at the input (a real gap).
        var pictureDelay: Double = 0
        /// A rate of its own instead of the seeded one.
        var rate: (String, Rate)? = nil
    }

    static let shapes = [
        Shape(name: "hevc-opus.mkv", encode: ["-c:v", "libx265", "-x265-params", "log-level=error", "-c:a", "libopus"]),
        Shape(name: "vp9-opus.webm", encode: ["-c:v", "libvpx-vp9", "-deadline", "realtime", "-c:a", "libopus"]),
        Shape(name: "h264-aac.ts", encode: ["-c:v", "libx264", "-preset", "ultrafast", "-bf", "2", "-c:a", "aac"]),
        Shape(name: "h264-aac.mp4", encode: ["-c:v", "libx264", "-preset", "ultrafast", "-bf", "2", "-c:a", "aac"]),
        // AAC priming makes FLV's video start 21 ms late: more than a frame at 50 fps.
        Shape(name: "h264-aac.flv", encode: ["-c:v", "libx264", "-preset", "ultrafast", "-bf", "0", "-c:a", "aac"], rate: ("50", Rate(50))),
        Shape(name: "late-picture.mkv", encode: ["-c:v", "libx264", "-preset", "ultrafast", "-c:a", "libopus"], pictureDelay: 1.5),
    ]

    func testTimelineFrameNIsTheFilesNthPictureAndTheSoundFollowsIt() throws {
        let seed = UInt64(ProcessInfo.processInfo.environment["TERMCUT_PICTURE_ORIGIN_SEED"] ?? "") ?? 20261206
        var generator = SplitMix64(seed: seed)
        let rates: [(String, Rate)] = [("24000/1001", .fps23_976), ("24", .fps24), ("25", .fps25), ("30000/1001", .fps29_97), ("50", Rate(50)), ("60000/1001", Rate(60000, 1001))]
        let folder = try Generated.folder(self)
        for shape in Self.shapes {
            let seeded = rates.randomElement(using: &generator)!
            let (rateText, rate) = shape.rate ?? seeded
            let frames = Int.random(in: 20...36, using: &generator)
            let context = "\(shape.name) at \(rateText) fps, \(frames) frames (seed \(seed): TERMCUT_PICTURE_ORIGIN_SEED)"
            let url = folder.appendingPathComponent(shape.name)
            let offset = shape.pictureDelay > 0 ? ["-itsoffset", "\(shape.pictureDelay)"] : []
            try Generated.ffmpeg(offset + ["-f", "lavfi", "-i", "testsrc2=size=96x64:rate=\(rateText)",
                                           "-f", "lavfi", "-i", "sine=f=300:sample_rate=48000",
                                           "-frames:v", "\(frames)", "-shortest"] + shape.encode + ["-pix_fmt", "yuv420p", url.path])
            let source = try VideoSource(url: url, cache: FrameCache(budgetBytes: 0), readAheadFrames: 0)
            let count = source.index.frameCount
            XCTAssertEqual(count, frames, context)
            let walked = try (0..<count).map { try source.frame(at: .frameNumber($0)).packedPlanes() }
            // Frame 0 and the sound's start, from ffprobe's start times.
            let starts = try Generated.ffprobe(["-show_entries", "stream=codec_type,start_time:format=start_time", "-of", "json", url.path])
            let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(starts.utf8)) as? [String: Any])
            let streams = try XCTUnwrap(json["streams"] as? [[String: Any]])
            func start(_ kind: String) throws -> Double {
                try XCTUnwrap(Double(try XCTUnwrap(streams.first { $0["codec_type"] as? String == kind }?["start_time"] as? String)))
            }
            let fileStart = try XCTUnwrap(Double(try XCTUnwrap((json["format"] as? [String: Any])?["start_time"] as? String)))
            // The sound's first decoded sample (after Opus pre-skip), as ffprobe's decoder stamps it.
            let firstSound = try Generated.ffprobe(["-select_streams", "a", "-read_intervals", "%+#8", "-show_entries",
                                                    "frame=best_effort_timestamp_time", "-of", "csv=p=0", url.path])
            let pictureStart = try start("video"), soundStart = try XCTUnwrap(Double(firstSound.split(separator: "\n").first ?? ""), firstSound)
            let origin = shape.pictureDelay > 0 ? fileStart : pictureStart
            // Timeline frame n of a clip at the file's own rate, as the renderer, scopes and preview ask for it.
            // Where the picture starts a frame or more after the file, the gap stays: pictures then
            // fall at frame slots that need not be whole.
            let gap = (pictureStart - origin) * Double(rate.numerator) / Double(rate.denominator)
            for slot in 0..<(count + Int(gap)) {
                let timestamp = TimelineRenderer.timestamp(of: Int64(slot), rate: rate, in: source)
                let shown = try source.frame(atTimestamp: timestamp).packedPlanes()
                let picture = max(0, Int((Double(slot) - gap).rounded(.down)))
                let expected = walked[picture]
                if shown != expected {
                    let number = walked.firstIndex(of: shown).map { "picture \($0)" } ?? "no picture of the file"
                    XCTFail("\(context): timeline frame \(slot) shows \(number), not picture \(picture)")
                    break
                }
            }
            // Smart render and lossless copy cut where the timeline shows.
            XCTAssertEqual(try PacketTable.scan(path: url.path).startTimestamp, source.startTimestamp, "\(context): copy's frame 0")
            let reference = MediaReference(id: "m", name: shape.name, path: url.path, duration: RationalTime(Int64(frames), rate))
            XCTAssertEqual(MediaPool.probeAudioDelay(reference), Int64(((soundStart - origin) * 48_000).rounded()),
                           "\(context): sound at \(soundStart) s, picture at \(pictureStart) s, file at \(fileStart) s")
        }
    }
}
