import Foundation
import XCTest

/// A grade through the command line: `termcut run` sets it, `dump` shows it, and
/// `termcut scope --json` sees it move the picture as expected on SMPTE HD bars.
final class GradeCLITests: XCTestCase {
    static let width = 1280

    static func project(in folder: URL, grade: String?) throws -> URL {
        let bars = folder.appendingPathComponent("bars.mp4")
        if !FileManager.default.fileExists(atPath: bars.path) {
            let made = try MediaCLIHarness.tool("ffmpeg", ["-v", "error", "-f", "lavfi", "-i", "smptehdbars=size=1280x720:rate=25",
                                                           "-frames:v", "5", "-c:v", "libx264", "-pix_fmt", "yuv420p", bars.path])
            XCTAssertEqual(made.status, 0, "ffmpeg could not make bars: \(made.standardError)")
        }
        let url = folder.appendingPathComponent("\(UUID().uuidString).termcut")
        let script = folder.appendingPathComponent("\(UUID().uuidString).txt")
        try ("import \(bars.path)\nsource bars.mp4\nappend\ngoto 0\n" + (grade.map { "\($0)\n" } ?? "")).write(to: script, atomically: true, encoding: .utf8)
        let ran = try MediaCLIHarness.run(["run", url.path, script.path])
        XCTAssertEqual(ran.status, 0, ran.standardError)
        return url
    }

    static func scope(_ kind: String, _ project: URL, _ extra: [String] = []) throws -> [String: Any] {
        let result = try MediaCLIHarness.run(["scope", kind, project.path, "--at", "f0", "--json"] + extra)
        XCTAssertEqual(result.status, 0, result.standardError)
        return try XCTUnwrap(try JSONSerialization.jsonObject(with: result.standardOutputData) as? [String: Any], result.standardOutput)
    }

    /// The 75% white bar's level (the commonest Y′ of the column through its centre) as a
    /// fraction of black…white, so the ungraded (limited-range source codes) and graded
    /// (full-range rendered picture) reports compare.
    static func whiteBarLevel(_ report: [String: Any]) throws -> Double {
        let columns = try XCTUnwrap(report["columns"] as? [[String: Any]])
        let x = Self.width / 8 + Int(0.5 * Double(Self.width) * 0.75 / 7)
        let mode = Double(try XCTUnwrap(columns[x]["mode"] as? Int))
        let black = Double(try XCTUnwrap(report["black_code"] as? Int)), white = Double(try XCTUnwrap(report["white_code"] as? Int))
        return (mode - black) / (white - black)
    }

    func testGainLiftsTheBarAndSaturationHalvesTheVectorscopeRadius() throws {
        let folder = try MediaCLIHarness.temporaryFolder(self)
        let plain = try Self.project(in: folder, grade: nil)
        let gained = try Self.project(in: folder, grade: "grade gain=1.2")
        let before = try Self.whiteBarLevel(try Self.scope("waveform", plain, ["--width", "\(Self.width)"]))
        let after = try Self.whiteBarLevel(try Self.scope("waveform", gained, ["--width", "\(Self.width)"]))
        XCTAssertEqual(before, 0.75, accuracy: 0.01, "75% bars")
        // Gain 1.2 on R′G′B′ scales Y′ by 1.2: 0.75 → 0.9.
        XCTAssertEqual(after, 0.9, accuracy: 0.01, "after gain 1.2")

        let desaturated = try Self.project(in: folder, grade: "grade saturation=0.5")
        let radius = try XCTUnwrap(try Self.scope("vectorscope", plain)["mean_radius"] as? Double)
        let halved = try XCTUnwrap(try Self.scope("vectorscope", desaturated)["mean_radius"] as? Double)
        XCTAssertGreaterThan(radius, 0.1, "bars are saturated")
        XCTAssertEqual(halved / radius, 0.5, accuracy: 0.05, "saturation 0.5: radius \(radius) → \(halved)")

        // Bypass shows the source again: the level is back to 75%.
        let bypassed = try Self.project(in: folder, grade: "grade gain=1.2\ngrade-bypass on")
        XCTAssertEqual(try Self.whiteBarLevel(try Self.scope("waveform", bypassed, ["--width", "\(Self.width)"])), 0.75, accuracy: 0.01)
        let dump = try MediaCLIHarness.run(["dump", bypassed.path])
        XCTAssertTrue(dump.standardOutput.contains("grade BYPASS gain m1.2"), dump.standardOutput)
    }
}
