import Foundation
import Media
import Render
import TimelineModel
import XCTest

/// Sources as recorded: with the mono mapping a 2-channel file with 440 Hz on the left and
/// 660 Hz on the right lands as two mono clips on A1 and A2, and each track plays only its own
/// tone (measured per track with a Goertzel filter at each frequency); a 4-channel file needs
/// four audio tracks; the stereo mapping keeps one clip.
final class ChannelMappingTests: XCTestCase {
    func tones(_ folder: URL, channels: Int) throws -> URL {
        let url = folder.appendingPathComponent("tones\(channels).wav")
        let frequencies = [440, 660, 880, 1_100].prefix(channels)
        let expression = frequencies.map { "0.5*sin(2*PI*\($0)*t)" }.joined(separator: "|")
        try Generated.ffmpeg(["-f", "lavfi", "-i", "aevalsrc=\(expression):s=48000:d=2", "-c:a", "pcm_f32le", url.path])
        return url
    }

    /// The level in dBFS (of a sine's peak) of `frequency` in the left channel of stereo samples.
    func toneLevel(_ samples: [Float], _ frequency: Double) -> Double {
        let n = samples.count / 2
        let w = 2 * Double.pi * frequency / 48_000
        var s1 = 0.0, s2 = 0.0
        for i in 0..<n {
            let s = Double(samples[i * 2]) + 2 * cos(w) * s1 - s2
            s2 = s1; s1 = s
        }
        let power = s1 * s1 + s2 * s2 - 2 * cos(w) * s1 * s2
        return 20 * log10(max(2 * sqrt(power) / Double(n), 1e-12))
    }

    func timeline(tracks: Int, mapping: AudioMapping?) -> Timeline {
        var t = Timeline(name: "T", rate: .fps30, tracks: [Track(kind: .video, name: "V1")] + (1...tracks).map { Track(kind: .audio, name: "A\($0)") })
        t.audioMapping = mapping
        return t
    }

    func media(_ url: URL, channels: Int) -> MediaReference {
        var m = Fixture.media("tones", path: url.path, frames: 60, audio: true)
        m.video = nil
        m.audio?.channels = channels
        return m
    }

    func testStereoSourceLandsAsTwoMonoClipsEachPlayingItsTone() throws {
        let url = try tones(try Generated.folder(self), channels: 2)
        let reference = media(url, channels: 2)
        var t = timeline(tracks: 2, mapping: .monoPairs)
        let outcome = try t.insert(EditSource(reference, rate: .fps30), at: 0, patch: SourcePatch(video: nil, audio: 1))
        XCTAssertEqual(outcome.created.count, 2)
        let a1 = t.tracks[1].clips.map(\.clip), a2 = t.tracks[2].clips.map(\.clip)
        XCTAssertEqual(a1.map(\.channel), [0]); XCTAssertEqual(a2.map(\.channel), [1])
        XCTAssertNotNil(a1[0].link); XCTAssertEqual(a1[0].link, a2[0].link, "the two halves of one recording move together")

        var project = Project(name: "t", media: [reference])
        project.timeline = t
        let pool = MediaPool(audio: { r throws(MediaError) in try AudioSource(url: URL(fileURLWithPath: r.path)) }, audioDelay: { _ in 0 })
        let renderer = TimelineRenderer(project: project, pool: pool)
        renderer.tapsTracks = true
        let mix = renderer.sound(from: 0, count: 48_000)
        let left1 = renderer.trackSound[1]!, left2 = renderer.trackSound[2]!
        XCTAssertEqual(toneLevel(left1, 440), -6.02, accuracy: 0.1, "A1 plays the left channel's 440 Hz")
        XCTAssertLessThan(toneLevel(left1, 660), -60, "A1 has none of the right channel")
        XCTAssertEqual(toneLevel(left2, 660), -6.02, accuracy: 0.1, "A2 plays the right channel's 660 Hz")
        XCTAssertLessThan(toneLevel(left2, 440), -60, "A2 has none of the left channel")
        // Both sides of the mix hear both tracks (mono clips sit in the centre until panned).
        XCTAssertEqual(toneLevel(mix, 660), -6.02, accuracy: 0.1)

        // The stereo mapping keeps one clip with every channel.
        var stereo = timeline(tracks: 2, mapping: nil)
        _ = try stereo.insert(EditSource(reference, rate: .fps30), at: 0, patch: SourcePatch(video: nil, audio: 1))
        XCTAssertEqual(stereo.tracks[1].clips.map(\.clip.channel), [nil])
        XCTAssertTrue(stereo.tracks[2].clips.isEmpty)
    }

    func testFourMicsNeedFourTracksAndMapInOrder() throws {
        let url = try tones(try Generated.folder(self), channels: 4)
        let reference = media(url, channels: 4)
        var short = timeline(tracks: 3, mapping: .monoPairs)
        let before = short
        XCTAssertThrowsError(try short.insert(EditSource(reference, rate: .fps30), at: 0, patch: SourcePatch(video: nil, audio: 1))) { error in
            XCTAssertTrue("\(error)".contains("4 sound channels"), "\(error)")
        }
        XCTAssertEqual(short, before, "a refused edit changes nothing")
        var t = timeline(tracks: 4, mapping: .monoPairs)
        _ = try t.insert(EditSource(reference, rate: .fps30), at: 0, patch: SourcePatch(video: nil, audio: 1))
        XCTAssertEqual((1...4).map { t.tracks[$0].clips.first?.clip.channel }, [0, 1, 2, 3])
        var project = Project(name: "t", media: [reference])
        project.timeline = t
        let pool = MediaPool(audio: { r throws(MediaError) in try AudioSource(url: URL(fileURLWithPath: r.path)) }, audioDelay: { _ in 0 })
        let renderer = TimelineRenderer(project: project, pool: pool)
        renderer.tapsTracks = true
        _ = renderer.sound(from: 0, count: 48_000)
        for (k, frequency) in [440.0, 660, 880, 1_100].enumerated() {
            XCTAssertEqual(toneLevel(renderer.trackSound[k + 1]!, frequency), -6.02, accuracy: 0.1, "A\(k + 1) at \(frequency) Hz")
        }
    }
}
