import App
import ArgumentParser
import Delivery
import Dispatch
import Foundation
import Interchange
import Media
import TimelineModel

/// `termcut render PROJECT -o OUT [--preset NAME] [--in T --out T]`: the timeline to a file.
struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Render the timeline to a file (H.264/AAC MP4 by default; `termcut presets` lists the formats).",
        discussion: """
            The file is written under a hidden temporary name beside OUT and renamed when \
            complete, so OUT never holds a partial file (ctrl-c cancels and removes it). \
            Without --preset the preset follows OUT's extension (.mp4 h264, .mov prores-hq, \
            .mkv archive-ffv1, .webm webm-vp9, .mp3 podcast-mp3, .wav podcast-wav). \
            Presets with a loudness target measure the programme first and apply one gain \
            (and a limiter only where the gain would break the true-peak ceiling).
            """)

    @Argument(help: "The project (.termcut).") var project: String
    @Option(name: [.customShort("o"), .long], help: "The file to write.") var output: String
    @Option(help: "A preset name (termcut presets).") var preset: String?
    @Option(name: .customLong("in"), help: "First timeline frame (timecode, 2s, 120).") var inPoint: String?
    @Option(name: .customLong("out"), help: "Timeline frame to stop before (timecode, 2s, 120).") var outPoint: String?
    @Option(help: "Video encoder (libx264, libx265, prores_ks, dnxhd, libvpx-vp9, ffv1).") var videoCodec: String?
    @Option(help: "Constant quality (CRF) for the video encoder.") var crf: Int?
    @Option(help: "Video bit rate (8M, 5000k).") var videoBitrate: String?
    @Option(help: "Picture size WIDTHxHEIGHT.") var size: String?
    @Option(help: "Frame rate (25, 29.97, 30000/1001).") var rate: String?
    @Option(help: "Pixel format (yuv420p, yuv422p10le).") var pixelFormat: String?
    @Option(help: "fit (bars) or fill (centre crop) for pictures of another aspect.") var fit: String?
    @Option(help: "The encoder's speed preset (libx264: ultrafast … veryslow).") var encoderPreset: String?
    @Option(help: "Frames between keyframes (a short GOP for proxies).") var keyframeInterval: Int?
    @Option(help: "Frames of picture to deliver from --in (fewer than the range: the picture ends early, the sound goes on).") var videoFrames: Int64?
    @Option(help: "48 kHz samples of sound to deliver from --in (a proxy's sound as long as its source's, not rounded to frames).") var audioSamples: Int64?
    @Option(help: "An encoder option KEY=VALUE over the preset's (profile=0 for ProRes Proxy); repeatable.") var videoOption: [String] = []
    @Option(help: "Audio encoder (aac, libopus, libmp3lame, pcm_s16le, pcm_s24le, flac).") var audioCodec: String?
    @Option(help: "Audio bit rate (192k).") var audioBitrate: String?
    @Flag(help: "Keep the mix's level even where the preset has a loudness target.") var keepLoudness = false
    @Flag(help: "Print the result as JSON.") var json = false
    @Flag(help: "No progress output.") var quiet = false
    @Flag(help: "Lossless stream copy (as LosslessCut): the sources' packets, no re-encode; cuts snap to keyframes.") var copy = false
    @Option(help: "With --copy: keyframe (the in point snaps back to the keyframe before it; default) or smart.") var copySnap: String = "keyframe"
    @Flag(help: "Smart render (as Premiere): where the preset matches the sources, copy whole GOPs and re-encode only the partial GOPs at cuts.") var smart = false
    @Flag(help: "Work out the render and report it (with --copy: where each cut really lands) without writing.") var dryRun = false
    @Flag(help: "Draw the subtitle tracks into the picture (burn them in), even where the project has them off.") var burnSubtitles = false
    @Option(help: "Split the render into N segments encoded at once (each opens on an IDR frame), the sound rendered whole, joined by stream copy.") var segments: Int?
    @Option(help: "With --segments: local worker processes at once (default: the CPU count).") var workers: Int?
    @Option(help: "With --segments: local (a pool of worker processes) or slurm (one sbatch job array).") var farm: String = "local"
    @Option(help: "With --farm slurm: the Slurm partition.") var partition: String?
    @Option(help: "With --segments: the folder the workers write to (every node must see it at this path; default beside OUT).") var shared: String?
    @Flag(help: "With --segments: keep the segments after joining (a re-run then redoes only missing ones).") var keepSegments = false
    @Option(help: .hidden) var part: String?

    func run() throws {
        let url = URL(fileURLWithPath: project)
        guard FileManager.default.fileExists(atPath: url.path) else { throw CLIError("\(project): no such file") }
        var loaded: Project
        do { loaded = try ProjectFile.read(url).project } catch { throw CLIError("\(error)") }
        if burnSubtitles {
            // Only this render's copy: the project file keeps its own setting.
            var display = loaded.timeline.subtitleDisplay ?? SubtitleDisplay()
            display.shown = true
            loaded.timeline.subtitleDisplay = display
        }
        let outputURL = URL(fileURLWithPath: output)
        if (copy || smart) && burnSubtitles { throw CLIError("--burn-subtitles draws into the picture, which a stream copy (--copy, --smart) cannot: render without them") }
        if copy && (videoFrames != nil || audioSamples != nil) { throw CLIError("--video-frames and --audio-samples go with a re-encode, not --copy") }
        if copy { return try runCopy(loaded, output: outputURL) }
        if dryRun && !smart { throw CLIError("--dry-run goes with --copy or --smart (a re-encode has nothing to snap)") }
        let library = PresetLibrary()
        let name: String
        if let preset {
            name = preset
        } else if let byExtension = PresetLibrary.defaultName(forExtension: outputURL.pathExtension) {
            name = byExtension
        } else {
            throw CLIError("\(output): give --preset (no default for '.\(outputURL.pathExtension)'; termcut presets lists them)")
        }
        var plan: RenderPlan
        do {
            let chosen = try overrides().applied(to: try library.preset(named: name))
            plan = try RenderPlan.make(project: loaded, preset: chosen, output: outputURL, frames: try range(loaded.timeline))
            if videoFrames != nil || audioSamples != nil {
                if smart || segments != nil { throw CLIError("--video-frames and --audio-samples go with a plain render (not --smart or --segments)") }
                try plan.limit(videoFrames: videoFrames, audioSamples: audioSamples)
            }
        } catch let error as DeliveryError {
            throw CLIError(error.message)
        }
        if smart { return try runSmart(loaded, render: plan) }
        if let segments { return try runSegmented(loaded, render: plan, segments: segments) }
        switch part {
        case nil: break
        case "video": plan.settings.audio = nil
        case "sound": plan.settings.video = nil; plan.outputFrameCount = 0
        case let other?: throw CLIError("--part: '\(other)' is not video or sound")
        }
        if !["", plan.preset.fileExtension].contains(outputURL.pathExtension.lowercased()), !quiet {
            FileHandle.standardError.write(Data("termcut: note: preset '\(name)' writes .\(plan.preset.fileExtension) files (\(plan.preset.container))\n".utf8))
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
        let terminal = isatty(STDERR_FILENO) == 1
        var lastLine = Date.distantPast
        let result: RenderResult
        do {
            result = try TimelineExport(project: loaded, plan: plan).run(cancellation: cancellation) { progress in
                guard !quiet else { return }
                if terminal {
                    let text = "\r\(progress.bar(width: 30)) \(progress.line)\u{1B}[K"
                    FileHandle.standardError.write(Data(text.utf8))
                } else if progress.stage == .measuring || Date().timeIntervalSince(lastLine) >= 1
                            || progress.framesDone == progress.totalFrames && progress.stage == .finishing {
                    lastLine = Date()
                    FileHandle.standardError.write(Data("render: \(progress.line)\n".utf8))
                }
            }
        } catch {
            if terminal && !quiet { FileHandle.standardError.write(Data("\n".utf8)) }
            throw CLIError(error.message)
        }
        if terminal && !quiet { FileHandle.standardError.write(Data("\n".utf8)) }
        withExtendedLifetime(handlers) {}
        try report(result)
    }

    private func overrides() throws -> RenderOverrides {
        var o = RenderOverrides()
        o.videoCodec = videoCodec
        o.crf = crf
        if let videoBitrate {
            guard let b = DeliveryPreset.parseBitRate(videoBitrate) else { throw CLIError("--video-bitrate: '\(videoBitrate)' is not a bit rate (8M, 5000k)") }
            o.videoBitRate = b
        }
        if let size {
            let parts = size.lowercased().split(separator: "x")
            guard parts.count == 2, let w = Int(parts[0]), let h = Int(parts[1]), w > 0, h > 0 else {
                throw CLIError("--size: '\(size)' is not WIDTHxHEIGHT (1920x1080)")
            }
            o.width = w
            o.height = h
        }
        o.rate = rate
        o.pixelFormat = pixelFormat
        o.fit = fit
        o.encoderPreset = encoderPreset
        o.audioCodec = audioCodec
        if let audioBitrate {
            guard let b = DeliveryPreset.parseBitRate(audioBitrate) else { throw CLIError("--audio-bitrate: '\(audioBitrate)' is not a bit rate (192k)") }
            o.audioBitRate = b
        }
        o.keyframeInterval = keyframeInterval
        for pair in videoOption {
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[0].isEmpty else { throw CLIError("--video-option: '\(pair)' is not KEY=VALUE") }
            o.videoOptions[parts[0]] = parts[1]
        }
        o.keepLoudness = keepLoudness
        return o
    }

    func range(_ timeline: Timeline) throws -> Range<Int64>? {
        guard inPoint != nil || outPoint != nil else { return nil }
        func frame(_ text: String, _ flag: String) throws -> Int64 {
            do {
                return try timeline.frame(typed: text)
            } catch {
                throw CLIError("\(flag): \(error.message)")
            }
        }
        let first = try inPoint.map { try frame($0, "--in") } ?? 0
        let end = try outPoint.map { try frame($0, "--out") } ?? timeline.duration
        guard first >= 0, end <= timeline.duration, first < end else {
            throw CLIError("--in/--out: frames \(first)..<\(end) are not a range inside the timeline (0..<\(timeline.duration))")
        }
        return first..<end
    }

    private func report(_ result: RenderResult) throws {
        let streams = result.probe?.streams ?? []
        if json {
            var out: [String: Any] = [
                "output": result.output, "preset": result.preset, "frames": result.frames,
                "seconds": (result.seconds * 1000).rounded() / 1000, "fps": result.frameRate,
                "passed_frames": result.passedFrames, "composited_frames": result.compositedFrames,
                "samples": result.samples, "render_seconds": (result.renderSeconds * 1000).rounded() / 1000,
                "render_fps": result.renderSeconds > 0 ? (Double(result.frames) / result.renderSeconds * 10).rounded() / 10 : 0,
            ]
            if let l = result.loudness {
                func v(_ x: Double) -> Any { x.isFinite ? (x * 100).rounded() / 100 : NSNull() }
                out["loudness"] = ["measured_lufs": v(l.measured.integrated), "measured_true_peak_dbtp": v(l.measured.truePeak),
                                   "gain_db": v(l.gainDB), "limiter_ceiling_dbfs": l.limiterCeilingDB.map(v) ?? NSNull(),
                                   "expected_lufs": v(l.expected.integrated), "expected_true_peak_dbtp": v(l.expected.truePeak),
                                   "target_lufs": l.targetLUFS, "summary": l.summary]
            }
            out["streams"] = try streams.map { stream -> Any in
                try JSONSerialization.jsonObject(with: JSONEncoder().encode(stream))
            }
            let data = try JSONSerialization.data(withJSONObject: out, options: [.prettyPrinted, .sortedKeys])
            print(String(decoding: data, as: UTF8.self))
            return
        }
        print("rendered \(result.output): \(result.frames) frames, \(String(format: "%.3f", result.seconds)) s at \(result.frameRate) fps"
              + " (\(result.passedFrames) passed through, \(result.compositedFrames) composited) in \(String(format: "%.1f", result.renderSeconds)) s")
        if let l = result.loudness { print(l.summary) }
        for s in streams {
            var text = "  #\(s.index) \(s.kind.rawValue) \(s.codecName)"
            if let p = s.profile { text += " (\(p))" }
            if let w = s.width, let h = s.height { text += " \(w)x\(h)" }
            if let f = s.pixelFormat { text += " \(f)" }
            if let r = s.frameRate { text += " \(r) fps" }
            if let c = s.colorSpace { text += " \(c)" }
            if let r = s.sampleRate { text += " \(r) Hz" }
            if let c = s.channelLayout { text += " \(c)" }
            if let d = s.duration { text += String(format: " %.3f s", d) }
            print(text)
        }
    }
}

/// `termcut presets`: the delivery presets, built in and the user's.
struct PresetsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "presets",
        abstract: "List the delivery presets (built in, and ~/.config/termcut/presets/*.toml, which win by name).")

    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        let library = PresetLibrary()
        var rows: [[String: Any]] = []
        for name in library.names {
            do {
                let p = try library.preset(named: name)
                rows.append(["name": name, "description": p.summary, "container": p.container, "origin": p.origin,
                             "video": p.video?.codec ?? NSNull(), "audio": p.audio?.codec ?? NSNull(),
                             "loudness_lufs": p.loudness?.integrated ?? NSNull()])
            } catch {
                rows.append(["name": name, "error": "\(error)"])
            }
        }
        if json {
            let data = try JSONSerialization.data(withJSONObject: rows, options: [.prettyPrinted, .sortedKeys])
            print(String(decoding: data, as: UTF8.self))
            return
        }
        let width = (rows.compactMap { ($0["name"] as? String)?.count }.max() ?? 4) + 2
        for row in rows {
            let name = row["name"] as? String ?? ""
            let text = row["description"] as? String ?? "error: \(row["error"] ?? "")"
            print(name.padding(toLength: width, withPad: " ", startingAt: 0) + text)
        }
    }
}
