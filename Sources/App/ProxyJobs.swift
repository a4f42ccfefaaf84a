import Delivery
import Editor
import Foundation
import Interchange
import Media
import Render
import TimelineModel

/// `termcut proxies`: one small, short-GOP copy per media file (as Premiere's and Resolve's
/// proxy workflows make), in a `proxies` folder beside the project. Each proxy is rendered
/// by a worker (`termcut render` of a one-clip sequence of the whole media at the media's own
/// rate), so frame N of the proxy is frame N of the original, and its sound is the media's.
/// Like an Avid or Premiere proxy it mirrors the original's streams, not the media's length
/// in frames: the picture has the video stream's own frame count and the sound the audio
/// stream's own length, though one outlasts the other. The size is a bounding box (as
/// Premiere's proxy presets): the picture keeps its aspect inside it, at even dimensions.
/// A proxy goes to its final name only once complete (the render's hidden partial name); a
/// re-run keeps every proxy that probes complete (its frame count) and makes the rest.
public struct ProxyJobs {
    public enum Codec: String, CaseIterable, Sendable {
        case h264, proresProxy = "prores-proxy", dnxhrLB = "dnxhr-lb"
        var fileExtension: String { self == .h264 ? "mp4" : "mov" }
        /// The render options that make this proxy: the nearest shipped preset and what differs.
        func renderArguments(size: String) -> [String] {
            // Fill, not fit: the size already has the picture's aspect, so fill only trims the
            // sub-pixel overhang of rounding to even sizes where fit would draw a 1-pixel bar.
            ["--fit", "fill"] + presetArguments(size: size)
        }
        private func presetArguments(size: String) -> [String] {
            switch self {
            case .h264: return ["--preset", "h264", "--size", size, "--crf", "23", "--encoder-preset", "veryfast", "--keyframe-interval", "12"]
            case .proresProxy: return ["--preset", "prores-hq", "--size", size, "--video-option", "profile=0"]
            case .dnxhrLB: return ["--preset", "dnxhr-hq", "--size", size, "--video-option", "profile=dnxhr_lb"]
            }
        }
    }

    public struct Item: Sendable {
        public var media: MediaReference
        /// Frames of the one-clip sequence: the media's length at its rate (the longer stream).
        public var frames: Int64
        /// The original's video stream's own frame count: the proxy's.
        public var videoFrames: Int64
        /// The original's sound at 48 kHz in samples (nil without sound): the proxy's.
        public var audioSamples: Int64?
        /// The proxy's picture size: the original's aspect inside the bounding box.
        public var size: String
        public var proxy: URL
        public var snapshot: URL
    }

    public var items: [Item]
    public var folder: URL
    public var codec: Codec
    /// The bounding box of the proxies' pictures (WIDTHxHEIGHT).
    public var size: String
    /// Media that get no proxy, and why ("b.wav: no picture").
    public var skipped: [String]

    /// Takes the lock of the project whose media get proxies, for the whole run: the proxy
    /// fields are written into the project at the end, and an editor that had it open would
    /// overwrite them with its next save. So, as for `termcut run`, a project open in an
    /// editor is refused up front (naming the holder, before any proxy is made), and no editor
    /// can open it for writing until the proxies are recorded.
    public static func lockProject(_ url: URL) throws(CLIError) -> ProjectLock {
        do { return try ProjectLock.acquire(projectPath: url.path) } catch let held as ProjectLock.Held {
            throw CLIError("\(url.path) is open in another termcut (\(held.holder)); close it there (save and quit), then run proxies again"
                           + " (the proxies are recorded in the project, which an open editor would overwrite)")
        } catch {
            throw CLIError("\(error)")
        }
    }

    /// Plans proxies for `media` into `folder` (made if missing).
    public init(media: [MediaReference], folder: URL, codec: Codec, size: String) {
        self.folder = folder; self.codec = codec; self.size = size
        var items: [Item] = [], skipped: [String] = []
        for m in media {
            guard let video = m.video else { skipped.append("\(m.name): no picture"); continue }
            guard !m.path.isEmpty, FileManager.default.isReadableFile(atPath: m.path) else {
                skipped.append("\(m.name): the original (\(m.path)) cannot be read"); continue
            }
            let streams: Streams
            do { streams = try Streams(of: m, rate: video.rate) } catch {
                skipped.append("\(m.name): the original cannot be read (\(error.reason))"); continue
            }
            let frames = max(m.availableFrames(at: video.rate), streams.videoFrames)
            guard frames > 0 else { skipped.append("\(m.name): no frames"); continue }
            let stem = m.id.rawValue
            let box = Self.boundingBox(size)
            let fitted = Self.fitting(width: streams.displayWidth, height: streams.displayHeight, in: box)
            items.append(Item(media: m, frames: frames, videoFrames: streams.videoFrames,
                              audioSamples: m.audio == nil ? nil : streams.audioSamples.map { min($0, AudioMix.sample(ofFrame: frames, rate: video.rate)) },
                              size: "\(fitted.width)x\(fitted.height)", proxy: folder.appendingPathComponent("\(stem).\(codec.fileExtension)"),
                              snapshot: folder.appendingPathComponent(".jobs/\(stem).termcut")))
        }
        self.items = items
        self.skipped = skipped
    }

    /// The one-clip sequence a proxy renders: the whole media at its own rate from frame 0.
    static func sequence(of media: MediaReference, frames: Int64, videoFrames: Int64) -> Project {
        let rate = media.video?.rate ?? .fps30
        var project = Project(name: "proxy of \(media.name)", media: [media],
                              timeline: Timeline(name: media.name, rate: rate, dropFrame: false, startTimecode: 0))
        let clip = { (id: Int64, length: Int64) in
            Item_.clip(Clip(id: ClipID(id), name: media.name, media: media.id, source: FrameRange(start: 0, duration: length), available: frames))
        }
        project.timeline.tracks[0].items = ItemList([clip(1, min(videoFrames, frames))])
        project.timeline.tracks[1].items = media.audio != nil ? ItemList([clip(2, frames)]) : ItemList()
        return project
    }

    /// Whether a proxy is there and complete: its picture count is the original video stream's.
    public func isDone(_ item: Item) -> Bool {
        guard FileManager.default.fileExists(atPath: item.proxy.path), let table = try? PacketTable.scan(path: item.proxy.path) else { return false }
        return Int64(table.video.count) == item.videoFrames
    }

    /// Runs the missing proxies on `farm`; returns the items whose proxies are complete.
    public func run(farm: any TaskFarm, executable: String, cancelled: @escaping @Sendable () -> Bool,
                    say: @escaping (String) -> Void) throws(CLIError) -> [Item] {
        do { try FileManager.default.createDirectory(at: folder.appendingPathComponent(".jobs/logs"), withIntermediateDirectories: true) } catch {
            throw CLIError("\(folder.path): cannot make the proxies folder (\(error.localizedDescription))")
        }
        for note in skipped { say("\(note): no proxy") }
        var tasks: [FarmTask] = []
        for (index, item) in items.enumerated() {
            if isDone(item) { say("\(item.media.name): proxy done earlier, kept"); continue }
            do { try AtomicFile.write(ProjectFile.encode(Self.sequence(of: item.media, frames: item.frames, videoFrames: item.videoFrames), saveID: nil, folder: nil), to: item.snapshot) } catch {
                throw CLIError("\(item.snapshot.path): cannot write the proxy job (\(error))")
            }
            let log = folder.appendingPathComponent(".jobs/logs/\(item.media.id.rawValue).log")
            tasks.append(FarmTask(index: index, name: "proxy of \(item.media.name)",
                                  command: [executable, "render", item.snapshot.path, "-o", item.proxy.path, "--quiet",
                                            "--video-frames", String(item.videoFrames)]
                                      // No sound in the original, none in the proxy (not a silent track).
                                      + (item.media.audio == nil ? ["--part", "video"] : item.audioSamples.map { ["--audio-samples", String($0)] } ?? [])
                                      + codec.renderArguments(size: item.size), log: log))
        }
        if !tasks.isEmpty {
            say("making \(tasks.count) prox\(tasks.count == 1 ? "y" : "ies")")
            do {
                try farm.run(tasks, cancelled: cancelled) { event in
                    switch event {
                    case .submitted(let id): say("slurm job \(id)")
                    case .state(let task, let state): say("\(task.name): \(state.lowercased())")
                    case .waiting: break
                    }
                }
            } catch {
                throw CLIError(error.message)
            }
        }
        let done = items.filter(isDone)
        let failed = items.filter { !isDone($0) }
        if !failed.isEmpty {
            throw CLIError("\(failed.count) prox\(failed.count == 1 ? "y" : "ies") did not finish: "
                           + failed.map(\.media.name).joined(separator: ", ") + " (logs in \(folder.path)/.jobs/logs); run the same command again to redo only those")
        }
        return done
    }
}

private typealias Item_ = TimelineModel.Item
