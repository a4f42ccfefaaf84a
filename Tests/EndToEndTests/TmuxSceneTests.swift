import Foundation
import XCTest

/// Scene detection in the real binary under tmux: a generated clip with known hard cuts on the
/// timeline, `detect-scenes timeline action=razor` typed in the palette (it runs in the
/// background and applies when done), undo, redo, save — then `termcut dump` must show V1 cut
/// at exactly the frames where the shots change.
///
/// cuts.mp4: 25 fps, five 2 s shots (a moving test pattern; colour bars with a one-frame white
/// flash in the middle; a pattern fading in; grey with heavy noise; a Mandelbrot zoom), as in
/// AppTests' SceneDetectionTests: cuts at frames 50, 100, 150 and 200 and nowhere else, so the
/// 25 fps timeline is razored every 2 s.
final class TmuxSceneTests: TmuxTestCase {
    func makeClip() throws -> URL {
        let url = home.appendingPathComponent("cuts.mp4")
        guard let ffmpeg = Self.which("ffmpeg") else {
            throw GaveUp(what: "ffmpeg is not installed (it generates the test clip); run scripts/install-deps.sh")
        }
        let size = "s=320x180:r=25"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ffmpeg)
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

    func testDetectScenesRazorsAtTheExactFramesUndoRedo() throws {
        let clip = try makeClip()
        let project = home.appendingPathComponent("s.termcut")
        try buildProject(project, script: "import \(clip.path)\nsource cuts\ninsert\n")
        try openEditor(project)
        let steps: [(keys: [String], literal: String?, until: String)] = [
            ([], ":detect-scenes timeline action=razor", "4 scene changes → razor"),
            (["u"], nil, "undo:"),
            (["C-r"], nil, "redo:"),
        ]
        for step in steps {
            if let literal = step.literal {
                try type(literal)
                try send("Enter")
            } else {
                try tmux(["send-keys", "-t", "e2e"] + step.keys)
            }
            try waitFor("\"\(step.until)\" after \(step.keys) \(step.literal ?? "")", patience: 60) { $0.contains(step.until) }
            Thread.sleep(forTimeInterval: 0.05)
        }
        let dump = try saveQuitAndDump(project)
        let v1 = Self.trackItems(dump, "V1").map { words -> String in
            let source = words.firstIndex(of: "src").map { words[$0 + 1] } ?? "?"
            return "\(words[0]) src \(source)"
        }
        XCTAssertEqual(v1, (0..<5).map { shot in
            "01:00:0\(2 * shot):00-01:00:\(String(format: "%02d", 2 * shot + 2)):00 src 00:00:0\(2 * shot):00-00:00:\(String(format: "%02d", 2 * shot + 2)):00"
        }, dump)
    }
}
