import App
import Analysis
import ArgumentParser
import Delivery
import Editor
import Foundation
import Interchange
import Media
import Render
import TimelineModel

/// `termcut loudness (FILE|PROJECT)`: EBU R128 loudness of a media file's sound or of a
/// project's mixed programme.
struct LoudnessCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "loudness",
        abstract: "Measure EBU R128 loudness: integrated (LUFS), loudness range (LU), true peak (dBTP), sample peak.",
        discussion: """
            A media file is measured as its audio stream is: every channel at the stream's own \
            rate, weighted by its layout (ITU-R BS.1770-4: LFE left out, surrounds +1.5 dB), as \
            `ffmpeg -af ebur128=peak=true` measures it. A project (.termcut) is measured as its \
            programme: the timeline's 48 kHz stereo mix from the first frame to the end, with \
            mute, solo, gain, pan and fades applied.
            """)

    @Argument(help: "A media file, or a project (.termcut).") var input: String
    @Flag(name: .long, help: "Print JSON instead of text.") var json = false

    func run() throws {
        let url = URL(fileURLWithPath: input)
        guard FileManager.default.fileExists(atPath: url.path) else { throw CLIError("\(input): no such file") }
        let reading: LoudnessReading
        var details: [String: Any] = [:]
        do {
            if url.pathExtension == ProjectFile.fileExtension {
                let project = try ScopeSources.readProject(url, as: input)
                reading = try ProgrammeLoudness.measure(project)
                details = ["source": "programme", "sample_rate": TimelineRenderer.sampleRate, "channels": TimelineRenderer.channels]
            } else {
                reading = try LoudnessMeter.measure(file: url)
                if let source = try? AudioSource(url: url) {
                    details = ["source": "file", "sample_rate": source.sourceSampleRate, "channels": source.sourceChannels,
                               "layout": source.sourceLayout]
                }
            }
        } catch let error as LoudnessError {
            throw CLIError(error.message.hasPrefix(url.path) ? input + error.message.dropFirst(url.path.count) : "\(input): \(error.message)")
        }
        if json {
            func value(_ v: Double) -> Any { v.isFinite ? (v * 100).rounded() / 100 : NSNull() }
            var report: [String: Any] = [
                "integrated_lufs": value(reading.integrated), "loudness_range_lu": value(reading.loudnessRange),
                "true_peak_dbtp": value(reading.truePeak), "sample_peak_dbfs": value(reading.samplePeak),
                "duration_s": (reading.duration * 1000).rounded() / 1000,
            ]
            report.merge(details) { a, _ in a }
            let data = try JSONSerialization.data(withJSONObject: report, options: [.prettyPrinted, .sortedKeys])
            print(String(decoding: data, as: UTF8.self))
        } else {
            print("Integrated:     \(Self.format(reading.integrated)) LUFS")
            print("Loudness range: \(Self.format(reading.loudnessRange)) LU")
            print("True peak:      \(Self.format(reading.truePeak)) dBTP")
            print("Sample peak:    \(Self.format(reading.samplePeak)) dBFS")
        }
    }

    /// One decimal, as loudness is reported (EBU R128 s1: to 0.1 LU); "-inf" below any level.
    static func format(_ value: Double) -> String {
        value.isFinite ? String(format: "%6.1f", value) : "  -inf"
    }
}
