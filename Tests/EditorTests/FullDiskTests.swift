import Editor
import Foundation
import Interchange
import TimelineModel
import XCTest

/// The journal and saves on a disk that fills up: a small tmpfs (the tests run as root; a
/// machine where mount is refused fails here rather than pretending).
final class FullDiskTests: XCTestCase {
    var mountPoint: URL!

    override func setUpWithError() throws {
        mountPoint = FileManager.default.temporaryDirectory.appendingPathComponent("termcut-full-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: mountPoint, withIntermediateDirectories: true)
        let mount = Process()
        mount.executableURL = URL(fileURLWithPath: "/bin/mount")
        mount.arguments = ["-t", "tmpfs", "-o", "size=48k", "tmpfs", mountPoint.path]
        try mount.run()
        mount.waitUntilExit()
        // A failed mount fails the test (thrown from setUp), never skips it.
        guard mount.terminationStatus == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: "mount -t tmpfs failed (status \(mount.terminationStatus)); it needs root"])
        }
    }

    override func tearDownWithError() throws {
        let umount = Process()
        umount.executableURL = URL(fileURLWithPath: "/bin/umount")
        umount.arguments = [mountPoint.path]
        try? umount.run()
        umount.waitUntilExit()
        try? FileManager.default.removeItem(at: mountPoint)
    }

    /// Fills the disk with a file that can be removed to free space again.
    func fill() -> URL {
        let filler = mountPoint.appendingPathComponent("filler")
        FileManager.default.createFile(atPath: filler.path, contents: nil)
        let handle = FileHandle(forWritingAtPath: filler.path)!
        let block = Data(repeating: 7, count: 512)
        while (try? handle.write(contentsOf: block)) != nil {}
        try? handle.close()
        return filler
    }

    func testAFailedAppendIsNotAcknowledgedAndLeavesNoTornRecord() throws {
        let url = mountPoint.appendingPathComponent("p.termcut")
        let editor = Editor(project: Project(name: "t", bins: [Bin(name: "Media")]), catalog: FakeCatalog.standard)
        _ = try editor.save(to: url)
        editor.run("new-bin before")
        let filler = fill()
        // A long name so the record cannot fit in what is left of a block.
        let refused = editor.execute("new-bin " + String(repeating: "x", count: 6000))
        XCTAssertTrue(refused.isError, "an edit that could not be journaled must not be acknowledged")
        XCTAssertTrue(refused.message.contains("not done") && refused.message.contains("No space left on device"), refused.message)
        XCTAssertEqual(editor.project.bins.map(\.name), ["Media", "before"], "the edit was taken back")
        XCTAssertEqual(editor.undoLabel.map { $0.contains("before") }, true, "undo does not hold the refused edit")
        try FileManager.default.removeItem(at: filler)
        editor.run("new-bin after1")
        editor.run("new-bin after2")
        editor.session?.release()
        let reopened = try Editor(opening: url, catalog: FakeCatalog.standard)
        XCTAssertEqual(reopened.project.bins.map(\.name), ["Media", "before", "after1", "after2"])
        XCTAssertEqual(reopened.lastMessage, "recovered 3 commands from the journal")
        reopened.session?.release()
    }

    func testASaveThatFailsOnAFullDiskSaysWhyAndLeavesNoEmptyBackup() throws {
        let url = mountPoint.appendingPathComponent("p.termcut")
        let editor = Editor(project: Project(name: "t", bins: [Bin(name: "Media")]), catalog: FakeCatalog.standard)
        _ = try editor.save(to: url)
        editor.run("new-bin " + String(repeating: "y", count: 3000))
        let filler = fill()
        XCTAssertThrowsError(try editor.save()) { error in
            XCTAssertTrue("\(error)".contains("No space left on device"), "\(error)")
        }
        let backups = (try? FileManager.default.contentsOfDirectory(atPath: url.path + ".backups")) ?? []
        for b in backups {
            let size = (try FileManager.default.attributesOfItem(atPath: url.path + ".backups/" + b)[.size] as? Int) ?? 0
            XCTAssertGreaterThan(size, 0, "no 0-byte backup: \(b)")
        }
        try FileManager.default.removeItem(at: filler)
        editor.session?.release()
        let reopened = try Editor(opening: url, catalog: FakeCatalog.standard)
        XCTAssertEqual(reopened.project.bins.count, 2, "the journal still holds the edit the failed save did not")
        reopened.session?.release()
    }
}
