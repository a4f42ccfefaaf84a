import Editor
import Foundation
import TimelineModel
import XCTest

/// Mix commands through command lines: clip gain, fades, track volume and pan, cross-fades and
/// volume keyframes, and the refusals that must leave the project as it was.
/// broll (600 frames with sound) frames 100…159 on V1 and A1 at record 0..<60, then interview 30…89 at 60..<120.
final class MixCommandTests: EditorCommandTestCase {
    var a1: Int { editor.timeline.trackIndex(named: "A1")! }

    func twoClips() {
        run("""
            source broll
            mark-in 00:00:03:10
            mark-out 00:00:05:09
            insert
            source interview
            mark-in 00:00:01:00
            mark-out 00:00:02:29
            insert
            """)
    }

    func soundClip(at frame: Int64) -> Clip { editor.timeline.clip(at: frame, track: a1)!.clip }

    func testClipGainFadesAndUndo() {
        twoClips()
        let id = soundClip(at: 10).id
        XCTAssertEqual(editor.run("clip-gain -6 \(id)").message, "clip gain -6 dB on \(id)")
        XCTAssertEqual(soundClip(at: 10).gainDB, -6)
        editor.run("clip-gain-nudge +1.5 \(id)")
        XCTAssertEqual(soundClip(at: 10).gainDB, -4.5)
        editor.run("fade-in 15 equal-power \(id)")
        editor.run("fade-out 1s logarithmic \(id)")
        XCTAssertEqual(soundClip(at: 10).fadeIn, ClipFade(duration: 15, curve: .equalPower))
        XCTAssertEqual(soundClip(at: 10).fadeOut, ClipFade(duration: 30, curve: .logarithmic))
        XCTAssertTrue(TimelineDump.text(editor.project).contains("gain -4.5dB fade-in 15 equal-power fade-out 30 logarithmic"))
        editor.run("undo")
        XCTAssertNil(soundClip(at: 10).fadeOut)
        editor.run("fade-in 0 \(id)")
        XCTAssertNil(soundClip(at: 10).fadeIn, "0 removes the fade")
        // Saved and reopened: the fields survive; a project without them opens with the defaults.
        let data = try! JSONEncoder().encode(editor.project)
        let back = try! JSONDecoder().decode(Project.self, from: data)
        XCTAssertEqual(back.timeline.clip(id)?.clip.gainDB, -4.5)
        let old = try! JSONDecoder().decode(Clip.self, from: Data(#"{"id":1,"name":"a","media":"m","source":{"start":0,"duration":5}}"#.utf8))
        XCTAssertNil(old.fadeIn); XCTAssertEqual(old.volumeKeyframes, []); XCTAssertEqual(old.gainDB, 0)
    }

    func testTrackVolumePanAndCrossfade() {
        twoClips()
        XCTAssertEqual(editor.run("track-volume -3 A1").message, "A1 volume -3 dB")
        XCTAssertEqual(editor.timeline.tracks[a1].volumeDB, -3)
        XCTAssertEqual(editor.run("track-pan L50 A1").message, "A1 pan L50")
        XCTAssertEqual(editor.timeline.tracks[a1].pan, -0.5)
        editor.run("track-pan 25")
        XCTAssertEqual(editor.timeline.tracks[a1].pan, 0.25, "the audio target by default")
        XCTAssertTrue(TimelineDump.text(editor.project).contains("A1 volume -3dB pan R25"))
        XCTAssertEqual(editor.run("track-volume-nudge +0.5").message, "A1 volume -2.5 dB")
        editor.run("track-volume-nudge -3 A1")
        editor.run("mute A2")
        XCTAssertEqual(editor.run("mixer").message, "*A1 -5.5 dB pan R25 | A2 0 dB pan C M")
        XCTAssertFalse(editor.runScript("track-volume-nudge +20 A1").ok, "past +12 dB")
        XCTAssertEqual(editor.timeline.tracks[a1].volumeDB, -5.5)
        editor.run("goto 00:00:02:00")
        XCTAssertTrue(editor.run("crossfade 10").message.hasPrefix("cross-fade 10f at"))
        let first = editor.timeline.tracks[a1].clips[0].clip
        XCTAssertEqual(first.transitionOut, Transition(kind: .dissolve, duration: 10))
        XCTAssertNil(editor.timeline.tracks[0].clips[0].clip.transitionOut, "the picture keeps its cut")
    }

    /// Each bad value is refused with a message naming it, and the project is byte-for-byte unchanged.
    func testBadValuesAreRefusedAndChangeNothing() throws {
        twoClips()
        let id = soundClip(at: 10).id
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let before = try encoder.encode(editor.project)
        let cases: [(String, String)] = [
            ("clip-gain nan \(id)", "is not a level in dB"),
            ("clip-gain 1e9 \(id)", "out of range"),
            ("clip-gain inf \(id)", "is not a level in dB"),
            ("clip-gain-nudge +60 \(id)", "out of range"),
            ("fade-in 61 \(id)", "longer than"),
            ("fade-in 40 \(id)\nfade-out 30 \(id)", "would overlap"),
            ("fade-out 10 sideways \(id)", "no fade curve"),
            ("fade-in -5 \(id)", "must not be negative"),
            ("track-volume -3 A9", "no track named A9"),
            ("track-volume 13 A1", "out of range"),
            ("track-volume -3 V1", "not an audio track"),
            ("track-pan 101 A1", "is not a pan"),
            ("track-pan nan A1", "is not a pan"),
            ("keyframe-add -6 00:00:03:00 linear \(id)", "outside"),
            ("keyframe-add 99 00:00:00:10 linear \(id)", "out of range"),
            ("keyframe-delete 00:00:00:10 \(id)", "no volume keyframe"),
            ("keyframe-add -6 00:00:00:10 wobbly \(id)", "curve must be one of linear, hold, ease"),
        ]
        for (script, expected) in cases {
            let (ok, messages) = editor.runScript(script)
            XCTAssertFalse(ok, script)
            XCTAssertTrue(messages.last?.contains(expected) == true, "\(script): \(messages.last ?? "")")
            XCTAssertEqual(try encoder.encode(editor.project), before, "\(script) changed the project")
        }
    }

    func testVolumeKeyframesAddMoveDeleteAndTravelWithTheClip() {
        twoClips()
        let id = soundClip(at: 10).id
        editor.run("goto 00:00:00:10")
        editor.run("keyframe-add 0 +0 linear \(id)")
        editor.run("keyframe-add -12 00:00:01:10 ease \(id)")
        // Clip units: broll's source starts at unit 100, so record 10 is unit 110 and 40 unit 140.
        XCTAssertEqual(soundClip(at: 10).volumeKeyframes, [VolumeKeyframe(frame: 110, gainDB: 0), VolumeKeyframe(frame: 140, gainDB: -12, curve: .ease)])
        XCTAssertTrue(TimelineDump.text(editor.project).contains("    keyframe 01:00:01:10 -12dB ease"))
        editor.run("keyframe-move 00:00:01:10 00:00:01:20 -20 \(id)")
        XCTAssertEqual(soundClip(at: 10).volumeKeyframes.last, VolumeKeyframe(frame: 150, gainDB: -20, curve: .ease))
        editor.run("keyframe-delete 00:00:00:10 \(id)")
        XCTAssertEqual(soundClip(at: 10).volumeKeyframes.map(\.frame), [150])
        editor.run("undo")
        XCTAssertEqual(soundClip(at: 10).volumeKeyframes.map(\.frame), [110, 150])
        // A razor through the clip keeps the level on both sides: both parts keep the keyframes,
        // the head fade stays left and the tail fade goes right.
        editor.run("fade-in 5 linear \(id)")
        editor.run("fade-out 5 linear \(id)")
        editor.run("goto 00:00:01:00")
        editor.run("razor")
        let left = soundClip(at: 10), right = soundClip(at: 45)
        XCTAssertEqual(left.volumeKeyframes.map(\.frame), [110, 150])
        XCTAssertEqual(right.volumeKeyframes.map(\.frame), [110, 150])
        XCTAssertNotNil(left.fadeIn); XCTAssertNil(left.fadeOut)
        XCTAssertNil(right.fadeIn); XCTAssertNotNil(right.fadeOut)
    }

    func testKeyframeCurves() {
        let keys = [VolumeKeyframe(frame: 0, gainDB: 0, curve: .linear), VolumeKeyframe(frame: 10, gainDB: -20, curve: .hold),
                    VolumeKeyframe(frame: 20, gainDB: 0, curve: .ease), VolumeKeyframe(frame: 30, gainDB: -10)]
        XCTAssertEqual(keys.gainDB(at: -5), 0)
        XCTAssertEqual(keys.gainDB(at: 5), -10, accuracy: 1e-9, "linear in dB halfway")
        XCTAssertEqual(keys.gainDB(at: 15), -20, "hold keeps the level")
        XCTAssertEqual(keys.gainDB(at: 19.99), -20)
        XCTAssertEqual(keys.gainDB(at: 25), -5, accuracy: 1e-9, "ease is symmetric at its middle")
        XCTAssertEqual(keys.gainDB(at: 22), -10 * (0.04 * 2.6), accuracy: 1e-9, "smoothstep 0.2 = 0.104")
        XCTAssertEqual(keys.gainDB(at: 99), -10)
    }
}
