import Foundation
import Media
import XCTest

/// PNGs of the layouts the PNG decoder gives (RGBA, RGBA 16-bit, palette,
/// grey+alpha, grey 16-bit) decode to the same 16-bit RGBA samples as ffmpeg's reference
/// decode of the same file: 8-bit files widened exactly (v × 257), 16-bit ones as stored.
final class StillImageTests: XCTestCase {
    func testEveryPNGLayoutDecodesAsFFmpegDecodesIt() throws {
        let folder = try makeTemporaryFolder(self, "still")
        // An alpha ramp across and colours down, so alpha and colour both vary.
        let pattern = "testsrc=s=48x24:d=1,format=rgba,geq=r='r(X,Y)':g='g(X,Y)':b='b(X,Y)':a='255*X/(W-1)'"
        for format in ["rgba", "rgba64be", "pal8", "ya8", "gray16be"] {
            let png = folder.appendingPathComponent("\(format).png")
            _ = try ReferenceTool.succeed("ffmpeg", ["-v", "error", "-y", "-f", "lavfi", "-i", pattern, "-pix_fmt", format, "-frames:v", "1", png.path])
            let deep = format.contains("16") || format.contains("64")
            // ffmpeg's own picture: 16-bit files straight to rgba64le, 8-bit ones to rgba, widened here as termcut does.
            let reference: [UInt16]
            if deep {
                let raw = try ReferenceTool.succeed("ffmpeg", ["-v", "error", "-i", png.path, "-f", "rawvideo", "-pix_fmt", "rgba64le", "-"])
                reference = raw.withUnsafeBytes { Array($0.bindMemory(to: UInt16.self)).map { UInt16(littleEndian: $0) } }
            } else {
                let raw = try ReferenceTool.succeed("ffmpeg", ["-v", "error", "-i", png.path, "-f", "rawvideo", "-pix_fmt", "rgba", "-"])
                reference = [UInt8](raw).map { UInt16($0) * 257 }
            }
            let still = try StillImage(path: png.path)
            XCTAssertEqual(still.width, 48, format)
            XCTAssertEqual(still.height, 24, format)
            let picture = try still.rgba64(width: 48, height: 24)
            let ours: [UInt16] = picture.bytes.withUnsafeBytes { Array($0.bindMemory(to: UInt16.self)).map { UInt16(littleEndian: $0) } }
            XCTAssertEqual(ours.count, reference.count, format)
            let largest = zip(ours, reference).map { abs(Int($0) - Int($1)) }.max() ?? .max
            XCTAssertLessThanOrEqual(largest, deep ? 1 : 0, "\(format): largest difference \(largest)")
            // The layouts with alpha keep it: transparent at the left, opaque at the right.
            // (ffmpeg widens the 8-bit ramp to rgba64be as v << 8, so its opaque end is 65280;
            // its pal8 conversion drops alpha, so that file is opaque.)
            if ["rgba", "rgba64be", "ya8"].contains(format) {
                XCTAssertLessThan(ours[3], 2 * 257, "\(format): the left column is (nearly) transparent")
                XCTAssertGreaterThanOrEqual(ours[(47) * 4 + 3], 65280, "\(format): the right column is opaque")
            } else {
                XCTAssertEqual(ours[3], 65535, "\(format): no alpha in the file: opaque")
            }
        }
    }

    func testMissingNotPNGAndTruncatedFilesAreErrorsNamingTheFile() throws {
        let folder = try makeTemporaryFolder(self, "still")
        XCTAssertThrowsError(try StillImage(path: folder.appendingPathComponent("gone.png").path)) { error in
            XCTAssertEqual((error as? MediaError)?.kind, .fileNotFound)
        }
        let text = folder.appendingPathComponent("text.png")
        try Data("hello, not a picture".utf8).write(to: text)
        XCTAssertThrowsError(try StillImage(path: text.path)) { error in
            XCTAssertEqual((error as? MediaError)?.kind, .notMedia)
            XCTAssertTrue("\(error)".contains("text.png") && "\(error)".contains("not a PNG"), "\(error)")
        }
        let png = folder.appendingPathComponent("whole.png")
        _ = try ReferenceTool.succeed("ffmpeg", ["-v", "error", "-y", "-f", "lavfi", "-i", "testsrc=s=64x64:d=1", "-frames:v", "1", png.path])
        let cut = folder.appendingPathComponent("cut.png")
        try Data(contentsOf: png).prefix(60).write(to: cut)
        XCTAssertThrowsError(try StillImage(path: cut.path)) { error in
            XCTAssertEqual((error as? MediaError)?.kind, .damaged)
            XCTAssertTrue("\(error)".contains("cut.png"), "\(error)")
        }
    }
}
