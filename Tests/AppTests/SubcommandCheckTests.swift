import App
import XCTest

final class SubcommandCheckTests: XCTestCase {
    let subcommands = ["open", "run", "dump", "commands", "render", "presets"]

    func testATypoIsNotAProject() throws {
        let problem = try XCTUnwrap(SubcommandCheck.problem(arguments: ["rendr", "cut.termcut"], subcommands: subcommands))
        XCTAssertTrue(problem.contains("unknown subcommand \"rendr\""), problem)
        XCTAssertTrue(problem.contains("termcut render"), problem)
        XCTAssertNil(SubcommandCheck.problem(arguments: ["xyzzy"], subcommands: subcommands).flatMap {
            $0.contains("did you mean") ? $0 : nil
        }, "nothing near: no suggestion")
    }

    func testProjectsOptionsAndSubcommandsPass() {
        for arguments in [["cut.termcut"], ["my dir/cut.termcut"], ["open", "rendr"], ["render", "x.termcut", "out.mp4"],
                          ["--version"], [], ["help"]] {
            XCTAssertNil(SubcommandCheck.problem(arguments: arguments, subcommands: subcommands), "\(arguments)")
        }
    }
}
