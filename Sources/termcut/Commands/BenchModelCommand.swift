import App
import ArgumentParser
import Editor
import Foundation
import TimelineModel

/// `termcut bench model`: edit latency on a large timeline, through the same command path the
/// keys and scripts use (parsing, undo snapshot, the model edit), and what each undo step holds.
struct BenchModel: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "model",
        abstract: "Time editing commands on a large timeline and print JSON (build with -c release).")

    @Option(help: "Clips in the timeline, spread over the tracks.") var clips = 10_000
    @Option(help: "Tracks (half video, half audio).") var tracks = 8
    @Option(help: "Timed runs of each command.") var runs = 300
    @Option(help: "Seed for the random positions.") var seed: UInt64 = 42

    func run() throws {
        var rng = SplitMix64(seed: seed)
        let editor = Editor(project: Self.makeProject(clips: clips, tracks: tracks, rng: &rng))
        let duration = editor.timeline.duration
        editor.run("source m0")
        editor.run("mark-in 100")
        editor.run("mark-out 159")

        func randomFrame() -> Int64 { Int64.random(in: 10..<(duration - 10), using: &rng) }
        func time(_ name: String, setup: () -> Void = {}, _ line: @autoclosure () -> String) -> [String: Double] {
            var samples: [Double] = []
            for _ in 0..<runs {
                setup()
                let command = line()
                let start = DispatchTime.now().uptimeNanoseconds
                let outcome = editor.execute(command)
                samples.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
                if outcome.isError && !outcome.message.contains("no edit point") && !outcome.message.contains("stopped") {
                    FileHandle.standardError.write(Data("bench: \(command): \(outcome.message)\n".utf8))
                }
            }
            return BenchReport.summary(samples, percentile: 99)
        }
        var results: [String: [String: Double]] = [:]
        results["insert"] = time("insert", "insert at=\(randomFrame())")
        results["overwrite"] = time("overwrite", "overwrite at=\(randomFrame())")
        results["razor"] = time("razor", "razor at=\(randomFrame())")
        let pickEdit = { editor.playbackMoved(to: randomFrame()); _ = editor.execute("select-edit a tracks=V1") }
        results["ripple_trim"] = time("ripple trim", setup: pickEdit, "trim \(Bool.random(using: &rng) ? "+" : "-")3")
        let pickRoll = { editor.playbackMoved(to: randomFrame()); _ = editor.execute("select-edit both tracks=V1") }
        results["roll"] = time("roll", setup: pickRoll, "roll \(Bool.random(using: &rng) ? "+" : "-")3")
        let pickClip = { editor.playbackMoved(to: randomFrame()); _ = editor.execute("select-none") }
        results["slip"] = time("slip", setup: pickClip, "slip +2")
        results["slide"] = time("slide", setup: pickClip, "slide -1")
        let depth = editor.undoDepth
        results["undo"] = time("undo", "undo")
        results["redo"] = time("redo", "redo")

        // What undo holds: items in chunks an undo step does not share with the state after it.
        let snapshots = editor.undoSnapshots + [editor.project]
        var perStep: [Double] = []
        for (older, newer) in zip(snapshots, snapshots.dropFirst()) {
            var items = 0
            for (a, b) in zip(older.timeline.tracks, newer.timeline.tracks) { items += a.items.unsharedItemCount(relativeTo: b.items) }
            perStep.append(Double(items * MemoryLayout<Item>.stride))
        }
        let totalItems = editor.timeline.tracks.reduce(0) { $0 + $1.items.count }
        let report: [String: Any] = [
            "clips": clips, "tracks": tracks, "runs": runs, "undo_steps": depth,
            "timeline_items": totalItems,
            "latency_ms": results,
            "undo_bytes_per_step": BenchReport.summary(perStep, percentile: 99),
            "whole_timeline_bytes": totalItems * MemoryLayout<Item>.stride,
            "target_p99_ms": 1.0,
            "all_under_target": results.values.allSatisfy { ($0["p99"] ?? 99) < 1.0 },
        ]
        try BenchReport.print(report)
    }


    /// Clips of 10–100 frames from 20 media of 10,000 frames, back to back, linked in pairs
    /// where a video and an audio track line up.
    static func makeProject(clips: Int, tracks: Int, rng: inout SplitMix64) -> Project {
        let rate = Rate.fps30
        let media = (0..<20).map { i in
            MediaReference(id: MediaID("m\(i)"), name: "m\(i).mov", path: "/nonexistent/m\(i).mov", duration: RationalTime(10_000, rate),
                           video: .init(width: 1920, height: 1080, rate: rate, codec: "h264"),
                           audio: .init(sampleRate: 48000, channels: 2, layout: "stereo", codec: "aac"))
        }
        var timeline = Timeline(name: "bench", rate: rate, tracks: [])
        let videoCount = max(1, tracks / 2)
        for t in 0..<tracks {
            timeline.tracks.append(Track(kind: t < videoCount ? .video : .audio, name: t < videoCount ? "V\(t + 1)" : "A\(t - videoCount + 1)"))
        }
        for t in 0..<tracks {
            var items: [Item] = []
            for _ in 0..<(clips / tracks) {
                let m = Int.random(in: 0..<media.count, using: &rng)
                let length = Int64.random(in: 10...100, using: &rng)
                let start = Int64.random(in: 50..<(10_000 - length - 50), using: &rng)
                let id = ClipID(timeline.allocateID())
                items.append(.clip(Clip(id: id, name: media[m].name, media: media[m].id,
                                        source: FrameRange(start: start, duration: length), available: 10_000)))
            }
            timeline.tracks[t].items = ItemList(items)
        }
        return Project(name: "bench", media: media, bins: [Bin(name: "Media", media: media.map(\.id))], timeline: timeline)
    }
}

extension Editor {
    func run(_ line: String) { _ = execute(line) }
}
