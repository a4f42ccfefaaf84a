import App
import Editor
import Foundation
import TimelineModel
import XCTest

/// `detect-silences` on a clip with known silences, reviewed and accepted as the editor would.
///
/// talk.mov (6 s, 30 fps, 48 kHz) has a 440 Hz tone at half scale over [0,1], [2.5,4] and
/// [4.6,6] s and digital silence between. The tone is 0 at each of those whole-period instants
/// and loud (> −40 dBFS) one sample away, so the silences run exactly from 1.0 s and 4.0 s to
/// one sample after 2.5 s and 4.6 s. Padding 0.1 s keeps [1.1, 2.40002) and [4.1, 4.50002),
/// which at 30 fps round inwards to frames [33, 72) and [123, 135): 39 + 12 frames.
/// Dropping the second and ripple-deleting the first leaves [0,33) + source [72,180).
final class SilenceProposalTests: XCTestCase {
    static func makeTalk(in folder: URL) throws -> URL {
        let url = folder.appendingPathComponent("talk.mov")
        let tone = "aevalsrc=exprs=if(between(t\\,0\\,1)+between(t\\,2.5\\,4)+between(t\\,4.6\\,6)\\,0.5*sin(2*PI*440*t)\\,0):s=48000:d=6"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/ffmpeg")
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/ffmpeg") else {
            throw CLIError("ffmpeg is not installed (it generates the test clip); run scripts/install-deps.sh")
        }
        process.arguments = ["-hide_banner", "-loglevel", "error", "-nostdin", "-y",
                             "-f", "lavfi", "-i", "testsrc=size=160x120:rate=30:duration=6", "-f", "lavfi", "-i", tone,
                             "-c:v", "mpeg4", "-q:v", "5", "-c:a", "pcm_s16le", "-shortest", url.path]
        try process.run()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, "ffmpeg could not make the test clip")
        return url
    }

    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("termcut-silences-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        // The levels cache goes with the scratch folder, never into the user's cache.
        setenv("XDG_CACHE_HOME", folder.appendingPathComponent("cache").path, 1)
    }

    override func tearDownWithError() throws {
        unsetenv("XDG_CACHE_HOME")
        try? FileManager.default.removeItem(at: folder)
    }

    private func editorWithTalk() throws -> Editor {
        let talk = try Self.makeTalk(in: folder)
        let editor = Editor(project: Project(name: "t", bins: [Bin(name: "Media")]), registry: MeasureLoudness.registry,
                            catalog: LibavMediaCatalog())
        for line in ["import \(talk.path)", "source talk", "insert"] {
            let outcome = editor.execute(line)
            XCTAssertFalse(outcome.isError, "\(line): \(outcome.message)")
        }
        XCTAssertEqual(editor.timeline.duration, 180)
        return editor
    }

    private func layout(_ editor: Editor) -> [[String]] {
        editor.timeline.tracks.map { track in
            track.clips.map { "\($0.record.start)+\($0.record.duration) src \($0.clip.source.start)" }
        }
    }

    func testDetectStepDropAcceptUndoRedo() throws {
        let editor = try editorWithTalk()
        let original = editor.timeline
        let detected = editor.execute("detect-silences")
        XCTAssertFalse(detected.isError, detected.message)
        XCTAssertEqual(editor.proposals?.ranges, [FrameRange(start: 33, duration: 39), FrameRange(start: 123, duration: 12)])
        XCTAssertEqual(editor.proposals?.savedFrames, 51)
        XCTAssertTrue(detected.message.contains("2 silences → ripple-delete, 00:00:01:21 saved · 1/2"), detected.message)
        XCTAssertEqual(editor.context.playhead, 33)
        XCTAssertEqual(editor.timeline, original, "detecting changes nothing")

        XCTAssertFalse(editor.execute("proposal-next").isError)
        XCTAssertEqual(editor.context.playhead, 123)
        XCTAssertFalse(editor.execute("proposal-drop").isError)
        XCTAssertEqual(editor.proposals?.ranges, [FrameRange(start: 33, duration: 39)])
        let undoDepth = editor.undoDepth
        let accepted = editor.execute("proposal-accept")
        XCTAssertFalse(accepted.isError, accepted.message)
        XCTAssertNil(editor.proposals)
        XCTAssertEqual(editor.undoDepth, undoDepth + 1, "one undo step")
        let expected = ["0+33 src 0", "33+108 src 72"]
        XCTAssertEqual(layout(editor)[0], expected, "V1")
        XCTAssertEqual(layout(editor)[1], expected, "A1 in sync with V1")
        let cut = editor.timeline
        XCTAssertNoThrow(try editor.undo())
        XCTAssertEqual(editor.timeline, original)
        XCTAssertNoThrow(try editor.redo())
        XCTAssertEqual(editor.timeline, cut)

        // What the journal records replays the same cut without the detector.
        editor.setProject({ var p = editor.project; p.timeline = original; return p }())
        XCTAssertFalse(editor.execute("apply-ranges ripple-delete 33+39 tracks=all kind=silence").isError)
        XCTAssertEqual(editor.timeline.tracks.map(\.items), cut.tracks.map(\.items))
    }

    func testActionsAndOptions() throws {
        let editor = try editorWithTalk()
        let original = editor.timeline
        // Pauses longer than 1 s are deliberate: only the 0.6 s one is proposed.
        XCTAssertFalse(editor.execute("detect-silences timeline shorten=0.2s pad=0 keep=1s").isError)
        XCTAssertEqual(editor.proposals?.ranges, [FrameRange(start: 120, duration: 18)])
        XCTAssertFalse(editor.execute("proposal-accept").isError)
        // 18 frames shortened to 6: 3 kept each side, 12 removed.
        XCTAssertEqual(layout(editor)[0], ["0+123 src 0", "123+45 src 135"])
        try editor.undo()

        XCTAssertFalse(editor.execute("detect-silences clip action=markers").isError)
        XCTAssertFalse(editor.execute("proposal-accept").isError)
        XCTAssertEqual(editor.timeline.markers.map { "\($0.frame)+\($0.duration) \($0.name)" },
                       ["33+39 silence 1", "123+12 silence 2"])
        XCTAssertEqual(editor.timeline.tracks, original.tracks)
        try editor.undo()

        XCTAssertFalse(editor.execute("detect-silences action=razor").isError)
        XCTAssertFalse(editor.execute("proposal-accept").isError)
        XCTAssertEqual(layout(editor)[0].map { $0.split(separator: " ")[0] }, ["0+33", "33+39", "72+51", "123+12", "135+45"])
        XCTAssertEqual(editor.timeline.duration, 180)

        // Proposals made stale by another edit are refused, not applied to the wrong frames.
        XCTAssertFalse(editor.execute("detect-silences").isError)
        XCTAssertFalse(editor.execute("razor 10").isError)
        let stale = editor.execute("proposal-accept")
        XCTAssertTrue(stale.isError)
        XCTAssertTrue(stale.message.contains("changed since the detection"), stale.message)

        let bad = editor.execute("detect-silences threshold=loud")
        XCTAssertTrue(bad.isError)
        XCTAssertTrue(bad.message.contains("loud"), bad.message)
        XCTAssertTrue(editor.execute("proposal-next").isError, "nothing proposed")
    }

    func testInTheBackgroundTheResultArrivesThroughDeliver() throws {
        let editor = try editorWithTalk()
        DetectionJobs.shared.runsInBackground = true
        defer { DetectionJobs.shared.runsInBackground = false }
        let started = editor.execute("detect-silences")
        XCTAssertFalse(started.isError, started.message)
        XCTAssertTrue(started.message.contains("in the background"), started.message)
        XCTAssertNil(editor.proposals, "nothing until delivered")
        var messages: [String] = []
        for _ in 0..<600 where messages.isEmpty {
            Thread.sleep(forTimeInterval: 0.02)
            messages = DetectionJobs.shared.deliver(to: editor)
        }
        XCTAssertEqual(messages.count, 1)
        XCTAssertTrue(messages.first?.hasPrefix("2 silences → ripple-delete") == true, "\(messages)")
        XCTAssertEqual(editor.proposals?.ranges.count, 2)
        XCTAssertNil(DetectionJobs.shared.statusText)
        XCTAssertTrue(editor.execute("detect-cancel").isError, "nothing running")

        // An edit while detecting: the result is not put on a timeline it was not found on.
        XCTAssertFalse(editor.execute("detect-silences").isError)
        XCTAssertFalse(editor.execute("razor 10").isError)
        messages = []
        for _ in 0..<600 where messages.isEmpty {
            Thread.sleep(forTimeInterval: 0.02)
            messages = DetectionJobs.shared.deliver(to: editor)
        }
        XCTAssertTrue(messages.first?.contains("timeline changed while detecting") == true, "\(messages)")
    }

    /// The same sound under a still picture for 3 s, then a moving one (testsrc2): with
    /// moving=keep only the silence over the still picture is proposed.
    func testSilenceWhereThePictureMovesCanBeKept() throws {
        let url = folder.appendingPathComponent("demo.mov")
        let tone = "aevalsrc=exprs=if(between(t\\,0\\,1)+between(t\\,2.5\\,4)+between(t\\,4.6\\,6)\\,0.5*sin(2*PI*440*t)\\,0):s=48000:d=6"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/ffmpeg")
        process.arguments = ["-hide_banner", "-loglevel", "error", "-nostdin", "-y",
                             "-f", "lavfi", "-i", "color=c=gray:s=160x120:r=30:d=3", "-f", "lavfi", "-i", "testsrc2=s=160x120:r=30:d=3",
                             "-f", "lavfi", "-i", tone, "-filter_complex", "[0:v][1:v]concat=n=2:v=1:a=0[v]",
                             "-map", "[v]", "-map", "2:a", "-c:v", "mpeg4", "-q:v", "5", "-c:a", "pcm_s16le", url.path]
        try process.run()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0)
        let editor = Editor(project: Project(name: "m", bins: [Bin(name: "Media")]), registry: MeasureLoudness.registry,
                            catalog: LibavMediaCatalog())
        for line in ["import \(url.path)", "source demo", "insert"] { XCTAssertFalse(editor.execute(line).isError, line) }
        XCTAssertFalse(editor.execute("detect-silences").isError)
        XCTAssertEqual(editor.proposals?.ranges.count, 2)
        let kept = editor.execute("detect-silences moving=keep")
        XCTAssertFalse(kept.isError, kept.message)
        XCTAssertEqual(editor.proposals?.ranges, [FrameRange(start: 33, duration: 39)], "the pause over the moving picture stays")
    }
}
