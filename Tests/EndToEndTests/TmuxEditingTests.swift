import Foundation
import XCTest

/// An editor's session with the keys, in the real binary under tmux: import a corpus clip,
/// mark it in the source monitor, insert it, razor, ripple-trim, undo, redo, save, quit —
/// then `termcut dump` must show the cut worked out below. Once with the default keymap,
/// once with vim's.
///
/// bikes.mp4 is 25 fps. The source monitor steps in its own frames: in at 0, three steps of 10
/// to frame 30 (00:00:01:05 at 25 fps), out there (inclusive). The new project's sequence has no
/// chosen settings, so the first clip inserted sets it to 25 fps (as Premiere does): 31 frames
/// at record 0. The playhead lands at 31; 10 back is 21, where the razor cuts: [0,21) and
/// [21,31). Trim mode there, A side, +2: the first clip grows to 23 frames and the second
/// follows, so the sequence is 33 frames (01:00:01:08 at 25). Media and sequence share a rate,
/// so the source timecodes are the units: 0–23 and 21–31 (00:00:01:06).
final class TmuxEditingTests: TmuxTestCase {
    static let expectedV1 = [
        "01:00:00:00-01:00:00:23 bikes.mp4 src 00:00:00:00-00:00:00:23",
        "01:00:00:23-01:00:01:08 bikes.mp4 src 00:00:00:21-00:00:01:06",
    ]

    func testDefaultKeymap() throws {
        try edit(keymap: "default", steps: [
            .keys(["Tab"], until: "BINS"), .keys(["Down"], until: nil), .keys(["Enter"], until: "source: bikes.mp4"),
            .keys(["i"], until: "source in 00:00:00:00"),
            .keys(["S-Right", "S-Right", "S-Right"], until: "source 00:00:01:05"),
            .keys(["o"], until: "source out 00:00:01:05"),
            .keys([","], until: "inserted bikes.mp4"),
            .keys(["S-Left"], until: "01:00:00:21"),
            .keys(["C-k"], until: "razor V1 at 01:00:00:21"),
            .keys(["t"], until: "trim roll at 01:00:00:21"),
            .keys(["a"], until: "trim side: A"),
            .keys(["]"], until: "ripple trim V1 +1f"), .keys(["]"], until: "ripple trim V1 +1f"),
            .keys(["u"], until: "undo: ripple trim V1 +1f"),
            .keys(["C-r"], until: "redo: ripple trim V1 +1f"),
            .keys(["C-s"], until: "saved p.termcut"),
            .keys(["Escape"], until: "trim mode off"),
            .keys(["q"], until: nil),
        ])
    }

    func testVimKeymap() throws {
        try edit(keymap: "vim", steps: [
            .keys(["Tab"], until: "BINS"), .keys(["Down"], until: nil), .keys(["Enter"], until: "source: bikes.mp4"),
            .keys(["i"], until: "source in 00:00:00:00"),
            .literal(String(repeating: "l", count: 30), until: "source 00:00:01:05"),
            .keys(["o"], until: "source out 00:00:01:05"),
            .keys(["p"], until: "inserted bikes.mp4"),
            .keys(["H"], until: "01:00:00:21"),
            .keys(["s"], until: "razor V1 at 01:00:00:21"),
            .keys(["t"], until: "trim roll at 01:00:00:21"),
            .keys(["a"], until: "trim side: A"),
            .keys(["l"], until: "ripple trim V1 +1f"), .keys(["l"], until: "ripple trim V1 +1f"),
            .keys(["u"], until: "undo: ripple trim V1 +1f"),
            .keys(["C-r"], until: "redo: ripple trim V1 +1f"),
            .keys(["Escape"], until: "trim mode off"),
            .literal(":w", until: ":w"), .keys(["Enter"], until: "saved p.termcut"),
            .literal(":q", until: ":q"), .keys(["Enter"], until: nil),
        ])
    }

    enum Step {
        case keys([String], until: String?)
        case literal(String, until: String?)
    }

    func edit(keymap: String, steps: [Step]) throws {
        // Skips (the only skip here) when the shared corpus is absent.
        let corpus = try MediaCLIHarness.corpusFile("bikes.mp4")
        let project = home.appendingPathComponent("p.termcut")
        try startShell()
        try type("'\(MediaCLIHarness.binary.path)' open --keymap \(keymap) --no-mouse '\(project.path)'; echo TERMCUT-EXIT=$?")
        try send("Enter")
        try waitFor("the editor") { $0.contains("Timeline") && $0.contains("NORMAL") }
        try type(":import \(corpus.path)")
        try send("Enter")
        try waitFor("the import") { $0.contains("imported 1 file into Media") }
        for step in steps {
            let expected: String?
            switch step {
            case .keys(let keys, let until):
                try tmux(["send-keys", "-t", "e2e"] + keys)
                expected = until
            case .literal(let text, let until):
                try type(text)
                expected = until
            }
            if let expected {
                // The message line is the last line; the status bar and panes are above it.
                try waitFor("\"\(expected)\" after \(step)") { $0.contains(expected) }
                // Let the next key see the screen that this one produced.
                Thread.sleep(forTimeInterval: 0.05)
            }
        }
        let after = try waitFor("the shell after quitting") { Self.exitStatus(in: $0) != nil }
        XCTAssertEqual(Self.exitStatus(in: after), "0", after)

        let dump = try MediaCLIHarness.run(["dump", project.path])
        XCTAssertEqual(dump.status, 0, dump.standardError)
        let v1 = Self.trackItems(dump.standardOutput, "V1").map { words in ([words[0]] + words[2...]).joined(separator: " ") }
        XCTAssertEqual(v1, Self.expectedV1, dump.standardOutput)
    }
}
