import Foundation
import XCTest

/// A file termcut may not read is named as such ("permission denied"), never taken for
/// corrupt media. Root reads every file, so as root the probe runs as `nobody` through
/// util-linux's `setpriv` (a copy of the binary in a folder nobody may enter), and the test
/// runs the same everywhere instead of being skipped where CI runs.
final class ProbePermissionCLITests: XCTestCase {
    func testAnUnreadableFileIsReportedAsPermissionDenied() throws {
        let folder = try MediaCLIHarness.temporaryFolder(self)
        chmod(folder.path, 0o755)
        let url = folder.appendingPathComponent("locked.mp4")
        let made = try MediaCLIHarness.tool("ffmpeg", ["-nostdin", "-v", "error", "-f", "lavfi", "-i", "testsrc2=s=160x120:r=25:d=1",
                                               "-c:v", "libx264", "-pix_fmt", "yuv420p", url.path])
        XCTAssertEqual(made.status, 0, "ffmpeg (scripts/install-deps.sh --test): \(made.standardError)")
        XCTAssertEqual(chmod(url.path, 0), 0)
        let result: MediaCLIHarness.Result
        if geteuid() == 0 {
            let binary = folder.appendingPathComponent("termcut")
            try FileManager.default.copyItem(at: MediaCLIHarness.binary, to: binary)
            chmod(binary.path, 0o755)
            result = try MediaCLIHarness.run(["--reuid=65534", "--regid=65534", "--clear-groups", binary.path, "probe", url.path],
                                             executable: URL(fileURLWithPath: "/usr/bin/setpriv"))
        } else {
            result = try MediaCLIHarness.run(["probe", url.path])
        }
        XCTAssertEqual(result.status, 1, result.standardError)
        XCTAssertEqual(result.standardError, "termcut: \(url.path): permission denied (check the file's read permission)\n")
    }
}
