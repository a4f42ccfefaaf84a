import Foundation
import Media
import Render
import TimelineModel
import XCTest

/// The mix against FFmpeg's own filters on the same source: clip gain and track volume against
/// `volume`, clip fades against `afade` with the matching curve, pan against `pan`. Levels are
/// compared as RMS over 10 ms windows, per channel, and must agree within 0.1 dB wherever the
/// reference is above −70 dBFS.
///
/// Curves: termcut's `linear` is afade's `tri`, `equal-power` is `qsin` (not `hsin`, which is an
/// S-curve whose two halves do not keep the power of a cross-fade: the test shows it differs),
/// `logarithmic` is `log`.
final class MixReferenceTests: XCTestCase {
    static let seconds = 3

    /// A stereo float WAV with a different tone on each side, so a swapped or mis-panned channel shows.
    func source() throws -> URL {
        let folder = try Generated.folder(self)
        let url = folder.appendingPathComponent("tones.wav")
        try Generated.ffmpeg(["-f", "lavfi", "-i", "aevalsrc=0.5*sin(2*PI*440*t)|0.3*sin(2*PI*660*t):s=48000:d=\(Self.seconds)",
                              "-c:a", "pcm_f32le", url.path])
        return url
    }

    /// The file through `filters`, as interleaved stereo floats.
    func reference(_ url: URL, _ filters: String) throws -> [Float] {
        let out = url.deletingLastPathComponent().appendingPathComponent("ref-\(UUID().uuidString).raw")
        try Generated.ffmpeg(["-i", url.path, "-af", filters, "-f", "f32le", "-ac", "2", "-ar", "48000", out.path])
        let data = try Data(contentsOf: out)
        return data.withUnsafeBytes { Array($0.bindMemory(to: Float.self)) }
    }

    /// The timeline's mix of one clip covering the whole file on A1, configured by `change`.
    func mix(_ url: URL, _ change: (inout Clip, inout Track) -> Void) -> [Float] {
        let frames = Int64(Self.seconds * 30)
        var clip = Clip(id: ClipID(1), name: "tones", media: MediaID("tones"), source: FrameRange(start: 0, duration: frames), available: frames)
        var track = Track(kind: .audio, name: "A1")
        change(&clip, &track)
        track.items = ItemList([.clip(clip)])
        let project = Fixture.project(media: [Fixture.media("tones", path: url.path, frames: frames)], tracks: [track])
        let pool = MediaPool(audio: { reference throws(MediaError) in try AudioSource(url: URL(fileURLWithPath: reference.path)) },
                             audioDelay: { _ in 0 })
        return TimelineRenderer(project: project, pool: pool).sound(from: 0, count: Self.seconds * 48_000)
    }

    /// The largest level difference in dB over 480-sample windows where the reference sounds.
    func worstDifference(_ a: [Float], _ b: [Float]) -> (dB: Double, window: Int, channel: Int) {
        var worst = (dB: 0.0, window: -1, channel: -1)
        let windows = min(a.count, b.count) / 2 / 480
        for w in 0..<windows {
            for c in 0..<2 {
                var sa = 0.0, sb = 0.0
                for i in (w * 480)..<((w + 1) * 480) {
                    sa += Double(a[i * 2 + c] * a[i * 2 + c]); sb += Double(b[i * 2 + c] * b[i * 2 + c])
                }
                let ra = 10 * log10(sa / 480), rb = 10 * log10(sb / 480)
                guard rb > -70 else { continue }
                if abs(ra - rb) > abs(worst.dB) { worst = (ra - rb, w, c) }
            }
        }
        return worst
    }

    func assertMatches(_ mixed: [Float], _ reference: [Float], _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(mixed.count, reference.count, what, file: file, line: line)
        let worst = worstDifference(mixed, reference)
        XCTAssertLessThan(abs(worst.dB), 0.1, "\(what): \(worst.dB) dB off in window \(worst.window) (at \(Double(worst.window) / 100) s), channel \(worst.channel)",
                          file: file, line: line)
    }

    func testGainVolumeAndPanMatchVolumeAndPanFilters() throws {
        let url = try source()
        let mixed = mix(url) { clip, track in clip.gainDB = -6; track.volumeDB = -2.5; track.pan = 0.4 }
        // Balance pan 0.4 right turns the left down to 0.6 and leaves the right at unity.
        assertMatches(mixed, try reference(url, "volume=-8.5dB,pan=stereo|c0=0.6*c0|c1=c1"), "gain -6, volume -2.5, pan R40")
        let left = mix(url) { _, track in track.pan = -1 }
        assertMatches(left, try reference(url, "pan=stereo|c0=c0|c1=0*c1"), "hard left")
        // The right channel of a hard-left pan is silent.
        XCTAssertEqual(stride(from: 1, to: left.count, by: 2).map { abs(left[$0]) }.max(), 0)
    }

    func testFadesMatchAfadeWithTheSameCurve() throws {
        let url = try source()
        let pairs: [(FadeCurve, String)] = [(.linear, "tri"), (.equalPower, "qsin"), (.logarithmic, "log")]
        for (curve, name) in pairs {
            // A 15-frame fade-in (24000 samples) and a 30-frame fade-out (the last 48000 samples).
            let mixed = mix(url) { clip, _ in
                clip.gainDB = 3
                clip.fadeIn = ClipFade(duration: 15, curve: curve)
                clip.fadeOut = ClipFade(duration: 30, curve: curve)
            }
            let filters = "volume=3dB,afade=t=in:ss=0:ns=24000:curve=\(name),afade=t=out:ss=96000:ns=48000:curve=\(name)"
            assertMatches(mixed, try reference(url, filters), "\(curve.rawValue) against afade \(name)")
        }
        // Equal power is the quarter sine: the half sine (hsin) is a different curve.
        let equalPower = mix(url) { clip, _ in clip.fadeIn = ClipFade(duration: 15, curve: .equalPower) }
        let hsin = try reference(url, "afade=t=in:ss=0:ns=24000:curve=hsin")
        XCTAssertGreaterThan(abs(worstDifference(equalPower, hsin).dB), 1, "qsin, not hsin, is the equal-power curve")
    }
}
