import Foundation
import Media
import Render
import TimelineModel

extension ProxyJobs {
    /// What a proxy copies from its original, stream by stream: the video stream's own frame
    /// count (its packets, as `isDone` counts the proxy's), the sound's own length, and the
    /// picture's display shape (its pixels times their aspect).
    struct Streams {
        var videoFrames: Int64
        /// The audio stream's length in 48 kHz samples (the mix's rate), nil if unknown.
        var audioSamples: Int64?
        var displayWidth: Int
        var displayHeight: Int

        init(of media: MediaReference, rate: Rate) throws(MediaError) {
            let info = try MediaProbe.probe(path: media.path)
            let table = try PacketTable.scan(path: media.path)
            videoFrames = Int64(table.video.count)
            var seconds = info.primaryAudio?.duration
            if seconds == nil, let base = table.audioTimeBase, let first = table.audio.first, let last = table.audio.last {
                // No stream duration in the header (Ogg, Matroska): the packets' span.
                seconds = Double(last.pts + last.duration - first.pts) * Double(base.numerator) / Double(base.denominator)
            }
            audioSamples = seconds.map { Int64(($0 * Double(TimelineRenderer.sampleRate)).rounded()) }
            let picture = info.primaryVideo?.upright   // as decoded: a phone clip turned upright is portrait
            let width = picture?.width ?? media.video?.width ?? 1, height = picture?.height ?? media.video?.height ?? 1
            if let sar = picture?.sampleAspectRatio, sar.numerator > 0, sar.denominator > 0, sar.numerator != sar.denominator {
                displayWidth = max(1, Int((Double(width) * Double(sar.numerator) / Double(sar.denominator)).rounded()))
            } else {
                displayWidth = width
            }
            displayHeight = height
        }
    }

    /// `WIDTHxHEIGHT` as numbers (the command checked the text).
    static func boundingBox(_ size: String) -> (width: Int, height: Int) {
        let parts = size.lowercased().split(separator: "x").compactMap { Int($0) }
        return parts.count == 2 ? (parts[0], parts[1]) : (960, 540)
    }

    /// The largest even-sized picture of `width`:`height` inside `box`: a 640x272 source in a
    /// 480x270 box is 480x204, never stretched to the box (as Premiere's proxy presets).
    static func fitting(width: Int, height: Int, in box: (width: Int, height: Int)) -> (width: Int, height: Int) {
        guard width > 0, height > 0 else { return (box.width & ~1, box.height & ~1) }
        let scale = min(Double(box.width) / Double(width), Double(box.height) / Double(height))
        func even(_ x: Double, limit: Int) -> Int { max(2, min(limit & ~1, Int((x / 2).rounded()) * 2)) }
        return (even(Double(width) * scale, limit: box.width), even(Double(height) * scale, limit: box.height))
    }
}
