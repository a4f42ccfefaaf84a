import Foundation
import XCTest

/// Runs the `ffmpeg`/`ffprobe` command-line tools, which tests use as generators and as the
/// reference decoder. Product code never calls them.
enum ReferenceTool {
    /// Thrown after the failure is recorded: a reference tool that fails fails the test.
    struct Failure: Error {}
    struct Output {
        var status: Int32
        var standardOutput: Data
        var standardError: String
    }

    static func run(_ tool: String, _ arguments: [String]) throws -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [tool] + arguments
        let errorFile = FileManager.default.temporaryDirectory.appendingPathComponent("termcut-ref-\(UUID().uuidString).err")
        _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: errorFile) }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = try FileHandle(forWritingTo: errorFile)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let errors = (try? String(contentsOf: errorFile, encoding: .utf8)) ?? ""
        return Output(status: process.terminationStatus, standardOutput: data, standardError: errors)
    }

    /// Runs a tool and fails the test (with its stderr) unless it exits 0.
    static func succeed(_ tool: String, _ arguments: [String], file: StaticString = #filePath, line: UInt = #line) throws -> Data {
        let output = try run(tool, arguments)
        guard output.status == 0 else {
            XCTFail("\(tool) \(arguments.joined(separator: " ")) failed: \(output.standardError.suffix(600))", file: file, line: line)
            throw ReferenceTool.Failure()
        }
        return output.standardOutput
    }

    /// `ffprobe -show_format -show_streams` as JSON.
    static func ffprobe(_ url: URL) throws -> [String: Any] {
        let data = try succeed("ffprobe", ["-v", "error", "-show_format", "-show_streams", "-of", "json", url.path])
        return try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    /// Packets of one stream as (pts or nil, key flag), in decode order.
    static func packets(_ url: URL, stream: Int) throws -> [(pts: Int64?, dts: Int64?, key: Bool)] {
        let data = try succeed("ffprobe", ["-v", "error", "-select_streams", "\(stream)",
                                           "-show_entries", "packet=pts,dts,flags", "-of", "csv=p=0", url.path])
        return String(decoding: data, as: UTF8.self).split(separator: "\n").map { line in
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            return (Int64(fields[0]), Int64(fields[safe: 1] ?? ""), (fields.last ?? "").hasPrefix("K"))
        }
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
