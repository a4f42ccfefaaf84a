import Foundation
import XCTest
import TimelineModel
@testable import Interchange

final class EDLTests: XCTestCase {
    /// python-edl's test_25.edl, worked out by hand at 25 fps (record starts at 00:00:00:00).
    func testReadsDissolvesWipesChannelsAndSpeedFromPythonEDL() throws {
        let file = Corpus.root.appendingPathComponent("edl/python-edl/test_25.edl")
        try CorpusFolder.require(file)
        let r = try CMX3600.read(try Data(contentsOf: file), rate: nil, name: "test_25.edl")
        let t = r.project.timeline
        XCTAssertEqual(t.rate, .fps25)
        XCTAssertEqual(t.startTimecode, 0)
        XCTAssertEqual(t.tracks.map(\.name), ["V1", "A1", "A2", "A3", "A4"])
        let v1 = t.tracks[0].clips
        // 001 Jellyfish.jpg rec 00:00:00:00–00:00:59:24 = [0, 1499); 004 Test rename rec 00:01:30:00 (2250) – 00:01:54:17 (2867);
        // 005 dissolve 70 frames into Jellyfish.jpg at 2867 until 00:02:01:10 (3035).
        XCTAssertEqual(v1[0].clip.name, "Jellyfish.jpg")
        XCTAssertEqual(v1[0].record, FrameRange(start: 0, end: 1499))
        let renamed = v1.first { $0.record.start == 2250 }
        XCTAssertEqual(renamed?.clip.name, "Test rename")
        XCTAssertEqual(renamed?.record.end, 2867)
        XCTAssertEqual(renamed?.clip.transitionOut, Transition(kind: .dissolve, duration: 70, alignment: .startAtCut))
        let incoming = v1.first { $0.record.start == 2867 }
        XCTAssertEqual(incoming?.clip.name, "Jellyfish.jpg")
        XCTAssertEqual(incoming?.record.end, 3035)
        // 00:59:58:21 at 25 fps = 3599 s × 25 − 25 + … = 89971 frames of source timecode.
        let jelly = r.project.mediaReference(incoming!.clip.media)!
        XCTAssertEqual(jelly.startTimecode + incoming!.clip.source.start, 89_971)
        // 007: a wipe (W001 025) from Test rename into black on A1 and A2; black is empty record time.
        for a in [1, 2] {
            let clips = t.tracks[a].clips
            let out = clips.first { $0.record.end == 2976 }
            XCTAssertEqual(out?.clip.transitionOut, Transition(kind: .wipe, duration: 25, alignment: .startAtCut), "A\(a)")
        }
        // 003 is V with AUD 3 4: picture and channels 3 and 4, linked.
        let a3 = t.tracks[3].clips
        XCTAssertEqual(a3.count, 1)
        XCTAssertEqual(a3[0].record, FrameRange(start: 1499, end: 2250))
        XCTAssertNotNil(a3[0].clip.link)
        XCTAssertEqual(v1.first { $0.record.start == 1499 }?.clip.link, a3[0].clip.link)
        // M2 -25.0 on event 010 (line 39): reverse from source 00:00:00:00 would run below zero,
        // so the list gives the lowest frame (as Premiere writes it): 00:00:30:00 is played first.
        XCTAssertTrue(r.problems.contains(InterchangeProblem(line: 39, "event 010: reverse from source 00:00:00:00 would run before 00:00:00:00; read as 00:00:00:00–00:00:30:01 played backwards")), "\(r.problems)")
        let back = try XCTUnwrap(v1.first { $0.record.start == 3271 }?.clip, "\(v1.map(\.record))")
        let backMedia = try XCTUnwrap(r.project.mediaReference(back.media))
        XCTAssertEqual(back.speed?.isReversed, true)
        XCTAssertEqual(backMedia.startTimecode + back.mediaFrame(atUnit: back.source.start), 750)
        XCTAssertEqual(backMedia.startTimecode + back.mediaFrame(atUnit: back.source.end - 1), 0)
    }

    /// An inconsistent list, read as a real editor would, each problem on its line.
    func testInconsistentListReadAsFarAsPossible() throws {
        let text = """
        TITLE: broken
        FCM: NON-DROP FRAME

        001  TAPE1    V     C        01:00:00:00 01:00:05:00 01:00:00:00 01:00:04:12
        002  TAPE2    V     C        02:00:00:00 01:59:59:00 01:00:04:12 01:00:06:00
        this is garbage
        003  TAPE3    V     C        03:00:00:00 03:00:01:00 01:00:07:00 01:00:06:00
        004  TAPE4    V     C        04:00:00:00 04:00:02:00 01:00:05:00 01:00:07:00
        005  TAPE5    V     C        05:00:00:00 05:00:00:30 01:00:07:00 01:00:08:05
        * LOC: 01:00:07:10 GREEN   fix the sky
        """
        let r = try CMX3600.read(text, rate: .fps25, name: "broken.edl")
        let t = r.project.timeline
        XCTAssertEqual(t.name, "broken")
        XCTAssertEqual(t.startTimecode, 90_000)
        // At 25 fps: 04:12 = 112, 05:00 = 125, 07:00 = 175, 08:05 = 205. 004 overwrites the tail of 002.
        let rows = t.tracks[0].clips.map { ($0.clip.name, $0.record) }
        XCTAssertEqual(rows.map(\.0), ["TAPE1", "TAPE2", "TAPE4", "TAPE5"])
        XCTAssertEqual(rows.map(\.1), [FrameRange(start: 0, end: 112), FrameRange(start: 112, end: 125),
                                      FrameRange(start: 125, end: 175), FrameRange(start: 175, end: 205)])
        let sources = r.project.clipRows(byName: true).map(\.sourceStart)
        XCTAssertEqual(sources, [90_000, 180_000, 360_000, 450_000])
        let tape5 = t.tracks[0].clips[3].clip
        XCTAssertEqual(tape5.markers.map(\.name), ["fix the sky"])
        XCTAssertEqual(tape5.markers.first?.color, .green)
        XCTAssertEqual(tape5.markers.first?.frame, tape5.source.start + 10)
        let byLine = Dictionary(grouping: r.problems, by: { $0.line ?? 0 })
        XCTAssertEqual(byLine[4]?.map(\.description), ["line 4: event 001: source duration 00:00:05:00 disagrees with record duration 00:00:04:12; using record"])
        XCTAssertTrue(byLine[5]?.first?.message.contains("source out 01:59:59:00 is before source in 02:00:00:00") == true)
        XCTAssertEqual(byLine[6]?.first?.message, "not an event, comment or header line; skipped")
        XCTAssertTrue(byLine[7]?.first?.message.contains("record out 01:00:06:00 is before record in 01:00:07:00; event skipped") == true)
        XCTAssertTrue(byLine[8]?.first?.message.contains("overlaps earlier events on V1") == true)
        XCTAssertTrue(byLine[9]?.first?.message.contains("frames field is not below 25") == true)
        XCTAssertThrowsError(try CMX3600.read("hello\nworld", rate: nil, name: "x.edl"))
    }

    /// A centred dissolve, written by hand the CMX way: the event starts where the dissolve starts.
    func testWritesCentredDissolveAtItsStart() {
        let a = MediaReference(id: "a", name: "shot a.mov", path: "/m/shot a.mov", duration: RationalTime(1000, .fps25), startTimecode: 90_000)
        let b = MediaReference(id: "b", name: "shot-b.mov", path: "/m/shot-b.mov", duration: RationalTime(1000, .fps25), startTimecode: 0)
        var t = Timeline(name: "cut", rate: .fps25, tracks: [])
        let v: [Item] = [
            .clip(Clip(id: ClipID(1), name: "A", media: "a", source: FrameRange(start: 100, duration: 50), available: 1000,
                       markers: [Marker(frame: 120, name: "look", color: .yellow)], transitionOut: Transition(kind: .dissolve, duration: 10))),
            .clip(Clip(id: ClipID(2), name: "B", media: "b", source: FrameRange(start: 200, duration: 40), available: 1000)),
        ]
        t.tracks = [Track(kind: .video, name: "V1", items: ItemList(v))]
        let out = CMX3600.export(Project(name: "p", media: [a, b], timeline: t), videoTrack: nil)
        // Centred 10 frames: 5 before the cut. A: rec 01:00:00:00–01:00:01:20 (45 frames), src 01:00:04:00 (90100) + 45.
        // B: from record 45 (01:00:01:20) to 90 (01:00:03:15): its 40 frames plus the 5 before the cut;
        // source 195 (00:00:07:20) to 240 (00:00:09:15).
        XCTAssertEqual(out.text, """
        TITLE: cut
        FCM: NON-DROP FRAME

        001  SHOT_A   V     C        01:00:04:00 01:00:05:20 01:00:00:00 01:00:01:20
        * FROM CLIP NAME: A
        * SOURCE FILE: shot a.mov
        * LOC: 01:00:00:20 YELLOW  look

        002  SHOT_A   V     C        01:00:05:20 01:00:05:20 01:00:01:20 01:00:01:20
        002  SHOT_B   V     D    010 00:00:07:20 00:00:09:15 01:00:01:20 01:00:03:15
        * FROM CLIP NAME: A
        * TO CLIP NAME: B
        * SOURCE FILE: shot-b.mov

        """)
        XCTAssertEqual(out.problems, [])
    }

    static func edlProject(rate: Rate, dropFrame: Bool) -> Project {
        var p = Fixtures.project(rate: rate, dropFrame: dropFrame)
        var t = p.timeline
        // CMX 3600: one picture track, no fades into nothing, transitions at the cut's start.
        t.tracks.remove(at: 1)
        var v1 = Array(t.tracks[0].items)
        for i in v1.indices {
            if case .clip(var c) = v1[i], var tr = c.transitionOut {
                if i + 1 < v1.count, v1[i + 1].clip != nil, tr.kind != .dip { tr.alignment = .startAtCut; c.transitionOut = tr } else { c.transitionOut = nil }
                v1[i] = .clip(c)
            }
        }
        t.tracks[0].items = ItemList(v1)
        var a2 = Array(t.tracks[2].items)
        if case .clip(var c) = a2[1] { c.transitionOut?.alignment = .startAtCut; a2[1] = .clip(c) }
        t.tracks[2].items = ItemList(a2)
        // Same clip on A1 and A2: written as one AA event.
        t.tracks[2].items.append(.gap(100))
        t.markers = []
        p.timeline = t
        return p
    }

    func testRoundTripOneVideoTrackAndTwoAudioChannels() throws {
        for (rate, df) in OTIOTests.rates {
            let project = EDLTests.edlProject(rate: rate, dropFrame: df)
            let out = CMX3600.export(project, videoTrack: nil)
            XCTAssertEqual(out.problems, [], "\(rate)")
            let back = try CMX3600.read(out.text, rate: rate, name: "rt.edl")
            XCTAssertEqual(back.project.timeline.dropFrame, df)
            XCTAssertEqual(back.project.clipRows(byName: true).sorted(), project.clipRows(byName: true).sorted(), "\(rate)\n\(out.text)")
            func extras(_ p: Project) -> [String] {
                p.timeline.tracks.flatMap { track in track.clips.map { c in
                    "\(track.name) \(c.clip.name) \(String(describing: c.clip.transitionOut)) \(c.clip.markers.map { "\($0.frame + (p.mediaReference(c.clip.media)?.startTimecode ?? 0)) \($0.name) \($0.color)" })"
                } }
            }
            // Media start timecodes are at the timeline rate on both sides here (interview, lost), or
            // markers are absent, so absolute marker frames compare directly.
            XCTAssertEqual(extras(back.project), extras(project), "\(rate)")
            XCTAssertTrue(back.problems.isEmpty, "\(back.problems)")
        }
    }

    /// What we export loads in otio-cmx3600-adapter 1.0.0 with the same clips and ranges.
    func testExportLoadsInReferenceAdapter() throws {
        for (rate, df) in OTIOTests.rates {
            let project = EDLTests.edlProject(rate: rate, dropFrame: df)
            let url = FileManager.default.temporaryDirectory.appendingPathComponent("termcut-export-\(rate.numerator).edl")
            try Data(CMX3600.write(project, videoTrack: nil).utf8).write(to: url)
            let dump = try ReferenceOTIO.dump(url, adapter: "cmx_3600", rate: rate)
            XCTAssertEqual(dump.mode, "strict", "\(rate): \(dump.error ?? "")")
            let theirs = ReferenceOTIO.rows(dump, byName: true).map(\.row)
            XCTAssertEqual(theirs.sorted(), project.clipRows(byName: true).sorted(), "\(rate)")
        }
    }

    func testMoreThan999EventsAreReported() {
        let m = MediaReference(id: "m", name: "m.mov", path: "/m.mov", duration: RationalTime(100_000, .fps25))
        var t = Timeline(rate: .fps25, tracks: [])
        let items = (0..<1005).map { Item.clip(Clip(id: ClipID(Int64($0 + 1)), name: "c\($0)", media: "m", source: FrameRange(start: Int64($0), duration: 2), available: 100_000)) }
        t.tracks = [Track(kind: .video, name: "V1", items: ItemList(items))]
        let out = CMX3600.export(Project(name: "p", media: [m], timeline: t), videoTrack: nil)
        XCTAssertTrue(out.text.contains("\n999  "))
        XCTAssertFalse(out.text.contains("\n1000 "))
        XCTAssertEqual(out.problems.map(\.message), ["CMX 3600 numbers events 001 to 999; 6 more event(s) left out"])
    }

    // MARK: - Corpus against otio-cmx3600-adapter

    /// Why our reading of a corpus EDL may differ from the adapter's, each a deliberate choice.
    enum Difference: String, CaseIterable {
        case adapterCannotRead = "the adapter refuses the list (frames ≥ rate, a transition first on a track, …); we read it"
        case reelName = "no FROM CLIP NAME: we name the clip after its reel (as Avid and Resolve show it), the adapter after the event number"
        case black = "BL/BLACK events: empty record time for us, a black generator clip for the adapter"
        case audChannels = "AUD 3 4 lines add channels 3 and 4 (tracks A3, A4); the adapter ignores AUD lines"
        case speedStart = "M2 speed above 100%: a clip's units reach only every s-th source frame, so ours starts on the first reachable frame at or after the source in (a frame or two later); the adapter keeps the source in"
        case reverseLowestFirst = "M2 reverse from a source in it cannot run below (00:00:00:00, as Premiere writes it): we play from the highest frame down to the source in; the adapter keeps the source in as the first frame"
        case timing = "source and record durations disagree: we keep record timecode (events stay where the list puts them); the adapter, with ignore_timecode_mismatch, keeps source durations and pushes later events"
    }

    /// Worked out by reading each file (see the corpus README): which kinds of difference it has.
    static let expected: [String: Set<Difference>] = [
        "TEST.edl": [.adapterCannotRead],                    // 006 dissolves on a track whose first event it is
        "adobe_dai109_test.txt": [.adapterCannotRead],       // 003 wipe from BL starts a track
        "test_24psf.edl": [.adapterCannotRead],              // 01:00:59:24 at 24 fps
        "test_24.edl": [.adapterCannotRead],
        "test_2398.edl": [.adapterCannotRead],
        "test_2398psf.edl": [.adapterCannotRead],
        "ISSUE_19_unusual01.edl": [.reelName],               // no comments at all
        "test.edl": [.black, .audChannels, .reverseLowestFirst],                  // made at 25 fps: its durations agree at 25
        "test_25.edl": [.black, .audChannels, .reverseLowestFirst],
        "test_50.edl": [.black, .audChannels, .timing, .reverseLowestFirst],
        "test_2997DF.edl": [.black, .audChannels, .timing, .reverseLowestFirst],
        "test_2997NDF.edl": [.black, .audChannels, .timing, .reverseLowestFirst],
        "test_5994DF.edl": [.black, .audChannels, .timing, .reverseLowestFirst],
        "test_5994NDF.edl": [.black, .audChannels, .timing, .reverseLowestFirst],
        "INS4_R1_DX_092117.edl": [.timing],                  // audio events with 00:00:00:00 source durations
        "INS4_R2_DX_092117.edl": [.timing],
        "INS4_R3_DX_092117.edl": [.adapterCannotRead],       // 17:52:28:26 in a 24 fps list
        "INS4_R4_DX_092117.edl": [.timing],
        "INS4_R5_DX_092117.edl": [.timing],
        "ToD_R4_LOCK3.1_030618_Video.edl": [.timing],        // events 061, 063… disagree without M2
        "STP R1 v082517.edl": [.speedStart],                 // M2 030.1, 026.2, 056.9, 046.3 at 24 fps (events 202, 217–219)
    ]

    func testCorpusAgreesWithReferenceAdapter() throws {
        let files = try CorpusFolder.require(Corpus.edlFiles, under: Corpus.root)
        var agreeing = 0
        for file in files {
            let name = file.lastPathComponent
            let ours = try CMX3600.read(try Data(contentsOf: file), rate: nil, name: name)
            let dump = try ReferenceOTIO.dump(file, adapter: "cmx_3600", rate: ours.project.timeline.rate)
            let allowed = EDLTests.expected[name] ?? []
            var seen: Set<Difference> = []
            if dump.error != nil {
                seen.insert(.adapterCannotRead)
            } else {
                let theirs = ReferenceOTIO.rows(dump, byName: true)
                let oursRows = ours.project.clipRows(byName: true)
                let theirSet = Set(theirs.map(\.row)), ourSet = Set(oursRows)
                let theirTracks = Set(theirs.map(\.row.track))
                let strict = dump.mode == "strict"
                func sameSource(_ a: ClipRow, _ b: ClipRow) -> Bool { a.track == b.track && a.name == b.name && a.sourceStart == b.sourceStart }
                // Ours (a speed clip above 100%, looked up by its record start) starts 1–2 source frames after theirs.
                func sameStartAboveFullSpeed(_ o: ClipRow, _ t: ClipRow) -> Bool {
                    guard o.track == t.track, o.name == t.name, o.recordStart == t.recordStart, o.duration == t.duration,
                          (1...2).contains(o.sourceStart - t.sourceStart),
                          let track = ours.project.timeline.tracks.first(where: { $0.name == o.track }),
                          let hit = track.clips.first(where: { ours.project.timeline.startTimecode + $0.record.start == o.recordStart }),
                          let speed = hit.clip.speed, !speed.isFreeze, speed.numerator > speed.denominator else { return false }
                    return true
                }
                // Ours plays event 010's span backwards from its last frame; theirs starts at its source in.
                // The lookup is by our clip: reversed, and its last frame played is their source in.
                func reversedLowestFirst(_ o: ClipRow, _ t: ClipRow) -> Bool {
                    guard o.track == t.track, o.name == t.name, !strict || (o.recordStart == t.recordStart && o.duration == t.duration),
                          let track = ours.project.timeline.tracks.first(where: { $0.name == o.track }),
                          let hit = track.clips.first(where: { ours.project.timeline.startTimecode + $0.record.start == o.recordStart }),
                          hit.clip.speed?.isReversed == true,
                          let media = ours.project.mediaReference(hit.clip.media) else { return false }
                    return media.startTimecode + hit.clip.mediaFrame(atUnit: hit.clip.source.end - 1) == t.sourceStart
                }
                for t in theirs where !ourSet.contains(t.row) {
                    if t.generator { seen.insert(.black); continue }
                    if oursRows.contains(where: { reversedLowestFirst($0, t.row) }) { seen.insert(.reverseLowestFirst); continue }
                    if t.row.name.allSatisfy(\.isNumber), oursRows.contains(where: { var o = $0; o.name = t.row.name; return o == t.row }) { seen.insert(.reelName); continue }
                    if !strict, oursRows.contains(where: { sameSource($0, t.row) }) { seen.insert(.timing); continue }
                    if oursRows.contains(where: { o in sameStartAboveFullSpeed(o, t.row) }) { seen.insert(.speedStart); continue }
                    XCTFail("\(name): unexplained row only in the adapter's reading: \(t.row)")
                }
                for o in oursRows where !theirSet.contains(o) {
                    if !theirTracks.contains(o.track) { seen.insert(.audChannels); continue }
                    if theirs.contains(where: { reversedLowestFirst(o, $0.row) }) { seen.insert(.reverseLowestFirst); continue }
                    if theirs.contains(where: { $0.row.name.allSatisfy(\.isNumber) && { var x = o; x.name = $0.row.name; return x == $0.row }($0) }) { continue }
                    if !strict, theirs.contains(where: { sameSource($0.row, o) }) { seen.insert(.timing); continue }
                    if theirs.contains(where: { sameStartAboveFullSpeed(o, $0.row) }) { seen.insert(.speedStart); continue }
                    XCTFail("\(name): unexplained row only in our reading: \(o)")
                }
                if seen.isEmpty { agreeing += 1 }
            }
            XCTAssertEqual(seen, allowed, "\(name): kinds of difference")
        }
        // Lists the adapter reads strictly and we read identically, clip by clip.
        XCTAssertGreaterThanOrEqual(agreeing, 9)
    }
}
