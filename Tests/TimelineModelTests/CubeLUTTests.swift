import TimelineModel
import XCTest

/// The `.cube` reader: what it reads, and that every refusal names the file and the line.
final class CubeLUTTests: XCTestCase {
    func parse(_ text: String) throws -> CubeLUT { try CubeLUT.parse(text, file: "look.cube") }

    /// The error for `text`, which must be refused.
    func refusal(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> CubeLUTError? {
        do {
            _ = try CubeLUT.parse(text, file: "look.cube")
            XCTFail("accepted:\n\(text)", file: file, line: line)
            return nil
        } catch {
            return error
        }
    }

    static let identity3D = "LUT_3D_SIZE 2\n0 0 0\n1 0 0\n0 1 0\n1 1 0\n0 0 1\n1 0 1\n0 1 1\n1 1 1\n"

    func testReadsA3DTableWithTitleCommentsAndDomain() throws {
        let lut = try parse("# made by hand\r\nTITLE \"Warm look\"\r\n\r\nDOMAIN_MIN 0 0 0\r\nDOMAIN_MAX 1 1 2\r\n"
                            + Self.identity3D.replacingOccurrences(of: "LUT_3D_SIZE 2\n", with: "LUT_3D_SIZE 2 # two\n"))
        XCTAssertEqual(lut.title, "Warm look")
        XCTAssertEqual(lut.shape, .threeD(size: 2))
        XCTAssertEqual(lut.domainMax, [1, 1, 2])
        XCTAssertEqual(lut.entries, 8)
        XCTAssertEqual(Array(lut.values[3..<6]), [1, 0, 0], "red varies fastest")
    }

    func testReadsA1DTableAndResolvesInputRange() throws {
        let lut = try parse("LUT_1D_SIZE 3\nLUT_1D_INPUT_RANGE 0 1.5\n0 0 0\n0.5 0.4 0.3\n1 1 1\n")
        XCTAssertEqual(lut.shape, .oneD(size: 3))
        XCTAssertEqual(lut.domainMin, [0, 0, 0])
        XCTAssertEqual(lut.domainMax, [1.5, 1.5, 1.5])
        XCTAssertEqual(Array(lut.values[3..<6]), [0.5, 0.4, 0.3])
    }

    func testEachBadFileNamesItsLine() {
        let cases: [(String, Int?, String)] = [
            ("LUT_3D_SIZE 1\n0 0 0\n", 1, "LUT_3D_SIZE 1 is out of range"),
            ("LUT_3D_SIZE 300\n", 1, "LUT_3D_SIZE 300 is out of range"),
            ("LUT_3D_SIZE two\n", 1, "is not a whole number"),
            ("TITLE \"x\"\nLUT_3D_SIZE 2\n0 0 0\n1 0 0\n0 1 0\n", 5, "missing entries after this line: the size says 8, the file has 3"),
            (Self.identity3D + "0.5 0.5 0.5\n", 10, "extra entry"),
            ("LUT_1D_SIZE 2\n0 0 0\n1 x 1\n", 3, "green \"x\" is not a number"),
            ("LUT_1D_SIZE 2\n0 0 0\n1 1\n", 3, "this line has 2"),
            ("LUT_1D_SIZE 2\nDOMAIN_MIN 0 0 0\nDOMAIN_MAX 1 0 1\n0 0 0\n1 1 1\n", 3, "DOMAIN out of range: the green minimum 0.0 must be below its maximum 0.0"),
            ("LUT_1D_SIZE 2\nDOMAIN_MAX 1 1\n", 2, "DOMAIN_MAX takes three numbers"),
            ("LUT_3D_SIZE 2\nLUT_IN_VIDEO_RANGE\n", 2, "unsupported keyword LUT_IN_VIDEO_RANGE"),
            ("LUT_1D_SIZE 2\nLUT_3D_SIZE 2\n0 0 0\n", 2, "both LUT_1D_SIZE and LUT_3D_SIZE"),
            ("0 0 0\n", 1, "data before LUT_1D_SIZE or LUT_3D_SIZE"),
            ("LUT_1D_SIZE 2\n0 0 0\nTITLE \"late\"\n", 3, "after the table's data"),
            ("LUT_3D_SIZE 2\n", 1, "the table has no entries"),
            ("TITLE \"empty\"\n", nil, "not a .cube LUT"),
            ("LUT_1D_SIZE 2\n0 0 0\n1 inf 1\n", 3, "is not a number"),
        ]
        for (text, line, words) in cases {
            guard let error = refusal(text) else { continue }
            XCTAssertEqual(error.file, "look.cube")
            XCTAssertEqual(error.line, line, "\(words): \(error)")
            XCTAssertTrue(error.message.contains(words), "want \"\(words)\", got \"\(error)\"")
            XCTAssertTrue(error.description.hasPrefix("look.cube" + (line.map { ":\($0):" } ?? ":")), error.description)
        }
    }

    func testMissingFileIsNamed() {
        XCTAssertThrowsError(try CubeLUT.load(path: "/nonexistent/dir/look.cube")) { error in
            XCTAssertEqual((error as? CubeLUTError)?.description, "/nonexistent/dir/look.cube: no such file")
        }
    }
}
