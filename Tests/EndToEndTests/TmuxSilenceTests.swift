import Foundation
import XCTest

/// Silence proposals with the keys, in the real binary under tmux: insert a generated talk
/// clip, detect its silences (alt-s), step to the second (alt-n), drop it (alt-d), accept
/// (alt-a), undo, redo, save — then `termcut dump` must show the cut worked out below.
///
/// talk.mov: 6 s at 30 fps, a 440 Hz tone over [0,1], [2.5,4], [4.6,6] s and digital silence
/// between (the same clip as AppTests' SilenceProposalTests, which works the frames out): the
/// padded silences are frames [33,72) and [123,135). Dropping the second and ripple-deleting
/// the first leaves record [0,33) from source 0 and [33,141) from source 72 (00:00:02:12).
final class TmuxSilenceTests: TmuxTestCase {
    static let expectedV1 = [
        "01:00:00:00-01:00:01:03 talk.mov src 00:00:00:00-00:00:01:03",
        "01:00:01:03-01:00:04:21 talk.mov src 00:00:02:12-00:00:06:00",
    ]

    func makeTalk() throws -> URL {
        let url = home.appendingPathComponent("talk.mov")
        let tone = "aevalsrc=exprs=if(between(t\\,0\\,1)+between(t\\,2.5\\,4)+between(t\\,4.6\\,6)\\,0.5*sin(2*PI*440*t)\\,0):s=48000:d=6"
        guard let ffmpeg = Self.which("ffmpeg") else {
            throw GaveUp(what: "ffmpeg is not installed (it generates the test clip); run scripts/install-deps.sh")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ffmpeg)
        process.arguments = ["-hide_banner", "-loglevel", "error", "-nostdin", "-y",
                             "-f", "lavfi", "-i", "testsrc=size=160x120:rate=30:duration=6", "-f", "lavfi", "-i", tone,
                             "-c:v", "mpeg4", "-q:v", "5", "-c:a", "pcm_s16le", "-shortest", url.path]
        try process.run()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, "ffmpeg could not make the test clip")
        return url
    }

    func testDetectStepDropAcceptUndoRedo() throws {
        let talk = try makeTalk()
        let project = home.appendingPathComponent("p.termcut")
        try startShell()
        try type("'\(MediaCLIHarness.binary.path)' open --no-mouse '\(project.path)'; echo TERMCUT-EXIT=$?")
        try send("Enter")
        try waitFor("the editor") { $0.contains("Timeline") && $0.contains("NORMAL") }
        let steps: [(keys: [String], literal: String?, until: String)] = [
            ([], ":import \(talk.path)", "imported 1 file into Media"),
            ([], ":source talk", "talk.mov"),
            ([], ":insert", "inserted talk.mov"),
            (["M-s"], nil, "2 silences → ripple-delete, 00:00:01:21 saved · 1/2"),
            (["M-n"], nil, "2 silences → ripple-delete, 00:00:01:21 saved · 2/2"),
            (["M-d"], nil, "1 silence → ripple-delete, 00:00:01:09 saved · 1/1"),
            (["M-a"], nil, "ripple-delete 1 silence, 00:00:01:09 removed"),
            (["u"], nil, "undo: ripple-delete 1 silence"),
            (["C-r"], nil, "redo: ripple-delete 1 silence"),
            (["C-s"], nil, "saved p.termcut"),
        ]
        for step in steps {
            if let literal = step.literal {
                try type(literal)
                try send("Enter")
            } else {
                try tmux(["send-keys", "-t", "e2e"] + step.keys)
            }
            try waitFor("\"\(step.until)\" after \(step.keys) \(step.literal ?? "")") { $0.contains(step.until) }
            Thread.sleep(forTimeInterval: 0.05)
        }
        try send("q")
        let after = try waitFor("the shell after quitting") { Self.exitStatus(in: $0) != nil }
        XCTAssertEqual(Self.exitStatus(in: after), "0", after)

        let dump = try MediaCLIHarness.run(["dump", project.path])
        XCTAssertEqual(dump.status, 0, dump.standardError)
        for track in ["V1", "A1"] {
            let lines = dump.standardOutput.split(separator: "\n").drop { $0 != track }.dropFirst().prefix { $0.hasPrefix("  ") }
                .map { line -> String in
                    let words = line.split(separator: " ")
                    return ([words[0]] + words[2...].prefix { $0 != "link" }).joined(separator: " ")
                }
            XCTAssertEqual(lines, Self.expectedV1, "\(track):\n\(dump.standardOutput)")
        }
    }
}
