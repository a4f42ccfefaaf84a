import Foundation
import TimelineModel

/// One clip's contribution to the mix over a stretch of timeline samples.
public struct AudioSegment: Equatable, Sendable {
    public var track: Int
    public var clip: ClipID
    public var media: MediaID
    /// Timeline samples (48 kHz from record frame 0) the clip sounds in, transitions included.
    public var record: Range<Int64>
    /// The media sample (at 48 kHz, from the media's start) heard at `record.lowerBound`.
    public var sourceStart: Int64
    /// Linear gains to the left and right outputs: clip gain × track volume × pan.
    public var left: Float
    public var right: Float
    /// Where the clip fades in from and out to silence (a cross-fade at a transition), linear.
    public var fadeIn: Range<Int64>?
    public var fadeOut: Range<Int64>?
    /// The clip's own fades from and to silence, in timeline samples, with their curves.
    public var clipFadeIn: SampleFade?
    public var clipFadeOut: SampleFade?
    /// The clip's speed (media frames per record frame) when not 100%: its sound is read that
    /// many times as fast and brought back to the clip's length by atempo, pitch unchanged.
    public var speed: ClipSpeed?
    /// The clip's volume keyframes with `frame` in timeline samples (dB on top of `left`/`right`).
    public var keyframes: [VolumeKeyframe] = []
    /// Its track's fader keyframes, in timeline samples: applied after the clip's gain and keyframes.
    public var trackKeyframes: [VolumeKeyframe] = []
    /// The clip's clean-up when it applies (set and not bypassed).
    public var cleanup: ClipCleanup?
    /// The one source channel the clip plays (to both sides, then panned); nil: all of them.
    public var channel: Int?
    /// A nested clip's sequence: its sound is that sequence's mix (`media` is `Clip.sequenceMedia`).
    public var sequence: String?

    /// True when every sample gets the same gain (no fades, no keyframes): the mixer's fast path.
    public var isFlat: Bool { fadeIn == nil && fadeOut == nil && clipFadeIn == nil && clipFadeOut == nil && keyframes.isEmpty && trackKeyframes.isEmpty }

    /// The envelope at timeline sample `sample`: cross-fades, clip fades and keyframes (1 when flat).
    public func envelope(at sample: Int64) -> Float {
        var gain = shape(at: sample)
        if !keyframes.isEmpty {
            gain *= Float(AudioMix.linear(dB: keyframes.gainDB(at: Double(sample))))
        }
        if !trackKeyframes.isEmpty {
            gain *= Float(AudioMix.linear(dB: trackKeyframes.gainDB(at: Double(sample))))
        }
        return gain
    }

    /// Cross-fades and clip fades at `sample`, without the keyframes.
    private func shape(at sample: Int64) -> Float {
        var gain: Float = 1
        if let fadeIn, fadeIn.contains(sample) {
            gain *= Float(Double(sample - fadeIn.lowerBound) + 0.5) / Float(fadeIn.count)
        }
        if let fadeOut, fadeOut.contains(sample) {
            gain *= Float(Double(fadeOut.upperBound - sample) - 0.5) / Float(fadeOut.count)
        }
        // Sample k of an n-sample fade-in has curve(k / n), of a fade-out curve((n − k) / n):
        // exactly what FFmpeg's afade computes, so the two can be compared sample for sample.
        if let f = clipFadeIn, sample < f.range.upperBound {
            gain *= sample < f.range.lowerBound ? 0 : Float(f.curve.gain(Double(sample - f.range.lowerBound) / Double(f.range.count)))
        }
        if let f = clipFadeOut, sample >= f.range.lowerBound {
            gain *= sample >= f.range.upperBound ? 0 : Float(f.curve.gain(Double(f.range.upperBound - sample) / Double(f.range.count)))
        }
        return gain
    }
}

/// A clip fade placed on the timeline's sample line.
public struct SampleFade: Equatable, Sendable {
    public var range: Range<Int64>
    public var curve: FadeCurve
    public init(range: Range<Int64>, curve: FadeCurve) { self.range = range; self.curve = curve }
}

/// Which clips sound where: the mixer's plan, worked out from the model alone.
///
/// Rules, as editors expect them: a muted track is silent; when any audio track is soloed only
/// soloed tracks sound; disabled clips and offline media are silent. Levels: clip gain and
/// track volume in dB add; pan is a balance control (−1 left … +1 right): the far side is
/// turned down linearly and the near side stays at unity, so a centred stereo clip passes
/// unchanged. A transition on an audio track is a linear cross-fade over the same frames a
/// picture dissolve would use (the two gains sum to one).
/// A clip at another speed sounds pitch-corrected (libavfilter's atempo, see
/// `TimelineRenderer+Speed`); a freeze frame is silent (it holds one picture, there is no sound to hold).
public enum AudioMix {
    public static let sampleRate = Rate.audio48k

    /// Timeline sample where record frame `frame` starts: the one conversion, rounding down,
    /// so adjacent clips tile the sample line exactly.
    public static func sample(ofFrame frame: Int64, rate: Rate) -> Int64 {
        RationalTime(frame, rate).rescaled(to: sampleRate, rounding: .down).value
    }

    /// The record frame whose samples include timeline sample `sample`: the inverse of
    /// `sample(ofFrame:)`, so frame f owns exactly the samples [sample(f), sample(f + 1)).
    /// (Rescaling the sample back rounding down would not do: at 29.97 frame 8 starts at
    /// sample 12812, which is 7.9995 frames.)
    public static func frame(containingSample sample: Int64, rate: Rate) -> Int64 {
        RationalTime(sample + 1, sampleRate).rescaled(to: rate, rounding: .up).value - 1
    }

    /// Indices of the audio tracks that sound.
    public static func audibleTracks(_ timeline: Timeline) -> [Int] {
        let audio = timeline.audioTracks
        let anySolo = audio.contains { timeline.tracks[$0].solo }
        return audio.filter { !timeline.tracks[$0].muted && (!anySolo || timeline.tracks[$0].solo) }
    }

    /// Indices of the video tracks whose nested clips sound: a nested sequence brings its own
    /// sound along with its picture (as Avid's and Premiere's nests do), on the track it sits on.
    /// Muting that track silences it; while audio tracks are soloed only a soloed one sounds.
    /// Hiding the track hides the picture only.
    public static func nestingTracks(_ timeline: Timeline) -> [Int] {
        let anySolo = timeline.audioTracks.contains { timeline.tracks[$0].solo }
        return timeline.videoTracks.filter { t in
            let track = timeline.tracks[t]
            return !track.muted && (!anySolo || track.solo)
                && track.items.contains { if case .clip(let clip) = $0 { clip.sequence != nil } else { false } }
        }
    }

    /// dB to a linear factor.
    public static func linear(dB: Double) -> Double { pow(10, dB / 20) }

    /// Left and right factors of the balance pan law above.
    public static func panGains(_ pan: Double) -> (left: Double, right: Double) {
        let p = min(max(pan, -1), 1)
        return (p > 0 ? 1 - p : 1, p < 0 ? 1 + p : 1)
    }

    /// Puts the clip's fades and keyframes (kept in frames and clip units) on the sample line.
    /// A fade longer than a clip trimmed after it was set is cut to the clip.
    static func placeEnvelope(of clip: Clip, at start: Int64, rate: Rate, into segment: inout AudioSegment) {
        let end = start + clip.duration
        if let f = clip.fadeIn {
            segment.clipFadeIn = SampleFade(range: sample(ofFrame: start, rate: rate)..<sample(ofFrame: min(end, start + f.duration), rate: rate),
                                            curve: f.curve)
        }
        if let f = clip.fadeOut {
            segment.clipFadeOut = SampleFade(range: sample(ofFrame: max(start, end - f.duration), rate: rate)..<sample(ofFrame: end, rate: rate),
                                             curve: f.curve)
        }
        segment.keyframes = clip.volumeKeyframes.map {
            VolumeKeyframe(frame: sample(ofFrame: start + ($0.frame - clip.source.start), rate: rate), gainDB: $0.gainDB, curve: $0.curve)
        }
    }

    /// The segments sounding anywhere in `range` (timeline samples).
    public static func plan(_ project: Project, range: Range<Int64>) -> [AudioSegment] {
        let timeline = project.timeline
        let rate = timeline.rate
        var segments: [AudioSegment] = []
        for t in audibleTracks(timeline) + nestingTracks(timeline) {
            let track = timeline.tracks[t]
            let trackGain = linear(dB: track.volumeDB)
            let pan = panGains(track.pan)
            let trackKeyframes = track.volumeKeyframes.map {
                VolumeKeyframe(frame: sample(ofFrame: $0.frame, rate: rate), gainDB: $0.gainDB, curve: $0.curve)
            }
            // Find the first item that may reach the range (a transition can reach back one item).
            let firstFrame = frame(containingSample: range.lowerBound, rate: rate)
            var index = track.items.locate(frame: max(0, firstFrame))?.index ?? track.items.count
            index = max(0, index - 1)
            var start = track.items.startFrame(ofItemAt: index)
            while index < track.items.count {
                let item = track.items[index]
                defer { start += item.duration; index += 1 }
                var first = start, last = start + item.duration
                var fadeIn: Range<Int64>?, fadeOut: Range<Int64>?
                if index > 0, case .clip(let previous) = track.items[index - 1], let transition = previous.transitionOut,
                   case .clip = item {
                    first = start - transition.inOffset
                    fadeIn = sample(ofFrame: first, rate: rate)..<sample(ofFrame: start + transition.outOffset, rate: rate)
                }
                // A transition never reaches back past the start of the clip before it, so once an
                // item sounds no earlier than the range's end, neither does any later one.
                if sample(ofFrame: first, rate: rate) >= range.upperBound { break }
                guard case .clip(let clip) = item, clip.enabled, clip.media != Clip.generatedMedia,
                      clip.speed?.isFreeze != true,
                      // Reverse sounds backwards at −100%; other reverse speeds are silent.
                      clip.speed.map { !$0.isReversed || $0.numerator == $0.denominator } ?? true else { continue }
                // A nested clip sounds wherever it sits; on a video track nothing else does.
                if clip.sequence == nil {
                    guard track.kind == .audio, let reference = project.mediaReference(clip.media), !reference.isOffline,
                          reference.audio != nil else { continue }
                }
                if let transition = clip.transitionOut, index + 1 < track.items.count, case .clip = track.items[index + 1] {
                    let end = start + clip.duration
                    last = end + transition.outOffset
                    fadeOut = sample(ofFrame: end - transition.inOffset, rate: rate)..<sample(ofFrame: last, rate: rate)
                }
                let record = sample(ofFrame: first, rate: rate)..<sample(ofFrame: last, rate: rate)
                guard record.overlaps(range) else { continue }
                let gain = linear(dB: clip.gainDB) * trackGain
                let sourceFirstFrame = clip.source.start - (start - first)
                var segment = AudioSegment(track: t, clip: clip.id, media: clip.media, record: record,
                                           sourceStart: sample(ofFrame: sourceFirstFrame, rate: rate),
                                           left: Float(gain * pan.left), right: Float(gain * pan.right),
                                           fadeIn: fadeIn, fadeOut: fadeOut)
                if let speed = clip.speed, !speed.isNormal { segment.speed = speed }
                if let cleanup = clip.cleanup, cleanup.isActive { segment.cleanup = cleanup }
                segment.channel = clip.channel
                segment.sequence = clip.sequence
                placeEnvelope(of: clip, at: start, rate: rate, into: &segment)
                segment.trackKeyframes = trackKeyframes
                segments.append(segment)
            }
        }
        return segments
    }
}
