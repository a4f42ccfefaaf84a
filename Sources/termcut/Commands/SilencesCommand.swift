import App
import ArgumentParser
import Foundation
import Media

/// `termcut silences MEDIA`: the silent ranges of a media file's sound.
struct SilencesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "silences",
        abstract: "List the silent ranges of a media file's sound (what auto-editing would remove).",
        discussion: """
            A sample is silent when it is below the threshold on every channel (as ffmpeg's \
            silencedetect decides); a silence is at least --min long; --pad of it is kept next to \
            speech on each side. Ranges are exact to the sample. The analysis is cached per file, \
            so a second run with other settings is instant.
            """)

    @Argument(help: "A media file with sound.") var media: String
    @Option(name: .long, help: "Level below which sound is silence: -40dB (dBFS) or -20LU (below the clip's loudness).") var threshold: String?
    @Option(name: .long, help: "Shortest silence, e.g. 0.5s or 500ms.") var min: String?
    @Option(name: .long, help: "Silence kept next to speech on each side, e.g. 0.1s.") var pad: String?
    @Option(name: .customLong("keep-longer-than"), help: "Keep pauses longer than this as deliberate, e.g. 3s.") var keepLongerThan: String?
    @Option(name: .long, help: "Audio stream number (default: the one ffmpeg would pick).") var stream: Int?
    @Flag(name: .long, help: "Print JSON instead of text.") var json = false

    func run() throws {
        let url = URL(fileURLWithPath: media)
        let settings = try SilenceDetection.settings(threshold: threshold, minimum: min, padding: pad, keepLongerThan: keepLongerThan)
        let report = try SilenceDetection.detect(url, settings: settings, stream: stream)
        if json {
            let rate = (try? MediaProbe.probe(url))?.primaryVideo?.frameRate.map { Double($0.numerator) / Double($0.denominator) }
            // Frames count from the picture's frame 0; another stream than the primary one is taken as aligned.
            let offset = stream == nil && rate != nil ? FirstSoundTime.offsetFromFrameZero(path: url.path) : 0
            let object = SilenceDetection.json(report, file: media, frameRate: rate, soundOffset: offset)
            let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
            print(String(decoding: data, as: UTF8.self))
        } else {
            print(SilenceDetection.text(report))
        }
    }
}
