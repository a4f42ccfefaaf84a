import Editor
import Foundation
import TimelineModel
import XCTest

/// Clean-up and master limiter through command lines: set, bypass, undo, saved and reopened,
/// and bad values refused with the project unchanged.
final class CleanupCommandTests: EditorCommandTestCase {
    var a1: Int { editor.timeline.trackIndex(named: "A1")! }

    func soundClip(at frame: Int64) -> Clip { editor.timeline.clip(at: frame, track: a1)!.clip }

    func oneClip() {
        run("""
            source broll
            mark-in 00:00:03:10
            mark-out 00:00:05:09
            insert
            """)
    }

    func testDenoiseHighpassBypassAndUndo() {
        oneClip()
        let id = soundClip(at: 10).id
        XCTAssertEqual(editor.run("denoise 18 \(id)").message, "noise reduction 18 dB on \(id)")
        XCTAssertEqual(editor.run("highpass \(id)").message, "high-pass at 80 Hz on \(id)", "80 Hz by default")
        XCTAssertEqual(soundClip(at: 10).cleanup, ClipCleanup(denoiseDB: 18, highpassHz: 80))
        XCTAssertEqual(editor.run("cleanup-bypass \(id)").message, "clean-up \(id) bypassed (high-pass 80 Hz, denoise 18 dB)")
        XCTAssertEqual(soundClip(at: 10).cleanup?.bypass, true)
        XCTAssertFalse(soundClip(at: 10).cleanup!.isActive)
        XCTAssertTrue(TimelineDump.text(editor.project).contains("highpass 80Hz denoise 18dB cleanup-bypassed"))
        editor.run("undo")
        XCTAssertEqual(soundClip(at: 10).cleanup?.bypass, false)
        // Saved and reopened: the settings survive; an older clip has none.
        let back = try! JSONDecoder().decode(Project.self, from: try! JSONEncoder().encode(editor.project))
        XCTAssertEqual(back.timeline.clip(id)?.clip.cleanup, ClipCleanup(denoiseDB: 18, highpassHz: 80))
        let old = try! JSONDecoder().decode(Clip.self, from: Data(#"{"id":1,"name":"a","media":"m","source":{"start":0,"duration":5}}"#.utf8))
        XCTAssertNil(old.cleanup)
        // Off for both removes the clean-up altogether.
        editor.run("denoise off \(id)")
        editor.run("highpass off \(id)")
        XCTAssertNil(soundClip(at: 10).cleanup)
    }

    func testBadValuesAreRefusedAndChangeNothing() {
        oneClip()
        let id = soundClip(at: 10).id
        editor.run("denoise 12 \(id)")
        let before = editor.project
        let cases: [(String, String)] = [
            ("denoise nan \(id)", "is not a noise reduction"), ("denoise 1e9 \(id)", "0.01 to 97 dB"),
            ("denoise 0 \(id)", "0.01 to 97 dB"), ("denoise loud \(id)", "is not a noise reduction"),
            ("highpass 5 \(id)", "10 to 20000 Hz"), ("highpass 30000 \(id)", "10 to 20000 Hz"),
            ("highpass inf \(id)", "is not a frequency"), ("cleanup-bypass maybe \(id)", "not on, off or toggle"),
            ("denoise 12 c999", "no clip c999"),
            ("master-limiter on 3", "-30 to 0 dB"), ("master-limiter on nan", "is not a level"),
            ("master-limiter maybe", "on, off"), ("master-limiter off -3", "a ceiling goes with on"),
        ]
        for (script, expected) in cases {
            let (ok, messages) = editor.runScript(script)
            XCTAssertFalse(ok, script)
            XCTAssertTrue(messages.last?.contains(expected) == true, "\(script): \(messages.last ?? "")")
            XCTAssertEqual(editor.project, before, "\(script) changed the project")
        }
    }

    func testBypassWithoutCleanupSaysSo() {
        oneClip()
        let id = soundClip(at: 10).id
        let (ok, messages) = editor.runScript("cleanup-bypass \(id)")
        XCTAssertFalse(ok)
        XCTAssertTrue(messages.last?.contains("no clean-up") == true, messages.last ?? "")
    }

    func testMasterLimiterOnOffAndRoundTrip() {
        oneClip()
        XCTAssertEqual(editor.run("master-limiter on -2").message, "master limiter on at -2 dB")
        XCTAssertEqual(editor.timeline.masterLimiter, MasterLimiter(ceilingDB: -2))
        XCTAssertTrue(TimelineDump.text(editor.project).contains("master-limiter -2dB"))
        let back = try! JSONDecoder().decode(Project.self, from: try! JSONEncoder().encode(editor.project))
        XCTAssertEqual(back.timeline.masterLimiter, MasterLimiter(ceilingDB: -2))
        editor.run("master-limiter off")
        XCTAssertNil(editor.timeline.masterLimiter)
        editor.run("undo")
        XCTAssertEqual(editor.timeline.masterLimiter?.ceilingDB, -2)
        editor.run("master-limiter off")
        editor.run("master-limiter on")
        XCTAssertEqual(editor.timeline.masterLimiter, MasterLimiter(ceilingDB: -1), "-1 dB by default")
        // Bare, as the keys bind it: toggles, keeping nothing of the old ceiling once off.
        editor.run("master-limiter")
        XCTAssertNil(editor.timeline.masterLimiter)
        XCTAssertEqual(editor.run("master-limiter").message, "master limiter on at -1 dB")
        XCTAssertEqual(editor.run("master-limiter toggle").message, "master limiter off")
    }

    func testAudioMappingAndChannelPick() {
        XCTAssertEqual(editor.run("audio-mapping mono-pairs").message, "audio mapping mono-pairs")
        XCTAssertEqual(editor.timeline.audioMapping, .monoPairs)
        XCTAssertTrue(TimelineDump.text(editor.project).contains("audio-mapping mono-pairs"))
        // broll is stereo: one insert puts its left on A1 and its right on A2, linked to the picture.
        oneClip()
        let a2 = editor.timeline.trackIndex(named: "A2")!
        XCTAssertEqual(soundClip(at: 10).channel, 0)
        XCTAssertEqual(editor.timeline.clip(at: 10, track: a2)?.clip.channel, 1)
        let id = soundClip(at: 10).id
        XCTAssertEqual(editor.run("audio-map 2 \(id)").message, "\(id) plays channel 2")
        XCTAssertEqual(soundClip(at: 10).channel, 1)
        let back = try! JSONDecoder().decode(Project.self, from: try! JSONEncoder().encode(editor.project))
        XCTAssertEqual(back.timeline.clip(id)?.clip.channel, 1)
        XCTAssertEqual(back.timeline.audioMapping, .monoPairs)
        editor.run("audio-map all \(id)")
        XCTAssertNil(soundClip(at: 10).channel)
        let before = editor.project
        for (script, expected) in [("audio-map 3 \(id)", "has 2 sound channels"), ("audio-map 0 \(id)", "is not a channel"),
                                   ("audio-mapping quad", "stereo, mono-pairs")] {
            let (ok, messages) = editor.runScript(script)
            XCTAssertFalse(ok, script)
            XCTAssertTrue(messages.last?.contains(expected) == true, "\(script): \(messages.last ?? "")")
            XCTAssertEqual(editor.project, before, "\(script) changed the project")
        }
    }
}
