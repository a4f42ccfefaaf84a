import Foundation
import XCTest

/// `termcut scope` on SMPTE HD bars: the waveform's numbers equal those counted from FFmpeg's
/// own decode of the same frame, the bars sit at their levels, the 75% targets hold density,
/// the text is braille with the legal-range lines; a project shows its clip's frame.
final class ScopeCLITests: XCTestCase {
    static let width = 1280, height = 720

    func bars(in folder: URL) throws -> URL {
        let file = folder.appendingPathComponent("bars.mp4")
        let made = try MediaCLIHarness.tool("ffmpeg", ["-v", "error", "-f", "lavfi", "-i", "smptehdbars=size=1280x720:rate=25",
                                                       "-frames:v", "10", "-c:v", "libx264", "-pix_fmt", "yuv420p", file.path])
        guard made.status == 0 else { throw TmuxMissing.Tool(description: "ffmpeg could not make bars: \(made.standardError)") }
        return file
    }

    func json(_ arguments: [String]) throws -> [String: Any] {
        let result = try MediaCLIHarness.run(["scope"] + arguments + ["--json"])
        XCTAssertEqual(result.status, 0, result.standardError)
        return try XCTUnwrap(try JSONSerialization.jsonObject(with: result.standardOutputData) as? [String: Any], result.standardOutput)
    }

    func testWaveformNumbersMatchFFmpegsDecode() throws {
        let folder = try MediaCLIHarness.temporaryFolder(self)
        let file = try bars(in: folder)
        let columns = 64
        let report = try json(["waveform", file.path, "--at", "0.2s", "--width", "\(columns)"])
        XCTAssertEqual(report["bit_depth"] as? Int, 8)
        XCTAssertEqual(report["range"] as? String, "limited")
        XCTAssertEqual(report["matrix"] as? String, "bt709")
        let list = try XCTUnwrap(report["columns"] as? [[String: Any]])
        XCTAssertEqual(list.count, columns)

        // The same frame (frame 5) as FFmpeg decodes it, luma only: count it ourselves.
        let raw = try MediaCLIHarness.tool("ffmpeg", ["-v", "error", "-i", file.path, "-vf", "select=eq(n\\,5)", "-frames:v", "1",
                                                      "-f", "rawvideo", "-pix_fmt", "yuv420p", "-"])
        // The Y′ plane of FFmpeg's own yuv420p output (gray would be rescaled to full range).
        let luma = [UInt8](raw.standardOutputData.prefix(Self.width * Self.height))
        XCTAssertEqual(luma.count, Self.width * Self.height)
        var counts = [[Int]](repeating: [Int](repeating: 0, count: 256), count: columns)
        var below = 0, above = 0
        for (i, y) in luma.enumerated() {
            counts[(i % Self.width) * columns / Self.width][Int(y)] += 1
            if y < 16 { below += 1 } else if y > 235 { above += 1 }
        }
        for (c, entry) in list.enumerated() {
            let codes = counts[c].indices.filter { counts[c][$0] > 0 }
            XCTAssertEqual(entry["min"] as? Int, codes.first, "column \(c) min")
            XCTAssertEqual(entry["max"] as? Int, codes.last, "column \(c) max")
            let mean = Double(counts[c].enumerated().reduce(0) { $0 + $1.offset * $1.element }) / Double(counts[c].reduce(0, +))
            XCTAssertEqual(try XCTUnwrap(entry["mean"] as? Double), mean, accuracy: 0.01, "column \(c) mean")
        }
        let legal = try XCTUnwrap(report["legal_range"] as? [String: Int])
        XCTAssertEqual(legal["below_black"], below)
        XCTAssertEqual(legal["above_white"], above)
        XCTAssertEqual(legal.values.reduce(0, +), Self.width * Self.height)
        XCTAssertGreaterThan(below, 0, "the PLUGE's −2% step is below black")

        // The top row's bars at their levels (RP 219: a W/8 40% grey, then 75% white, yellow, cyan, green,
        // magenta, red, blue of (3/4·W)/7 each): the commonest Y′ of the column through each bar's centre.
        let perPixel = try json(["waveform", file.path, "--at", "f5", "--width", "\(Self.width)"])
        let pixelColumns = try XCTUnwrap(perPixel["columns"] as? [[String: Any]])
        let levels = [1.0, 0.9278, 0.7874, 0.7152, 0.2848, 0.2126, 0.0722].map { 16 + 219 * 0.75 * $0 }
        for (index, level) in levels.enumerated() {
            let x = Self.width / 8 + Int((Double(index) + 0.5) * Double(Self.width) * 0.75 / 7)
            XCTAssertEqual(Double(try XCTUnwrap(pixelColumns[x]["mode"] as? Int)), level, accuracy: 1.5, "bar \(index)")
        }
    }

    func testVectorscopeTargetsAndHistogram() throws {
        let folder = try MediaCLIHarness.temporaryFolder(self)
        let file = try bars(in: folder)
        let vectorscope = try json(["vectorscope", file.path, "--at", "0s"])
        let targets = try XCTUnwrap(vectorscope["targets_75"] as? [[String: Any]])
        XCTAssertEqual(targets.count, 6)
        for target in targets { XCTAssertEqual(target["has_density"] as? Bool, true, "\(target)") }
        let full = try XCTUnwrap(vectorscope["targets_100"] as? [[String: Any]])
        for target in full where ["green", "magenta"].contains(target["colour"] as? String) {
            XCTAssertEqual(target["has_density"] as? Bool, false, "RP 219 has no 100% \(target)")
        }
        let histogram = try json(["histogram", file.path, "--at", "0s"])
        let bins = try XCTUnwrap(histogram["bins"] as? [Int])
        XCTAssertEqual(bins.count, 256)
        XCTAssertEqual(bins.reduce(0, +), Self.width * Self.height)
    }

    func testTextIsBrailleWithLegalLines() throws {
        let folder = try MediaCLIHarness.temporaryFolder(self)
        let file = try bars(in: folder)
        let result = try MediaCLIHarness.run(["scope", "waveform", file.path, "--at", "0s", "--width", "60", "--height", "16"])
        XCTAssertEqual(result.status, 0, result.standardError)
        let lines = result.standardOutput.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
        XCTAssertEqual(lines.count, 17, result.standardOutput)
        XCTAssertTrue(lines[0].hasPrefix("Waveform · "), lines[0])
        let rows = lines.dropFirst()
        let braille = rows.flatMap(\.unicodeScalars).filter { (0x2801...0x28FF).contains($0.value) }
        XCTAssertGreaterThan(braille.count, 300, result.standardOutput)
        // The 0 and 100 IRE rows carry the solid legal-range lines across the whole trace.
        for label in ["100", "0"] {
            let row = try XCTUnwrap(rows.first { $0.prefix(4).trimmingCharacters(in: .whitespaces) == label }, "row labelled \(label)")
            let trace = row.dropFirst(4)
            XCTAssertEqual(trace.count, 56)
            XCTAssertTrue(trace.unicodeScalars.allSatisfy { (0x2801...0x28FF).contains($0.value) }, "\(label): \(trace)")
        }
        for kind in ["parade", "vectorscope", "histogram", "rgb-histogram"] {
            let other = try MediaCLIHarness.run(["scope", kind, file.path, "--at", "0s", "--width", "40", "--height", "10"])
            XCTAssertEqual(other.status, 0, other.standardError)
            XCTAssertTrue(other.standardOutput.unicodeScalars.contains { (0x2801...0x28FF).contains($0.value) }, kind)
        }
    }

    func testProjectShowsTheClipsFrame() throws {
        let folder = try MediaCLIHarness.temporaryFolder(self)
        let file = try bars(in: folder)
        let project = folder.appendingPathComponent("bars.termcut")
        let script = "import \(file.path)\nsource bars.mp4\nappend\n"
        let script1 = folder.appendingPathComponent("s.txt")
        try script.write(to: script1, atomically: true, encoding: .utf8)
        XCTAssertEqual(try MediaCLIHarness.run(["run", project.path, script1.path]).status, 0)
        let fromProject = try json(["waveform", project.path, "--at", "f0", "--width", "32"])
        let fromFile = try json(["waveform", file.path, "--at", "f0", "--width", "32"])
        XCTAssertTrue((fromProject["picture"] as? String ?? "").contains("source frame of bars.mp4"), "\(fromProject["picture"] ?? "")")
        XCTAssertEqual(fromProject["columns"] as? [[String: Double]], fromFile["columns"] as? [[String: Double]])
        XCTAssertEqual(fromProject["legal_range"] as? [String: Int], fromFile["legal_range"] as? [String: Int])

        for (arguments, words) in [(["waveform", project.path, "--at", "f999"], "outside the timeline"),
                                   (["scope-x", file.path, "--at", "0s"], "unknown scope"),
                                   (["waveform", file.path, "--at", "soon"], "cannot read time")] {
            let args = arguments[0] == "scope-x" ? ["scope", "scope-x"] + arguments.dropFirst() : ["scope"] + arguments
            let result = try MediaCLIHarness.run(args)
            XCTAssertEqual(result.status, 1, args.joined(separator: " "))
            XCTAssertEqual(result.standardError.split(separator: "\n").count, 1, result.standardError)
            XCTAssertTrue(result.standardError.contains(words), result.standardError)
        }
    }
}
