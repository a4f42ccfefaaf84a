import App
import ArgumentParser
import Foundation

/// `termcut autocut MEDIA -o OUT.(termcut|otio|edl)`: the media with its silences cut out.
struct AutocutCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "autocut",
        abstract: "Make a timeline of a media file with its silences removed (.termcut, .otio or .edl).",
        discussion: """
            Runs the editor's detect-silences on the whole clip and accepts every proposal: \
            picture and sound are cut together. Open the result in termcut to review it; \
            a cut is a proposal, not something to trust blindly.
            """)

    @Argument(help: "A media file with sound.") var media: String
    @Option(name: [.short, .customLong("output")], help: "The file to write: .termcut, .otio or .edl.") var output: String
    @Option(name: .long, help: "Level below which sound is silence: -40dB or -20LU.") var threshold: String?
    @Option(name: .long, help: "Shortest silence, e.g. 0.5s.") var min: String?
    @Option(name: .long, help: "Silence kept next to speech, e.g. 0.1s.") var pad: String?
    @Option(name: .customLong("keep-longer-than"), help: "Keep pauses longer than this, e.g. 3s.") var keepLongerThan: String?
    @Option(name: .long, help: "ripple-delete (default) or shorten=DURATION (e.g. shorten=0.3s).") var action: String?

    func run() throws {
        var options: [String: String] = [:]
        options["threshold"] = threshold
        options["min"] = min
        options["pad"] = pad
        options["keep"] = keepLongerThan
        if let action {
            guard action == "ripple-delete" || action.hasPrefix("shorten=") else {
                throw CLIError("--action \(action): autocut removes silences; give ripple-delete or shorten=DURATION")
            }
            // The palette's word for it: shorten=DURATION.
            if action.hasPrefix("shorten=") { options["shorten"] = String(action.dropFirst("shorten=".count)) }
        }
        print(try Autocut.run(media: URL(fileURLWithPath: media), output: URL(fileURLWithPath: output), options: options))
    }
}
