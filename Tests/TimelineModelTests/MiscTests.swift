import XCTest
@testable import TimelineModel

/// Move, nudge, transitions, markers, tracks, queries, snapping, validation, Codable.
final class MiscTests: XCTestCase {
    func three() -> Timeline {
        makeTimeline([("V1", [c("A", 0, 30), c("B", 0, 20), c("C", 0, 20)]), ("V2", []), ("A1", [c("x", 0, 5)])])
    }

    func testNudge() throws {
        var t = three()
        let out = try t.nudge(clips: [id(t, "B")], by: 5)
        // B leaves a gap and overwrites the first 5 frames of C.
        XCTAssertEqual(describe(t, 0), "A@0-30[0-30] _30-35 B@35-55[0-20] C@55-70[5-20]")
        XCTAssertEqual(out.applied, 5)
        assertValid(t)
        var u = three()
        let back = try u.nudge(clips: [id(u, "B")], by: -40)
        XCTAssertEqual(back.applied, -30)
        XCTAssertTrue(back.notes[0].contains("start of the sequence"))
        XCTAssertEqual(describe(u, 0), "B@0-20[0-20] A@20-30[20-30] _30-50 C@50-70[0-20]")
        assertValid(u)
    }

    func testMoveOverwriteAndInsert() throws {
        var t = three()
        _ = try t.move(clip: id(t, "B"), toTrack: 0, at: 60, mode: .overwrite)
        XCTAssertEqual(describe(t, 0), "A@0-30[0-30] _30-50 C@50-60[0-10] B@60-80[0-20]")
        assertValid(t)
        var u = three()
        _ = try u.move(clip: id(u, "C"), toTrack: 0, at: 0, mode: .insert)
        XCTAssertEqual(describe(u, 0), "C@0-20[0-20] A@20-50[0-30] B@50-70[0-20]")
        var w = three()
        _ = try w.move(clip: id(w, "B"), toTrack: 1, at: 10, mode: .overwrite)
        XCTAssertEqual(describe(w, 0), "A@0-30[0-30] _30-50 C@50-70[0-20]")
        XCTAssertEqual(describe(w, 1), "_0-10 B@10-30[0-20]")
        // Insert into the middle of A on the same track: A is cut, its right part keeps the out.
        var z = three()
        _ = try z.move(clip: id(z, "C"), toTrack: 0, at: 10, mode: .insert)
        XCTAssertEqual(describe(z, 0), "A@0-10[0-10] C@10-30[0-20] A@30-50[10-30] B@50-70[0-20]")
        assertValid(z)
        assertRefused(&z, .wrongTrackKind) { t throws(EditError) in _ = try t.move(clip: id(t, "B"), toTrack: 2, at: 0, mode: .overwrite) }
        assertRefused(&z, .invalidRange) { t throws(EditError) in _ = try t.move(clip: id(t, "B"), toTrack: 0, at: -1, mode: .overwrite) }
    }

    func testTransitionsClampAndRefuse() throws {
        // A: src 10-40 of 50 (tail handle 10); B: src 5-25 of 30 (head handle 5).
        var t = makeTimeline([("V1", [c("A", 10, 40, avail: 50), c("B", 5, 25, avail: 30), g(5), c("C", 0, 10)])])
        let out = try t.addTransition(track: 0, at: 30, kind: .dissolve, duration: 20, alignment: .centered)
        // Before the cut at most 5 (B's head), after at most 10 (A's tail): 2·5+1 = 11 frames, 5 before, 6 after.
        XCTAssertEqual(out.applied, 11)
        let tr = clip(t, "A").transitionOut!
        XCTAssertEqual(tr.duration, 11); XCTAssertEqual(tr.inOffset, 5); XCTAssertEqual(tr.outOffset, 6)
        XCTAssertEqual(out.notes.count, 1)
        assertValid(t)
        var e = makeTimeline([("V1", [c("A", 10, 40, avail: 50), c("B", 5, 25, avail: 30)])])
        _ = try e.addTransition(track: 0, at: 30, kind: .wipe, duration: 20, alignment: .endAtCut)
        XCTAssertEqual(clip(e, "A").transitionOut?.duration, 5)
        assertRefused(&t, .invalidRange) { t throws(EditError) in _ = try t.addTransition(track: 0, at: 50, kind: .dissolve, duration: 4, alignment: .centered) } // next to a gap
        assertRefused(&t, .invalidRange) { t throws(EditError) in _ = try t.addTransition(track: 0, at: 65, kind: .dissolve, duration: 4, alignment: .centered) } // track end
        assertRefused(&t, .invalidRange) { t throws(EditError) in _ = try t.addTransition(track: 0, at: 12, kind: .dissolve, duration: 4, alignment: .centered) } // not a cut
        var n = makeTimeline([("V1", [c("A", 0, 10, avail: 10), c("B", 0, 10)])])
        assertRefused(&n, .outsideMedia) { t throws(EditError) in _ = try t.addTransition(track: 0, at: 10, kind: .dissolve, duration: 4, alignment: .centered) }
        try t.removeTransition(track: 0, at: 30)
        XCTAssertNil(clip(t, "A").transitionOut)
        assertRefused(&t, .invalidArgument) { t throws(EditError) in try t.removeTransition(track: 0, at: 30) }
    }

    func testEditsRemoveTransitionsAtCutsTheyChange() throws {
        var t = makeTimeline([("V1", [c("A", 10, 40), c("B", 10, 30)])])
        _ = try t.addTransition(track: 0, at: 30, kind: .dissolve, duration: 4, alignment: .centered)
        let out = try t.insert(source("N", 0, 5, audio: false), at: 30, patch: SourcePatch(video: 0))
        XCTAssertNil(clip(t, "A").transitionOut)
        XCTAssertTrue(out.notes.contains { $0.hasPrefix("removed the dissolve") }, "\(out.notes)")
        assertValid(t)
    }

    func testMarkers() throws {
        var t = three()
        t.addMarker(Marker(frame: 20, name: "b"))
        t.addMarker(Marker(frame: 10, name: "a"))
        XCTAssertEqual(t.addMarker(Marker(frame: 20, name: "B"))?.name, "b")
        XCTAssertEqual(t.markers.map(\.name), ["a", "B"])
        try t.renameMarker(at: 10, to: "first")
        try t.removeMarker(at: 20)
        XCTAssertEqual(t.markers.map(\.name), ["first"])
        assertRefused(&t, .invalidArgument) { t throws(EditError) in try t.removeMarker(at: 99) }
        let a = id(t, "A")
        try t.addClipMarker(clip: a, Marker(frame: 12, name: "m"))
        try t.renameClipMarker(clip: a, at: 12, to: "n")
        XCTAssertEqual(t.clip(a)?.clip.markers.map(\.name), ["n"])
        try t.removeClipMarker(clip: a, at: 12)
        XCTAssertEqual(t.clip(a)?.clip.markers, [])
        try t.setLocked(track: 0, true)
        assertRefused(&t, .lockedTrack) { t throws(EditError) in try t.addClipMarker(clip: a, Marker(frame: 1, name: "x")) }
    }

    func testTracks() throws {
        var t = Timeline() // V1, A1, A2
        XCTAssertEqual(t.addTrack(kind: .video), 1)
        XCTAssertEqual(t.tracks.map(\.name), ["V1", "V2", "A1", "A2"])
        XCTAssertEqual(t.addTrack(kind: .audio), 4)
        XCTAssertEqual(t.addTrack(kind: .subtitle), 5)
        XCTAssertEqual(t.tracks.map(\.name), ["V1", "V2", "A1", "A2", "A3", "S1"])
        try t.removeTrack(1)
        XCTAssertEqual(t.addTrack(kind: .video), 1)
        XCTAssertEqual(t.tracks[1].name, "V2")
        try t.setLocked(track: 1, true)
        assertRefused(&t, .lockedTrack) { t throws(EditError) in try t.removeTrack(1) }
        assertRefused(&t, .noSuchTrack) { t throws(EditError) in try t.setMuted(track: 17, true) }
        try t.setSolo(track: 2, true); try t.setMuted(track: 3, true); try t.setSyncLocked(track: 3, false)
        XCTAssertTrue(t.tracks[2].solo); XCTAssertTrue(t.tracks[3].muted); XCTAssertFalse(t.tracks[3].syncLocked)
    }

    func testQueries() throws {
        let t = makeTimeline([("V1", [c("A", 10, 40), g(5), c("B", 0, 20)]), ("A1", [c("a", 0, 12)])])
        let m = t.matchFrame(at: 7, track: 0)!
        XCTAssertEqual(m.sourceFrame, 17); XCTAssertEqual(m.media, MediaID("a")); XCTAssertEqual(m.clip, id(t, "A"))
        XCTAssertNil(t.matchFrame(at: 32, track: 0)) // gap
        XCTAssertEqual(t.clip(at: 40, track: 0)?.record, FrameRange(start: 35, end: 55))
        XCTAssertNil(t.clip(at: 55, track: 0))
        XCTAssertEqual(t.editPoints(near: 20, tracks: [0, 1]), [12, 30])
        XCTAssertEqual(t.editPoints(near: 30, tracks: [0]), [0, 35])
        XCTAssertEqual(t.editPoints(near: 0, tracks: [0]), [30])
        XCTAssertEqual(t.editPoints(near: 70, tracks: [0]), [55])
        XCTAssertEqual(t.find(id(t, "B"))?.record, FrameRange(start: 35, end: 55))
    }

    func testSnapping() {
        var t = makeTimeline([("V1", [c("A", 0, 30), g(5), c("B", 0, 20)]), ("A1", [c("a", 0, 12)])])
        t.markIn = 40; t.markOut = 44
        t.addMarker(Marker(frame: 50, name: "m"))
        XCTAssertEqual(t.snapTargets(playhead: 3, excluding: []), [0, 3, 12, 30, 35, 40, 45, 50, 55])
        XCTAssertEqual(t.snapTargets(playhead: 3, excluding: [id(t, "B")]), [0, 3, 12, 30, 40, 45, 50])
        XCTAssertEqual(t.snap(28, within: 3, playhead: 3, excluding: []), 30)
        XCTAssertEqual(t.snap(20, within: 3, playhead: 3, excluding: []), 20)
        XCTAssertEqual(t.snap(33, within: 3, playhead: 3, excluding: []), 35) // 35 is 2 away, 30 is 3 away
        XCTAssertEqual(t.snapTargets(playhead: 3, excluding: [], in: FrameRange(start: 25, end: 41)), [30, 35, 40])
    }

    func testValidateFindsProblems() {
        var t = makeTimeline([("V1", [c("A", 10, 40, avail: 30), g(3), g(2), c("B", 0, 20), g(4)])])
        t.nextID = 1
        let problems = t.validate()
        XCTAssertTrue(problems.contains { $0.contains("outside its media") }, "\(problems)")
        XCTAssertTrue(problems.contains { $0.contains("two gaps side by side") })
        XCTAssertTrue(problems.contains { $0.contains("gap at the end") })
        XCTAssertTrue(problems.contains { $0.contains("nextID") })
        XCTAssertEqual(t.validate(offline: [MediaID("a")]).filter { $0.contains("outside its media") }, [])
        t.normalise()
        XCTAssertEqual(describe(t, 0), "A@0-30[10-40] _30-35 B@35-55[0-20]")
        XCTAssertEqual(t.validate().filter { !$0.contains("outside its media") }, [])
    }

    func testCodableRoundTrip() throws {
        var t = makeTimeline([("V1", [c("A", 10, 40, link: 1), c("B", 0, 20)]), ("A1", [c("a", 10, 40, link: 1)])])
        _ = try t.addTransition(track: 0, at: 30, kind: .wipe, duration: 6, alignment: .startAtCut)
        try t.addClipMarker(clip: id(t, "A"), Marker(frame: 12, name: "m", color: .blue))
        t.addMarker(Marker(frame: 3, name: "t", duration: 4))
        t.markIn = 2; t.markOut = 9
        let data = try JSONEncoder().encode(t)
        XCTAssertEqual(try JSONDecoder().decode(Timeline.self, from: data), t)
    }
}

final class LockedTrackTests: XCTestCase {
    /// Every edit that would change a locked track refuses with `.lockedTrack`, says which track,
    /// and changes nothing.
    func testEveryEditRefusesOnALockedTrack() throws {
        var t = makeTimeline([("V1", [c("A", 10, 40, link: 1), c("B", 10, 30), c("C", 10, 30)]), ("A1", [c("a", 10, 40, link: 1)])])
        _ = try t.addTransition(track: 0, at: 50, kind: .dissolve, duration: 2, alignment: .centered)
        try t.setLocked(track: 0, true)
        let a = id(t, "A"), b = id(t, "B"), linkedAudio = id(t, "a")
        let edits: [(String, (inout Timeline) throws(EditError) -> Void)] = [
            ("insert", { t throws(EditError) in _ = try t.insert(source("N", 0, 5), at: 3, patch: SourcePatch(video: 0)) }),
            ("overwrite", { t throws(EditError) in _ = try t.overwrite(source("N", 0, 5), at: 3, patch: SourcePatch(video: 0)) }),
            ("replace", { t throws(EditError) in _ = try t.replace(clip: b, with: source("N", 0, 5), sourceFrame: 50, at: 30) }),
            ("lift", { t throws(EditError) in _ = try t.lift(FrameRange(start: 0, end: 5), tracks: [0]) }),
            ("extract", { t throws(EditError) in _ = try t.extract(FrameRange(start: 0, end: 5), tracks: [1, 0]) }),
            ("razor", { t throws(EditError) in _ = try t.razor(at: 5, tracks: [0]) }),
            ("rippleDelete linked", { t throws(EditError) in _ = try t.rippleDelete(clip: linkedAudio) }),
            ("trim", { t throws(EditError) in _ = try t.trim([EditPoint(track: 0, frame: 30, side: .tail)], by: 1) }),
            ("extend", { t throws(EditError) in _ = try t.extendEdit([EditPoint(track: 0, frame: 30, side: .both)], to: 32) }),
            ("slip linked", { t throws(EditError) in _ = try t.slip(clip: linkedAudio, by: 1) }),
            ("slide", { t throws(EditError) in _ = try t.slide(clip: b, by: 1) }),
            ("move", { t throws(EditError) in _ = try t.move(clip: b, toTrack: 0, at: 60, mode: .overwrite) }),
            ("nudge", { t throws(EditError) in _ = try t.nudge(clips: [a], by: 1) }),
            ("enable", { t throws(EditError) in try t.setEnabled(clip: b, false) }),
            ("transition", { t throws(EditError) in _ = try t.addTransition(track: 0, at: 30, kind: .dip, duration: 2, alignment: .centered) }),
            ("remove transition", { t throws(EditError) in try t.removeTransition(track: 0, at: 50) }),
            ("remove track", { t throws(EditError) in try t.removeTrack(0) }),
        ]
        for (name, edit) in edits {
            let before = t
            do {
                try edit(&t)
                XCTFail("\(name) was made on a locked track")
            } catch {
                XCTAssertEqual(error.reason, .lockedTrack, "\(name): \(error.message)")
                XCTAssertEqual(error.message, "V1 is locked", name)
            }
            XCTAssertEqual(t, before, name)
        }
        // Unlocking restores editing; a locked track that is only sync-locked is skipped, not refused.
        try t.setLocked(track: 0, false)
        try t.setLocked(track: 1, true)
        let out = try t.insert(source("N", 0, 5, audio: false), at: 3, patch: SourcePatch(video: 0))
        XCTAssertTrue(out.notes.contains { $0.hasPrefix("A1 is locked") }, "\(out.notes)")
        XCTAssertEqual(describe(t, 1), "a@0-30[10-40]")
    }
}
