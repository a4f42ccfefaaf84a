import App
import Foundation

/// What every `termcut bench` prints: figures summarised the same way, as sorted JSON.
enum BenchReport {
    /// Median, the given percentile (keyed "p95", "p99", …) and maximum, in the samples' unit,
    /// rounded to microseconds when the unit is milliseconds.
    static func summary(_ samples: [Double], percentile: Int) -> [String: Double] {
        let sorted = samples.sorted()
        guard !sorted.isEmpty else { return [:] }
        func rank(_ p: Double) -> Double { sorted[min(sorted.count - 1, Int((p * Double(sorted.count - 1)).rounded()))] }
        let round = { (x: Double) in (x * 1000).rounded() / 1000 }
        return ["median": round(rank(0.5)), "p\(percentile)": round(rank(Double(percentile) / 100)), "max": round(sorted.last!)]
    }

    static func print(_ report: [String: Any]) throws {
        let data = try JSONSerialization.data(withJSONObject: report, options: [.prettyPrinted, .sortedKeys])
        Swift.print(String(decoding: data, as: UTF8.self))
    }

    /// Runs the ffmpeg tool (a benchmark's generator and reference, never termcut's own
    /// media path) and returns what it wrote to standard error.
    static func ffmpeg(_ arguments: [String], bench: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/ffmpeg")
        process.arguments = ["-hide_banner", "-nostats", "-nostdin", "-y"] + arguments
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        do { try process.run() } catch { throw CLIError("\(bench) needs the ffmpeg tool (scripts/install-deps.sh): \(error)") }
        let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw CLIError("ffmpeg \(arguments.joined(separator: " ")) failed: \(text.suffix(500))") }
        return text
    }
}
