import Editor
import XCTest

final class CommandTextTests: XCTestCase {
    func testWordsQuotesNamedArgumentsAndComments() throws {
        let t = try XCTUnwrap(CommandText.parse(#"insert "my clip" at=+5 tracks=V1,A1 # trailing note"#))
        XCTAssertEqual(t.name, "insert")
        XCTAssertEqual(t.positional, ["my clip"])
        XCTAssertEqual(t.named, ["at": "+5", "tracks": "V1,A1"])
    }

    func testBlankAndCommentLinesAreNothing() throws {
        XCTAssertNil(try CommandText.parse("   "))
        XCTAssertNil(try CommandText.parse("# just a note"))
    }

    func testQuotedEqualsIsPositionalAndEscapesWork() throws {
        let t = try XCTUnwrap(CommandText.parse(#"rename-marker "a=b" "say \"hi\"""#))
        XCTAssertEqual(t.positional, ["a=b", #"say "hi""#])
        XCTAssertTrue(t.named.isEmpty)
    }

    func testUnterminatedQuoteIsAnError() {
        XCTAssertThrowsError(try CommandText.parse(#"import "half"#))
    }

    func testQuoteRoundTrips() throws {
        for value in ["plain", "with space", #"quote " and \ slash"#, "a=b", "#hash", ""] {
            let t = try XCTUnwrap(CommandText.parse("cmd " + CommandText.quote(value)))
            XCTAssertEqual(t.positional, [value], value)
        }
    }
}
