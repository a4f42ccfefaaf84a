import App
import ArgumentParser
import Foundation
import Media
import Playback
import TimelineModel

/// `termcut bench playback`: plays a 30 s 1080p30 H.264 timeline, cut every 2 s across the
/// three demo clips, in real time, and prints dropped frames and A/V offset as JSON.
struct BenchPlayback: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "playback",
        abstract: "Play a 30 s 1080p30 timeline with a cut every 2 s in real time; print drops and A/V offset.",
        discussion: """
            Runs headless (SDL offscreen video, dummy audio) unless SDL_VIDEODRIVER/SDL_AUDIODRIVER \
            say otherwise. Plays once at the preview size and once at the timeline's full size. \
            Build with -c release: debug builds decode far slower.
            """)

    @Option(help: "Seconds of timeline to build.") var seconds: Int = 30
    @Option(help: "Preview size WxH.") var size: String = "960x540"
    @Flag(name: .customLong("skip-full-size"), help: "Only play at the preview size.") var skipFullSize = false
    @Flag(help: "Grade every clip as bench post does: lift/gamma/gain, saturation and a 33³ LUT (tetrahedral).")
    var graded = false

    func run() throws {
        guard let (width, height) = PlaybackCLI.size(size) else { throw CLIError("size '\(size)': use WxH") }
        PlaybackCLI.useHeadlessDrivers()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("termcut-bench-playback-\(getpid())")
        defer { try? FileManager.default.removeItem(at: folder) }
        var grade: Grade?
        if graded {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let cube = folder.appendingPathComponent("look-33.cube")
            try BenchPost.writeLook(to: cube)
            grade = BenchPost.primaries
            grade?.lut = GradeLUT(path: cube.path, interpolation: .tetrahedral)
        }
        let project = try Self.benchProject(seconds: seconds, grade: grade)
        var results: [(String, PlaybackCLI.Figures)] = []
        var sizes = [(width, height)]
        if !skipFullSize { sizes.append(TimelineSizes.full(project)) }
        for (w, h) in sizes {
            var options = PlaybackOptions()
            options.previewWidth = w
            options.previewHeight = h
            options.audioOpener = PlaybackCLI.audioOpener
            let figures = PlaybackCLI.playThrough(project, range: 0..<project.timeline.duration, speed: .normal, options: options) {
                FileHandle.standardError.write(Data("termcut: \($0)\n".utf8))
            }
            results.append(("\(w)x\(h)", figures))
        }
        let body = results.map { "  \"\($0.0)\": \($0.1.json)" }.joined(separator: ",\n")
        let grading = graded ? ", every clip graded (lift/gamma/gain, saturation, 33³ LUT)" : ""
        print("{\n  \"timeline\": \"\(seconds) s 1080p30 H.264, a cut every 2 s over the demo clips\(grading)\",\n\(body)\n}")
    }

    /// V1 and A1: 2 s pieces taken in turn from countdown, bars and talk, each from a
    /// different in-point, so every cut changes file and position; `grade` on every video clip.
    static func benchProject(seconds: Int, grade: Grade? = nil) throws -> Project {
        let clips = try DemoMedia.ensureClips()
        var project = Project(name: "bench playback")
        for clip in clips {
            var reference = try LibavMediaCatalog.reference(for: clip.info, url: clip.url)
            reference.id = MediaID(clip.name)
            project.media.append(reference)
        }
        var timeline = Timeline(name: "bench", rate: .fps30)
        let pieces = max(1, seconds / 2)
        var video = Track(kind: .video, name: "V1"), audio = Track(kind: .audio, name: "A1")
        for piece in 0..<pieces {
            let reference = project.media[piece % project.media.count]
            let available = reference.availableFrames(at: timeline.rate)
            let length: Int64 = 60
            let inPoint = Int64((piece / project.media.count) * 45) % max(1, available - length)
            let link = LinkID(timeline.allocateID())
            let range = FrameRange(start: inPoint, duration: length)
            var picture = Clip(id: ClipID(timeline.allocateID()), name: reference.name, media: reference.id,
                               source: range, available: available, link: link)
            picture.grade = grade
            video.items.append(.clip(picture))
            audio.items.append(.clip(Clip(id: ClipID(timeline.allocateID()), name: reference.name, media: reference.id,
                                          source: range, available: available, link: link)))
        }
        timeline.tracks = [video, audio]
        project.timeline = timeline
        return project
    }
}

enum TimelineSizes {
    static func full(_ project: Project) -> (Int, Int) {
        let video = project.media.compactMap(\.video).first
        return (video?.width ?? 1920, video?.height ?? 1080)
    }
}
