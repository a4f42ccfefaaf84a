import App
import ArgumentParser
import Foundation
import Media

/// `termcut demo`: generate (once) the demo clips and print their paths.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Generate the demo media (1080p30 H.264/AAC clips) and print their paths.",
        discussion: """
            Clips are generated with libavcodec on first use and reused afterwards: \
            countdown.mp4 (frame counter and beeps), bars.mp4 (75% colour bars, 1 kHz tone) \
            and talk.mp4 (speech-like bursts between silences).
            """
    )

    @Option(help: "Folder for the clips (default: ${XDG_CACHE_HOME:-~/.cache}/termcut/demo).")
    var folder: String?

    @Flag(help: "Regenerate the clips even if valid ones exist.")
    var force = false

    func run() throws {
        let target = folder.map { URL(fileURLWithPath: $0, isDirectory: true) } ?? DemoMedia.defaultFolder
        let interactive = isatty(STDERR_FILENO) == 1
        do {
            let urls = try DemoMedia.ensure(in: target, force: force) { progress in
                guard interactive else { return }
                let line = String(format: "\rgenerating %@ %3d%%", progress.clip, Int(progress.fraction * 100))
                FileHandle.standardError.write(Data(line.utf8))
                if progress.fraction >= 1 { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
            }
            for url in urls { print(url.path) }
        } catch {
            FileHandle.standardError.write(Data("termcut: \(error.description)\n".utf8))
            throw ExitCode(1)
        }
    }
}
