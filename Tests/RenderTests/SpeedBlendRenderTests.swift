import Foundation
import Media
import Render
import TimelineModel
import XCTest

/// Frame blending for slow motion (`speed 50 blend=on`): the mix of the two media frames a
/// record frame falls between, checked by hand on a black/white clip and against FFmpeg's
/// `framerate` filter, whose blend weights are ours: a record frame a fraction w past media
/// frame m is m × (1 − w) + (m + 1) × w (its weight is quantised to 1/128 for 8-bit pictures,
/// ours to 1/256).
final class SpeedBlendRenderTests: XCTestCase {
    private func blended(_ n: Int64, _ d: Int64, reversedFrom: Int64? = nil) -> ClipSpeed {
        var speed = reversedFrom.map { ClipSpeed(numerator: n, denominator: d, reversedFrom: $0)! } ?? ClipSpeed(numerator: n, denominator: d)!
        speed.frameBlend = true
        return speed
    }

    private func project(_ media: MediaReference, speed: ClipSpeed, units: FrameRange, available: Int64?) -> Project {
        Fixture.project(media: [media], tracks: [
            Fixture.track(.video, "V1", [.clip(Clip(id: ClipID(1), name: "m", media: media.id, source: units,
                                                     available: available, speed: speed))]),
        ])
    }

    private func layer(_ project: Project, _ frame: Int64) -> PictureLayer? {
        guard case .layer(let layer) = PictureComposition.at(frame, in: project) else { return nil }
        return layer
    }

    /// 50%: odd record frames are half way to the next media frame; 33.3%: a third and two
    /// thirds; in reverse the next frame is the one before; without blending nothing mixes.
    func testCompositionAsksForTheNextFrameAndItsWeight() {
        let m = Fixture.media("m")
        let half = project(m, speed: blended(1, 2), units: FrameRange(start: 0, duration: 4), available: 6000)
        XCTAssertEqual((0..<4).map { layer(half, $0)?.blend }, [nil, FrameBlend(nextFrame: 1, weight: 0.5), nil, FrameBlend(nextFrame: 2, weight: 0.5)])
        let third = project(m, speed: blended(1, 3), units: FrameRange(start: 0, duration: 4), available: 9000)
        XCTAssertEqual((0..<4).map { layer(third, $0)?.blend?.weight }, [nil, 1.0 / 3, 2.0 / 3, nil])
        let backwards = project(m, speed: blended(1, 2, reversedFrom: 2999), units: FrameRange(start: 0, duration: 2), available: 6000)
        XCTAssertEqual(layer(backwards, 1)?.source, .media(MediaID("m"), sourceFrame: 2999))
        XCTAssertEqual(layer(backwards, 1)?.blend, FrameBlend(nextFrame: 2998, weight: 0.5))
        let plain = project(m, speed: ClipSpeed(numerator: 1, denominator: 2)!, units: FrameRange(start: 0, duration: 4), available: 6000)
        XCTAssertNil(layer(plain, 1)?.blend)
        let fast = project(m, speed: blended(3, 2), units: FrameRange(start: 0, duration: 4), available: 2000)
        XCTAssertNil(layer(fast, 1)?.blend, "blending is for slow motion only")
    }

    /// A clip whose frames alternate black (Y′ 16) and white (Y′ 235), lossless. Worked by hand:
    /// at 50% record frame 1 is half black, half white: 255 / 2 = 127.5 (128 after rounding
    /// the mix); record frame 3 the same from white back to black; frames 0 and 2 are the
    /// media's own (0, 255). At 33.3% record frame 1 is a third white: 85; frame 2 two thirds: 170.
    func testHalfMixOfBlackAndWhiteIsMidGreyByHand() throws {
        let folder = try Generated.folder(self)
        let file = folder.appendingPathComponent("flicker.mkv")
        try Generated.ffmpeg(["-f", "lavfi", "-i", "nullsrc=s=64x48:r=30:d=1", "-vf", "format=yuv444p,geq=lum='if(mod(N,2),235,16)':cb=128:cr=128",
                              "-c:v", "ffv1", "-pix_fmt", "yuv444p", file.path])
        let media = Fixture.media("m", path: file.path, frames: 30, width: 64, height: 48, audio: false)
        func centre(_ p: Project, _ frame: Int64) -> [Int] {
            let picture = TimelineRenderer(project: p).picture(at: frame, width: 64, height: 48)
            let i = (24 * 64 + 32) * 4
            return (0..<3).map { Int(picture.bytes[i + $0]) }
        }
        let half = project(media, speed: blended(1, 2), units: FrameRange(start: 0, duration: 8), available: 60)
        XCTAssertEqual(centre(half, 0), [0, 0, 0])
        XCTAssertEqual(centre(half, 2), [255, 255, 255])
        for frame: Int64 in [1, 3] {
            for v in centre(half, frame) { XCTAssertEqual(Double(v), 127.5, accuracy: 1, "record \(frame): half way between black and white") }
        }
        let deep = TimelineRenderer(project: half).deepPicture(at: 1, width: 64, height: 48)
        XCTAssertEqual(Double(deep.samples[(24 * 64 + 32) * 4]), 65535 / 2, accuracy: 256, "the same mix at 16 bits")
        let unblended = project(media, speed: ClipSpeed(numerator: 1, denominator: 2)!, units: FrameRange(start: 0, duration: 8), available: 60)
        XCTAssertEqual(centre(unblended, 1), [0, 0, 0], "without blending the frame repeats")
        let third = project(media, speed: blended(1, 3), units: FrameRange(start: 0, duration: 8), available: 90)
        for v in centre(third, 1) { XCTAssertEqual(Double(v), 255.0 / 3, accuracy: 1, "a third of the way to white") }
        for v in centre(third, 2) { XCTAssertEqual(Double(v), 255.0 * 2 / 3, accuracy: 1, "two thirds of the way to white") }
    }

    /// A moving test pattern (testsrc2, lossless 4:4:4) slowed to 50% and to 33.3% with blending,
    /// against `setpts=N*PTS,framerate=fps=30` (scene detection off, so every frame blends): PSNR
    /// of every record frame above 40 dB. Without blending the in-between frames are far off.
    func testSlowBlendMatchesFFmpegFramerateFilter() throws {
        let folder = try Generated.folder(self)
        let file = folder.appendingPathComponent("pattern.mkv")
        let (width, height) = (320, 240)
        try Generated.ffmpeg(["-f", "lavfi", "-i", "testsrc2=s=\(width)x\(height):r=30:d=2", "-c:v", "ffv1", "-pix_fmt", "yuv444p", file.path])
        let media = Fixture.media("m", path: file.path, frames: 60, width: width, height: height, audio: false)
        for (slow, records) in [(2, 40), (3, 45)] as [(Int64, Int)] {
            let reference = folder.appendingPathComponent("ref\(slow).rgba")
            try Generated.ffmpeg(["-i", file.path, "-vf", "setpts=\(slow)*PTS,framerate=fps=30:scene=100", "-frames:v", "\(records)",
                                  "-pix_fmt", "rgba", "-f", "rawvideo", reference.path])
            let theirs = [UInt8](try Data(contentsOf: reference))
            XCTAssertEqual(theirs.count, records * width * height * 4)
            let renderer = TimelineRenderer(project: project(media, speed: blended(1, slow), units: FrameRange(start: 0, duration: Int64(records)), available: 60 * slow))
            let plain = TimelineRenderer(project: project(media, speed: ClipSpeed(numerator: 1, denominator: slow)!, units: FrameRange(start: 0, duration: Int64(records)), available: 60 * slow))
            var worst = Double.infinity, worstPlainBetween = 0.0
            for record in 0..<records {
                let frameBytes = Array(theirs[(record * width * height * 4)..<((record + 1) * width * height * 4)])
                let ours = renderer.picture(at: Int64(record), width: width, height: height)
                worst = min(worst, Self.psnr(ours.bytes, frameBytes))
                if record % Int(slow) != 0 {
                    worstPlainBetween = max(worstPlainBetween, Self.psnr(plain.picture(at: Int64(record), width: width, height: height).bytes, frameBytes))
                }
            }
            print("speed 1/\(slow) blended: lowest PSNR against framerate \(worst) dB over \(records) frames; unblended in-between frames at most \(worstPlainBetween) dB")
            XCTAssertGreaterThan(worst, 40, "1/\(slow): every record frame within 40 dB of framerate's blend")
            XCTAssertLessThan(worstPlainBetween, 35, "1/\(slow): the unblended repeat is not what framerate draws")
        }
    }

    /// PSNR over R, G and B (alpha skipped), 8-bit peak.
    static func psnr(_ a: [UInt8], _ b: [UInt8]) -> Double {
        var sum = 0.0, count = 0
        for i in stride(from: 0, to: min(a.count, b.count), by: 4) {
            for c in 0..<3 { let d = Double(a[i + c]) - Double(b[i + c]); sum += d * d }
            count += 3
        }
        let mse = sum / Double(max(count, 1))
        return mse == 0 ? 99 : 10 * log10(255 * 255 / mse)
    }
}
