import Editor
import Foundation
import TimelineModel
import XCTest

/// The `speed` command through command lines. 30 fps, record from 01:00:00:00; broll is 600
/// frames with sound. Expected rows worked out by hand from the unit mapping (unit u at speed s
/// shows media frame ⌊u·s⌋).
final class SpeedCommandTests: EditorCommandTestCase {
    /// V1's dump lines without the clip id and link.
    /// broll frames 100…159 (00:00:03:10 to 00:00:05:10) on V1 and A1 at record 0..<60.
    func insertBroll(from markIn: String = "00:00:03:10", to markOut: String = "00:00:05:09") {
        run("""
            source broll
            mark-in \(markIn)
            mark-out \(markOut)
            insert
            goto 00:00:00:10
            """)
    }

    func testSpeedsAndFreezeKeepTheFirstFrameAndTheRecordDurationAndUndo() {
        insertBroll()
        XCTAssertEqual(v1Rows(), ["01:00:00:00-01:00:02:00 broll.mp4 src 00:00:03:10-00:00:05:10"])
        let id = editor.timeline.clip(at: 10, track: 0)!.clip.id

        // 200%: units 50..<110 show frames 100, 102, … 218.
        XCTAssertEqual(editor.run("speed 200").message, "speed \(id) 200%")
        XCTAssertEqual(v1Rows(), ["01:00:00:00-01:00:02:00 broll.mp4 src 00:00:03:10-00:00:07:09 speed 200%"])
        XCTAssertEqual(editor.timeline.clip(id)?.clip.source, FrameRange(start: 50, duration: 60))
        XCTAssertEqual(editor.timeline.clip(id)?.clip.available, 300)
        XCTAssertEqual(editor.timeline.duration, 60, "nothing moves")

        XCTAssertEqual(editor.run("undo").message, "undo: speed \(id) 200%")
        XCTAssertEqual(v1Rows(), ["01:00:00:00-01:00:02:00 broll.mp4 src 00:00:03:10-00:00:05:10"])

        // 50%: units 200..<260 show frames 100, 100, 101, … 129.
        editor.run("speed 50 \(id)")
        XCTAssertEqual(v1Rows(), ["01:00:00:00-01:00:02:00 broll.mp4 src 00:00:03:10-00:00:04:10 speed 50%"])
        // 33.3%: 333/1000; unit ⌈100 / 0.333⌉ = 301 shows ⌊301 × 0.333⌋ = 100; unit 360 shows 119.
        editor.run("speed 33.3")
        XCTAssertEqual(v1Rows(), ["01:00:00:00-01:00:02:00 broll.mp4 src 00:00:03:10-00:00:04:00 speed 33.3%"])
        // Freeze: frame 100 held, unbounded.
        XCTAssertEqual(editor.run("speed freeze").message, "speed \(id) freeze 00:00:03:10")
        XCTAssertEqual(v1Rows(), ["01:00:00:00-01:00:02:00 broll.mp4 src 00:00:03:10-00:00:03:11 freeze 00:00:03:10"])
        XCTAssertNil(editor.timeline.clip(id)?.clip.available)
        // 100 clears it: back where we started.
        editor.run("speed 100")
        XCTAssertEqual(v1Rows(), ["01:00:00:00-01:00:02:00 broll.mp4 src 00:00:03:10-00:00:05:10"])
        XCTAssertNil(editor.timeline.clip(id)?.clip.speed)
        XCTAssertEqual(editor.timeline.validate(), [])
        // The linked sound stays at 100% (and the mix silences a speed clip; see RenderTests).
        XCTAssertNil(editor.timeline.clip(at: 10, track: editor.timeline.audioTracks[0])?.clip.speed)
    }

    func testSpeedNearTheMediaEndIsClampedAndSaysSoAndTooShortIsRefused() {
        // broll frames 540…599: the last 60.
        insertBroll(from: "00:00:18:00", to: "00:00:19:29")
        // 200% from frame 540 would need frames up to 658; the media holds 300 units, so the
        // clip starts at unit 240 = frame 480 (00:00:16:00) and ends on frame 598.
        let out = editor.run("speed 200")
        XCTAssertTrue(out.message.contains("clamped to the media: broll.mp4 now starts at media frame 480 instead of 540"), out.message)
        XCTAssertEqual(v1Rows(), ["01:00:00:00-01:00:02:00 broll.mp4 src 00:00:16:00-00:00:19:29 speed 200%"])
        // 1100%: 600 frames hold ⌈600 / 11⌉ = 55 units, fewer than the 60 record frames.
        let refused = editor.execute("speed 1100")
        XCTAssertTrue(refused.isError)
        XCTAssertTrue(refused.message.contains("needs 60 frames of media time but its media holds 55"), refused.message)
        XCTAssertTrue(editor.execute("speed 0").isError)
        XCTAssertTrue(editor.execute("speed fast").isError)
        XCTAssertEqual(v1Rows(), ["01:00:00:00-01:00:02:00 broll.mp4 src 00:00:16:00-00:00:19:29 speed 200%"], "refusals change nothing")
    }
}

/// `speed … blend=on|off`: frame blending for slow motion, shown in dump, undone, kept when
/// only the speed changes.
final class FrameBlendCommandTests: EditorCommandTestCase {
    func testBlendIsSetShownKeptAndCleared() {
        insertBrollCut()
        let id = editor.timeline.clip(at: 10, track: 0)!.clip.id
        XCTAssertEqual(editor.run("speed 50 blend=on").message, "speed \(id) 50% blend=on")
        XCTAssertEqual(v1Rows(), ["01:00:00:00-01:00:02:00 broll.mp4 src 00:00:03:10-00:00:04:10 speed 50% blend"])
        XCTAssertEqual(editor.timeline.clip(id)?.clip.speed?.frameBlend, true)
        // The linked sound takes the speed, not the blending (which mixes pictures).
        XCTAssertEqual(rows("A1").map { $0.components(separatedBy: " link ").first! },
                       ["01:00:00:00-01:00:02:00 broll.mp4 src 00:00:03:10-00:00:04:10 speed 50%"])
        // A new speed keeps blending; blend=off takes it away; undo brings it back.
        editor.run("speed 33.3")
        XCTAssertEqual(v1Rows(), ["01:00:00:00-01:00:02:00 broll.mp4 src 00:00:03:10-00:00:04:00 speed 33.3% blend"])
        editor.run("speed 33.3 blend=off")
        XCTAssertEqual(editor.timeline.clip(id)?.clip.speed?.frameBlend, false)
        XCTAssertEqual(v1Rows(), ["01:00:00:00-01:00:02:00 broll.mp4 src 00:00:03:10-00:00:04:00 speed 33.3%"])
        editor.run("undo")
        XCTAssertEqual(editor.timeline.clip(id)?.clip.speed?.frameBlend, true)
        // Reverse keeps it too.
        editor.run("speed -50")
        XCTAssertEqual(editor.timeline.clip(id)?.clip.speed?.frameBlend, true)
        XCTAssertTrue(editor.timeline.clip(id)?.clip.speed?.isReversed == true)
        // A freeze has nothing to blend; a bad value is refused; neither changes the clip.
        let before = editor.timeline
        XCTAssertTrue(editor.execute("speed freeze blend=on").isError)
        XCTAssertTrue(editor.execute("speed 50 blend=maybe").isError)
        XCTAssertEqual(editor.timeline, before)
        XCTAssertEqual(editor.timeline.validate(), [])
    }
}
