import Foundation
import XCTest
@testable import TUI

/// The keymaps and themes compiled into the binary are the files in `keymaps/` and
/// `themes/`. Regenerate with `TERMCUT_REGENERATE_BUILTINS=1 swift test --filter BuiltinFilesTests`.
final class BuiltinFilesTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func filesOnDisk() throws -> [String: String] {
        var out: [String: String] = [:]
        for kind in ["keymaps", "themes"] {
            let dir = root.appendingPathComponent(kind)
            for name in try FileManager.default.contentsOfDirectory(atPath: dir.path) where name.hasSuffix(".toml") {
                out["\(kind)/\(name)"] = try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)
            }
        }
        return out
    }

    func testBuiltInCopiesMatchTheFiles() throws {
        let onDisk = try Self.filesOnDisk()
        if ProcessInfo.processInfo.environment["TERMCUT_REGENERATE_BUILTINS"] != nil {
            try Self.regenerate(onDisk)
            return
        }
        XCTAssertEqual(Set(BuiltinFiles.files.keys), Set(onDisk.keys))
        for (path, text) in onDisk {
            XCTAssertEqual(BuiltinFiles.files[path], text,
                           "\(path) changed: regenerate BuiltinFiles.swift (see its header)")
        }
    }

    static func regenerate(_ files: [String: String]) throws {
        var out = """
            // Generated from keymaps/*.toml and themes/*.toml; BuiltinFilesTests fails when they drift.
            // Regenerate: TERMCUT_REGENERATE_BUILTINS=1 swift test --filter BuiltinFilesTests
            /// The shipped keymaps and themes, compiled in so an installed binary always has them.
            enum BuiltinFiles {
                static let files: [String: String] = [

            """
        for path in files.keys.sorted() {
            out += "        \"\(path)\": #\"\"\"\n\(files[path]!)\n\"\"\"#,\n"
        }
        out += "    ]\n}\n"
        try out.write(to: root.appendingPathComponent("Sources/TUI/BuiltinFiles.swift"), atomically: true, encoding: .utf8)
    }
}
