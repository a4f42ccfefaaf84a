import Foundation

/// A generated demo clip and what probing it found.
public struct DemoClip: Sendable {
    public var name: String
    public var url: URL
    public var info: MediaInfo
}

/// How far demo generation has got, for a progress line.
public struct DemoProgress: Sendable {
    /// File name of the clip being generated.
    public var clip: String
    /// 0…1 through that clip.
    public var fraction: Double
}

/// The demo footage termcut opens with: three 1080p30 H.264/AAC clips with distinct,
/// recognisable content, generated with libavcodec (no ffmpeg binary) on first use.
///
/// - `countdown.mp4` (10 s): seconds left and a frame counter in big digits over moving
///   stripes; a beep opens every second.
/// - `bars.mp4` (10 s): 75 % colour bars (BT.709 limited range) with 1 kHz at -20 dBFS.
/// - `talk.mp4` (12 s): a drifting scene with speech-like tone bursts between digital silences.
public enum DemoMedia {
    /// Written into each file's `comment` tag; a file without it is regenerated.
    static let marker = "termcut demo media v1"

    public static var clipNames: [String] { DemoScene.all.map(\.name) }

    /// `${XDG_CACHE_HOME:-~/.cache}/termcut/demo`.
    public static var defaultFolder: URL {
        MediaCacheFolder.root.appendingPathComponent("demo", isDirectory: true)
    }

    /// The demo clips in `folder`, generating those that are missing or not valid
    /// (all of them with `force`). Returns their URLs in `clipNames` order.
    public static func ensure(in folder: URL = defaultFolder, force: Bool = false,
                              progress: (DemoProgress) -> Void = { _ in }) throws(MediaError) -> [URL] {
        try ensureClips(in: folder, force: force, progress: progress).map(\.url)
    }

    /// Like `ensure`, with each clip's probed `MediaInfo` (for putting them in bins).
    public static func ensureClips(in folder: URL = defaultFolder, force: Bool = false,
                                   progress: (DemoProgress) -> Void = { _ in }) throws(MediaError) -> [DemoClip] {
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw MediaError(.writeFailed, path: folder.path, reason: "cannot create the folder (\(error.localizedDescription))")
        }
        var clips: [DemoClip] = []
        for scene in DemoScene.all {
            let url = folder.appendingPathComponent(scene.name)
            if !force, let info = try? MediaProbe.probe(url), isValid(info, for: scene) {
                clips.append(DemoClip(name: scene.name, url: url, info: info))
                progress(DemoProgress(clip: scene.name, fraction: 1))
                continue
            }
            try generate(scene, to: url, progress: progress)
            let info = try MediaProbe.probe(url)
            guard isValid(info, for: scene) else {
                throw MediaError(.encodeFailed, path: url.path, reason: "generated demo clip does not probe as expected")
            }
            clips.append(DemoClip(name: scene.name, url: url, info: info))
        }
        return clips
    }

    static func isValid(_ info: MediaInfo, for scene: DemoScene) -> Bool {
        guard info.tags["comment"] == marker, let video = info.primaryVideo, let audio = info.primaryAudio,
              let duration = info.duration else { return false }
        return video.codecName == "h264" && video.width == DemoScene.width && video.height == DemoScene.height
            && audio.codecName == "aac" && audio.channels == 2 && audio.sampleRate == DemoScene.sampleRate
            && abs(duration - Double(scene.seconds)) < 0.1
    }

    /// Encodes `scene` into a temporary file beside `url` and renames it into place only
    /// when complete, so an interrupted run never leaves half a clip under the real name.
    static func generate(_ scene: DemoScene, to url: URL, progress: (DemoProgress) -> Void) throws(MediaError) {
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(scene.name).partial-\(getpid())")
        defer { try? FileManager.default.removeItem(at: temporary) }
        var settings = H264AACFileEncoder.Settings()
        settings.tags = ["comment": marker, "title": scene.name]
        let encoder = try H264AACFileEncoder(path: temporary.path, settings: settings)
        let samplesPerFrame = DemoScene.sampleRate / DemoScene.frameRate
        for index in 0..<scene.frameCount {
            try encoder.writeVideoFrame { canvas in scene.drawFrame(index, canvas) }
            let audioTarget = min(scene.sampleCount, (index + 1) * samplesPerFrame)
            while encoder.samplesWritten < audioTarget {
                let count = min(encoder.audioFrameSize, scene.sampleCount - encoder.samplesWritten)
                try encoder.writeAudio(count: count, scene.sample)
            }
            if index % 15 == 0 { progress(DemoProgress(clip: scene.name, fraction: Double(index) / Double(scene.frameCount))) }
        }
        try encoder.finish()
        guard rename(temporary.path, url.path) == 0 else {
            throw MediaError(.writeFailed, path: url.path, reason: "cannot move the finished clip into place (\(String(cString: strerror(errno))))")
        }
        progress(DemoProgress(clip: scene.name, fraction: 1))
    }
}
