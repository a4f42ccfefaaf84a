import Editor
import TimelineModel
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

    /// A named value may be quoted (`note="two words"`); a quote before the `=` makes the word positional.
    func testNamedValuesMayBeQuoted() throws {
        let t = try XCTUnwrap(CommandText.parse(#"add-marker x note="two words; one = sign" at=f25 "k=v" w"="z"#))
        XCTAssertEqual(t.named, ["note": "two words; one = sign", "at": "f25"])
        XCTAssertEqual(t.positional, ["x", "k=v", "w=z"], "an = inside quotes never names")
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

    func testSemicolonsSplitCommandsOutsideQuotesOnly() throws {
        XCTAssertEqual(try CommandText.commands(in: #"add-marker "a; b"; razor ;; save # x; y"#),
                       [#"add-marker "a; b""#, "razor", "save"])
        XCTAssertEqual(try CommandText.names(in: #"add-marker "say \"; hi\"" red; undo"#), ["add-marker", "undo"])
        XCTAssertThrowsError(try CommandText.commands(in: #"add-marker "a; b"#))
    }

    func testADropFrameTimecodeIsOneWordNotTwoCommands() throws {
        XCTAssertEqual(try CommandText.commands(in: "mark-in 01:00:00;12; mark-out 01:00:01;00;save"),
                       ["mark-in 01:00:00;12", "mark-out 01:00:01;00", "save"])
        XCTAssertEqual(try CommandText.commands(in: "step 5;6"), ["step 5;6"], "digits on both sides: a timecode's")
        XCTAssertEqual(try CommandText.commands(in: "step 5; 6"), ["step 5", "6"])
    }

    func testAliasesAndPlaceholdersExpand() throws {
        let aliases = ["wq": "save; quit", "w": "save", "loop1": "loop1"]
        XCTAssertEqual(try CommandExpansion.expand("wq", aliases: { aliases[$0] }), ["save", "quit"])
        XCTAssertEqual(try CommandExpansion.expand("w; razor", aliases: { aliases[$0] }), ["save", "razor"])
        XCTAssertThrowsError(try CommandExpansion.expand("loop1", aliases: { aliases[$0] }), "an alias loop is an error")
        XCTAssertEqual(try CommandExpansion.expand(#"source {media}; add-marker "on {media}""#, aliases: { _ in nil },
                                                   placeholders: ["media": "my clip.mov"]),
                       [#"source "my clip.mov""#, #"add-marker "on my clip.mov""#])
        XCTAssertThrowsError(try CommandExpansion.expand("source {media}", aliases: { _ in nil }, placeholders: [:]))
        XCTAssertEqual(try CommandExpansion.expand("source {media}", aliases: { _ in nil }), ["source {media}"],
                       "no placeholders given: taken as typed")
    }

    func testAScriptTakesTheSameLinesAsThePalette() {
        let editor = Editor(project: Project(name: "p", timeline: Timeline(name: "t", rate: .fps25, tracks: [])))
        let (ok, messages) = editor.runScript(#"add-marker "a; b"; add-marker c at=+5"# + "\nundo")
        XCTAssertTrue(ok, messages.joined(separator: "\n"))
        XCTAssertEqual(editor.timeline.markers.map(\.name), ["a; b"], "two commands on one line, each undone on its own")
        XCTAssertEqual(editor.registry.aliasLine("w"), "save", "w is save in scripts too")
    }
}
