import ArgumentParser
import Foundation
import Render
import TimelineModel

/// `termcut bench post`: the cost of a grade on one 1080p frame, on the calling thread (one
/// core): lift/gamma/gain + saturation, then the same with a 33³ LUT (tetrahedral and
/// trilinear). The target is under 10 ms per frame with the LUT; build with `-c release`.
struct BenchPost: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "post",
        abstract: "Time colour grading of a 1920x1080 16-bit frame on one core and print JSON (median and p95 ms).")

    @Option(help: "Timed runs per case.") var iterations = 30

    func run() throws {
        let width = 1920, height = 1080
        // A frame with every hue and level: R across, G down, B diagonal.
        var frame = RGBA64Image(width: width, height: height)
        for y in 0..<height {
            for x in 0..<width {
                let i = (y * width + x) * 4
                frame.samples[i] = UInt16(x * 65_535 / (width - 1))
                frame.samples[i + 1] = UInt16(y * 65_535 / (height - 1))
                frame.samples[i + 2] = UInt16(((x + y) % 1024) * 64)
            }
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("termcut-bench-post-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let cube = folder.appendingPathComponent("look-33.cube")
        var text = "TITLE \"bench\"\nLUT_3D_SIZE 33\n"
        for b in 0..<33 {
            for g in 0..<33 {
                for r in 0..<33 {
                    let (x, y, z) = (Double(r) / 32, Double(g) / 32, Double(b) / 32)
                    text += String(format: "%.6f %.6f %.6f\n", pow(x, 0.9) * 0.9 + z * 0.1, y * 0.95 + x * 0.05, z * z * 0.8 + y * 0.2)
                }
            }
        }
        try text.write(to: cube, atomically: true, encoding: .utf8)

        var primaries = Grade()
        primaries.lift = ChannelValues(red: 0.02, green: 0, blue: -0.01, master: 0.01)
        primaries.gamma = ChannelValues(red: 1, green: 1.05, blue: 1, master: 1.1)
        primaries.gain = ChannelValues(red: 1.05, green: 1, blue: 0.95, master: 1.1)
        primaries.saturation = 1.2
        var cases: [(String, Grade)] = [("lgg+saturation", primaries)]
        for interpolation in [LUTInterpolation.tetrahedral, .trilinear] {
            var g = primaries
            g.lut = GradeLUT(path: cube.path, interpolation: interpolation)
            cases.append(("lgg+saturation+lut33-\(interpolation.rawValue)", g))
        }
        var results: [[String: Any]] = []
        for (name, grade) in cases {
            let processor = try GradeProcessor(grade)
            var samples: [Double] = []
            for run in 0..<(max(iterations, 1) + 2) {
                var image = frame
                let start = DispatchTime.now().uptimeNanoseconds
                processor.apply(to: &image)
                let ms = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
                if run >= 2 { samples.append(ms) }   // two warm-up runs
            }
            let summary = BenchReport.summary(samples, percentile: 95)
            results.append(["case": name, "ms": summary, "under_10ms": (summary["p95"] ?? .infinity) < 10])
        }
        try BenchReport.print([
            "frame": "1920x1080 RGBA 16-bit, one core",
            "iterations": iterations,
            "unit": "ms per frame",
            "target_ms": 10,
            "results": results,
        ])
    }
}
