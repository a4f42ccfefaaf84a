import Analysis
import App
import ArgumentParser
import Foundation

/// `termcut scenes MEDIA`: the hard cuts in a video (the first frame of each scene).
struct ScenesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scenes",
        abstract: "List the scenes of a video: content-based hard-cut detection (as PySceneDetect's content and adaptive detectors).",
        discussion: """
            Every frame is compared with the one before in hue, saturation and value on a \
            64x36 picture; a change over --threshold (or --ratio times the change around it) \
            starts a scene, unless the picture returns to what it was (a flash) or the scene \
            would be shorter than --min frames.
            """)

    @Argument(help: "A video file.") var media: String
    @Option(name: .long, help: "Content change that makes a cut (0-255, default 27).") var threshold: Double?
    @Option(name: .long, help: "Adaptive: a change this many times the average around it (default 3).") var ratio: Double?
    @Option(name: .long, help: "Shortest scene in frames (default 15).") var min: Int?
    @Option(name: .long, help: "Also write a contact sheet (one thumbnail per scene with its timecode) as PNG.") var sheet: String?
    @Flag(name: .long, help: "Print JSON instead of text.") var json = false

    func run() throws {
        var settings = SceneDetector.Settings()
        if let threshold {
            guard threshold > 0, threshold < 255 else { throw CLIError("--threshold \(threshold): give a change between 0 and 255 (e.g. 27)") }
            settings.threshold = threshold
        }
        if let ratio {
            guard ratio >= 1 else { throw CLIError("--ratio \(ratio): give 1 or more (e.g. 3)") }
            settings.adaptiveRatio = ratio
        }
        if let min {
            guard min >= 1 else { throw CLIError("--min \(min): give at least 1 frame") }
            settings.minimumLength = min
        }
        let result = try SceneAnalysis.detect(URL(fileURLWithPath: media), settings: settings)
        let starts = [0] + result.cuts
        let scenes = starts.enumerated().map { index, start in
            (start: start, end: index + 1 < starts.count ? starts[index + 1] : result.frameCount)
        }
        if let sheet {
            try ContactSheet.write(URL(fileURLWithPath: sheet), media: URL(fileURLWithPath: media), sceneStarts: starts, rate: result.rate)
        }
        func seconds(_ frame: Int) -> Double { (Double(frame) / result.rate * 1000).rounded() / 1000 }
        if json {
            let object: [String: Any] = [
                "file": media, "frame_rate": result.rate, "frame_count": result.frameCount,
                "cuts": result.cuts, "count": scenes.count,
                "scenes": scenes.map { ["start_frame": $0.start, "end_frame": $0.end, "start": seconds($0.start), "end": seconds($0.end)] },
            ]
            let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
            print(String(decoding: data, as: UTF8.self))
        } else {
            for (index, scene) in scenes.enumerated() {
                print(String(format: "%3d  frame %6d  %9.3f s  (%d frames)", index + 1, scene.start, seconds(scene.start), scene.end - scene.start))
            }
            print("\(scenes.count) scene\(scenes.count == 1 ? "" : "s"), \(result.cuts.count) cut\(result.cuts.count == 1 ? "" : "s")")
        }
    }
}
