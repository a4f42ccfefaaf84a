import Foundation
import XCTest
@testable import Media

/// The cell averages scene detection reads agree with swscale's conversion of the same frame:
/// on flat colours (where averaging and bicubic filtering must give the same picture) within 2
/// code values, in limited and full range, 4:2:0, 4:2:2 and 4:4:4, BT.601 and BT.709 sizes; on a
/// test pattern (edges, where the two filters differ) within 4 on average.
final class CellAveragesTests: XCTestCase {
    private func frame(_ source: String, _ format: String, in folder: URL) throws -> VideoFrame {
        let url = folder.appendingPathComponent("\(format)-\(UUID().uuidString).nut")
        try ReferenceTool.succeed("ffmpeg", ["-hide_banner", "-loglevel", "error", "-nostdin", "-y", "-f", "lavfi", "-i", source,
                                             "-frames:v", "1", "-pix_fmt", format, "-c:v", "rawvideo", url.path])
        return try VideoSource(url: url, cache: FrameCache(budgetBytes: 0)).frame(at: .frameNumber(0))
    }

    private func differences(_ frame: VideoFrame) throws -> [Int] {
        let ours = try XCTUnwrap(frame.cellAverages(width: 64, height: 36), "\(frame.pixelFormatName) is read in place")
        let reference = try frame.converted(to: .rgb24, width: 64, height: 36)
        XCTAssertEqual(ours.bytes.count, reference.bytes.count)
        return zip(ours.bytes, reference.bytes).map { abs(Int($0) - Int($1)) }
    }

    func testFlatColoursMatchSwscale() throws {
        let folder = try makeTemporaryFolder(self, "cells")
        for size in ["320x180", "1280x720"] {
            for format in ["yuv420p", "yuv422p", "yuv444p", "yuvj420p", "yuvj444p"] {
                for colour in ["0x3366CC", "0xE0A010", "0x20C040", "0x808080"] {
                    let f = try frame("color=c=\(colour):s=\(size)", format, in: folder)
                    XCTAssertLessThanOrEqual(try differences(f).max() ?? 99, 2, "\(colour) \(format) \(size)")
                }
            }
        }
    }

    func testPatternIsCloseToSwscaleAndOtherFormatsFallBack() throws {
        let folder = try makeTemporaryFolder(self, "cells")
        let pattern = try differences(try frame("testsrc2=s=640x360", "yuv420p", in: folder))
        XCTAssertLessThan(Double(pattern.reduce(0, +)) / Double(pattern.count), 4)
        XCTAssertNil(try frame("color=c=red:s=320x180", "rgb24", in: folder).cellAverages(width: 64, height: 36))
        XCTAssertNil(try frame("color=c=red:s=100x60", "yuv420p", in: folder).cellAverages(width: 64, height: 36),
                     "smaller than two samples a cell")
    }
}
