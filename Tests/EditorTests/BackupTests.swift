import Editor
import Foundation
import TimelineModel
import XCTest

/// Backups keep distinct versions, and a save that could not keep one says so.
final class BackupTests: XCTestCase {
    var folder: URL!
    override func setUpWithError() throws { folder = try makeMediaFolder() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    var url: URL { folder.appendingPathComponent("p.termcut") }
    var backups: String { url.path + ".backups" }

    func testSavingAnUnchangedProjectDoesNotPushOutOlderVersions() throws {
        let editor = Editor(project: Project(name: "t", bins: [Bin(name: "Media")]), catalog: FakeCatalog.standard)
        _ = try editor.save(to: url)
        for i in 1...3 {
            editor.run("new-bin v\(i)")
            _ = try editor.save()
        }
        let before = try FileManager.default.contentsOfDirectory(atPath: backups).sorted()
        XCTAssertEqual(before.count, 3)
        for _ in 1...5 { _ = try editor.save() }
        let after = try FileManager.default.contentsOfDirectory(atPath: backups).sorted()
        XCTAssertEqual(after, before, "five saves of an unchanged project keep the older, different backups")
        let contents = Set(try after.map { try String(contentsOfFile: backups + "/" + $0, encoding: .utf8)
            .split(separator: "\n").filter { !$0.contains("saveID") }.joined() })
        XCTAssertEqual(contents.count, 3, "each backup is a different version")
        editor.session?.release()
    }

    func testABackupsPathThatIsAFileOrUnwritableGivesAWarning() throws {
        let editor = Editor(project: Project(name: "t", bins: [Bin(name: "Media")]), catalog: FakeCatalog.standard)
        _ = try editor.save(to: url)
        try Data("not a folder".utf8).write(to: URL(fileURLWithPath: backups))
        editor.run("new-bin a")
        let message = try editor.save()
        XCTAssertTrue(message.hasPrefix("saved p.termcut; warning: no backup kept:"), message)
        XCTAssertTrue(message.contains("is a file, not a folder"), message)
        try FileManager.default.removeItem(atPath: backups)
        try FileManager.default.createDirectory(atPath: backups, withIntermediateDirectories: false)
        chmod(backups, 0o500)
        defer { chmod(backups, 0o700) }
        editor.run("new-bin b")
        let second = try editor.save()
        // Root ignores folder permissions: the warning can only be checked as another user.
        if getuid() != 0 { XCTAssertTrue(second.contains("warning: no backup kept"), second) }
        editor.session?.release()
    }
}
