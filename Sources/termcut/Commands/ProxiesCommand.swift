import App
import ArgumentParser
import Delivery
import Dispatch
import Foundation
import Interchange
import TimelineModel

/// `termcut proxies PROJECT|FOLDER`: proxies for a project's media (recorded in the project)
/// or for every media file in a folder.
struct ProxiesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "proxies",
        abstract: "Make small short-GOP proxies of the media (same rate, timestamps and sound) in a proxies folder beside the project.",
        discussion: """
            With a project, its media get proxies in proxies/ beside it and the project records \
            them (the editor's `proxy` command then previews them; renders always read the \
            originals). With a folder, every media file in it gets one in FOLDER/proxies. \
            Each proxy mirrors its original's streams: the video stream's frame count and rate, \
            the audio stream's length (even where the sound outlasts the picture). --size is a \
            bounding box, as Premiere's proxy presets: the picture keeps its shape inside it, \
            at even dimensions, never stretched nor letterboxed. \
            Re-running keeps the proxies that probe complete and makes the rest.
            """)

    @Argument(help: "A project (.termcut) or a folder of media.") var target: String
    @Option(help: "The box WIDTHxHEIGHT the picture fits inside, keeping its aspect (640x272 in 480x270 makes 480x204).") var size: String = "960x540"
    @Option(help: "h264 (short GOP), prores-proxy or dnxhr-lb.") var codec: String = "h264"
    @Option(help: "local (a pool of worker processes) or slurm (one sbatch job array).") var farm: String = "local"
    @Option(help: "Local worker processes at once (default: the CPU count).") var workers: Int?
    @Option(help: "With --farm slurm: the Slurm partition.") var partition: String?

    func run() throws {
        guard let chosen = ProxyJobs.Codec(rawValue: codec) else { throw CLIError("--codec: '\(codec)' is not h264, prores-proxy or dnxhr-lb") }
        let parts = size.lowercased().split(separator: "x")
        guard parts.count == 2, let w = Int(parts[0]), let h = Int(parts[1]), w > 0, h > 0 else {
            throw CLIError("--size: '\(size)' is not WIDTHxHEIGHT (960x540)")
        }
        let url = URL(fileURLWithPath: target).standardizedFileURL
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) else { throw CLIError("\(target): no such file or folder") }
        var loaded: ProjectFile.Loaded?
        var lock: AnyObject?
        let media: [MediaReference]
        let folder: URL
        if isFolder.boolValue {
            let catalog = LibavMediaCatalog()
            let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path).sorted()) ?? []
            media = names.map { url.appendingPathComponent($0) }.filter { catalog.looksLikeMedia($0) }.compactMap { try? catalog.probe($0) }
            folder = url.appendingPathComponent("proxies")
        } else {
            lock = try ProxyJobs.lockProject(url)
            do { loaded = try ProjectFile.read(url) } catch { throw CLIError("\(error)") }
            media = loaded!.project.media
            folder = url.deletingLastPathComponent().appendingPathComponent("proxies")
        }
        let jobs = ProxyJobs(media: media, folder: folder, codec: chosen, size: "\(w & ~1)x\(h & ~1)")
        let runner: any TaskFarm
        switch farm {
        case "local": runner = LocalPool(workers: workers ?? ProcessInfo.processInfo.activeProcessorCount)
        case "slurm": runner = SlurmArray(partition: partition, jobName: "termcut-proxies", folder: folder.appendingPathComponent(".jobs"))
        default: throw CLIError("--farm: '\(farm)' is not local or slurm")
        }
        let cancellation = RenderCancellation()
        var handlers: [DispatchSourceSignal] = []
        for sig in [SIGINT, SIGTERM, SIGHUP] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler { cancellation.cancel() }
            source.resume()
            handlers.append(source)
        }
        let done = try jobs.run(farm: runner, executable: FarmRender.ownExecutable, cancelled: { cancellation.isCancelled }) { line in
            FileHandle.standardError.write(Data("proxies: \(line)\n".utf8))
        }
        withExtendedLifetime(handlers) {}
        if var loaded {
            // Record each proxy in the project (an optional field: older termcuts ignore it).
            // The lock held since the start kept editors and scripts from writing meanwhile.
            var project = loaded.project
            for item in done {
                if let i = project.media.firstIndex(where: { $0.id == item.media.id }) { project.media[i].proxy = item.proxy.path }
            }
            do {
                try ProjectFile.write(project, saveID: loaded.saveID, previousSaveID: loaded.previousSaveID, to: url, view: loaded.view)
            } catch {
                throw CLIError("\(error)")
            }
        }
        withExtendedLifetime(lock) {}
        print("proxies: \(done.count) ready in \(folder.path)" + (jobs.skipped.isEmpty ? "" : ", \(jobs.skipped.count) media without one"))
    }
}
