import App
import ArgumentParser
import Foundation
import Media

/// `termcut bench export`: ten 3 s cuts from a 60 s 1080p30 H.264 source, rendered by termcut
/// and by the ffmpeg tool in the same run; wall time and peak memory (each process's VmHWM)
/// and their ratios. Meant for release builds.
struct BenchExport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Measure rendering ten 3 s cuts against ffmpeg: re-encode, smart render, stream copy.",
        discussion: """
            (a) termcut render with libx264 veryfast CRF 18 + AAC 256k, against ffmpeg's concat \
            filter (trim/atrim of the same ten ranges) with the same settings. (b) termcut \
            render --smart (whole GOPs copied, the partial GOPs at the cuts re-encoded). (c) \
            termcut render --copy against ffmpeg's concat demuxer with -c copy. Each cut starts \
            half a second after a keyframe (the source has one every second). Every run is a \
            whole process (start-up included); memory is its peak RSS (VmHWM, polled while it runs).
            """)

    func run() throws {
        let source = try Self.source()
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("termcut-bench-export-\(getpid())")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        // Ten cuts of 90 frames, in at 0.5 s past a keyframe, 6 s apart.
        var cuts: [(start: Double, end: Double)] = []
        for i in 0..<10 {
            let start: Double = Double(i) * 6 + 0.5
            cuts.append((start: start, end: start + 3))
        }
        let project = work.appendingPathComponent("cuts.termcut")
        let editor = try openOrCreate(project.path)
        var script = "import \(source.path)\nsource \(source.lastPathComponent)\n"
        for cut in cuts {
            let first = Int(cut.start * 30), last = Int(cut.end * 30) - 1
            // `source` before each cut: after `append` the marks would go to the timeline.
            script += "source \(source.lastPathComponent)\nmark-in \(first)\nmark-out \(last)\nappend\n"
        }
        let (ok, messages) = editor.runScript(script)
        guard ok else { throw CLIError("building the bench project: \(messages.last ?? "failed")") }
        _ = try editor.save(to: project)
        guard editor.project.timeline.duration == 900 else {
            throw CLIError("the bench timeline is \(editor.project.timeline.duration) frames, not 900")
        }

        let ours = work.appendingPathComponent("ours.mp4")
        let termcut = try Self.spawn([CommandLine.arguments[0], "render", project.path, "-o", ours.path, "--preset", "h264",
                                      "--encoder-preset", "veryfast", "--crf", "18", "--audio-bitrate", "256k", "--quiet"])
        let smart = try Self.spawn([CommandLine.arguments[0], "render", project.path, "-o", work.appendingPathComponent("smart.mp4").path,
                                    "--preset", "h264", "--encoder-preset", "veryfast", "--crf", "18", "--audio-bitrate", "256k",
                                    "--smart", "--quiet"])
        let copy = try Self.spawn([CommandLine.arguments[0], "render", project.path, "-o", work.appendingPathComponent("copy.mp4").path,
                                   "--copy", "--quiet"])
        var filter = ""
        for (i, cut) in cuts.enumerated() {
            filter += "[0:v]trim=start=\(cut.start):end=\(cut.end),setpts=PTS-STARTPTS[v\(i)];"
            filter += "[0:a]atrim=start=\(cut.start):end=\(cut.end),asetpts=PTS-STARTPTS[a\(i)];"
        }
        filter += (0..<10).map { "[v\($0)][a\($0)]" }.joined() + "concat=n=10:v=1:a=1[v][a]"
        let reencoded = try Self.spawn(["ffmpeg", "-nostdin", "-v", "error", "-y", "-i", source.path, "-filter_complex", filter,
                                        "-map", "[v]", "-map", "[a]", "-c:v", "libx264", "-preset", "veryfast", "-crf", "18",
                                        "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "256k", "-movflags", "+faststart",
                                        work.appendingPathComponent("ffmpeg-a.mp4").path])
        let list = work.appendingPathComponent("list.txt")
        var listText = ""
        for cut in cuts { listText += "file '\(source.path)'\ninpoint \(cut.start)\noutpoint \(cut.end)\n" }
        try listText.write(to: list, atomically: true, encoding: .utf8)
        let copied = try Self.spawn(["ffmpeg", "-nostdin", "-v", "error", "-y", "-f", "concat", "-safe", "0", "-i", list.path,
                                     "-c", "copy", work.appendingPathComponent("ffmpeg-c.mp4").path])
        func figures(_ run: (seconds: Double, peakMiB: Double)) -> [String: Double] {
            ["seconds": (run.seconds * 1000).rounded() / 1000, "peak_mib": (run.peakMiB * 10).rounded() / 10]
        }
        let cores = ProcessInfo.processInfo.activeProcessorCount
        try BenchReport.print([
            "source": source.path, "cuts": 10, "frames": 900, "cores": cores,
            "a_reencode": ["termcut": figures(termcut), "ffmpeg_concat_filter": figures(reencoded),
                           "time_ratio": (termcut.seconds / reencoded.seconds * 100).rounded() / 100,
                           "memory_ratio": (termcut.peakMiB / reencoded.peakMiB * 100).rounded() / 100],
            "b_smart_render": ["termcut": figures(smart), "speedup_over_a": (termcut.seconds / smart.seconds * 100).rounded() / 100,
                               "target": "at least 5x faster than (a)"],
            "c_stream_copy": ["termcut": figures(copy), "ffmpeg_concat_demuxer_copy": figures(copied),
                              "time_ratio": (copy.seconds / copied.seconds * 100).rounded() / 100,
                              "memory_ratio": (copy.peakMiB / copied.peakMiB * 100).rounded() / 100,
                              "target": "at most 1.5x ffmpeg's time and under 1 s"],
        ])
    }

    /// The 60 s 1080p30 H.264 source the render benches share, generated by ffmpeg once into
    /// termcut's cache folder (under a temporary name, renamed when complete).
    static func source() throws -> URL {
        let folder = MediaCacheFolder.root.appendingPathComponent("bench", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let source = folder.appendingPathComponent("bench-1080p30-h264-gop30-60s.mp4")
        if !FileManager.default.fileExists(atPath: source.path) {
            let partial = folder.appendingPathComponent("partial-\(getpid()).mp4")
            FileHandle.standardError.write(Data("termcut: generating \(source.path) (once)\n".utf8))
            _ = try Self.spawn(["ffmpeg", "-nostdin", "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc2=size=1920x1080:rate=30:duration=60",
                                "-f", "lavfi", "-i", "sine=f=440:sample_rate=48000:duration=60", "-ac", "2",
                                "-c:v", "libx264", "-preset", "veryfast", "-g", "30", "-pix_fmt", "yuv420p", "-colorspace", "bt709",
                                "-color_primaries", "bt709", "-color_trc", "bt709", "-c:a", "aac", "-shortest", partial.path])
            guard rename(partial.path, source.path) == 0 else { throw CLIError("cannot store \(source.path)") }
        }
        return source
    }

    /// Runs a program to the end with stdout/stderr to /dev/null (stderr kept on failure is not
    /// needed: -v error and --quiet say nothing when all is well); its wall time and peak RSS.
    static func spawn(_ arguments: [String], standardOutput: String = "/dev/null") throws -> (seconds: Double, peakMiB: Double) {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, standardOutput, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let start = DispatchTime.now().uptimeNanoseconds
        let spawned = posix_spawnp(&pid, arguments[0], &actions, nil, argv, environ)
        guard spawned == 0 else { throw CLIError("cannot run \(arguments[0]): \(String(cString: strerror(spawned)))") }
        // Peak memory is the child's own high-water mark (VmHWM), read every few milliseconds
        // while it runs: wait4's ru_maxrss is no good here, because posix_spawn's child runs
        // on this process's memory until it execs and Linux keeps that high-water mark across
        // the exec, so every figure would be at least this bench's own size.
        var status: Int32 = 0
        var usage = rusage()
        var peakKiB = 0
        while true {
            if let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
               let line = text.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
               let kib = Int(line.split(separator: " ").dropFirst().first ?? "") {
                peakKiB = max(peakKiB, kib)
            }
            let reaped = wait4(pid, &status, WNOHANG, &usage)
            if reaped == pid { break }
            if reaped < 0 && errno != EINTR { break }
            usleep(2_000)
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        guard status == 0 else { throw CLIError("\(arguments.prefix(3).joined(separator: " ")) … failed (status \(status))") }
        return (seconds, Double(peakKiB) / 1024)
    }
}
