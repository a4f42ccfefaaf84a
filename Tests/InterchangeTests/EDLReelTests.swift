import Foundation
import XCTest
import TimelineModel
@testable import Interchange

/// Edit lists as Avid, Premiere and Resolve write them: reels without `* SOURCE FILE` lines.
final class EDLReelTests: XCTestCase {
    /// Source timecode (media start + clip source in) of each V1 clip, with its reel and name.
    func sources(_ r: ImportResult) -> [String] {
        r.project.timeline.tracks[0].clips.map { placed in
            let m = r.project.mediaReference(placed.clip.media)!
            let tc = Timecode.format(frame: m.startTimecode + placed.clip.source.start, rate: r.project.timeline.rate, dropFrame: false)
            return "\(m.reel ?? "-") \(placed.clip.name) \(tc)"
        }
    }

    func testEveryReelIsItsOwnOfflineMediaWithItsOwnTimecode() throws {
        let text = """
            TITLE: REELS
            FCM: NON-DROP FRAME

            001  REELA    V     C        00:00:10:00 00:00:12:00 01:00:00:00 01:00:02:00
            * FROM CLIP NAME: shot a
            002  REELB    V     C        00:01:00:00 00:01:02:00 01:00:02:00 01:00:04:00
            FROM CLIP NAME: shot b
            003  TAPE3    V     C        00:02:00:00 00:02:02:00 01:00:04:00 01:00:06:00
            004  REELA    V     C        00:00:20:00 00:00:21:00 01:00:06:00 01:00:07:00
            * FROM CLIP NAME: shot a
            """
        let r = try CMX3600.read(text, rate: .fps30, name: "reels.edl")
        XCTAssertEqual(r.problems, [], "FROM CLIP NAME without '*' is a comment, not a bad event")
        XCTAssertEqual(sources(r), ["REELA shot a 00:00:10:00", "REELB shot b 00:01:00:00", "TAPE3 TAPE3 00:02:00:00", "REELA shot a 00:00:20:00"])
        XCTAssertEqual(r.project.media.count, 3, "reel + clip name is one source: events 001 and 004 share it")
        XCTAssertEqual(r.project.media.map(\.path), ["", "", ""])

        // Export gives the same reels, names and timecodes, and invents no SOURCE FILE.
        let out = CMX3600.write(r.project, videoTrack: nil)
        XCTAssertFalse(out.contains("SOURCE FILE"), out)
        let back = try CMX3600.read(out, rate: .fps30, name: "back.edl")
        XCTAssertEqual(sources(back), sources(r))
        XCTAssertTrue(out.contains("002  REELB    V     C        00:01:00:00 00:01:02:00 01:00:02:00 01:00:04:00"), out)
    }

    func testADissolveKeepsBothReelsAndAnOverlongOneIsClamped() throws {
        let text = """
            TITLE: DISS
            FCM: NON-DROP FRAME

            001  BARS1    V     C        00:00:00:00 00:00:04:00 01:00:00:00 01:00:04:00
            002  BARS1    V     C        00:00:04:00 00:00:04:00 01:00:04:00 01:00:04:00
            002  COUNT    V     D    015 00:00:20:00 00:00:24:00 01:00:04:00 01:00:08:00
            * FROM CLIP NAME: bars
            * TO CLIP NAME: count
            003  TALK     V     C        00:00:10:00 00:00:10:00 01:00:08:00 01:00:08:00
            003  TAPE8    V     D    99999 00:00:40:00 00:00:44:00 01:00:08:00 01:00:12:00
            """
        let r = try CMX3600.read(text, rate: .fps30, name: "diss.edl")
        XCTAssertEqual(sources(r), ["BARS1 BARS1 00:00:00:00", "COUNT count 00:00:20:00", "TAPE8 TAPE8 00:00:40:00"])
        let v1 = r.project.timeline.tracks[0].clips
        XCTAssertEqual(v1[0].clip.transitionOut?.duration, 15)
        XCTAssertEqual(v1[1].clip.transitionOut?.duration, 120, "a 99999-frame dissolve is clamped to the 4 s event")
        XCTAssertTrue(r.problems.contains { $0.message.contains("99999 frames is longer than the event") }, "\(r.problems)")
        // The outgoing reel TALK differs from the clip before the cut: kept as media, reported.
        XCTAssertTrue(r.project.media.contains { $0.reel == "TALK" })
        XCTAssertTrue(r.problems.contains { $0.message.contains("outgoing side is reel TALK") }, "\(r.problems)")
        // No media is stretched beyond what the events and a 120-frame handle use.
        for m in r.project.media { XCTAssertLessThanOrEqual(m.duration.value, 240, m.name) }
        let out = CMX3600.write(r.project, videoTrack: nil)
        XCTAssertTrue(out.contains("002  BARS1    V     C        00:00:04:00 00:00:04:00 01:00:04:00 01:00:04:00"), out)
        XCTAssertTrue(out.contains("002  COUNT    V     D    015 00:00:20:00 00:00:24:00 01:00:04:00 01:00:08:00"), out)
    }

    func testOTIOMissingReferencesStayApartAndKeepTheirReels() throws {
        func clip(_ name: String, _ reel: String, _ start: Int) -> String {
            """
            {"OTIO_SCHEMA": "Clip.2", "name": "\(name)", "metadata": {"cmx_3600": {"reel": "\(reel)"}},
             "source_range": {"OTIO_SCHEMA": "TimeRange.1",
               "start_time": {"OTIO_SCHEMA": "RationalTime.1", "rate": 25.0, "value": \(start)},
               "duration": {"OTIO_SCHEMA": "RationalTime.1", "rate": 25.0, "value": 50}},
             "media_references": {"DEFAULT_MEDIA": {"OTIO_SCHEMA": "MissingReference.1", "name": "", "metadata": {}}},
             "active_media_reference_key": "DEFAULT_MEDIA"}
            """
        }
        let external = """
            {"OTIO_SCHEMA": "Clip.2", "name": "ext", "source_range": {"OTIO_SCHEMA": "TimeRange.1",
               "start_time": {"OTIO_SCHEMA": "RationalTime.1", "rate": 25.0, "value": 500},
               "duration": {"OTIO_SCHEMA": "RationalTime.1", "rate": 25.0, "value": 50}},
             "media_reference": {"OTIO_SCHEMA": "ExternalReference.1", "name": "", "metadata": {}}}
            """
        let json = """
            {"OTIO_SCHEMA": "Timeline.1", "name": "t", "tracks": {"OTIO_SCHEMA": "Stack.1", "children": [
              {"OTIO_SCHEMA": "Track.1", "kind": "Video", "children": [\(clip("a", "REELA", 250)), \(clip("b", "REELB", 1500)), \(external)]}]}}
            """
        let r = try OTIO.read(Data(json.utf8), name: "t.otio")
        XCTAssertEqual(r.project.media.count, 3)
        XCTAssertEqual(sources(r), ["REELA a 00:00:10:00", "REELB b 00:01:00:00", "- ext 00:00:20:00"])
        let written = OTIO.write(r.project, projectFolder: nil)
        let again = try OTIO.read(written, name: "again.otio")
        XCTAssertEqual(sources(again), sources(r))
    }

    /// OpenTimelineIO's CMX writer puts `* FROM CLIP: file://…` after a dissolve's pair: the
    /// outgoing clip's file. It named the incoming clip's media before, so the D004 shot came
    /// back as C003 at 10:00:10:00 and a conform would have pulled the wrong shot; and the URL
    /// was taken as a relative path.
    func testADissolvesFromClipNamesTheOutgoingSideAndURLsAreFiles() throws {
        let text = """
            TITLE: min
            FCM: NON-DROP FRAME

            001  C003     V     C        10:00:10:00 10:00:11:09 00:00:00:00 00:00:01:09
            * FROM CLIP NAME:  Closeup_C
            * FROM CLIP: file:///media/C003%20a.mov
            002  C003     V     C        10:00:11:09 10:00:11:09 00:00:01:09 00:00:01:09
            002  D004     V     D 012    01:59:59:13 02:00:00:13 00:00:01:09 00:00:02:09
            * FROM CLIP NAME:  Closeup_C
            * FROM CLIP: file:///media/C003%20a.mov
            * TO CLIP NAME:  Speed2x
            """
        let r = try CMX3600.read(text, rate: .fps25, name: "min.edl")
        XCTAssertEqual(sources(r), ["C003 Closeup_C 10:00:10:00", "D004 Speed2x 01:59:59:13"])
        XCTAssertEqual(r.project.media.count, 2)
        XCTAssertEqual(r.project.media.map(\.path), ["/media/C003 a.mov", ""], "the URL's path, decoded; the incoming clip names no file")
        XCTAssertEqual(r.problems, [])
    }

    /// A locator OpenTimelineIO's CMX adapter writes carries the clip's source timecode (Avid's
    /// the record timecode): one inside the source range and outside the record range lands on
    /// the clip at that source frame, instead of a timeline marker far past the sequence's end.
    func testALocatorInSourceTimecodeLandsOnItsClip() throws {
        let text = """
            TITLE: loc
            FCM: NON-DROP FRAME

            001  A001     V     C        10:00:00:00 10:00:02:00 00:00:00:00 00:00:02:00
            * FROM CLIP NAME:  shot
            * LOC: 10:00:00:10 RED     source tc
            * LOC: 00:00:01:05 GREEN   record tc
            """
        let r = try CMX3600.read(text, rate: .fps25, name: "loc.edl")
        let clip = try XCTUnwrap(r.project.timeline.tracks[0].clips.first?.clip)
        // Clip markers count from the media's first frame (10:00:00:00 here).
        XCTAssertEqual(clip.markers.map(\.frame).sorted(), [10, 30], "frame 10 by source timecode, frame 30 by record")
        XCTAssertEqual(r.project.timeline.markers, [])
    }

    /// With no FCM line, ';' in the timecodes says drop frame (OpenTimelineIO's CMX writer
    /// leaves FCM out): the sequence is drop-frame and export writes the timecodes as they came.
    /// Before, the frames were right but the sequence was non-drop, so 10:00:36;00 came back
    /// as 10:00:00:00.
    func testSemicolonsWithoutFCMMeanDropFrame() throws {
        let text = """
            TITLE: df

            001  REEL_A   V     C        10:00:36;00 10:00:37;18 00:00:00;00 00:00:01;18
            * FROM CLIP NAME:  Interview_A
            """
        let r = try CMX3600.read(text, rate: .fps29_97, name: "df.edl")
        XCTAssertTrue(r.project.timeline.dropFrame)
        let out = CMX3600.write(r.project, videoTrack: nil)
        XCTAssertTrue(out.contains("FCM: DROP FRAME"), out)
        XCTAssertTrue(out.contains("10:00:36;00 10:00:37;18"), out)
    }
}

