import Analysis
import App
import ArgumentParser
import Foundation
import Media

/// `termcut bench auto`: silence detection against ffmpeg's `silencedetect` on a generated
/// 10-minute audio file, and scene detection against a decode-only `ffmpeg -f null` pass on a
/// generated 60 s 1080p clip, timed in the same run. Real-time factors and ratios in JSON.
/// The ffmpeg binary is used here only, as generator and reference. Build with `-c release`.
struct BenchAuto: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "auto",
        abstract: "Time silence and scene detection against ffmpeg's silencedetect and a decode-only pass (JSON).")

    @Option(help: "Minutes of audio for silence detection.") var minutes = 10.0
    @Option(help: "Seconds of 1080p video for scene detection.") var seconds = 60.0
    @Option(help: "Timed runs of each (the best is reported).") var runs = 2

    func run() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("termcut-bench-auto-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let audio = folder.appendingPathComponent("talk.wav")
        let video = folder.appendingPathComponent("clip.mp4")
        let audioSeconds = minutes * 60
        // Two seconds of "speech" (a tone with syllable-rate wobble), one of silence, repeated.
        try ffmpeg(["-f", "lavfi", "-i",
                    "aevalsrc=exprs=if(lt(mod(t\\,3)\\,2)\\,0.3*sin(2*PI*180*t)*(0.6+0.4*sin(2*PI*4*t))\\,0):s=48000:c=stereo:d=\(audioSeconds)",
                    "-c:a", "pcm_s16le", audio.path])
        try ffmpeg(["-f", "lavfi", "-i", "testsrc2=s=1920x1080:r=30:d=\(seconds)", "-pix_fmt", "yuv420p",
                    "-c:v", "libx264", "-preset", "veryfast", "-g", "60", video.path])

        var ours = Double.infinity, reference = Double.infinity
        var count = 0, referenceCount = 0
        for _ in 0..<max(1, runs) {
            ours = min(ours, try time {
                // Always the full pass: the cache is what makes a second run instant, not what is timed.
                let source = try AudioLevels.openSource(audio)
                let levels = try AudioLevels.compute(source: source)
                count = try SilenceDetector.detect(levels, settings: .default, samples: AudioLevels.sampleReader(source)).silences.count
            })
            var log = ""
            reference = min(reference, try time {
                log = try ffmpeg(["-i", audio.path, "-af", "silencedetect=n=-40dB:d=0.5", "-f", "null", "-"])
            })
            referenceCount = log.components(separatedBy: "silence_start").count - 1
        }
        var scenes = Double.infinity, decode = Double.infinity
        var cuts = 0
        for _ in 0..<max(1, runs) {
            scenes = min(scenes, try time { cuts = try SceneAnalysis.detect(video, useCache: false).cuts.count })
            decode = min(decode, try time { _ = try ffmpeg(["-i", video.path, "-f", "null", "-"]) })
        }
        func round2(_ v: Double) -> Double { (v * 100).rounded() / 100 }
        let report: [String: Any] = [
            "silences": [
                "file": "\(Int(audioSeconds)) s, 48 kHz stereo PCM", "ours_s": round2(ours), "ffmpeg_silencedetect_s": round2(reference),
                "ours_realtime": round2(audioSeconds / ours), "ffmpeg_realtime": round2(audioSeconds / reference),
                "ratio_vs_ffmpeg": round2(reference / ours), "silences_ours": count, "silences_ffmpeg": referenceCount,
                "target": "ratio >= 1",
            ],
            "scenes": [
                "file": "\(Int(seconds)) s 1920x1080 30 fps H.264", "ours_s": round2(scenes), "ffmpeg_decode_only_s": round2(decode),
                "ours_realtime": round2(seconds / scenes), "decode_realtime": round2(seconds / decode),
                "ratio_vs_decode": round2(decode / scenes), "cuts": cuts, "target": "ratio >= 0.9",
            ],
        ]
        let data = try JSONSerialization.data(withJSONObject: report, options: [.prettyPrinted, .sortedKeys])
        print(String(decoding: data, as: UTF8.self))
    }

    private func time(_ body: () throws -> Void) throws -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    @discardableResult
    private func ffmpeg(_ arguments: [String]) throws -> String { try BenchReport.ffmpeg(arguments, bench: "bench auto") }
}
