import Editor
import Foundation
import TimelineModel
import XCTest

/// Command-line tests on an editor with the fake catalog's media imported: interview (300
/// frames with sound), broll (600 with sound), logo (150, picture only), at 30 fps.
class EditorCommandTestCase: XCTestCase {
    var folder: URL!
    var editor: Editor!

    override func setUpWithError() throws {
        folder = try makeMediaFolder()
        editor = Editor(project: Project(name: "t", bins: [Bin(name: "Media")]), catalog: FakeCatalog.standard)
        editor.run("import \(folder.path)")
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    func run(_ script: String, file: StaticString = #filePath, line: UInt = #line) {
        let (ok, messages) = editor.runScript(script)
        XCTAssertTrue(ok, messages.last ?? "", file: file, line: line)
    }

    /// The dump's item lines for one track, without clip ids (checked where they matter).
    func rows(_ track: String) -> [String] {
        var out: [String] = []
        var inTrack = false
        for line in TimelineDump.text(editor.project).split(separator: "\n") {
            if !line.hasPrefix(" ") { inTrack = line.split(separator: " ").first.map(String.init) == track; continue }
            if inTrack {
                var words = line.split(separator: " ").map(String.init)
                if words.count > 2, words[1].hasPrefix("c") { words.remove(at: 1) }
                out.append(words.joined(separator: " "))
            }
        }
        return out
    }

    /// V1's dump rows without their link suffix.
    func v1Rows() -> [String] { rows("V1").map { $0.components(separatedBy: " link ").first! } }

    /// broll 00:00:03:10–00:00:05:09 inserted at the start (2 s), the playhead on its frame 10.
    func insertBrollCut() {
        run("""
            source broll
            mark-in 00:00:03:10
            mark-out 00:00:05:09
            insert
            goto 00:00:00:10
            """)
    }
}
