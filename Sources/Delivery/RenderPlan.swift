import Foundation
import Media
import Render
import TimelineModel

/// A render worked out before anything is written: the timeline frames to deliver, the
/// encoder settings (preset, overrides and the timeline's own size, rate and pixel format
/// filled in) and how output frames and samples map onto the timeline.
public struct RenderPlan: Sendable {
    public var preset: DeliveryPreset
    public var output: URL
    /// Timeline frames delivered, `--in` to `--out` (the out frame not included).
    public var frames: Range<Int64>
    public var settings: OutputSettings
    public var fit: PictureFit
    public var timelineRate: Rate
    /// The output's frame rate: the timeline's unless a preset or `--rate` conforms it.
    public var outputRate: Rate
    public var outputFrameCount: Int64
    /// Timeline samples (48 kHz from record frame 0) delivered.
    public var samples: Range<Int64>

    public static func make(project: Project, preset: DeliveryPreset, output: URL, frames requested: Range<Int64>? = nil) throws(DeliveryError) -> RenderPlan {
        let timeline = project.timeline
        let frames = requested ?? 0..<timeline.duration
        guard timeline.duration > 0 else { throw DeliveryError("the timeline is empty: there is nothing to render") }
        guard frames.lowerBound >= 0, frames.upperBound <= timeline.duration, !frames.isEmpty else {
            let last = Timecode.format(frame: timeline.startTimecode + timeline.duration, rate: timeline.rate, dropFrame: timeline.dropFrame)
            throw DeliveryError("the range to render must lie inside the timeline and be at least one frame (the timeline ends at \(last))")
        }
        var outputRate = timeline.rate
        var video: VideoOutputSettings?
        var fit = PictureFit.fit
        if let v = preset.video {
            if let text = v.rate {
                guard let rate = Rate(parsing: text), rate.numerator > 0 else {
                    throw DeliveryError("'\(text)' is not a frame rate (try 25, 29.97, 30000/1001)")
                }
                outputRate = rate
            }
            let size = TimelineRenderer.frameSize(of: project)
            var width = v.width ?? size.width, height = v.height ?? size.height
            guard width > 0, height > 0, width <= 16384, height <= 16384 else {
                throw DeliveryError("a picture of \(width)x\(height) cannot be encoded (1…16384 each way)")
            }
            // 4:2:0 and 4:2:2 need even sizes; an odd timeline size rounds down a pixel.
            width &= ~1; height &= ~1
            var pixelFormat = v.pixelFormat
            if pixelFormat == "source" { pixelFormat = sourcePixelFormat(project) ?? "yuv420p" }
            var options = v.options
            if let crf = v.crf { options["crf"] = String(crf) }
            video = VideoOutputSettings(codec: v.codec, width: width, height: height,
                                        frameRate: MediaRational(Int(outputRate.numerator), Int(outputRate.denominator)),
                                        pixelFormat: pixelFormat, bitRate: v.bitRate, keyframeInterval: v.keyframeInterval,
                                        options: options, colour: .bt709)
            fit = PictureFit(rawValue: v.fit) ?? .fit
        }
        let audio = preset.audio.map {
            AudioOutputSettings(codec: $0.codec, sampleRate: $0.sampleRate, channels: $0.channels, bitRate: $0.bitRate, options: $0.options)
        }
        if let audio, audio.sampleRate != TimelineRenderer.sampleRate || audio.channels != TimelineRenderer.channels {
            throw DeliveryError("the mix is \(TimelineRenderer.sampleRate) Hz stereo; preset '\(preset.name)' asks for \(audio.sampleRate) Hz, \(audio.channels) channels, which termcut does not convert to yet")
        }
        let settings = OutputSettings(container: preset.container, containerOptions: preset.containerOptions, video: video, audio: audio,
                                      tags: ["encoder": "termcut"])
        let rate = timeline.rate
        let samples = AudioMix.sample(ofFrame: frames.lowerBound, rate: rate)..<AudioMix.sample(ofFrame: frames.upperBound, rate: rate)
        var count = Int64(frames.count)
        if outputRate != rate {
            // A conform: as many output frames as fit the same span of time, at least one.
            let exact = Double(frames.count) * outputRate.framesPerSecond / rate.framesPerSecond
            count = max(1, Int64(exact.rounded()))
        }
        return RenderPlan(preset: preset, output: output, frames: frames, settings: settings, fit: fit, timelineRate: rate,
                          outputRate: outputRate, outputFrameCount: video == nil ? 0 : count, samples: samples)
    }

    /// The timeline frame output frame `n` shows: the same one at the timeline's rate, the one
    /// on screen at the output frame's start when the rate is conformed.
    public func timelineFrame(forOutputFrame n: Int64) -> Int64 {
        if outputRate == timelineRate { return frames.lowerBound + n }
        let seconds = Double(n) / outputRate.framesPerSecond
        return min(frames.upperBound - 1, frames.lowerBound + Int64((seconds * timelineRate.framesPerSecond + 1e-9).rounded(.down)))
    }

    /// The timeline sample at which output frame `n` ends: sound is written up to there with
    /// each frame, so the two streams advance together and end together.
    public func sampleEnd(afterOutputFrame n: Int64) -> Int64 {
        if n + 1 >= outputFrameCount { return samples.upperBound }
        if outputRate == timelineRate { return min(samples.upperBound, AudioMix.sample(ofFrame: frames.lowerBound + n + 1, rate: timelineRate)) }
        let seconds = Double(n + 1) / outputRate.framesPerSecond
        return min(samples.upperBound, samples.lowerBound + Int64((seconds * Double(TimelineRenderer.sampleRate)).rounded(.down)))
    }

    /// Ends the picture after `videoFrames` output frames and the sound after `audioSamples`
    /// samples (48 kHz), each counted from the start of the range: so a proxy mirrors each
    /// stream of its source, whose sound may outlast its picture (or stop short of it) by less
    /// than a frame or by several, as a camera file's often does.
    public mutating func limit(videoFrames: Int64?, audioSamples: Int64?) throws(DeliveryError) {
        if let videoFrames {
            guard outputFrameCount > 0 else { throw DeliveryError("--video-frames: preset '\(preset.name)' has no picture") }
            guard videoFrames >= 1, videoFrames <= outputFrameCount else {
                throw DeliveryError("--video-frames: \(videoFrames) is not 1…\(outputFrameCount) (the frames in the range)")
            }
            outputFrameCount = videoFrames
        }
        if let audioSamples {
            guard audioSamples >= 1, audioSamples <= Int64(samples.count) else {
                throw DeliveryError("--audio-samples: \(audioSamples) is not 1…\(samples.count) (the 48 kHz samples in the range)")
            }
            samples = samples.lowerBound..<(samples.lowerBound + audioSamples)
        }
    }

    /// Seconds of the delivered programme.
    public var seconds: Double {
        outputFrameCount > 0 ? Double(outputFrameCount) / outputRate.framesPerSecond
                             : Double(samples.count) / Double(TimelineRenderer.sampleRate)
    }

    /// The pixel format of the first video clip's media (for lossless archives).
    static func sourcePixelFormat(_ project: Project) -> String? {
        for t in project.timeline.videoTracks {
            for (clip, _) in project.timeline.tracks[t].clips {
                if let reference = project.mediaReference(clip.media), !reference.isOffline,
                   let info = try? MediaProbe.probe(path: reference.path), let format = info.primaryVideo?.pixelFormat {
                    return format
                }
            }
        }
        return nil
    }

    /// Clips in the range whose media cannot be read: each named with its track and record
    /// timecode, so the user knows what to relink (a render never delivers an offline card).
    /// Nested sequences are looked into over the frames the render uses of them.
    public func offlineClips(in project: Project) -> [String] {
        Self.offlineClips(in: project, frames: frames, depth: 0)
    }

    /// As deep as the renderer nests (`TimelineRenderer`'s limit; a cycle stops there too).
    static let maximumNesting = 16

    static func offlineClips(in project: Project, frames: Range<Int64>, depth: Int) -> [String] {
        let timeline = project.timeline
        let nestingTracks = AudioMix.nestingTracks(timeline)
        var problems: [String] = []
        func timecode(_ frame: Int64) -> String {
            Timecode.format(frame: timeline.startTimecode + frame, rate: timeline.rate, dropFrame: timeline.dropFrame)
        }
        for (t, track) in timeline.tracks.enumerated() {
            if track.kind == .audio && !AudioMix.audibleTracks(timeline).contains(t) { continue }
            for (clip, record) in track.clips where clip.enabled && clip.media != Clip.generatedMedia {
                // Clips wholly outside the range (a segment's frames) are skipped before a range is made of them.
                let first = max(record.start, frames.lowerBound), end = min(record.start + record.duration, frames.upperBound)
                guard first < end else { continue }
                let used = first..<end
                if let name = clip.sequence {
                    // A nested clip is seen unless its track is hidden, and heard unless it is muted.
                    guard track.kind == .audio || !track.hidden || nestingTracks.contains(t), depth < maximumNesting,
                          let inner = project.withSequenceOpen(name) else { continue }
                    let ends = [used.lowerBound, used.upperBound - 1].map { clip.mediaFrame(atUnit: clip.source.start + ($0 - record.start)) }
                    let innerFrames = max(ends.min()!, 0)..<(ends.max()! + 1)
                    problems += offlineClips(in: inner, frames: innerFrames, depth: depth + 1).map {
                        "nested sequence '\(name)' on \(track.name) at \(timecode(used.lowerBound)): \($0)"
                    }
                    continue
                }
                if track.kind == .video && track.hidden { continue }
                let reference = project.mediaReference(clip.media)
                let missing = reference == nil || reference!.isOffline || !FileManager.default.isReadableFile(atPath: reference!.path)
                guard missing else { continue }
                let path = reference.map { " (\($0.path))" } ?? ""
                problems.append("clip '\(clip.name)' on \(track.name) at \(timecode(used.lowerBound)): its media\(path) is offline")
            }
        }
        return problems
    }
}
