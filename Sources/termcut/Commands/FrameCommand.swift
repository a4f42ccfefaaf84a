import App
import ArgumentParser
import Foundation
import Interchange
import Media

/// `termcut frame FILE --at TIME -o OUT.png`: one frame, exactly, as PNG.
struct FrameCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "frame",
        abstract: "Write the video frame shown at a given time as a PNG.",
        discussion: """
            TIME is a timecode HH:MM:SS:FF (frames at the video's nominal rate), seconds \
            (3.5 or 3.5s, from the start of the file) or a frame number (f120 or #120, from 0). \
            The frame written is the one on screen at that time. Given a project (.termcut), the \
            timeline's picture at that record time (a record timecode, f120 or seconds from the \
            sequence's start), with titles, grades and effects, at the sequence's size.
            """
    )

    @Argument(help: "Video file, or a project (.termcut).")
    var file: String

    @Option(name: .long, help: "When: HH:MM:SS:FF, seconds (3.5s) or frame number (f120).")
    var at: String

    @Option(name: [.customShort("o"), .long], help: "PNG file to write.")
    var output: String

    @Option(help: "Scale to this width (height follows the aspect ratio unless given).")
    var width: Int?

    @Option(help: "Scale to this height.")
    var height: Int?

    func run() throws {
        if URL(fileURLWithPath: file).pathExtension == ProjectFile.fileExtension {
            do {
                try ProjectStill.write(project: URL(fileURLWithPath: file), at: at, to: URL(fileURLWithPath: output), width: width, height: height)
            } catch {
                FileHandle.standardError.write(Data("termcut: \(file): \(error)\n".utf8))
                throw ExitCode(1)
            }
            return
        }
        do {
            try writeFrame()
        } catch {
            let name = error.path.isEmpty || error.path == URL(fileURLWithPath: file).path ? file : error.path
            FileHandle.standardError.write(Data("termcut: \(name): \(error.reason)\n".utf8))
            throw ExitCode(1)
        }
    }

    private func writeFrame() throws(MediaError) {
        // One frame: no cache (the editor's shared cache would keep every frame decoded on
        // the way from the keyframe, hundreds of MiB at 1080p) and no read-ahead.
        let source = try VideoSource(url: URL(fileURLWithPath: file), cache: FrameCache(budgetBytes: 0), readAheadFrames: 0)
        let position = try FrameTime.parse(at, frameRate: source.frameRate)
        let frame = try source.frame(at: position)
        var size: (width: Int, height: Int)?
        if let width, let height {
            size = (width, height)
        } else if let width {
            size = (width, max(1, (width * frame.height + frame.width / 2) / frame.width))
        } else if let height {
            size = (max(1, (height * frame.width + frame.height / 2) / frame.height), height)
        }
        try PNGWriter.write(frame, to: URL(fileURLWithPath: output), width: size?.width, height: size?.height)
        if !source.damagedRanges.isEmpty {
            let ranges = source.damagedRanges.map { String(format: "%.3f–%.3f s", $0.lowerBound, $0.upperBound) }
            FileHandle.standardError.write(Data("termcut: \(file): warning: damaged data at \(ranges.joined(separator: ", "))\n".utf8))
        }
    }
}
