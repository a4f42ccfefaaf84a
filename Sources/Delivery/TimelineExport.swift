import Analysis
import Foundation
import PathBytes
import Media
import Render
import TimelineModel

/// Renders a snapshot of a project to a file, through the same `TimelineRenderer` the preview
/// uses, so the file holds what the viewer shows.
///
/// The file is written under a hidden temporary name in the target folder and renamed over
/// the final name only once complete and synced: a cancelled, failed or killed render never
/// leaves a file under the final name (a killed one leaves the hidden partial, which the next
/// render into that folder removes).
public final class TimelineExport {
    public let project: Project
    public let plan: RenderPlan

    public init(project: Project, plan: RenderPlan) {
        self.project = project
        self.plan = plan
    }

    /// The hidden name a render writes to: `.NAME.termcut-partial-PID.EXT` beside the output.
    public static func temporaryURL(for output: URL, process: Int32 = getpid()) -> URL {
        let name = output.deletingPathExtension().lastPathComponent
        return output.deletingLastPathComponent()
            .appendingPathComponent(".\(name).termcut-partial-\(process).\(output.pathExtension.isEmpty ? "tmp" : output.pathExtension)")
    }

    public func run(cancellation: RenderCancellation = RenderCancellation(),
                    progress: (RenderProgress) -> Void = { _ in }) throws(DeliveryError) -> RenderResult {
        let output = plan.output
        let shown = output.path
        let offline = plan.offlineClips(in: project)
        guard offline.isEmpty else {
            throw DeliveryError("cannot render: " + offline.joined(separator: "; ") + " (relink it, or render a range without it)")
        }
        try OutputTarget.check(output, sources: project.media.map(\.path))
        Self.removeStalePartials(beside: output)

        var decision: LoudnessDecision?
        if let target = plan.preset.loudness, plan.settings.audio != nil {
            progress(RenderProgress(stage: .measuring, framesDone: 0, totalFrames: 0, elapsed: 0, frameDuration: 0))
            do {
                decision = try LoudnessDecision.decide(project: project, samples: plan.samples, target: target,
                                                       cancelled: { cancellation.isCancelled })
            } catch {
                throw DeliveryError("cannot measure the programme's loudness: \(error.message)")
            }
            if cancellation.isCancelled { throw DeliveryError("render cancelled; nothing was written") }
        }

        let temporary = Self.temporaryURL(for: output)
        var committed = false
        defer { if !committed { SystemFile.unlink(temporary.path) } }
        let started = Date()
        let encoder: MovieEncoder
        do {
            encoder = try MovieEncoder(path: temporary.path, settings: plan.settings)
        } catch {
            throw DeliveryError(Self.describe(error, output: shown, temporary: temporary.path))
        }
        let renderer = TimelineRenderer(project: project, pool: Self.makePool())
        renderer.fit = plan.fit
        let sound = plan.settings.audio == nil ? nil
            : ProgrammeSound(renderer: renderer, range: plan.samples, gainDB: decision?.gainDB ?? 0,
                             limiterCeilingDB: decision?.limiterCeilingDB)
        let video = plan.settings.video
        let steps = video == nil ? Int64(plan.frames.count) : plan.outputFrameCount
        let rate = video == nil ? plan.timelineRate.framesPerSecond : plan.outputRate.framesPerSecond
        var samplesWritten = plan.samples.lowerBound
        // Outputs of 10 bits and more composite at 16 bits per channel.
        let deep = video != nil && encoder.outputBitDepth > 8
        var composited: Int64 = 0
        var lastReport = Date.distantPast
        let pipeline = EncoderPipeline(encoder)
        // Whatever ends the loop (an error, a cancel), the encoder's thread is done with the
        // file before the temporary is removed (the defer above runs after this one).
        defer { try? pipeline.drain() }
        do {
            for n in 0..<steps {
                if cancellation.isCancelled { throw DeliveryError("render cancelled; \(shown) was not written") }
                let frame = video == nil ? plan.frames.lowerBound + n : plan.timelineFrame(forOutputFrame: n)
                renderer.clearProblem()
                if let video {
                    if !(try passThrough(frame, renderer: renderer, encoder: encoder, pipeline: pipeline)) {
                        if deep {
                            let samples = renderer.deepPicture(at: frame, width: video.width, height: video.height).samples
                            try pipeline.submit { encoder throws(MediaError) in try encoder.encode(rgba64: samples) }
                        } else {
                            let bytes = renderer.picture(at: frame, width: video.width, height: video.height).bytes
                            try pipeline.submit { encoder throws(MediaError) in try encoder.encode(rgba: bytes) }
                        }
                        composited += 1
                    }
                }
                if let sound {
                    let end = video == nil
                        ? (n + 1 == steps ? plan.samples.upperBound : min(plan.samples.upperBound, AudioMix.sample(ofFrame: frame + 1, rate: plan.timelineRate)))
                        : plan.sampleEnd(afterOutputFrame: n)
                    if end > samplesWritten {
                        let block = sound.next(Int(end - samplesWritten))
                        try pipeline.submit { encoder throws(MediaError) in try encoder.encode(interleaved: block) }
                        samplesWritten = end
                    }
                }
                // A file that fails to decode is an error here, never a card or silence in the delivery.
                if let problem = renderer.lastProblem {
                    let at = Timecode.format(frame: project.timeline.startTimecode + frame, rate: plan.timelineRate,
                                             dropFrame: project.timeline.dropFrame)
                    throw DeliveryError("cannot render at \(at): \(problem)")
                }
                let now = Date()
                if now.timeIntervalSince(lastReport) >= 0.1 || n + 1 == steps {
                    lastReport = now
                    progress(RenderProgress(stage: .rendering, framesDone: n + 1, totalFrames: steps,
                                            elapsed: now.timeIntervalSince(started), frameDuration: 1 / rate))
                }
            }
            progress(RenderProgress(stage: .finishing, framesDone: steps, totalFrames: steps,
                                    elapsed: Date().timeIntervalSince(started), frameDuration: 1 / rate))
            try pipeline.submit { encoder throws(MediaError) in try encoder.finish() }
            try pipeline.drain()
        } catch let error as DeliveryError {
            throw error
        } catch let error as MediaError {
            throw DeliveryError(Self.describe(error, output: shown, temporary: temporary.path))
        } catch {
            throw DeliveryError("\(shown): \(error)")
        }
        if cancellation.isCancelled { throw DeliveryError("render cancelled; \(shown) was not written") }
        try Self.commit(temporary, to: output)
        committed = true
        return RenderResult(output: output.path, preset: plan.preset.name, frames: encoder.framesWritten, seconds: plan.seconds,
                            frameRate: "\(plan.outputRate.numerator)/\(plan.outputRate.denominator)",
                            passedFrames: encoder.passedFrames, compositedFrames: composited,
                            samples: encoder.samplesWritten, renderSeconds: Date().timeIntervalSince(started),
                            loudness: decision, probe: try? MediaProbe.probe(path: output.path))
    }

    /// Decoders for a render: pictures with no cache and no read-ahead, on one decoding thread,
    /// sound at the mix format. A render asks for each frame once, in order, so the decoder's
    /// own current and next frame serve it; a cached frame would only keep a buffer the decoder
    /// could reuse. The encoder already keeps every core busy, so frame-threaded decoding adds
    /// no speed, only a frame context and a picture in flight per thread (bench export: one
    /// thread and no cache took the render's peak from 366 to about 346 MiB, same time, same file).
    static func makePool() -> MediaPool {
        let cache = FrameCache(budgetBytes: 0)
        return MediaPool(video: { reference throws(MediaError) in
            try VideoSource(url: URL(fileURLWithPath: reference.path), cache: cache, threads: 1, readAheadFrames: 0)
        }, audio: { reference throws(MediaError) in
            try AudioSource(url: URL(fileURLWithPath: reference.path), sampleRate: TimelineRenderer.sampleRate,
                            channels: TimelineRenderer.channels)
        })
    }

    /// Sends the decoded frame straight to the encoder where nothing would change it: a single
    /// clip (no transition, no card, no grade, no frame blend) whose frame has the output's size, pixel format and
    /// colour encoding, with square pixels. Returns false where the frame must be composited.
    private func passThrough(_ frame: Int64, renderer: TimelineRenderer, encoder: MovieEncoder, pipeline: EncoderPipeline) throws(MediaError) -> Bool {
        guard case .layer(let layer) = renderer.composition(at: frame), case .media = layer.source, layer.blend == nil, renderer.grade(of: layer) == nil,
              !renderer.hasOverlays(at: frame), renderer.hasSquarePixels(layer), let decoded = renderer.decodedFrame(of: layer), encoder.canPass(decoded),
              !decoded.isDamaged, Self.colourMatches(decoded, encoder.settings.video?.colour ?? .bt709) else { return false }
        try pipeline.submit { encoder throws(MediaError) in try encoder.encode(passing: decoded) }
        return true
    }

    /// Whether a decoded frame is already in the output's colour encoding (an untagged HD frame
    /// counts as BT.709, an untagged SD one as BT.601, as players guess).
    static func colourMatches(_ frame: VideoFrame, _ tags: ColourTags) -> Bool {
        guard frame.isFullRange == tags.fullRange else { return false }
        let matrix = frame.colorSpace ?? (frame.height >= 720 ? "bt709" : "smpte170m")
        let same: Set<String> = matrix == "bt470bg" || matrix == "smpte170m" ? ["bt470bg", "smpte170m"] : [matrix]
        return same.contains(tags.matrix)
    }

    /// Syncs the finished file, renames it over the final name, and syncs the folder, so after
    /// a crash the final name holds either nothing or the whole file.
    static func commit(_ temporary: URL, to output: URL) throws(DeliveryError) {
        let fd = open(temporary.path, O_RDONLY)
        if fd >= 0 {
            let synced = fsync(fd)
            close(fd)
            guard synced == 0 else {
                throw DeliveryError("\(output.path): cannot be written to disk (\(String(cString: strerror(errno))))")
            }
        }
        guard SystemFile.rename(temporary.path, output.path) == 0 else {
            throw DeliveryError("\(output.path): cannot be put in place (\(String(cString: strerror(errno))))")
        }
        let folder = SystemFile.open(output.deletingLastPathComponent().path, O_RDONLY)
        if folder >= 0 { fsync(folder); close(folder) }
    }

    /// Removes partial files left beside `output` by renders that were killed (their process is gone).
    static func removeStalePartials(beside output: URL) {
        let folder = output.deletingLastPathComponent()
        let prefix = ".\(output.deletingPathExtension().lastPathComponent).termcut-partial-"
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return }
        for name in names where name.hasPrefix(prefix) {
            let pidText = name.dropFirst(prefix.count).prefix { $0.isNumber }
            guard let pid = Int32(pidText), pid != getpid(), kill(pid, 0) != 0, errno == ESRCH else { continue }
            unlink(folder.appendingPathComponent(name).path)
        }
    }

    /// A media error in the words of the output the user named (not the temporary file).
    static func describe(_ error: MediaError, output: String, temporary: String) -> String {
        let reason = error.reason.replacingOccurrences(of: temporary, with: output)
        let path = error.path == temporary ? output : error.path
        return path.isEmpty ? reason : "\(path): \(reason)"
    }
}
