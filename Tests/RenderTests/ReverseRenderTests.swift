import Foundation
import Media
import Render
import TimelineModel
import XCTest

/// Reverse speed (−100%): the rendered clip against ffmpeg's `reverse` filter on the same range.
final class ReverseRenderTests: XCTestCase {
    private func reversedProject(_ url: URL, from first: Int64, frames: Int64) throws -> (Project, ClipID) {
        let reference = Fixture.media("bikes", path: url.path, frames: 250, rate: .fps25, width: 640, height: 272, audio: false)
        var project = Fixture.project(rate: .fps25, media: [reference], tracks: [
            Fixture.track(.video, "V1", [.clip(Clip(id: ClipID(1), name: "bikes", media: MediaID("bikes"),
                                                    source: FrameRange(start: first, duration: frames), available: 250))]),
        ])
        let reverse = ClipSpeed(numerator: 1, denominator: 1, reversedFrom: 0)!
        _ = try project.timeline.setSpeed(clip: ClipID(1), to: reverse, mediaFrames: 250)
        return (project, ClipID(1))
    }

    func testReversedClipAsksForTheSameRangeBackwards() throws {
        let reference = Fixture.media("m", frames: 100)
        var project = Fixture.project(media: [reference], tracks: [
            Fixture.track(.video, "V1", [Fixture.clip(1, "m", from: 10, frames: 5)]),
        ])
        _ = try project.timeline.setSpeed(clip: ClipID(1), to: ClipSpeed(numerator: 1, denominator: 1, reversedFrom: 0), mediaFrames: 100)
        let frames = (Int64(0)..<5).map { f -> Int64? in
            guard case .layer(let layer) = PictureComposition.at(f, in: project), case .media(_, let s) = layer.source else { return nil }
            return s
        }
        XCTAssertEqual(frames, [14, 13, 12, 11, 10])
        // Back to 100%: the same range forwards again.
        _ = try project.timeline.setSpeed(clip: ClipID(1), to: nil, mediaFrames: 100)
        let clip = try XCTUnwrap(project.timeline.clip(ClipID(1))?.clip)
        XCTAssertEqual(clip.source, FrameRange(start: 10, duration: 5))
        // −50%: 5 record frames run back through 3 media frames from the last one shown.
        _ = try project.timeline.setSpeed(clip: ClipID(1), to: ClipSpeed(numerator: 1, denominator: 2, reversedFrom: 0), mediaFrames: 100)
        let slow = (Int64(0)..<5).map { f -> Int64? in
            guard case .layer(let layer) = PictureComposition.at(f, in: project), case .media(_, let s) = layer.source else { return nil }
            return s
        }
        XCTAssertEqual(slow, [14, 14, 13, 13, 12])
    }

    /// 50 frames of bikes.mp4 from frame 40, reversed, against `trim,reverse` from ffmpeg: every
    /// frame above 40 dB PSNR (both convert the same decoded pictures to RGBA; the scalers differ).
    func testReversedRangeMatchesFFmpegReverse() throws {
        let url = try Fixture.corpusFile("bikes.mp4")  // 640x272, 25 fps, 250 frames
        let (project, _) = try reversedProject(url, from: 40, frames: 50)
        let folder = try Generated.folder(self)
        let raw = folder.appendingPathComponent("reversed.rgba")
        try Generated.ffmpeg(["-i", url.path, "-vf", "trim=start_frame=40:end_frame=90,setpts=PTS-STARTPTS,reverse,format=rgba",
                              "-f", "rawvideo", raw.path])
        let theirs = try Data(contentsOf: raw)
        let frameBytes = 640 * 272 * 4
        XCTAssertEqual(theirs.count, 50 * frameBytes, "ffmpeg gave 50 frames")
        let renderer = TimelineRenderer(project: project)
        var worst = Double.infinity
        for record in 0..<50 {
            let ours = renderer.picture(at: Int64(record), width: 640, height: 272)
            let slice = theirs[(record * frameBytes) ..< ((record + 1) * frameBytes)]
            let p = psnr(ours.bytes, Array(slice))
            worst = min(worst, p)
            XCTAssertGreaterThan(p, 40, "record frame \(record)")
        }
        // And it is not the forward order: record 0 is far from forward frame 40.
        let forwardFirst = Array(theirs[(49 * frameBytes) ..< (50 * frameBytes)])
        XCTAssertLessThan(psnr(renderer.picture(at: 0, width: 640, height: 272).bytes, forwardFirst), 35, "record 0 is not media frame 40")
        print("reverse vs ffmpeg reverse: worst PSNR \(worst) dB over 50 frames")
    }

    /// −100% sound plays the media backwards: a ramp (sample n has value n / 10⁷) comes out
    /// falling, each record sample the mirror of its forward one; −50% is silent.
    func testReversedSoundIsTheMediaBackwardsAndSlowReverseIsSilent() throws {
        let reference = Fixture.media("m", frames: 100)  // 30 fps: 1600 samples a frame
        var project = Fixture.project(media: [reference], tracks: [
            Fixture.track(.audio, "A1", [Fixture.clip(1, "m", from: 10, frames: 5)]),
        ])
        _ = try project.timeline.setSpeed(clip: ClipID(1), to: ClipSpeed(numerator: 1, denominator: 1, reversedFrom: 0), mediaFrames: 100)
        let ramp = SyntheticAudio { _, n in Float(n) / 10_000_000 }
        let renderer = TimelineRenderer(project: project, pool: MediaPool(audio: { _ throws(MediaError) in ramp }, audioDelay: { _ in 0 }))
        let mix = renderer.sound(from: 0, count: 8000)
        // Record sample 0 plays media sample 15 × 1600 − 1 (the end of frame 14); sample 7999 plays 16 000 (frame 10's first).
        XCTAssertEqual(mix[0], Float(23_999) / 10_000_000, accuracy: 1e-7)
        XCTAssertEqual(mix[2 * 7999], Float(16_000) / 10_000_000, accuracy: 1e-7)
        XCTAssertEqual(mix[2 * 1000], Float(22_999) / 10_000_000, accuracy: 1e-7)
        // Chunked as playback asks gives the same.
        var chunked: [Float] = []
        for c in 0..<10 { chunked += renderer.sound(from: Int64(c * 800), count: 800) }
        XCTAssertEqual(chunked, mix)

        _ = try project.timeline.setSpeed(clip: ClipID(1), to: ClipSpeed(numerator: 1, denominator: 2, reversedFrom: 0), mediaFrames: 100)
        XCTAssertTrue(AudioMix.plan(project, range: 0..<8000).isEmpty, "−50% is silent")
    }

    /// PSNR over the colour channels (alpha left out).
    private func psnr(_ a: [UInt8], _ b: [UInt8]) -> Double {
        guard a.count == b.count else { return 0 }
        var sum = 0.0, n = 0
        for i in stride(from: 0, to: a.count, by: 4) {
            for c in 0..<3 { let d = Double(Int(a[i + c]) - Int(b[i + c])); sum += d * d }
            n += 3
        }
        if sum == 0 { return .infinity }
        return 10 * log10(255 * 255 / (sum / Double(n)))
    }
}
