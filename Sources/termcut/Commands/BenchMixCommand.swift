import App
import ArgumentParser
import Delivery
import Foundation
import Media
import Playback
import Render
import TimelineModel

/// `termcut bench mix`: Render's mix of 8 stereo tracks with clip fades, volume keyframes,
/// track volumes and pans, timed on the calling thread (one core), against ffmpeg mixing the same
/// 8 files with the same fades and gains (`volume`, `afade`, `pan`, `amix`) in the same run
/// (`-threads 1 -filter_complex_threads 1`); then 2x pitch-corrected playback of the mix through
/// the playback engine (`play --headless --speed 2 --report`'s loop), underruns counted.
struct BenchMix: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mix",
        abstract: "Time mixing 8 stereo tracks with fades and keyframes (x real time, one core) against ffmpeg, and 2x pitch-corrected playback; print JSON.",
        discussion: "Generates its sources with ffmpeg in a temporary folder. Build with -c release.")

    @Option(help: "Seconds of each track.") var seconds: Int = 60
    @Option(help: "Timed runs of each mix (the best is reported).") var iterations = 3

    func run() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("termcut-bench-mix-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let tracks = 8
        var sources: [URL] = []
        for i in 0..<tracks {
            let url = folder.appendingPathComponent("track\(i + 1).wav")
            // Stereo: a different tone on each side of each track, so no two tracks cancel.
            try ffmpeg(["-f", "lavfi", "-i", "sine=f=\(220 + 55 * i):sample_rate=48000:d=\(seconds)",
                        "-f", "lavfi", "-i", "sine=f=\(330 + 40 * i):sample_rate=48000:d=\(seconds)",
                        "-filter_complex", "[0][1]amerge=inputs=2", "-c:a", "pcm_s16le", url.path])
            sources.append(url)
        }
        let project = try Self.project(sources, seconds: seconds)
        let sampleCount = Int(AudioMix.sample(ofFrame: project.timeline.duration, rate: project.timeline.rate))

        // termcut: the whole mix, 1 s at a time, as export and loudness read it.
        var ours: [Double] = []
        var oursCPU: [Double] = []
        var oursProcessCPU: [Double] = []
        var checksum = 0.0
        for _ in 0..<max(1, iterations) {
            let renderer = TimelineRenderer(project: project, pool: ProgrammeLoudness.makePool())
            let cpuStart = Self.threadCPUSeconds(), processStart = Self.processCPUSeconds()
            let start = DispatchTime.now().uptimeNanoseconds
            var position = 0
            while position < sampleCount {
                let n = min(48_000, sampleCount - position)
                let block = renderer.sound(from: Int64(position), count: n)
                checksum += Double(block[block.count / 2])
                position += n
            }
            ours.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
            oursCPU.append(Self.threadCPUSeconds() - cpuStart)
            oursProcessCPU.append(Self.processCPUSeconds() - processStart)
        }

        // ffmpeg: the same eight files, gains, pans and fades (keyframes as a volume expression).
        var graph: [String] = []
        for i in 0..<tracks {
            let (gain, pan) = Self.levels(i)
            let (l, r) = AudioMix.panGains(pan)
            let fade = Double(seconds) / 10
            let ramp = "if(lt(t\\,\(seconds / 4))\\,1\\,if(lt(t\\,\(seconds / 2))\\,1-0.5*(t-\(seconds / 4))/\(seconds / 4)\\,0.5))"
            graph.append("[\(i):a]volume=\(AudioMix.linear(dB: gain)),volume='\(ramp)':eval=frame,"
                         + "pan=stereo|c0=\(l)*c0|c1=\(r)*c1,afade=t=in:d=\(fade),afade=t=out:st=\(Double(seconds) - fade):d=\(fade)[a\(i)]")
        }
        graph.append((0..<tracks).map { "[a\($0)]" }.joined() + "amix=inputs=\(tracks):normalize=0[out]")
        var theirs: [Double] = []
        var theirsCPU: [Double] = []
        for _ in 0..<max(1, iterations) {
            let cpuStart = Self.childrenCPUSeconds()
            let start = DispatchTime.now().uptimeNanoseconds
            try ffmpeg(["-threads", "1", "-filter_complex_threads", "1"] + sources.flatMap { ["-i", $0.path] }
                       + ["-filter_complex", graph.joined(separator: ";"), "-map", "[out]", "-f", "null", "-"])
            theirs.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
            theirsCPU.append(Self.childrenCPUSeconds() - cpuStart)
        }
        // Wall time suffers from other work on the machine; CPU time (this thread's, and the
        // ffmpeg child's user + system) is what one core spends, so the target is judged on it.
        // The whole process's CPU time over the mix is kept beside it: were any decoding to run on
        // another thread, the thread's figure would flatter us, and the larger of the two counts.
        let oursX = Double(seconds) / max(oursCPU.min() ?? .infinity, oursProcessCPU.min() ?? .infinity)
        let theirsX = Double(seconds) / (theirsCPU.min() ?? .infinity)
        let oursWallX = Double(seconds) / (ours.min() ?? .infinity)
        let theirsWallX = Double(seconds) / (theirs.min() ?? .infinity)

        // 2x playback, pitch-corrected, through the engine as `play --headless --speed 2 --report` runs it.
        PlaybackCLI.useHeadlessDrivers()
        var options = PlaybackOptions()
        options.preview = false
        options.audioOpener = PlaybackCLI.audioOpener
        let played = min(project.timeline.duration, project.timeline.rate.timecodeBase * 20)
        let figures = PlaybackCLI.playThrough(project, range: 0..<played, speed: PlaySpeed(2, 1), options: options) {
            FileHandle.standardError.write(Data("termcut: \($0)\n".utf8))
        }
        let load = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").first.map(String.init) ?? "?"
        let report: [String: Any] = [
            "mix": "\(tracks) stereo tracks x \(seconds) s, 48 kHz: clip fades, a volume keyframe ramp, track volume and pan",
            "termcut_x_realtime": (oursX * 10).rounded() / 10,
            "ffmpeg_x_realtime": (theirsX * 10).rounded() / 10,
            "ratio_termcut_to_ffmpeg": (oursX / theirsX * 100).rounded() / 100,
            "x_realtime_measured_on": "CPU time of one core (the mixing thread, or the whole process if more; ffmpeg's user + system)",
            "termcut_x_realtime_wall": (oursWallX * 10).rounded() / 10,
            "ffmpeg_x_realtime_wall": (theirsWallX * 10).rounded() / 10,
            "termcut_cpu_seconds": oursCPU.map { ($0 * 1000).rounded() / 1000 },
            "termcut_process_cpu_seconds": oursProcessCPU.map { ($0 * 1000).rounded() / 1000 },
            "ffmpeg_cpu_seconds": theirsCPU.map { ($0 * 1000).rounded() / 1000 },
            "target_x_realtime": 200,
            "meets_target": oursX >= 200,
            "termcut_seconds": ours.map { ($0 * 1000).rounded() / 1000 },
            "ffmpeg_seconds": theirs.map { ($0 * 1000).rounded() / 1000 },
            "playback_2x": (try JSONSerialization.jsonObject(with: Data(figures.json.utf8))),
            "playback_2x_seconds_of_timeline": Double(played) / project.timeline.rate.framesPerSecond,
            "load_average_1min": load,
            "checksum": checksum,
        ]
        try BenchReport.print(report)
    }

    static func threadCPUSeconds() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }

    /// User + system time of every thread of this process.
    static func processCPUSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    static func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }

    /// User + system time of the finished children (the ffmpeg runs).
    static func childrenCPUSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_CHILDREN.rawValue, &usage)
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    /// Track i's clip gain (dB) and pan.
    static func levels(_ i: Int) -> (Double, Double) { (-Double(i % 4) * 2, Double(i - 4) / 4.5) }

    /// One clip per track over the whole length: gain, pan, fades of a tenth of the length,
    /// and a keyframe ramp from 0 dB at a quarter to −6 dB at half.
    static func project(_ sources: [URL], seconds: Int) throws -> Project {
        var project = Project(name: "bench mix")
        var timeline = Timeline(name: "mix", rate: .fps30, tracks: [])
        let catalog = LibavMediaCatalog()
        for (i, url) in sources.enumerated() {
            var ref = try catalog.probe(url)
            ref.id = MediaID("track\(i + 1)")
            project.media.append(ref)
            let available = ref.availableFrames(at: timeline.rate)
            let length = Int64(seconds) * 30
            var clip = Clip(id: ClipID(timeline.allocateID()), name: ref.name, media: ref.id,
                            source: FrameRange(start: 0, duration: min(length, available)), available: available,
                            gainDB: levels(i).0)
            clip.fadeIn = ClipFade(duration: length / 10)
            clip.fadeOut = ClipFade(duration: length / 10)
            clip.volumeKeyframes = [VolumeKeyframe(frame: length / 4, gainDB: 0), VolumeKeyframe(frame: length / 2, gainDB: -6.0206)]
            var track = Track(kind: .audio, name: "A\(i + 1)")
            track.pan = levels(i).1
            track.items.append(.clip(clip))
            timeline.tracks.append(track)
        }
        project.timeline = timeline
        return project
    }

    func ffmpeg(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["ffmpeg", "-v", "error", "-nostdin", "-y"] + arguments
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw CLIError("ffmpeg failed: \(arguments.joined(separator: " "))") }
    }
}
