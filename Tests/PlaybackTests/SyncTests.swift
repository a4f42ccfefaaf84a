import Foundation
import Media
@testable import Playback
import Render
import TimelineModel
import XCTest

/// A/V sync measured on what really left the player: the sound SDL's disk driver wrote (the
/// samples handed to the device) against the moments frames were put on screen.
final class SyncTests: XCTestCase {
    /// V1 shows a white flash on every 30th frame of flash.mp4; A1 a 50 ms 1 kHz beep each
    /// second of beep.f32 (raw 48 kHz stereo). Placed from different in-points so that both
    /// land on record frames 15, 45, 75 …: V1 = gap 15 + flash from 0; A1 = gap 5 + beep from
    /// frame 20 (its beep at 1 s, source frame 30, lands on record 5 + 10 = 15).
    private func flashAndBeep(_ folder: URL, seconds: Int) throws -> Project {
        let flash = folder.appendingPathComponent("flash.mp4")
        try PlaybackFixture.ffmpeg(["-f", "lavfi", "-i", "color=c=black:s=160x90:r=30:d=\(seconds + 2)",
                                    "-vf", "geq=lum='if(eq(mod(N\\,30)\\,0)\\,235\\,16)':cb=128:cr=128",
                                    "-c:v", "libx264", "-preset", "ultrafast", "-g", "30", "-pix_fmt", "yuv420p", flash.path])
        let beep = folder.appendingPathComponent("beep.f32")
        try PlaybackFixture.ffmpeg(["-f", "lavfi", "-i", "sine=frequency=1000:sample_rate=48000:duration=\(seconds + 2)",
                                    "-af", "volume=enable='gte(mod(t\\,1)\\,0.05)':volume=0", "-ac", "2", "-f", "f32le", beep.path])
        let frames = Int64(seconds * 30)
        var project = Project(name: "sync", media: [
            PlaybackFixture.media("flash", url: flash, frames: frames + 60, width: 160, height: 90),
            PlaybackFixture.media("beep", url: beep, frames: frames + 60, width: 0, audio: true),
        ])
        project.timeline = Timeline(name: "T", rate: .fps30, tracks: [
            Track(kind: .video, name: "V1", items: ItemList([.gap(15), PlaybackFixture.clip(1, "flash", from: 0, frames: frames)])),
            Track(kind: .audio, name: "A1", items: ItemList([.gap(5), PlaybackFixture.clip(2, "beep", from: 20, frames: frames + 10)])),
        ])
        return project
    }

    /// Device frames (stereo samples since the device opened) where a beep starts after silence.
    private func beepOnsets(_ url: URL) throws -> [Int64] {
        let data = try Data(contentsOf: url)
        let samples = data.withUnsafeBytes { Array($0.bindMemory(to: Float.self)) }
        var onsets: [Int64] = []
        var quiet = Int64.max / 2
        for frame in 0..<(samples.count / 2) {
            if abs(samples[frame * 2]) > 0.05 {
                if quiet >= 4800 { onsets.append(Int64(frame)) }
                quiet = 0
            } else {
                quiet += 1
            }
        }
        return onsets
    }

    func testEveryBeepIsWithinOneFrameOfItsFlash() throws {
        let folder = try PlaybackFixture.folder(self)
        let seconds = 20
        let project = try flashAndBeep(folder, seconds: seconds)
        let capture = folder.appendingPathComponent("heard.f32")
        var options = PlaybackFixture.options(width: 160, height: 90, audioDriver: "disk", diskFile: capture)
        options.logTiming = true
        let engine = PlaybackEngine(options: options)
        XCTAssertNil(engine.audioMessage, "the disk audio driver opened")
        engine.load(project)
        engine.seek(0)
        PlaybackFixture.pump(engine, for: 5) { engine.displayedFrame == 0 }
        engine.audioFeed.setLogging(true)
        _ = engine.takeTimingLog()
        engine.play(range: 0..<Int64(seconds * 30 + 10))
        XCTAssertTrue(PlaybackFixture.pump(engine, for: Double(seconds) + 10) { !engine.isPlaying }, "the play ends")
        let presented = engine.takeTimingLog()
        let callbacks = engine.audioFeed.takeLog()
        let statistics = engine.statistics
        engine.close()  // flushes and closes the disk file

        let onsets = try beepOnsets(capture)
        let flashes = stride(from: Int64(15), to: Int64(seconds * 30), by: 30).map { $0 }
        XCTAssertEqual(onsets.count, flashes.count, "one beep per flash in what the device got")
        // Device frame → host time: the callback that handed it over, plus its place in the buffer
        // (the disk driver consumes a buffer from the moment it is handed over).
        func hostTime(ofDeviceFrame frame: Int64) -> Double? {
            guard let callback = callbacks.last(where: { $0.deviceFrame <= frame }), frame - callback.deviceFrame < 960 else { return nil }
            return Double(callback.host) / 1e9 + Double(frame - callback.deviceFrame) / 48_000
        }
        var worst = 0.0
        for (index, frame) in flashes.enumerated() where index < onsets.count {
            guard let shown = presented.first(where: { $0.frame == frame }) else {
                XCTFail("flash frame \(frame) was not presented (dropped)")
                continue
            }
            guard let heard = hostTime(ofDeviceFrame: onsets[index]) else {
                XCTFail("no callback handed over device frame \(onsets[index])")
                continue
            }
            let offset = Double(shown.host) / 1e9 - heard
            worst = max(worst, abs(offset))
            XCTAssertLessThanOrEqual(abs(offset), 1.0 / 30, "flash at frame \(frame) vs its beep: \(Int(offset * 1000)) ms")
        }
        print("sync: \(flashes.count) flashes, worst |offset| \(String(format: "%.1f", worst * 1000)) ms, presented \(statistics.framesPresented), dropped \(statistics.framesDropped)")
    }

    /// At 2x the sound is the mix through atempo: the beeps of timeline seconds 0.5, 1.5, 2.5 …
    /// come every half second of device time (the timeline runs twice as fast), each still heard.
    func testSoundAtTwiceSpeedIsPitchCorrectedNotMuted() throws {
        let folder = try PlaybackFixture.folder(self)
        let project = try flashAndBeep(folder, seconds: 4)
        let capture = folder.appendingPathComponent("fast.f32")
        let engine = PlaybackEngine(options: PlaybackFixture.options(width: 160, height: 90, audioDriver: "disk", diskFile: capture))
        engine.load(project)
        engine.seek(0)
        PlaybackFixture.pump(engine, for: 5) { engine.displayedFrame == 0 }
        engine.play(speed: PlaySpeed(2))
        XCTAssertTrue(PlaybackFixture.pump(engine, for: 6) { !engine.isPlaying }, "4 s at 2x ends")
        XCTAssertGreaterThan(engine.statistics.framesPresented, 20)
        engine.close()
        let data = try Data(contentsOf: capture)
        XCTAssertGreaterThan(data.count, 48_000 * 8, "the device ran for the play")
        let onsets = try beepOnsets(capture)
        XCTAssertGreaterThanOrEqual(onsets.count, 3, "beeps heard at 2x: \(onsets)")
        for (a, b) in zip(onsets, onsets.dropFirst()) {
            XCTAssertEqual(Double(b - a), 24_000, accuracy: 960, "one beep per timeline second is one per half second at 2x: \(onsets)")
        }
    }
}
