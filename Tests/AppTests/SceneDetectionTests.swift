import Analysis
import App
import Foundation
import Editor
import TimelineModel
import XCTest

/// Scene detection on a generated clip with known hard cuts: five 2 s shots at 25 fps made by
/// ffmpeg's lavfi sources — a moving test pattern; colour bars with a one-frame white flash in
/// the middle; an RGB pattern fading in from black; grey with heavy temporal noise; a
/// Mandelbrot zoom. The cuts are at frames 50, 100, 150 and 200, and nowhere else: not at the
/// flash (75, 76), not during the fade, not in the noise.
final class SceneDetectionTests: XCTestCase {
    private var cache: URL!

    override func setUpWithError() throws {
        // The scene cache goes into a scratch folder, never the user's.
        cache = FileManager.default.temporaryDirectory.appendingPathComponent("termcut-scene-cache-\(UUID().uuidString)")
        setenv("XDG_CACHE_HOME", cache.path, 1)
    }

    override func tearDownWithError() throws {
        unsetenv("XDG_CACHE_HOME")
        try? FileManager.default.removeItem(at: cache)
    }

    private func makeClip() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("termcut-scenes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("cuts.mp4")
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/ffmpeg") else {
            throw CLIError("ffmpeg is not installed (it generates the test clip); run scripts/install-deps.sh")
        }
        let size = "s=320x180:r=25"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/ffmpeg")
        process.arguments = ["-hide_banner", "-loglevel", "error", "-nostdin", "-y",
                             "-f", "lavfi", "-i", "testsrc2=\(size):d=2",
                             "-f", "lavfi", "-i", "smptebars=\(size):d=1",
                             "-f", "lavfi", "-i", "color=white:\(size):d=0.04",
                             "-f", "lavfi", "-i", "smptebars=\(size):d=0.96",
                             "-f", "lavfi", "-i", "rgbtestsrc=\(size):d=2",
                             "-f", "lavfi", "-i", "color=gray:\(size):d=2",
                             "-f", "lavfi", "-i", "mandelbrot=\(size)",
                             "-filter_complex", "[4:v]fade=t=in:st=0:d=0.8[c];[5:v]noise=alls=80:allf=t[d];"
                                + "[6:v]trim=duration=2,setpts=PTS-STARTPTS[e];"
                                + "[0:v][1:v][2:v][3:v][c][d][e]concat=n=7:v=1:a=0,format=yuv420p[v]",
                             "-map", "[v]", "-c:v", "mpeg4", "-q:v", "3", url.path]
        try process.run()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, "ffmpeg could not make the test clip")
        return url
    }

    func testCutsOnTheExactFrameAndNoFalseCuts() throws {
        let url = try makeClip()
        let result = try SceneAnalysis.detect(url)
        XCTAssertEqual(result.frameCount, 250)
        XCTAssertEqual(result.cuts, [50, 100, 150, 200])
        XCTAssertEqual(result.rate, 25)
        // A minimum scene longer than the shots keeps only every other cut; the frames are not decoded again.
        let decodes = SceneAnalysis.decodeCount
        var settings = SceneDetector.Settings()
        settings.minimumLength = 60
        XCTAssertEqual(try SceneAnalysis.detect(url, settings: settings).cuts, [100, 200])
        XCTAssertEqual(SceneAnalysis.decodeCount, decodes, "the changes came from the cache")
        XCTAssertEqual(try SceneAnalysis.detect(url, useCache: false).cuts, [50, 100, 150, 200])
    }

    /// Fast camera moves are not cuts: a Mandelbrot still panned 4 % of its width per frame, a
    /// test card whipped 12 % across and 3 % down per frame, then a cellular automaton whose
    /// every cell changes. Cuts at 50 and 100 only.
    func testFastPansAreNotCuts() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("termcut-pans-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("pans.mp4")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/ffmpeg")
        process.arguments = ["-hide_banner", "-loglevel", "error", "-nostdin", "-y",
                             "-f", "lavfi", "-i", "mandelbrot=s=640x360:r=25",
                             "-f", "lavfi", "-i", "testsrc=s=320x180:r=25:d=2",
                             "-f", "lavfi", "-i", "cellauto=s=320x180:r=25",
                             "-filter_complex", "[0:v]trim=duration=0.04,loop=loop=49:size=1,setpts=N/25/TB,scroll=h=0.04,crop=320:180,format=yuv420p[a];"
                                + "[1:v]scroll=h=0.12:v=0.03,format=yuv420p[b];[2:v]trim=duration=2,setpts=PTS-STARTPTS,format=yuv420p[c];"
                                + "[a][b][c]concat=n=3:v=1:a=0[v]",
                             "-map", "[v]", "-c:v", "libx264", "-preset", "ultrafast", url.path]
        try process.run()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, "ffmpeg could not make the test clip")
        let result = try SceneAnalysis.detect(url, useCache: false)
        XCTAssertEqual(result.frameCount, 150)
        XCTAssertEqual(result.cuts, [50, 100])
    }

    func testContactSheetHasOneThumbnailPerScene() throws {
        let url = try makeClip()
        let sheet = url.deletingLastPathComponent().appendingPathComponent("sheet.png")
        try ContactSheet.write(sheet, media: url, sceneStarts: [0, 50, 100, 150, 200], rate: 25)
        let data = try Data(contentsOf: sheet)
        XCTAssertEqual(Array(data.prefix(4)), [0x89, 0x50, 0x4E, 0x47], "a PNG")
        func number(at offset: Int) -> Int { data[offset..<(offset + 4)].reduce(0) { $0 << 8 | Int($1) } }
        // Four 240-pixel thumbnails a row with 8-pixel margins; two rows of 135 + 22 + 8.
        XCTAssertEqual(number(at: 16), 8 + 4 * 248)
        XCTAssertEqual(number(at: 20), 8 + 2 * (134 + 22 + 8))
    }

    func testDetectScenesInTheEditorMarksOrRazorsInOneUndoStep() throws {
        let url = try makeClip()
        let editor = Editor(project: Project(name: "s", bins: [Bin(name: "Media")]), registry: MeasureLoudness.registry,
                            catalog: LibavMediaCatalog())
        // A 30 fps sequence chosen before the 25 fps clip goes in (otherwise the clip would set it to 25).
        for line in ["sequence-settings rate=30", "import \(url.path)", "source cuts", "insert", "razor 20"] {
            let outcome = editor.execute(line)
            XCTAssertFalse(outcome.isError, "\(line): \(outcome.message)")
        }
        // The 30 fps timeline shows 25 fps media frame n from record frame ceil(n × 30/25): cuts at 60, 120, 180, 240.
        let before = editor.timeline
        let marked = editor.execute("detect-scenes timeline")
        XCTAssertFalse(marked.isError, marked.message)
        XCTAssertEqual(editor.timeline.markers.map { "\($0.frame)+\($0.duration) \($0.name)" },
                       ["0+20 scene 1", "20+40 scene 2", "60+60 scene 3", "120+60 scene 4", "180+60 scene 5", "240+60 scene 6"])
        try editor.undo()
        XCTAssertEqual(editor.timeline, before)
        XCTAssertFalse(editor.execute("detect-scenes timeline action=razor").isError)
        XCTAssertEqual(editor.timeline.tracks[0].clips.map(\.record.start), [0, 20, 60, 120, 180, 240])
        XCTAssertEqual(editor.timeline.duration, before.duration, "razor removes nothing")
    }

    func testDetectScenesMakesOneSubclipPerSceneWithTheExactRange() throws {
        let url = try makeClip()
        let editor = Editor(project: Project(name: "s", bins: [Bin(name: "Media")]), registry: MeasureLoudness.registry,
                            catalog: LibavMediaCatalog())
        for line in ["import \(url.path)", "source cuts", "insert", "goto 10"] {
            let outcome = editor.execute(line)
            XCTAssertFalse(outcome.isError, "\(line): \(outcome.message)")
        }
        let name = try XCTUnwrap(editor.timeline.tracks[0].clips.first?.clip.name)
        let before = editor.project
        let made = editor.execute("detect-scenes action=subclips")
        XCTAssertFalse(made.isError, made.message)
        let bin = try XCTUnwrap(editor.project.bins.first { $0.name == "\(name) scenes" }, editor.project.bins.map(\.name).description)
        XCTAssertEqual(bin.subclips?.map(\.name), (1...5).map { "\(name) scene 0\($0)" })
        XCTAssertEqual(bin.subclips?.map { $0.source.frames(at: Rate(25)) },
                       [0, 50, 100, 150, 200].map { FrameRange(start: Int64($0), duration: 50) })
        XCTAssertEqual(editor.timeline, before.timeline, "subclips leave the timeline alone")
        // A subclip loads with its range marked.
        XCTAssertFalse(editor.execute("source \"\(name) scene 03\"").isError)
        XCTAssertEqual(editor.context.source?.markIn, 100)
        XCTAssertEqual(editor.context.source?.markOut, 149)
        // Again: refused (the names are taken), nothing changes; one undo removes them all.
        let project = editor.project
        XCTAssertTrue(editor.execute("detect-scenes action=subclips").isError)
        XCTAssertEqual(editor.project, project)
        try editor.undo()
        XCTAssertEqual(editor.project.bins, before.bins)
    }
}
